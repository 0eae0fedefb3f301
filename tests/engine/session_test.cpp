// Session::Apply: what the panels' requests do to the run: live edits and pushes act only on the
// live view, presets and new bodies ask for a restart with the scene changed, bad presets are
// refused with a message, exports write the history.
#include "engine/session.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

sim::SceneDesc OnePose() {
  sim::SceneDesc scene;
  scene.name = "one";
  scene.source_path = "<test scene one>";
  sim::RunnerDesc r;
  r.name = "p";
  r.controller.type = "pose";
  scene.runners.push_back(r);
  return scene;
}

struct Fixture {
  sim::SceneDesc scene = OnePose();
  std::unique_ptr<sim::Simulation> sim;
  Session session;

  Fixture() {
    auto created = sim::Simulation::Create(scene);
    EXPECT_TRUE(created.ok()) << created.error();
    sim = std::move(created).value();
    session.Reset(*sim);
  }
  void Steps(int n) {
    for (int i = 0; i < n; ++i) {
      session.BeforeStep(sim.get());
      ASSERT_FALSE(sim->Step().diverged);
      session.AfterStep(*sim);
    }
  }
};

TEST(SessionApply, LiveEditsAndPushesActOnTheLiveRunOnly) {
  Fixture f;
  f.Steps(50);
  SessionRequests live;
  ControllerEdits lean;
  lean.lean_deg = 15.0;
  live.live_edits.emplace_back(0, lean);
  live.pushes.push_back({0, PushDirection::kForward, 25.0});
  EXPECT_FALSE(f.session.Apply(live, &f.scene, f.sim.get()));
  // Shown at once (pending), in force after the next step, logged for replay.
  EXPECT_EQ(f.session.ShownParams(*f.sim, 0).lean_deg, 15.0);
  f.Steps(1);
  EXPECT_EQ(f.sim->controller_params(0).lean_deg, 15.0);
  ASSERT_EQ(f.session.record().log().size(), 2u);
  ASSERT_TRUE(f.session.record().last_push(0).has_value());
  EXPECT_NEAR(f.session.record().last_push(0)->impulse_ns.x, 25.0, 1e-12);

  // Scrubbed, the same requests change nothing: edits wait for a branch, pushes for live.
  f.session.ScrubBy(-3);
  ASSERT_TRUE(f.session.scrubbing());
  lean.lean_deg = 20.0;
  SessionRequests scrubbed;
  scrubbed.live_edits.emplace_back(0, lean);
  scrubbed.pushes.push_back({0, PushDirection::kLeft, 25.0});
  EXPECT_FALSE(f.session.Apply(scrubbed, &f.scene, f.sim.get()));
  EXPECT_EQ(f.session.record().log().size(), 2u);
  // The panel shows the parameters at the cursor (50 steps in, before the change).
  EXPECT_EQ(f.session.ShownParams(*f.sim, 0).lean_deg, 10.0);
  SessionRequests live_again;
  live_again.go_live = true;
  f.session.Apply(live_again, &f.scene, f.sim.get());
  EXPECT_FALSE(f.session.scrubbing());
}

TEST(SessionApply, NewBodyRestartsWithTheGaitInForce) {
  Fixture f;
  f.Steps(10);
  SessionRequests edit;
  ControllerEdits cadence;
  cadence.cadence_spm = 170.0;
  edit.live_edits.emplace_back(0, cadence);
  f.session.Apply(edit, &f.scene, f.sim.get());
  SessionRequests body;
  sim::BodyDesc heavier = f.scene.runners[0].body;
  heavier.mass_kg = 85.0;
  heavier.sex = sim::Sex::kFemale;
  body.bodies = {heavier};
  EXPECT_TRUE(f.session.Apply(body, &f.scene, f.sim.get()));
  EXPECT_EQ(f.scene.runners[0].body.mass_kg, 85.0);
  EXPECT_EQ(f.scene.runners[0].body.sex, sim::Sex::kFemale);
  EXPECT_EQ(f.scene.runners[0].controller.cadence_spm, 170.0);  // carried over
}

TEST(SessionApply, PresetLoadsTheSceneOrSaysWhyNot) {
  Fixture f;
  SessionRequests missing;
  missing.preset_path = "/nonexistent/scene.json";
  EXPECT_FALSE(f.session.Apply(missing, &f.scene, f.sim.get()));
  EXPECT_TRUE(f.session.message_is_error());
  EXPECT_NE(f.session.message().find("/nonexistent/scene.json"), std::string::npos)
      << f.session.message();
  EXPECT_EQ(f.scene.name, "one");

  SessionRequests pose;
  pose.preset_path = std::string(POSELAB_SOURCE_DIR) + "/scenes/pose.json";
  EXPECT_TRUE(f.session.Apply(pose, &f.scene, f.sim.get()));
  EXPECT_EQ(f.scene.name, "pose");
  EXPECT_FALSE(f.session.message_is_error());
}

TEST(SessionApply, ExportWritesTheHistory) {
  Fixture f;
  f.Steps(100);  // 21 samples: t = 0 .. 0.1 s
  const fs::path dir =
      fs::temp_directory_path() / ("poselab_session_export_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const sim::Result<std::string> path = f.session.ExportCsv(*f.sim, dir.string());
  ASSERT_TRUE(path.ok()) << path.error();
  EXPECT_EQ(fs::path(path.value()).filename(), "one_history_001.csv");
  std::ifstream in(path.value());
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 1 + 21);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace poselab::engine
