// Joint-angle conventions: from per-DOF angles to a joint rotation and back.
// Spherical joints use intrinsic Euler angles about (+-Z, +-X, +-Y) of the parent frame in that
// order: flexion, then abduction/bending, then axial rotation (signs per side in the model).
#pragma once

#include "sim/core/types.h"
#include "sim/model/human_model.h"

namespace poselab::sim {

// Rotation of the child relative to the parent (child orientation in the parent frame) for the
// joint's DOF angles `q` (the joint's own DOFs, joint.dof_count values).
Quat JointRotationFromAngles(const HumanModel& model, int joint, const double* q);

// Inverse of JointRotationFromAngles: writes joint.dof_count angles to `q_out`.
void AnglesFromJointRotation(const HumanModel& model, int joint, const Quat& rotation,
                             double* q_out);

// Euler-rate matrix E of a spherical joint at angles `q` (parent frame, columns a1, R1 a2,
// R1 R2 a3): the relative angular velocity is E * (dq1, dq2, dq3), and a generalized force Q on
// the angles is the torque E^-T Q. E is singular when the middle angle reaches +-90 degrees.
Mat3 EulerRateMatrix(const HumanModel& model, int joint, const double* q);

// Rotation vector (axis * angle, rad) of the unit quaternion `q`, shortest way round.
Vec3 RotationVector(const Quat& q);

}  // namespace poselab::sim
