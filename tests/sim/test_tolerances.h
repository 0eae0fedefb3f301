// Every tolerance of the sim tests, in one place. Each says what it bounds and where its value
// comes from: a published figure, an exact identity (round-off only), or a measurement of the
// current physics with its measured value quoted, so that a change of behaviour shows up as a
// failing test rather than a silently widened bound.
#pragma once

namespace poselab::sim::test {

// ---- Model construction (exact up to round-off unless said otherwise) ----

// Segment masses must sum to the body mass within 0.1% (de Leva's fractions sum to 0.9999-1.0000;
// the model normalises them, so the real error is round-off).
constexpr double kMassSumRelTol = 1e-3;
// de Leva (1996) mass fractions read back from a built model: the model divides by the table's
// fraction sum (0.9999 female, 1.0000 male), so a fraction may differ by 1e-4 relative.
constexpr double kDeLevaFractionRelTol = 5e-4;
// Lengths and positions that scale linearly with stature: only round-off.
constexpr double kLinearScalingRelTol = 1e-9;
// Left/right mirror images: only round-off (metres, kg, kg*m^2, rad, N*m).
constexpr double kMirrorTol = 1e-12;
// Axis components of a DOF (signed unit basis vectors).
constexpr double kAxisTol = 1e-12;
// Euler-angle round trip (rad).
constexpr double kRoundTripAngleTol = 1e-9;
// Rotation round trip, as |1 - |<q1, q2>|| of unit quaternions.
constexpr double kRoundTripQuatTol = 1e-12;
// The middle (X) Euler angle is read back by asin, so it is unique only within (-90, 90) deg;
// round trips of the shoulder are checked with its abduction kept this far inside that range.
constexpr double kEulerMiddleAngleMaxDeg = 85.0;
// Torque caps scale linearly with body mass: only round-off.
constexpr double kCapScalingRelTol = 1e-12;

// ---- World: actuators, joint limits, contact ----

// Applied actuator torque vs. its cap (N*m): the world clamps exactly.
constexpr double kTorqueCapTolNm = 1e-9;
// Revolute range-of-motion limits are Bullet limit constraints, which act once the joint has
// crossed the limit, so they overshoot by up to one step of travel at the impact speed and, while
// the cap keeps pressing, are not pulled all the way back. Lifted knee of a runner in pose
// stance, full cap for 1 s (1 ms step, Bullet 3.24): toward extension it hits the 0 deg limit at
// 59-77 rad/s (3.4-4.4 deg per step) and sits 2.3-3.8 deg past it (the swung leg may topple
// the runner meanwhile); toward flexion 27 rad/s and 0.2-0.6 deg past 140 deg.
// Bound 5 deg.
constexpr double kRevoluteLimitOvershootDeg = 5.0;
// Spherical-joint limits are soft springs (stiffness 5 x the joint's largest cap per rad, so the
// largest cap is balanced 0.2 rad = 11.5 deg past the limit). The lifted hip driven at its full
// flexion cap (2.5 N*m/kg, 175 N*m) into its 125 deg limit: it arrives fast and peaks 14.8-15.2
// deg past the limit (bound 17 deg), then settles 5.7 deg past it (static balance of the cap alone:
// 175 / 1400 rad = 7.2 deg; bound 8 deg).
constexpr double kSphericalLimitPeakOvershootDeg = 17.0;
constexpr double kSphericalLimitSettledOvershootDeg = 8.0;
// A pushed joint must actually reach its limit (within this) for the limit test to mean anything.
constexpr double kLimitReachedDeg = 2.0;
// Sign conventions: a torque pulse must move the joint at least this much more than without it.
constexpr double kSignTestMinEffectDeg = 5.0;

// Quiet standing: summed vertical GRF equals body weight within 1% (Newton: the COM is at rest).
constexpr double kStandingGrfRelTol = 0.01;

// A passive body is at rest when its COM speed is below this (m/s).
constexpr double kRestComSpeedMps = 0.05;
// Passive drop (lying face up or face down, 1 m/s onto the ground) and collapse from standing:
// the energy counted is kinetic + gravitational + what the joints' soft range-of-motion springs
// and the compliant contacts' springs hold (StoredContactEnergyJ: 1/2 k d^2 per point, from the
// colliders' depths below the ground). It must never rise above its starting value: measured at
// most -1.3 J (it only falls); bound +0.05 J. Between consecutive 1 ms steps it may rise by what
// that estimate of the contacts' spring energy misses (k = 1e5 N/m, c = 2e3 N*s/m per point):
// measured worst 0.0014 J face down (of 35 J impact energy), 0 face up, 0.23 J for the
// depth-damped collapse; bound 0.5 J. (With the contacts' spring energy left out, a face-down
// drop "gained" 0.26 J in a step, and 0.97 J with 1e3 N*s/m per point: the spring giving back
// what it had taken.)
constexpr double kPassiveEnergyGrowthPerStepJ = 0.5;
constexpr double kPassiveEnergyAboveStartJ = 0.05;

// ---- Standing controllers (slow tests) ----

// Two-foot stance: lateral COM offset from the midpoint of the feet (m); measured max 1 mm.
constexpr double kStanceComLateralTolM = 0.01;
// Pose stance: the lifted foot carries no load (N; measured 0 after 2 s) ...
constexpr double kFreeFootMaxForceN = 1.0;
// ... and the support foot the whole body weight (measured within 0.3% after 2 s).
constexpr double kSupportFootWeightRelTol = 0.02;
constexpr double kSupportKneeMinFlexionDeg = 5.0;  // support knee stays bent
constexpr double kFreeAnkleMinHeightM = 0.15;      // free ankle centre above the ground
// Push recovery: the push must be felt (COM speed at least this soon after it) ...
constexpr double kPushFeltComSpeedMps = 0.1;
// ... and the body back at rest by the end of the run.
constexpr double kRecoveredComSpeedMps = 0.05;

}  // namespace poselab::sim::test
