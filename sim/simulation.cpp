// Simulation: models + world + controllers + scene events, stepped one fixed dt at a time.
#include "sim/simulation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>

#include "sim/control/controller.h"
#include "sim/draw/draw_builder.h"
#include "sim/model/human_model.h"
#include "sim/physics/world.h"

namespace poselab::sim {

namespace {

// Fall criteria: any one of these ends actuation and is reported in the summary.
constexpr double kFallPelvisHeightFraction = 0.5;  // of the standing pelvis height
constexpr double kFallTrunkTiltDeg = 60.0;         // trunk long axis from vertical

// Index of the first step that starts at or after `time_s`: scene events (pushes, scheduled
// changes) take effect in that step. Counted in steps, not compared as floating-point times.
int64_t FirstStepAt(double time_s, double dt) {
  return static_cast<int64_t>(std::ceil(time_s / dt - 1e-9));
}

}  // namespace

struct Simulation::Impl {
  SceneDesc scene;
  std::vector<std::unique_ptr<HumanModel>> models;
  std::vector<std::unique_ptr<Controller>> controllers;
  std::unique_ptr<World> world;
  std::vector<FallInfo> falls;
  std::vector<double> standing_pelvis_height;
  struct Queued {
    size_t runner;
    int segment;
    Vec3 impulse;
  };
  std::vector<Queued> queued;
  std::vector<ControllerDesc> params;                  // in force, per runner
  std::vector<std::optional<ControllerDesc>> pending;  // to apply at the next step
  std::vector<size_t> next_scheduled;                  // index into each runner's schedule
  std::vector<std::vector<double>> torques;  // per runner, held between controller updates
  int64_t control_every = 1;                  // physics steps per controller update
  double time = 0.0;
  int64_t steps = 0;

  void DetectFall(size_t r);
  void ApplyControllerChange(size_t r, const ControllerDesc& desc);
};

Simulation::Simulation(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Simulation::~Simulation() = default;

Result<std::unique_ptr<Simulation>> Simulation::Create(const SceneDesc& scene) {
  if (scene.world.assist_enabled) {
    return Error{scene.source_path +
                 ": world.assist_enabled = true: no assist force exists yet; must be false"};
  }
  auto impl = std::make_unique<Impl>();
  impl->scene = scene;
  std::vector<const HumanModel*> model_ptrs;
  std::vector<InitialPose> poses;
  std::mt19937_64 rng(scene.world.seed);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  for (size_t r = 0; r < scene.runners.size(); ++r) {
    const RunnerDesc& rd = scene.runners[r];
    impl->models.push_back(std::make_unique<HumanModel>(HumanModel::Build(rd.body)));
    const HumanModel& model = *impl->models.back();
    auto controller = MakeController(rd.controller, model);
    if (!controller.ok()) {
      return Error{scene.source_path + ": runners[" + std::to_string(r) +
                   "].controller.type: " + controller.error()};
    }
    impl->controllers.push_back(std::move(controller).value());
    for (size_t i = 0; i < rd.schedule.size(); ++i) {
      auto scheduled = MakeController(rd.schedule[i].controller, model);
      if (!scheduled.ok()) {
        return Error{scene.source_path + ": runners[" + std::to_string(r) + "].schedule[" +
                     std::to_string(i) + "].controller.type: " + scheduled.error()};
      }
    }
    InitialPose pose = impl->controllers.back()->StartPose();
    pose.x_m += rd.start_x_m;
    pose.z_m += rd.lane_z_m;
    // Seeded perturbation of the initial joint angles (off unless the scene asks for it).
    for (double& q : pose.q) q += scene.world.initial_perturbation_deg * kDegToRad * noise(rng);
    poses.push_back(pose);
    model_ptrs.push_back(&model);
  }
  impl->world = std::make_unique<World>(scene.world, model_ptrs, poses);
  for (const RunnerDesc& rd : scene.runners) impl->params.push_back(rd.controller);
  impl->pending.resize(scene.runners.size());
  impl->next_scheduled.assign(scene.runners.size(), 0);
  impl->falls.resize(scene.runners.size());
  impl->torques.resize(scene.runners.size());
  impl->control_every = std::max<int64_t>(
      1, std::llround(1.0 / (scene.world.control_rate_hz * scene.world.timestep_s)));
  for (size_t r = 0; r < scene.runners.size(); ++r) {
    impl->standing_pelvis_height.push_back(impl->models[r]->segment(kPelvis).com_ref.y);
  }
  return std::unique_ptr<Simulation>(new Simulation(std::move(impl)));
}

void Simulation::Impl::ApplyControllerChange(size_t r, const ControllerDesc& desc) {
  if (desc.type == params[r].type || controllers[r]->AcceptsType(desc.type)) {
    controllers[r]->SetParams(desc);
  } else {
    auto made = MakeController(desc, *models[r]);
    if (!made.ok()) return;  // checked when queued; scene schedules are validated on load
    controllers[r] = std::move(made).value();
  }
  params[r] = desc;
}

void Simulation::Impl::DetectFall(size_t r) {
  FallInfo& fall = falls[r];
  if (fall.fell) return;
  const RunnerState& st = world->state(r);
  std::string reason;
  const Vec3 trunk_up = st.segment_poses[kTrunk].orientation * Vec3{0.0, 1.0, 0.0};
  const double tilt_deg = std::acos(std::clamp(trunk_up.y, -1.0, 1.0)) * kRadToDeg;
  if (st.segment_poses[kPelvis].position.y <
      kFallPelvisHeightFraction * standing_pelvis_height[r]) {
    reason = "pelvis below 50% of its standing height";
  } else if (tilt_deg > kFallTrunkTiltDeg) {
    reason = "trunk tilted more than 60 degrees from vertical";
  } else if (st.non_foot_ground_contact) {
    for (const ContactPoint& c : st.contacts) {
      if (!HumanModel::IsFoot(c.segment)) {
        reason = "segment '" + models[r]->segment(c.segment).name + "' touched the ground";
        break;
      }
    }
  }
  if (!reason.empty()) fall = {true, time, reason};
}

StepStatus Simulation::Step() {
  Impl& m = *impl_;
  const double dt = m.world->timestep();
  for (size_t r = 0; r < m.controllers.size(); ++r) {
    const HumanModel& model = *m.models[r];
    // Parameter changes, between steps: scheduled ones due in this step, then live ones.
    const auto& schedule = m.scene.runners[r].schedule;
    while (m.next_scheduled[r] < schedule.size() &&
           FirstStepAt(schedule[m.next_scheduled[r]].time_s, dt) <= m.steps) {
      m.pending[r] = schedule[m.next_scheduled[r]++].controller;
    }
    if (m.pending[r]) {
      m.ApplyControllerChange(r, *m.pending[r]);
      m.pending[r].reset();
    }
    std::vector<double>& torques = m.torques[r];
    if (m.falls[r].fell) {
      // A fallen runner stops actuating (fail-safe); physics carries on.
      torques.assign(model.dof_count(), 0.0);
    } else if (m.steps % m.control_every == 0) {
      m.controllers[r]->Compute(m.world->state(r), m.time, &torques);
    }
    m.world->SetActuatorTorques(r, torques);
    // Scheduled pushes: a constant force over [time_s, time_s + duration_s), applied in every
    // step whose start lies in that window; the force is sized so the total is the impulse.
    for (const PushDesc& push : m.scene.runners[r].pushes) {
      const int64_t first = FirstStepAt(push.time_s, dt);
      const auto count = std::max<int64_t>(1, std::llround(push.duration_s / dt));
      if (m.steps >= first && m.steps < first + count) {
        const int seg = model.FindSegment(push.segment);
        m.world->QueueImpulse(
            r, seg < 0 ? kPelvis : seg,
            glm::normalize(push.direction) * (push.impulse_ns / static_cast<double>(count)));
      }
    }
  }
  for (const Impl::Queued& q : m.queued) m.world->QueueImpulse(q.runner, q.segment, q.impulse);
  m.queued.clear();

  m.world->Step();
  m.time = static_cast<double>(++m.steps) * dt;

  StepStatus status;
  for (size_t r = 0; r < m.controllers.size(); ++r) {
    const std::string problem = m.world->CheckDivergence(r);
    if (!problem.empty()) {
      char t[32];
      std::snprintf(t, sizeof(t), "%.4f", m.time);
      status.diverged = true;
      status.message = "numerical divergence at t=" + std::string(t) + " s, runner '" +
                       m.scene.runners[r].name + "', " + problem;
      return status;
    }
    m.DetectFall(r);
  }
  return status;
}

double Simulation::time() const { return impl_->time; }
int64_t Simulation::step_count() const { return impl_->steps; }
double Simulation::timestep() const { return impl_->world->timestep(); }
const SceneDesc& Simulation::scene() const { return impl_->scene; }
size_t Simulation::runner_count() const { return impl_->models.size(); }
const HumanModel& Simulation::runner_model(size_t r) const { return *impl_->models[r]; }
const RunnerState& Simulation::runner_state(size_t r) const { return impl_->world->state(r); }
const FallInfo& Simulation::fall_info(size_t r) const { return impl_->falls[r]; }
std::string Simulation::runner_phase(size_t r) const { return impl_->controllers[r]->phase(); }

void Simulation::QueueImpulse(size_t runner, int segment, const Vec3& impulse_ns) {
  impl_->queued.push_back({runner, segment, impulse_ns});
}

Status Simulation::QueueControllerChange(size_t runner, const ControllerDesc& desc) {
  if (desc.type != impl_->params[runner].type) {
    auto made = MakeController(desc, *impl_->models[runner]);
    if (!made.ok()) return Error{made.error()};
  }
  impl_->pending[runner] = desc;
  return {};
}

const ControllerDesc& Simulation::controller_params(size_t runner) const {
  return impl_->params[runner];
}

void Simulation::BuildDrawList(DrawList* out) const {
  out->Clear();
  for (size_t r = 0; r < runner_count(); ++r) {
    AppendRunnerDrawing(*impl_->models[r], impl_->world->state(r), RunnerColor(r),
                        impl_->scene.runners[r].name, out);
  }
}

uint64_t Simulation::StateHash() const { return impl_->world->StateHash(); }

}  // namespace poselab::sim
