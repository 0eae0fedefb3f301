// Run record: analysis, history sampling, live-command log and replay, branching.
#include "engine/run_record.h"

#include <algorithm>
#include <cmath>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::engine {
namespace {

// "Body weight" as the load analysis defines it (mass times standard gravity).
constexpr double kGravity = 9.81;

// The step in which a scene schedule entry at `time_s` takes effect: Simulation::Step counts
// whole steps, ceil(time / dt), with the same 1e-9 guard against rounding.
int64_t ScheduledStep(double time_s, double dt) {
  return static_cast<int64_t>(std::ceil(time_s / dt - 1e-9));
}

}  // namespace

const char* ToString(PushDirection direction) {
  switch (direction) {
    case PushDirection::kForward:
      return "forward";
    case PushDirection::kBackward:
      return "backward";
    case PushDirection::kLeft:
      return "left";
    case PushDirection::kRight:
      return "right";
  }
  return "?";
}

sim::Vec3 DirectionVector(PushDirection direction) {
  switch (direction) {
    case PushDirection::kForward:
      return {1.0, 0.0, 0.0};
    case PushDirection::kBackward:
      return {-1.0, 0.0, 0.0};
    case PushDirection::kLeft:
      return {0.0, 0.0, -1.0};
    case PushDirection::kRight:
      return {0.0, 0.0, 1.0};
  }
  return {0.0, 0.0, 0.0};
}

RunRecord::RunRecord(const sim::Simulation& sim)
    : history_(sim.runner_count(), History::CapacityFor(sim.timestep()),
               History::SampleEverySteps(sim.timestep())),
      last_push_(sim.runner_count()),
      events_seen_(sim.runner_count(), 0),
      in_contact_(sim.runner_count(), {false, false}) {
  POSELAB_ASSERT(sim.step_count() == 0, "a RunRecord starts with its run");
  metrics_.resize(sim.runner_count());
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const sim::HumanModel& model = sim.runner_model(r);
    stats_.emplace_back(model);
    mass_kg_.push_back(model.total_mass_kg());
    std::array<std::array<int, kPlotJoints>, 2> dofs{};
    for (int leg = 0; leg < 2; ++leg) {
      const std::string side = leg == 0 ? "left_" : "right_";
      dofs[leg] = {model.FindDof(side + "hip_flexion"), model.FindDof(side + "knee_flexion"),
                   model.FindDof(side + "ankle_dorsiflexion")};
      for (int d : dofs[leg]) POSELAB_ASSERT(d >= 0, "the model lacks a sagittal leg DOF");
    }
    dofs_.push_back(dofs);
  }
  Sample(sim);
}

sim::Status RunRecord::Issue(sim::Simulation* sim, const Command& command) {
  if (command.kind == Command::Kind::kController) {
    // A refused change (unknown type) is neither applied nor logged.
    const sim::Status ok = sim->QueueControllerChange(command.runner, command.controller);
    if (!ok.ok()) return ok;
  } else {
    // Spread like a scene push: a constant force over whole steps summing to the impulse.
    const double dt = sim->timestep();
    ActivePush push;
    push.runner = command.runner;
    push.first_step = sim->step_count();
    push.steps = std::max<int64_t>(1, std::llround(kLivePushDurationS / dt));
    push.per_step_ns = command.impulse_ns / static_cast<double>(push.steps);
    pushes_.push_back(push);
    last_push_[command.runner] = PushRecord{sim->time(), command.impulse_ns};
  }
  Command logged = command;
  logged.step = sim->step_count();
  log_.push_back(std::move(logged));
  return {};
}

sim::Status RunRecord::ChangeController(sim::Simulation* sim, size_t runner,
                                        const sim::ControllerDesc& desc) {
  Command command;
  command.kind = Command::Kind::kController;
  command.runner = runner;
  command.controller = desc;
  return Issue(sim, command);
}

void RunRecord::Push(sim::Simulation* sim, size_t runner, const sim::Vec3& impulse_ns) {
  Command command;
  command.kind = Command::Kind::kPush;
  command.runner = runner;
  command.impulse_ns = impulse_ns;
  (void)Issue(sim, command);  // pushes are always accepted
}

void RunRecord::SetScript(std::vector<Command> script) {
  std::stable_sort(script.begin(), script.end(),
                   [](const Command& a, const Command& b) { return a.step < b.step; });
  script_ = std::move(script);
  script_next_ = 0;
}

void RunRecord::BeforeStep(sim::Simulation* sim) {
  const int64_t step = sim->step_count();
  while (script_next_ < script_.size() && script_[script_next_].step <= step) {
    // Replayed commands were accepted when first issued, so they are accepted again.
    if (script_[script_next_].step == step) (void)Issue(sim, script_[script_next_]);
    ++script_next_;
  }
  for (const ActivePush& p : pushes_) {
    if (step >= p.first_step && step < p.first_step + p.steps) {
      sim->QueueImpulse(p.runner, sim::kPelvis, p.per_step_ns);
    }
  }
  pushes_.erase(
      std::remove_if(pushes_.begin(), pushes_.end(),
                     [step](const ActivePush& p) { return step + 1 >= p.first_step + p.steps; }),
      pushes_.end());
}

void RunRecord::AfterStep(const sim::Simulation& sim) {
  const double dt = sim.timestep();
  for (size_t r = 0; r < stats_.size(); ++r) {
    stats_[r].Observe(sim.runner_state(r), dt);
    // A fallen runner's "strides" are limbs on the ground: the table keeps its last figures.
    if (!sim.fall_info(r).fell) metrics_[r].Update(stats_[r], dt);
    // Contact state per foot from the gait analysis's touchdown/toe-off events.
    const std::vector<sim::GaitEvent>& events = stats_[r].gait().events();
    for (; events_seen_[r] < events.size(); ++events_seen_[r]) {
      const sim::GaitEvent& e = events[events_seen_[r]];
      in_contact_[r][e.foot] = e.type == sim::GaitEvent::Type::kTouchdown;
    }
  }
  if (sim.step_count() % history_.sample_every_steps() == 0) Sample(sim);
}

void RunRecord::Sample(const sim::Simulation& sim) {
  std::vector<RunnerSample> samples(stats_.size());
  for (size_t r = 0; r < stats_.size(); ++r) {
    const sim::RunnerState& st = sim.runner_state(r);
    RunnerSample& s = samples[r];
    for (int g = 0; g < sim::kSegCount; ++g) {
      s.segment_position[g] = glm::vec3(st.segment_poses[g].position);
      s.segment_orientation[g] = glm::quat(st.segment_poses[g].orientation);
    }
    s.com = glm::vec3(st.com);
    s.com_velocity = glm::vec3(st.com_velocity);
    // Means since the previous sample (zeros before the analysis has seen two states).
    const sim::LoadSample loads = stats_[r].TakeLoadSample();
    const double mass = mass_kg_[r];
    for (int f = 0; f < 2; ++f) {
      s.foot_force[f] = glm::vec3(st.foot_force[f]);
      const int foot = f == 0 ? sim::kLeftFoot : sim::kRightFoot;
      if (const auto cop = sim::CentreOfPressure(st, foot, 1.0)) {
        s.cop[f] = glm::vec3(*cop);
        s.cop_valid[f] = true;
      }
      s.stance[f] = in_contact_[r][f];
      s.grf_y_bw[f] = static_cast<float>(loads.grf[f].y / (mass * kGravity));
      for (int j = 0; j < kPlotJoints; ++j) {
        const int dof = dofs_[r][f][j];
        const double moment = dof < static_cast<int>(loads.moment.size()) ? loads.moment[dof] : 0.0;
        // The DOFs are flexion (dorsiflexion) positive; running plots show extensors up.
        s.moment_nm_kg[f][j] = static_cast<float>(-moment / mass);
        s.power_w_kg[f][j] = static_cast<float>(loads.power[f][j] / mass);
      }
    }
    if (const auto& push = last_push_[r]; push && sim.time() - push->time_s < kPushShowS) {
      s.push_ns = glm::vec3(push->impulse_ns);
    }
    s.phase = history_.InternPhase(r, sim.runner_phase(r));
  }
  history_.Push({sim.time(), sim.step_count()}, samples);
}

sim::ControllerDesc RunRecord::ParamsAt(const sim::SceneDesc& scene, size_t runner,
                                        int64_t step) const {
  const sim::RunnerDesc& rd = scene.runners.at(runner);
  const double dt = scene.world.timestep_s;
  // The last scheduled entry and the last logged change that acted within the first `step`
  // steps; the later one wins, the schedule on a tie (it overwrites a pending live change).
  const sim::ControllerDesc* scheduled = nullptr;
  int64_t scheduled_step = -1;
  for (const sim::ScheduledChange& change : rd.schedule) {
    const int64_t s = ScheduledStep(change.time_s, dt);
    if (s >= step) break;
    scheduled = &change.controller;
    scheduled_step = s;
  }
  const sim::ControllerDesc* live = nullptr;
  int64_t live_step = -1;
  for (const Command& c : log_) {
    if (c.step >= step) break;
    if (c.kind != Command::Kind::kController || c.runner != runner) continue;
    live = &c.controller;
    live_step = c.step;
  }
  if (live != nullptr && live_step > scheduled_step) return *live;
  if (scheduled != nullptr) return *scheduled;
  return rd.controller;
}

sim::ControllerDesc ControllerEdits::ApplyTo(sim::ControllerDesc desc) const {
  if (type) desc.type = *type;
  if (lean_deg) desc.lean_deg = *lean_deg;
  if (cadence_spm) desc.cadence_spm = *cadence_spm;
  if (landing_offset_m) desc.landing_offset_m = *landing_offset_m;
  return desc;
}

sim::Result<std::unique_ptr<BranchJob>> BranchJob::Start(const sim::SceneDesc& scene,
                                                         const std::vector<Command>& log,
                                                         int64_t at_step,
                                                         std::vector<ControllerEdits> edits) {
  sim::Result<std::unique_ptr<sim::Simulation>> created = sim::Simulation::Create(scene);
  if (!created.ok()) return sim::Error{created.error()};
  std::unique_ptr<BranchJob> job(new BranchJob());
  job->sim_ = std::move(created).value();
  edits.resize(job->sim_->runner_count());
  job->record_ = RunRecord(*job->sim_);
  std::vector<Command> script;
  for (const Command& c : log) {
    if (c.step < at_step) script.push_back(c);
  }
  job->record_.SetScript(std::move(script));
  job->at_step_ = std::max<int64_t>(0, at_step);
  job->edits_ = std::move(edits);
  if (job->at_step_ == 0) job->StepOne();  // nothing to re-simulate: apply the edits now
  return job;
}

bool BranchJob::Continue(const std::function<bool()>& out_of_time) {
  for (int i = 0; !done_; ++i) {
    StepOne();
    if ((i & 15) == 15 && out_of_time()) break;
  }
  return done_;
}

void BranchJob::StepOne() {
  if (done_) return;
  if (sim_->step_count() < at_step_) {
    record_.BeforeStep(sim_.get());
    const sim::StepStatus status = sim_->Step();
    if (status.diverged) {
      error_ = "the re-simulation diverged before the branch point: " + status.message;
      done_ = true;
      return;
    }
    record_.AfterStep(*sim_);
    return;
  }
  // At the branch point: the edits act from here, logged like live changes.
  for (size_t r = 0; r < edits_.size(); ++r) {
    if (!edits_[r].any()) continue;
    const sim::Status ok =
        record_.ChangeController(sim_.get(), r, edits_[r].ApplyTo(sim_->controller_params(r)));
    if (!ok.ok()) error_ = ok.error();
  }
  done_ = true;
}

double BranchJob::progress() const {
  if (at_step_ <= 0) return 1.0;
  return std::min(1.0, static_cast<double>(sim_ ? sim_->step_count() : at_step_) /
                           static_cast<double>(at_step_));
}

double BranchJob::at_time_s() const {
  return static_cast<double>(at_step_) * (sim_ ? sim_->timestep() : 0.0);
}

}  // namespace poselab::engine
