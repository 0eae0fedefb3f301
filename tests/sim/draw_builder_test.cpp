// Overlay decisions of the draw builder: the load colour scales (a larger load is the hotter
// colour; power is signed), the lean angle, and what AppendRunnerOverlays draws for given
// figures on a real body.
#include "sim/draw/draw_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

using test::CreateOrFail;
using test::Shipped;

bool SameColor(const Color& a, const Color& b) {
  return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

const DrawLabel* FindLabel(const DrawList& list, const std::string& part) {
  for (const DrawLabel& l : list.labels) {
    if (l.text.find(part) != std::string::npos) return &l;
  }
  return nullptr;
}

TEST(LoadColors, ALargerLoadIsTheHotterColor) {
  for (LoadQuantity q : {LoadQuantity::kReactionForce, LoadQuantity::kNetMoment}) {
    const LoadScale scale = LoadScaleFor(q);
    ASSERT_FALSE(scale.diverging);
    ASSERT_LT(scale.min, scale.max);
    // Hotter = further from white towards red: green and blue both fall, red stays high.
    Color previous = LoadColor(scale.min, scale);
    for (int i = 1; i <= 20; ++i) {
      const double v = scale.min + (scale.max - scale.min) * i / 20.0;
      const Color c = LoadColor(v, scale);
      EXPECT_LT(c.g, previous.g) << scale.title << " at " << v;
      EXPECT_LE(c.b, previous.b) << scale.title << " at " << v;
      EXPECT_GT(c.r, 0.75f);
      previous = c;
    }
  }
}

TEST(LoadColors, ValuesOutsideTheScaleSaturate) {
  const LoadScale scale = LoadScaleFor(LoadQuantity::kReactionForce);
  EXPECT_TRUE(SameColor(LoadColor(10.0 * scale.max, scale), LoadColor(scale.max, scale)));
  EXPECT_TRUE(SameColor(LoadColor(scale.min - 1.0, scale), LoadColor(scale.min, scale)));
  EXPECT_TRUE(SameColor(LoadColor(std::nan(""), scale), LoadColor(scale.min, scale)));
}

TEST(LoadColors, PowerIsSignedVioletForAbsorbingRedForGenerating) {
  const LoadScale scale = LoadScaleFor(LoadQuantity::kPower);
  ASSERT_TRUE(scale.diverging);
  EXPECT_EQ(scale.min, -scale.max);  // zero sits in the middle of the legend
  EXPECT_STREQ(scale.unit, "W/kg");
  const Color absorbing = LoadColor(-0.8 * scale.max, scale);
  const Color zero = LoadColor(0.0, scale);
  const Color generating = LoadColor(0.8 * scale.max, scale);
  EXPECT_GT(absorbing.b, absorbing.r);    // violet-blue
  EXPECT_GT(generating.r, generating.b);  // red
  // Zero is near white: every channel high and alike.
  EXPECT_GT(std::min({zero.r, zero.g, zero.b}), 0.85f);
  // More power either way moves further from white.
  EXPECT_LT(LoadColor(-scale.max, scale).g, absorbing.g);
  EXPECT_LT(LoadColor(scale.max, scale).g, generating.g);
}

TEST(LoadColors, ScalesNameTheirUnits) {
  EXPECT_STREQ(LoadScaleFor(LoadQuantity::kReactionForce).unit, "BW");
  EXPECT_STREQ(LoadScaleFor(LoadQuantity::kNetMoment).unit, "N m/kg");
  LiveJointLoad load;
  load.reaction_bw = 2.0;
  load.moment_nm_kg = -1.5;  // a plantarflexor moment is shown by its size
  load.power_w_kg = -4.0;    // power keeps its sign
  EXPECT_EQ(LoadValue(load, LoadQuantity::kReactionForce), 2.0);
  EXPECT_EQ(LoadValue(load, LoadQuantity::kNetMoment), 1.5);
  EXPECT_EQ(LoadValue(load, LoadQuantity::kPower), -4.0);
}

TEST(PoseOverlays, LeanAngleIsFromVerticalPositiveForward) {
  const Vec3 support{2.0, 0.0, 0.5};
  EXPECT_NEAR(LeanAngleDeg(support, support + Vec3{std::tan(10.0 * kDegToRad), 1.0, 0.0}), 10.0,
              1e-9);
  EXPECT_NEAR(LeanAngleDeg(support, support + Vec3{-0.1, 1.0, 0.3}),
              -std::atan(0.1) * kRadToDeg, 1e-9);  // sideways offsets do not count
  EXPECT_NEAR(LeanAngleDeg(support, support + Vec3{0.0, 1.0, 0.0}), 0.0, 1e-12);
}

// A real body at its start pose, with figures we choose.
class OverlayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = CreateOrFail(Shipped("scenes/pose.json"));
    ASSERT_NE(sim_, nullptr);
  }
  const HumanModel& model() const { return sim_->runner_model(0); }
  const RunnerState& state() const { return sim_->runner_state(0); }
  std::unique_ptr<Simulation> sim_;
};

TEST_F(OverlayTest, JointsAreColouredByTheChosenLoad) {
  LiveFigures figures;
  figures.has_loads = true;
  figures.legs[0][kLegKnee].reaction_bw = 3.0;
  figures.legs[0][kLegHip].reaction_bw = 0.5;
  figures.legs[1][kLegAnkle].power_w_kg = -10.0;
  OverlayOptions options;
  options.pose = false;
  options.phase = false;
  DrawList list;
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  ASSERT_EQ(list.spheres.size(), 6u);  // hip, knee, ankle of both legs
  const LoadScale force = LoadScaleFor(LoadQuantity::kReactionForce);
  const auto knee = JointPivotWorld(model(), state(), model().leg(Side::kLeft).knee);
  bool found_knee = false;
  for (const DrawSphere& s : list.spheres) {
    if (glm::length(s.center - knee) > 1e-12) continue;
    found_knee = true;
    EXPECT_TRUE(SameColor(s.color, LoadColor(3.0, force)));
    EXPECT_GT(s.radius, 0.03);
  }
  EXPECT_TRUE(found_knee);

  // The same figures under the power scale: the absorbing ankle turns violet.
  options.quantity = LoadQuantity::kPower;
  list.Clear();
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  const auto ankle = JointPivotWorld(model(), state(), model().leg(Side::kRight).ankle);
  for (const DrawSphere& s : list.spheres) {
    if (glm::length(s.center - ankle) < 1e-12) {
      EXPECT_GT(s.color.b, s.color.r);
    }
  }

  // No loads yet (fewer than two states observed): no coloured joints at all.
  figures.has_loads = false;
  list.Clear();
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  EXPECT_TRUE(list.spheres.empty());
}

TEST_F(OverlayTest, JointMarkersStandOutOfTheLimbs) {
  for (Side side : {Side::kLeft, Side::kRight}) {
    const int knee = model().leg(side).knee;
    double thigh_radius = 0.0;
    for (const Collider& c : model().segment(HumanModel::Thigh(side)).colliders) {
      thigh_radius = std::max(thigh_radius, c.radius);
    }
    EXPECT_GT(JointMarkerRadius(model(), knee), thigh_radius);
  }
}

TEST_F(OverlayTest, JointArrowsEndAtTheJointAndScaleWithBodyWeight) {
  LiveFigures figures;
  figures.has_loads = true;
  const double weight = model().total_mass_kg() * 9.81;
  figures.legs[1][kLegKnee].reaction_n = {0.0, -2.0 * weight, 0.0};
  figures.legs[1][kLegKnee].reaction_bw = 2.0;
  OverlayOptions options;
  options.joint_loads = false;
  options.joint_arrows = true;
  options.pose = false;
  DrawList list;
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  ASSERT_EQ(list.arrows.size(), 1u);  // the other joints carry nothing
  const DrawArrow& arrow = list.arrows[0];
  const auto knee = JointPivotWorld(model(), state(), model().leg(Side::kRight).knee);
  EXPECT_NEAR(glm::length(arrow.origin + arrow.vector - knee), 0.0, 1e-12);
  EXPECT_NEAR(arrow.vector.y, -2.0 * kForceArrowMPerBw, 1e-9);
  EXPECT_TRUE(arrow.overlay);
}

TEST_F(OverlayTest, LeanLineRunsFromTheSupportThroughTheCom) {
  // Load the left foot with the state's own contacts: the start pose is a flight apex, so give
  // the foot a contact under it.
  RunnerState st = state();
  const Vec3 foot = st.segment_poses[kLeftFoot].position;
  st.contacts = {ContactPoint{kLeftFoot, "met1", {foot.x + 0.05, 0.0, foot.z}, {0, 1500, 0}}};
  st.foot_force[0] = {0, 1500, 0};
  LiveFigures figures;
  figures.foot_loaded = {true, false};
  OverlayOptions options;
  options.joint_loads = false;
  DrawList list;
  AppendRunnerOverlays(model(), st, figures, "fall", {}, options, &list);
  ASSERT_FALSE(list.lines.empty());
  const DrawLine& lean = list.lines[0];
  EXPECT_NEAR(glm::length(lean.a - Vec3{foot.x + 0.05, 0.0, foot.z}), 0.0, 1e-12);
  // The COM lies on the line, between its ends.
  const Vec3 along = glm::normalize(lean.b - lean.a);
  const Vec3 to_com = st.com - lean.a;
  EXPECT_NEAR(glm::length(to_com - glm::dot(to_com, along) * along), 0.0, 1e-9);
  EXPECT_LT(glm::dot(to_com, along), glm::length(lean.b - lean.a));
  EXPECT_GT(lean.width_m, 0.0);  // a tube, visible on a projector
  EXPECT_TRUE(lean.overlay);
  const DrawLabel* angle = FindLabel(list, "lean ");
  ASSERT_NE(angle, nullptr);
  char expected[32];
  std::snprintf(expected, sizeof(expected), "lean %.1f", LeanAngleDeg(lean.a, st.com));
  EXPECT_EQ(angle->text.rfind(expected, 0), 0u) << angle->text;
  ASSERT_NE(FindLabel(list, "fall"), nullptr);

  // In flight there is no support point and so no lean line.
  figures.foot_loaded = {false, false};
  list.Clear();
  AppendRunnerOverlays(model(), st, figures, "flight", {}, options, &list);
  EXPECT_EQ(FindLabel(list, "lean "), nullptr);
}

TEST_F(OverlayTest, LastLandingIsMarkedWithItsDistanceFromTheCom) {
  LiveFigures figures;
  figures.last_touchdown = TouchdownMark{1, 0.5, {3.14, 0.0, 0.1}, {3.0, 0.95, 0.1}, 0.14};
  OverlayOptions options;
  options.joint_loads = false;
  DrawList list;
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  const DrawLabel* landed = FindLabel(list, "landed");
  ASSERT_NE(landed, nullptr);
  EXPECT_EQ(landed->text, "landed 14 cm ahead of COM");
  ASSERT_EQ(list.boxes.size(), 1u);  // the footprint, on the ground at the contact
  EXPECT_NEAR(list.boxes[0].pose.position.x, 3.14, 1e-12);
  EXPECT_LT(list.boxes[0].pose.position.y, 0.01);

  figures.last_touchdown->landing_distance_m = -0.031;
  list.Clear();
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  EXPECT_EQ(FindLabel(list, "landed")->text, "landed 3 cm behind COM");
}

TEST_F(OverlayTest, KneeOverFootMeasuresTheStanceLegOnly) {
  // The right foot on the ground under its own COM.
  RunnerState st = state();
  const Vec3 foot = st.segment_poses[kRightFoot].position;
  st.contacts = {ContactPoint{kRightFoot, "met1", {foot.x, 0.0, foot.z}, {0, 1500, 0}}};
  st.foot_force[1] = {0, 1500, 0};
  LiveFigures figures;
  figures.foot_loaded = {false, true};
  OverlayOptions options;
  options.joint_loads = false;
  DrawList list;
  AppendRunnerOverlays(model(), st, figures, "", {}, options, &list);
  const LegJoints& right = model().leg(Side::kRight);
  const Vec3 knee = JointPivotWorld(model(), st, right.knee);
  const Vec3 ankle = JointPivotWorld(model(), st, right.ankle);
  // Plumb lines from both joints straight down to the ground.
  auto count_plumbs = [&](const DrawList& l) {
    int plumbs = 0;
    for (const DrawLine& line : l.lines) {
      const bool from_joint =
          glm::length(line.a - knee) < 1e-12 || glm::length(line.a - ankle) < 1e-12;
      if (from_joint && line.b.y == 0.0 && line.b.x == line.a.x && line.b.z == line.a.z) {
        ++plumbs;
      }
    }
    return plumbs;
  };
  EXPECT_EQ(count_plumbs(list), 2);
  const DrawLabel* label = FindLabel(list, "knee");
  ASSERT_NE(label, nullptr);
  const double gap_cm = std::round((knee.x - ankle.x) * 100.0);
  if (gap_cm != 0.0) {
    EXPECT_NE(label->text.find(std::to_string(static_cast<int>(std::abs(gap_cm))) + " cm"),
              std::string::npos)
        << label->text;
  }

  // In flight no leg stands: no knee-over-foot marker.
  figures.foot_loaded = {false, false};
  list.Clear();
  AppendRunnerOverlays(model(), st, figures, "", {}, options, &list);
  EXPECT_EQ(count_plumbs(list), 0);
  EXPECT_EQ(FindLabel(list, "knee"), nullptr);
}

TEST_F(OverlayTest, JointMarkersGlowSoShadowsCannotHideTheirColour) {
  LiveFigures figures;
  figures.has_loads = true;
  OverlayOptions options;
  options.pose = false;
  DrawList list;
  AppendRunnerOverlays(model(), state(), figures, "", {}, options, &list);
  ASSERT_FALSE(list.spheres.empty());
  for (const DrawSphere& s : list.spheres) EXPECT_EQ(s.glow, 1.0f);
}

}  // namespace
}  // namespace poselab::sim
