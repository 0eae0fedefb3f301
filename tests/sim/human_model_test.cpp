// HumanModel: de Leva (1996) masses, linear scaling with stature, left/right mirror symmetry,
// joint axis conventions, Euler-angle round trips and torque caps.
#include "sim/model/human_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sim/model/joint_kinematics.h"
#include "tests/sim/test_tolerances.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: tolerances

BodyDesc Body(double height_m, double mass_kg, Sex sex) {
  BodyDesc b;
  b.height_m = height_m;
  b.mass_kg = mass_kg;
  b.sex = sex;
  return b;
}

// "left_thigh" -> "right_thigh"; empty for names without a side.
std::string MirrorName(const std::string& name) {
  if (name.rfind("left_", 0) == 0) return "right_" + name.substr(5);
  if (name.rfind("right_", 0) == 0) return "left_" + name.substr(6);
  return {};
}

Vec3 MirrorZ(const Vec3& v) { return {v.x, v.y, -v.z}; }
// A rotation axis (axial vector) reflected through the sagittal (x-y) plane.
Vec3 MirrorAxis(const Vec3& a) { return {-a.x, -a.y, a.z}; }

void ExpectVecNear(const Vec3& expected, const Vec3& actual, double tol, const std::string& what) {
  EXPECT_NEAR(expected.x, actual.x, tol) << what << " (x)";
  EXPECT_NEAR(expected.y, actual.y, tol) << what << " (y)";
  EXPECT_NEAR(expected.z, actual.z, tol) << what << " (z)";
}

// ---- Mass ----

TEST(HumanModel, SegmentMassesSumToBodyMassWithinTenthOfAPercent) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    for (double height : {1.45, 1.60, 1.75, 1.90, 2.05}) {
      for (double mass : {42.0, 55.0, 70.0, 90.0, 118.0}) {
        const HumanModel m = HumanModel::Build(Body(height, mass, sex));
        double sum = 0.0;
        for (const Segment& s : m.segments()) {
          EXPECT_GT(s.mass_kg, 0.0) << s.name;
          sum += s.mass_kg;
        }
        EXPECT_NEAR(sum, mass, kMassSumRelTol * mass)
            << ToString(sex) << ", " << height << " m, " << mass << " kg";
        EXPECT_NEAR(m.total_mass_kg(), mass, kMassSumRelTol * mass);
      }
    }
  }
}

// Published de Leva (1996, Table 4) mass fractions, typed here independently of
// anthropometry.cpp so that a typo there shows up.
struct PublishedFractions {
  Sex sex;
  double head, trunk, lower_trunk, upper_arm, forearm, hand, thigh, shank, foot;
};
constexpr PublishedFractions kDeLevaFemale = {Sex::kFemale, 0.0668, 0.4257, 0.1247, 0.0255,
                                              0.0138,       0.0056, 0.1478, 0.0481, 0.0129};
constexpr PublishedFractions kDeLevaMale = {Sex::kMale, 0.0694, 0.4346, 0.1117, 0.0271,
                                            0.0162,     0.0061, 0.1416, 0.0433, 0.0137};

TEST(HumanModel, SegmentMassFractionsMatchDeLevaForEachSex) {
  for (const PublishedFractions& p : {kDeLevaFemale, kDeLevaMale}) {
    const double mass = 70.0;
    const HumanModel m = HumanModel::Build(Body(1.75, mass, p.sex));
    auto fraction = [&](std::initializer_list<int> segs) {
      double sum = 0.0;
      for (int s : segs) sum += m.segment(s).mass_kg;
      return sum / mass;
    };
    const std::string who = ToString(p.sex);
    auto expect = [&](double published, double actual, const char* what) {
      EXPECT_NEAR(actual, published, kDeLevaFractionRelTol * published) << who << " " << what;
    };
    expect(p.head, fraction({kHead}), "head");
    expect(p.trunk, fraction({kPelvis, kTrunk}), "trunk (pelvis + upper trunk)");
    expect(p.lower_trunk, fraction({kPelvis}), "lower trunk (pelvis)");
    for (Side side : {Side::kLeft, Side::kRight}) {
      const bool left = side == Side::kLeft;
      expect(p.upper_arm, fraction({left ? kLeftUpperArm : kRightUpperArm}), "upper arm");
      expect(p.forearm + p.hand, fraction({left ? kLeftForearm : kRightForearm}), "forearm + hand");
      expect(p.thigh, fraction({HumanModel::Thigh(side)}), "thigh");
      expect(p.shank, fraction({HumanModel::Shank(side)}), "shank");
      expect(p.foot, fraction({HumanModel::Talus(side), HumanModel::Foot(side)}),
             "foot (talus carrier + foot)");
    }
  }
}

TEST(HumanModel, FemaleThighIsHeavierAndTrunkLighterThanMaleAsDeLevaSays) {
  const HumanModel female = HumanModel::Build(Body(1.75, 70.0, Sex::kFemale));
  const HumanModel male = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  // de Leva: thigh 14.78% (female) vs 14.16% (male); trunk 42.57% vs 43.46%.
  const double female_thigh = female.segment(kLeftThigh).mass_kg / 70.0;
  const double male_thigh = male.segment(kLeftThigh).mass_kg / 70.0;
  const double female_trunk =
      (female.segment(kPelvis).mass_kg + female.segment(kTrunk).mass_kg) / 70.0;
  const double male_trunk = (male.segment(kPelvis).mass_kg + male.segment(kTrunk).mass_kg) / 70.0;
  EXPECT_GT(female_thigh, male_thigh);
  EXPECT_NEAR(female_thigh - male_thigh, 0.1478 - 0.1416, 1e-4);
  EXPECT_GT(male_trunk, female_trunk);
  EXPECT_NEAR(male_trunk - female_trunk, 0.4346 - 0.4257, 1e-4);
}

// ---- Scaling with stature ----

TEST(HumanModel, LengthsAndComPositionsScaleLinearlyWithHeight) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    const HumanModel a = HumanModel::Build(Body(1.60, 70.0, sex));
    const HumanModel b = HumanModel::Build(Body(1.90, 70.0, sex));
    const double k = 1.90 / 1.60;
    const double tol = kLinearScalingRelTol * 1.90;
    EXPECT_NEAR(b.leg_length_m(), k * a.leg_length_m(), tol);
    EXPECT_NEAR(b.thigh_length_m(), k * a.thigh_length_m(), tol);
    EXPECT_NEAR(b.shank_length_m(), k * a.shank_length_m(), tol);
    EXPECT_NEAR(b.ankle_height_m(), k * a.ankle_height_m(), tol);
    EXPECT_NEAR(b.foot_length_m(), k * a.foot_length_m(), tol);
    EXPECT_NEAR(b.heel_to_ankle_m(), k * a.heel_to_ankle_m(), tol);
    ExpectVecNear(k * a.ReferenceCom(), b.ReferenceCom(), tol, "whole-body COM");
    for (int s = 0; s < kSegCount; ++s) {
      const std::string& name = a.segment(s).name;
      ExpectVecNear(k * a.segment(s).com_ref, b.segment(s).com_ref, tol, name + " COM");
      // Mass depends on body mass only, not on stature.
      EXPECT_NEAR(a.segment(s).mass_kg, b.segment(s).mass_kg, 1e-12) << name;
    }
    for (size_t j = 0; j < a.joints().size(); ++j) {
      ExpectVecNear(k * a.joint(j).pivot_ref, b.joint(j).pivot_ref, tol, a.joint(j).name);
    }
  }
}

TEST(HumanModel, ReferenceCOMHeightIsAFixedFractionOfStature) {
  // Linear scaling seen from the other side: the COM at ~55% of stature (Winter 2009: 0.55 H
  // for the standing adult), the same fraction at any height.
  const double f160 = HumanModel::Build(Body(1.60, 70.0, Sex::kMale)).ReferenceCom().y / 1.60;
  const double f190 = HumanModel::Build(Body(1.90, 70.0, Sex::kMale)).ReferenceCom().y / 1.90;
  EXPECT_NEAR(f160, f190, kLinearScalingRelTol);
  EXPECT_GT(f160, 0.52);
  EXPECT_LT(f160, 0.58);
}

// ---- Mirror symmetry ----

TEST(HumanModel, LeftAndRightSegmentsMirrorEachOther) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    const HumanModel m = HumanModel::Build(Body(1.75, 70.0, sex));
    int pairs = 0;
    for (const Segment& left : m.segments()) {
      if (left.name.rfind("left_", 0) != 0) {
        if (MirrorName(left.name).empty()) {
          EXPECT_NEAR(left.com_ref.z, 0.0, kMirrorTol) << left.name << " is on the midline";
        }
        continue;
      }
      const int r = m.FindSegment(MirrorName(left.name));
      ASSERT_GE(r, 0) << "no mirror of " << left.name;
      const Segment& right = m.segment(r);
      ++pairs;
      EXPECT_NEAR(left.mass_kg, right.mass_kg, kMirrorTol) << left.name;
      ExpectVecNear(left.inertia_kgm2, right.inertia_kgm2, kMirrorTol, left.name + " inertia");
      ExpectVecNear(MirrorZ(left.com_ref), right.com_ref, kMirrorTol, left.name + " COM");
      const std::string& lp = m.segment(left.parent).name;
      const std::string& rp = m.segment(right.parent).name;
      EXPECT_EQ(MirrorName(lp).empty() ? lp : MirrorName(lp), rp) << left.name << " parent";
      // Colliders mirror as a set (their order within a segment is free).
      ASSERT_EQ(left.colliders.size(), right.colliders.size()) << left.name;
      std::vector<bool> used(right.colliders.size(), false);
      for (size_t c = 0; c < left.colliders.size(); ++c) {
        const Collider& lc = left.colliders[c];
        bool found = false;
        for (size_t k = 0; k < right.colliders.size() && !found; ++k) {
          const Collider& rc = right.colliders[k];
          if (used[k] || rc.shape != lc.shape || rc.contact_name != lc.contact_name) continue;
          const bool mirrored = std::abs(lc.radius - rc.radius) < kMirrorTol &&
                                glm::length(lc.half_extents - rc.half_extents) < kMirrorTol &&
                                glm::length(MirrorZ(lc.center) - rc.center) < kMirrorTol &&
                                glm::length(MirrorZ(lc.a) - rc.a) < kMirrorTol &&
                                glm::length(MirrorZ(lc.b) - rc.b) < kMirrorTol;
          if (mirrored) used[k] = found = true;
        }
        EXPECT_TRUE(found) << left.name << " collider " << c << " ('" << lc.contact_name
                           << "') has no mirror image on " << right.name;
      }
    }
    EXPECT_EQ(pairs, 6);  // upper arm, forearm, thigh, shank, talus, foot
  }
}

TEST(HumanModel, LeftAndRightJointsAndDofsMirrorEachOther) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  int joint_pairs = 0;
  for (const Joint& left : m.joints()) {
    if (left.name.rfind("left_", 0) != 0) continue;
    const int r = m.FindJoint(MirrorName(left.name));
    ASSERT_GE(r, 0) << "no mirror of " << left.name;
    const Joint& right = m.joint(r);
    ++joint_pairs;
    EXPECT_EQ(left.type, right.type) << left.name;
    EXPECT_EQ(left.dof_count, right.dof_count) << left.name;
    ExpectVecNear(MirrorZ(left.pivot_ref), right.pivot_ref, kMirrorTol, left.name + " pivot");
  }
  EXPECT_EQ(joint_pairs, 6);  // shoulder, elbow, hip, knee, ankle, subtalar

  int dof_pairs = 0;
  for (const Dof& left : m.dofs()) {
    if (left.name.rfind("left_", 0) != 0) continue;
    const int r = m.FindDof(MirrorName(left.name));
    ASSERT_GE(r, 0) << "no mirror of " << left.name;
    const Dof& right = m.dof(r);
    ++dof_pairs;
    EXPECT_NEAR(left.lower_rad, right.lower_rad, kMirrorTol) << left.name;
    EXPECT_NEAR(left.upper_rad, right.upper_rad, kMirrorTol) << left.name;
    EXPECT_NEAR(left.torque_min_nm, right.torque_min_nm, kMirrorTol) << left.name;
    EXPECT_NEAR(left.torque_max_nm, right.torque_max_nm, kMirrorTol) << left.name;
    // The same anatomical motion on the other side is the mirror image of the rotation.
    ExpectVecNear(MirrorAxis(left.axis), right.axis, kMirrorTol, left.name + " axis");
  }
  EXPECT_EQ(dof_pairs, 10);  // 3 shoulder, elbow, 3 hip, knee, ankle, subtalar
}

// ---- Joint conventions ----

// The joint's k-th DOF axis must be +-`basis`.
void ExpectSignedBasis(const Vec3& axis, const Vec3& basis, const std::string& what) {
  EXPECT_NEAR(std::abs(glm::dot(axis, basis)), 1.0, kAxisTol) << what;
  EXPECT_NEAR(glm::length(axis), 1.0, kAxisTol) << what;
}

TEST(HumanModel, SphericalJointAxesAreZThenXThenY) {
  // joint_kinematics.cpp decomposes R = Rz(a) Rx(b) Ry(c); the model's DOF order must match.
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kFemale));
  int spherical = 0;
  for (const Joint& j : m.joints()) {
    if (j.type != JointType::kSpherical) continue;
    ++spherical;
    ASSERT_EQ(j.dof_count, 3) << j.name;
    ExpectSignedBasis(m.dof(j.first_dof).axis, {0, 0, 1}, j.name + " first DOF (flexion) on Z");
    ExpectSignedBasis(m.dof(j.first_dof + 1).axis, {1, 0, 0}, j.name + " second DOF on X");
    ExpectSignedBasis(m.dof(j.first_dof + 2).axis, {0, 1, 0}, j.name + " third DOF on Y");
  }
  EXPECT_EQ(spherical, 5);  // lumbar, two shoulders, two hips
}

TEST(HumanModel, ReferencePoseIsWithinEveryRangeOfMotion) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  for (const Dof& d : m.dofs()) {
    EXPECT_LT(d.lower_rad, d.upper_rad) << d.name;
    EXPECT_LE(d.lower_rad, 0.0) << d.name;
    EXPECT_GE(d.upper_rad, 0.0) << d.name;
  }
}

TEST(HumanModel, FootContactSpheresRestOnTheGroundInTheReferencePose) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  for (int foot : {kLeftFoot, kRightFoot}) {
    std::set<std::string> names;
    for (const Collider& c : m.segment(foot).colliders) {
      if (c.contact_name.empty()) continue;
      names.insert(c.contact_name);
      EXPECT_EQ(c.shape, Collider::Shape::kSphere);
      const double bottom = m.segment(foot).com_ref.y + c.center.y - c.radius;
      EXPECT_NEAR(bottom, 0.0, 1e-12) << m.segment(foot).name << " " << c.contact_name;
    }
    EXPECT_EQ(names, (std::set<std::string>{"heel", "met1", "met5", "toe"}));
  }
}

// ---- Euler-angle round trips ----

// Uniform random angles within the joint's limits, the middle (X) angle optionally narrowed.
std::vector<double> RandomAngles(const HumanModel& m, const Joint& j, std::mt19937_64* rng,
                                 double middle_max_rad) {
  std::vector<double> q(j.dof_count);
  for (int k = 0; k < j.dof_count; ++k) {
    const Dof& d = m.dof(j.first_dof + k);
    double lo = d.lower_rad, hi = d.upper_rad;
    if (j.dof_count == 3 && k == 1) {
      lo = std::max(lo, -middle_max_rad);
      hi = std::min(hi, middle_max_rad);
    }
    q[k] = std::uniform_real_distribution<double>(lo, hi)(*rng);
  }
  return q;
}

double QuatDistance(const Quat& a, const Quat& b) { return 1.0 - std::abs(glm::dot(a, b)); }

TEST(JointKinematics, AnglesRoundTripWithinLimitsForHipShoulderAndLumbar) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  std::mt19937_64 rng(20240611);
  const double middle_max = kEulerMiddleAngleMaxDeg * kDegToRad;
  for (const char* name : {"lumbar", "left_hip", "right_hip", "left_shoulder", "right_shoulder"}) {
    const int j = m.FindJoint(name);
    ASSERT_GE(j, 0) << name;
    const Joint& joint = m.joint(j);
    for (int trial = 0; trial < 2000; ++trial) {
      const std::vector<double> q = RandomAngles(m, joint, &rng, middle_max);
      const Quat r = JointRotationFromAngles(m, j, q.data());
      EXPECT_NEAR(glm::length(r), 1.0, 1e-12);
      double back[3];
      AnglesFromJointRotation(m, j, r, back);
      for (int k = 0; k < 3; ++k) {
        ASSERT_NEAR(back[k], q[k], kRoundTripAngleTol)
            << name << " DOF " << m.dof(joint.first_dof + k).name << ", trial " << trial
            << ", angles (deg) " << q[0] * kRadToDeg << ", " << q[1] * kRadToDeg << ", "
            << q[2] * kRadToDeg;
      }
    }
  }
}

TEST(JointKinematics, RevoluteAnglesRoundTripWithinLimits) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kFemale));
  std::mt19937_64 rng(7);
  int revolute = 0;
  for (size_t j = 0; j < m.joints().size(); ++j) {
    const Joint& joint = m.joint(j);
    if (joint.type != JointType::kRevolute) continue;
    ++revolute;
    for (int trial = 0; trial < 200; ++trial) {
      const std::vector<double> q = RandomAngles(m, joint, &rng, kPi);
      double back = 0.0;
      AnglesFromJointRotation(m, j, JointRotationFromAngles(m, j, q.data()), &back);
      ASSERT_NEAR(back, q[0], kRoundTripAngleTol) << joint.name;
    }
  }
  EXPECT_EQ(revolute, 8);  // elbows, knees, ankles, subtalar joints
}

TEST(JointKinematics, RotationsRoundTripOverTheFullShoulderRange) {
  // Beyond 90 deg of abduction the angles come back as an equivalent triple; the rotation must
  // still be the same.
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  std::mt19937_64 rng(99);
  for (const char* name : {"left_shoulder", "right_shoulder"}) {
    const int j = m.FindJoint(name);
    for (int trial = 0; trial < 2000; ++trial) {
      const std::vector<double> q = RandomAngles(m, m.joint(j), &rng, kPi);
      const Quat r = JointRotationFromAngles(m, j, q.data());
      double back[3];
      AnglesFromJointRotation(m, j, r, back);
      ASSERT_LT(QuatDistance(r, JointRotationFromAngles(m, j, back)), kRoundTripQuatTol)
          << name << ", trial " << trial;
    }
  }
}

// The middle Euler angle of a 3-DOF joint is read back with asin, singular at +-90 degrees:
// every joint's middle-angle range must stay clear of it, and a pose at the limits must read back
// as itself (an arm raised past 90 degrees once read as flexion -180 / abduction 60).
TEST(JointKinematics, MiddleEulerAngleLimitsStayClearOfTheSingularity) {
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  for (int j = 0; j < static_cast<int>(m.joints().size()); ++j) {
    const Joint& joint = m.joint(j);
    if (joint.type != JointType::kSpherical) continue;
    const Dof& middle = m.dof(joint.first_dof + 1);
    EXPECT_GT(middle.lower_rad, -85.0 * kDegToRad) << middle.name;
    EXPECT_LT(middle.upper_rad, 85.0 * kDegToRad) << middle.name;
    for (double pick : {0.0, 1.0}) {
      double q[3];
      for (int k = 0; k < 3; ++k) {
        const Dof& d = m.dof(joint.first_dof + k);
        q[k] = d.lower_rad + pick * (d.upper_rad - d.lower_rad);
      }
      double back[3];
      AnglesFromJointRotation(m, j, JointRotationFromAngles(m, j, q), back);
      for (int k = 0; k < 3; ++k) {
        EXPECT_NEAR(back[k], q[k], 1e-9) << m.dof(joint.first_dof + k).name;
      }
    }
  }
}

TEST(JointKinematics, RotationVectorOfAKnownRotation) {
  const Vec3 axis = glm::normalize(Vec3{1.0, -2.0, 0.5});
  const Vec3 v = RotationVector(glm::angleAxis(0.7, axis));
  ExpectVecNear(0.7 * axis, v, 1e-12, "rotation vector");
  // The shortest way round: q and -q are the same rotation.
  ExpectVecNear(0.7 * axis, RotationVector(-glm::angleAxis(0.7, axis)), 1e-12, "negated quat");
}

// ---- Torque caps ----

TEST(HumanModel, TorqueCapsArePositiveForwardNegativeBackwardAndScaleWithMass) {
  for (Sex sex : {Sex::kMale, Sex::kFemale}) {
    const HumanModel light = HumanModel::Build(Body(1.75, 50.0, sex));
    const HumanModel heavy = HumanModel::Build(Body(1.75, 100.0, sex));
    const HumanModel tall = HumanModel::Build(Body(2.00, 50.0, sex));
    ASSERT_EQ(light.dof_count(), heavy.dof_count());
    for (int d = 0; d < light.dof_count(); ++d) {
      const Dof& a = light.dof(d);
      const Dof& b = heavy.dof(d);
      EXPECT_GT(a.torque_max_nm, 0.0) << a.name;
      EXPECT_LT(a.torque_min_nm, 0.0) << a.name;
      EXPECT_NEAR(b.torque_max_nm, 2.0 * a.torque_max_nm, kCapScalingRelTol * b.torque_max_nm)
          << a.name;
      EXPECT_NEAR(b.torque_min_nm, 2.0 * a.torque_min_nm, kCapScalingRelTol * -b.torque_min_nm)
          << a.name;
      // Caps are per kg of body mass: stature does not change them.
      EXPECT_EQ(tall.dof(d).torque_max_nm, a.torque_max_nm) << a.name;
      EXPECT_EQ(tall.dof(d).torque_min_nm, a.torque_min_nm) << a.name;
    }
  }
}

TEST(HumanModel, StrongDirectionsHaveTheLargerCaps) {
  // Knee extension, plantarflexion and hip extension are the strong directions in running
  // (Novacheck 1998; Anderson et al. 2007); knee flexion and dorsiflexion are weaker.
  const HumanModel m = HumanModel::Build(Body(1.75, 70.0, Sex::kMale));
  for (const char* side : {"left_", "right_"}) {
    const Dof& knee = m.dof(m.FindDof(std::string(side) + "knee_flexion"));
    const Dof& ankle = m.dof(m.FindDof(std::string(side) + "ankle_dorsiflexion"));
    const Dof& hip = m.dof(m.FindDof(std::string(side) + "hip_flexion"));
    EXPECT_GT(-knee.torque_min_nm, knee.torque_max_nm) << side << "knee";
    EXPECT_GT(-ankle.torque_min_nm, ankle.torque_max_nm) << side << "ankle";
    EXPECT_GT(-hip.torque_min_nm, hip.torque_max_nm) << side << "hip";
  }
}

}  // namespace
}  // namespace poselab::sim
