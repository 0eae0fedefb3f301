// RunRecord and branching: a replayed log reproduces the run bit for bit, edits act from the
// branch point, live pushes act like scene pushes, ParamsAt agrees with the simulation, and the
// history and stride metrics fill from a real run.
#include "engine/run_record.h"

#include <gtest/gtest.h>

#include "engine/session.h"

namespace poselab::engine {
namespace {

// Two Pose runners in adjacent lanes (the viewer's comparison layout).
sim::SceneDesc TwoRunners() {
  sim::SceneDesc scene;
  scene.name = "two";
  scene.source_path = "<test scene two>";
  for (int i = 0; i < 2; ++i) {
    sim::RunnerDesc r;
    r.name = i == 0 ? "a" : "b";
    r.controller.type = "pose";
    r.controller.lean_deg = i == 0 ? 10.0 : 14.0;
    r.lane_z_m = 1.2 * i;
    scene.runners.push_back(r);
  }
  return scene;
}

std::unique_ptr<sim::Simulation> Create(const sim::SceneDesc& scene) {
  auto created = sim::Simulation::Create(scene);
  EXPECT_TRUE(created.ok()) << created.error();
  return created.ok() ? std::move(created).value() : nullptr;
}

// Steps `sim` (and `record`) until it has taken `step` steps.
void StepTo(sim::Simulation* sim, RunRecord* record, int64_t step) {
  while (sim->step_count() < step) {
    record->BeforeStep(sim);
    ASSERT_FALSE(sim->Step().diverged);
    record->AfterStep(*sim);
  }
}

std::unique_ptr<sim::Simulation> Finish(BranchJob* job) {
  while (!job->Continue([] { return false; })) {
  }
  EXPECT_TRUE(job->error().empty()) << job->error();
  return job->TakeSimulation();
}

TEST(Branch, ReplayingTheLogReproducesTheRunBitForBit) {
  const sim::SceneDesc scene = TwoRunners();
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  StepTo(sim.get(), &record, 100);
  sim::ControllerDesc faster = sim->controller_params(1);
  faster.cadence_spm = 170.0;
  ASSERT_TRUE(record.ChangeController(sim.get(), 1, faster).ok());
  StepTo(sim.get(), &record, 200);
  record.Push(sim.get(), 0, {-20.0, 0.0, 0.0});
  StepTo(sim.get(), &record, 300);
  const uint64_t hash_300 = sim->StateHash();
  ASSERT_EQ(record.log().size(), 2u);

  auto job = BranchJob::Start(scene, record.log(), 300, {});
  ASSERT_TRUE(job.ok()) << job.error();
  auto branch = Finish(job.value().get());
  ASSERT_TRUE(branch);
  EXPECT_EQ(branch->step_count(), 300);
  EXPECT_EQ(branch->StateHash(), hash_300);
  // The new run's record holds the same log and the same history.
  RunRecord replayed = job.value()->TakeRecord();
  ASSERT_EQ(replayed.log().size(), 2u);
  EXPECT_EQ(replayed.log()[0].step, 100);
  EXPECT_EQ(replayed.log()[1].step, 200);
  ASSERT_EQ(replayed.history().size(), record.history().size());
  EXPECT_EQ(replayed.history().sample(0, 30).com, record.history().sample(0, 30).com);
}

TEST(Branch, EditsActFromTheBranchPointOnly) {
  const sim::SceneDesc scene = TwoRunners();
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  StepTo(sim.get(), &record, 150);
  const uint64_t hash_150 = sim->StateHash();
  StepTo(sim.get(), &record, 200);
  const uint64_t hash_200 = sim->StateHash();

  std::vector<ControllerEdits> edits(2);
  edits[0].lean_deg = 20.0;
  auto job = BranchJob::Start(scene, record.log(), 150, edits);
  ASSERT_TRUE(job.ok()) << job.error();
  auto branch = Finish(job.value().get());
  ASSERT_TRUE(branch);
  EXPECT_EQ(branch->StateHash(), hash_150);  // the past is the same run's
  RunRecord branched = job.value()->TakeRecord();
  ASSERT_EQ(branched.log().size(), 1u);
  EXPECT_EQ(branched.log()[0].step, 150);
  StepTo(branch.get(), &branched, 200);
  EXPECT_EQ(branch->controller_params(0).lean_deg, 20.0);
  EXPECT_EQ(branch->controller_params(1).lean_deg, 14.0);  // not edited
  EXPECT_NE(branch->StateHash(), hash_200);                // the future is a new run
}

TEST(Branch, LivePushActsLikeTheSameScenePush) {
  // A scene push of 20 N s backward at 0.2 s over 0.1 s, and the same push given live when the
  // run reaches 0.2 s: identical runs.
  sim::SceneDesc with_push = TwoRunners();
  sim::PushDesc push;
  push.time_s = 0.2;
  push.direction = {-1.0, 0.0, 0.0};
  push.impulse_ns = 20.0;
  push.duration_s = kLivePushDurationS;
  with_push.runners[0].pushes.push_back(push);
  auto scripted = Create(with_push);
  auto live = Create(TwoRunners());
  ASSERT_TRUE(scripted && live);
  RunRecord scripted_record(*scripted), live_record(*live);
  StepTo(scripted.get(), &scripted_record, 400);
  StepTo(live.get(), &live_record, 200);
  live_record.Push(live.get(), 0, DirectionVector(PushDirection::kBackward) * 20.0);
  StepTo(live.get(), &live_record, 400);
  EXPECT_EQ(live->StateHash(), scripted->StateHash());
  StepTo(live.get(), &live_record, 800);
  ASSERT_TRUE(live_record.last_push(0).has_value());
  EXPECT_NEAR(live_record.last_push(0)->time_s, 0.2, 1e-9);
  EXPECT_FALSE(live_record.last_push(1).has_value());
  // The history shows the push while it acts and a little after, then not.
  const History& h = live_record.history();
  const size_t at_push = h.IndexAtOrBefore(0.25).value();
  EXPECT_FLOAT_EQ(h.sample(0, at_push).push_ns.x, -20.0f);
  EXPECT_FLOAT_EQ(h.sample(1, at_push).push_ns.x, 0.0f);
  const size_t later = h.IndexAtOrBefore(0.2 + kPushShowS + 0.05).value();
  EXPECT_FLOAT_EQ(h.sample(0, later).push_ns.x, 0.0f);
}

TEST(RunRecord, ParamsAtAgreesWithTheSimulationEveryStep) {
  // A scheduled change at 0.05 s (step 50), live changes at steps 30 and 50 (the scheduled one
  // wins that tie) and 70.
  sim::SceneDesc scene = TwoRunners();
  sim::ScheduledChange change;
  change.time_s = 0.05;
  change.controller = scene.runners[0].controller;
  change.controller.lean_deg = 12.0;
  scene.runners[0].schedule = {change};
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  const std::vector<std::pair<int64_t, double>> live = {{30, 14.0}, {50, 16.0}, {70, 18.0}};
  size_t next = 0;
  for (int64_t k = 0; k <= 90; ++k) {
    ASSERT_EQ(sim->step_count(), k);
    EXPECT_EQ(record.ParamsAt(scene, 0, k).lean_deg, sim->controller_params(0).lean_deg)
        << "after " << k << " steps";
    EXPECT_EQ(record.ParamsAt(scene, 1, k).lean_deg, sim->controller_params(1).lean_deg);
    if (next < live.size() && live[next].first == k) {
      sim::ControllerDesc d = sim->controller_params(0);
      d.lean_deg = live[next++].second;
      ASSERT_TRUE(record.ChangeController(sim.get(), 0, d).ok());
    }
    StepTo(sim.get(), &record, k + 1);
  }
  EXPECT_EQ(sim->controller_params(0).lean_deg, 18.0);
}

TEST(RunRecord, RefusedControllerTypeIsNotLogged) {
  auto sim = Create(TwoRunners());
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  sim::ControllerDesc bad = sim->controller_params(0);
  bad.type = "moonwalk";
  EXPECT_FALSE(record.ChangeController(sim.get(), 0, bad).ok());
  EXPECT_TRUE(record.log().empty());
}

TEST(RunRecord, HistoryAndStrideMetricsFillFromARun) {
  auto sim = Create(TwoRunners());
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  StepTo(sim.get(), &record, 3000);  // 3 s
  const History& h = record.history();
  // 200 Hz from t = 0: 601 samples, 5 steps apart.
  ASSERT_EQ(h.size(), 601u);
  EXPECT_EQ(h.time(1).step, 5);
  EXPECT_NEAR(h.newest_time_s(), 3.0, 1e-9);
  for (size_t r = 0; r < 2; ++r) {
    float peak_grf = 0.0f, peak_knee = 0.0f;
    int stance_samples = 0;
    for (size_t i = h.size() / 2; i < h.size(); ++i) {
      const RunnerSample& s = h.sample(r, i);
      peak_grf = std::max(peak_grf, s.grf_total_bw());
      peak_knee = std::max(peak_knee, std::max(s.moment_nm_kg[0][1], s.moment_nm_kg[1][1]));
      stance_samples += s.in_stance() ? 1 : 0;
      // No vertical force in flight (the detector's thresholds are 2-5% BW); samples next to a
      // touchdown or toe-off average over the event, so only mid-flight ones are checked.
      const bool mid_flight = !s.in_stance() && !h.sample(r, i - 1).in_stance() &&
                              (i + 1 == h.size() || !h.sample(r, i + 1).in_stance());
      if (mid_flight) {
        EXPECT_LT(s.grf_total_bw(), 0.1f) << "t = " << h.time(i).time_s;
      }
    }
    // Running: stance and flight alternate, and landings load the body well above 1 BW.
    EXPECT_GT(peak_grf, 1.5f) << "runner " << r;
    EXPECT_GT(stance_samples, 50) << "runner " << r;
    EXPECT_LT(stance_samples, 290) << "runner " << r;
    EXPECT_GT(peak_knee, 0.5f) << "runner " << r;  // a knee extensor moment in stance
    EXPECT_FALSE(h.phase_name(r, h.sample(r, h.size() - 1).phase).empty());

    const StrideMetrics* m = record.metrics(r).latest();
    ASSERT_NE(m, nullptr) << "no stride metrics after 3 s";
    ASSERT_TRUE(m->cadence_spm.has_value());
    EXPECT_GT(*m->cadence_spm, 140.0);
    EXPECT_LT(*m->cadence_spm, 230.0);
    EXPECT_TRUE(m->contact_time_s.has_value());
    EXPECT_TRUE(m->peak_grf_bw.has_value());
    EXPECT_FALSE(m->strike.empty());
    EXPECT_EQ(record.metrics(r).At(0.5), nullptr);  // before the first completed strides
    EXPECT_EQ(record.metrics(r).At(3.0), m);
  }
}

TEST(RunRecord, StrideMetricsStopAtAFall) {
  // A 150 N s sideways push at 2.5 s knocks runner "a" over; "b" runs on.
  auto sim = Create(TwoRunners());
  ASSERT_TRUE(sim);
  RunRecord record(*sim);
  StepTo(sim.get(), &record, 2500);
  record.Push(sim.get(), 0, DirectionVector(PushDirection::kRight) * 150.0);
  StepTo(sim.get(), &record, 6000);
  const sim::FallInfo& fall = sim->fall_info(0);
  ASSERT_TRUE(fall.fell) << "the push should have knocked runner a over";
  ASSERT_FALSE(sim->fall_info(1).fell);
  ASSERT_NE(record.metrics(0).latest(), nullptr);
  EXPECT_LE(record.metrics(0).latest()->time_s, fall.time_s);
  ASSERT_NE(record.metrics(1).latest(), nullptr);
  EXPECT_GT(record.metrics(1).latest()->time_s, 5.0);
}

TEST(Session, BranchNeedsAScrubbedPointAndSaysWhatChanged) {
  auto sim = Create(TwoRunners());
  ASSERT_TRUE(sim);
  Session session;
  session.Reset(*sim);
  while (sim->step_count() < 100) {
    session.BeforeStep(sim.get());
    ASSERT_FALSE(sim->Step().diverged);
    session.AfterStep(*sim);
  }
  EXPECT_FALSE(session.StartBranch(*sim, {}).ok());  // live: nothing to branch from
  session.ScrubBy(-4);                               // 20 ms back: step 80
  ASSERT_TRUE(session.scrubbing());
  EXPECT_NEAR(session.shown_time_s(), 0.080, 1e-9);
  std::vector<ControllerEdits> edits(2);
  edits[1].cadence_spm = 170.0;
  ASSERT_TRUE(session.StartBranch(*sim, edits).ok());
  std::unique_ptr<sim::Simulation> branch;
  while (!branch) branch = session.ContinueBranch([] { return false; });
  EXPECT_EQ(branch->step_count(), 80);
  EXPECT_FALSE(session.scrubbing());
  EXPECT_NE(session.branch_note().find("t = 0.08 s"), std::string::npos) << session.branch_note();
  EXPECT_NE(session.branch_note().find("cadence 180 -> 170 spm"), std::string::npos)
      << session.branch_note();
  // A restart is a run from t = 0 again: no branch note.
  auto restarted = Create(TwoRunners());
  ASSERT_TRUE(restarted);
  session.Reset(*restarted);
  EXPECT_TRUE(session.branch_note().empty());
}

TEST(Metrics, StrikeLabelAndFormatting) {
  EXPECT_EQ(StrikeLabel({4, 0, 0}), "rearfoot");
  EXPECT_EQ(StrikeLabel({0, 0, 3}), "forefoot");
  EXPECT_EQ(StrikeLabel({1, 3, 0}), "midfoot 3/4");
  EXPECT_EQ(StrikeLabel({0, 0, 0}), "");
  EXPECT_EQ(FormatMetric(std::nullopt, "%.2f"), "-");
  EXPECT_EQ(FormatMetric(2.456, "%.2f BW"), "2.46 BW");
}

}  // namespace
}  // namespace poselab::engine
