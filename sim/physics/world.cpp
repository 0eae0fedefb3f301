// Bullet btMultiBody world for the runners: building the bodies from HumanModel, applying
// joint torques and range-of-motion limits, stepping, and reading back state and ground forces.
#include "sim/physics/world.h"

#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyConstraintSolver.h>
#include <BulletDynamics/Featherstone/btMultiBodyDynamicsWorld.h>
#include <BulletDynamics/Featherstone/btMultiBodyJointLimitConstraint.h>
#include <BulletDynamics/Featherstone/btMultiBodyLinkCollider.h>
#include <btBulletDynamicsCommon.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/core/result.h"
#include "sim/model/joint_kinematics.h"

namespace poselab::sim {

namespace {

btVector3 ToBt(const Vec3& v) { return {v.x, v.y, v.z}; }
Vec3 FromBt(const btVector3& v) { return {v.x(), v.y(), v.z()}; }
btQuaternion ToBt(const Quat& q) { return {q.x, q.y, q.z, q.w}; }
Quat FromBt(const btQuaternion& q) { return Quat(q.w(), q.x(), q.y(), q.z()); }

// Bodies collide with the ground only (no self-collision, runners in separate lanes).
constexpr int kGroundGroup = 1;
constexpr int kBodyGroup = 2;

// Depth-dependent contact damping (Hunt & Crossley 1975), for the colliders that ask for it
// (CF_CUSTOM_MATERIAL_CALLBACK, their user pointer at the WorldDesc). Bullet calls this for each
// contact point its collision detection finds, every step, before the solver turns the point's
// stiffness and damping into its implicit spring-damper. With the damping proportional to depth
// the contact force starts from zero at touchdown instead of stepping to damping x speed.
bool DepthDampedContact(btManifoldPoint& cp, const btCollisionObjectWrapper* a, int, int,
                        const btCollisionObjectWrapper* b, int, int) {
  const void* pa = a->getCollisionObject()->getUserPointer();
  const auto* desc =
      static_cast<const WorldDesc*>(pa ? pa : b->getCollisionObject()->getUserPointer());
  if (!desc || !(cp.m_contactPointFlags & BT_CONTACT_FLAG_CONTACT_STIFFNESS_DAMPING)) return false;
  const double depth = std::max(0.0, -cp.getDistance());
  cp.m_combinedContactDamping1 =
      desc->contact_damping_ns_m + desc->contact_depth_damping_ns_m2 * depth;
  return false;
}

// Soft range-of-motion limits of spherical joints: a passive spring-damper past the limit,
// reaching the joint's largest actuator cap 0.2 rad beyond it (stiff, like ligament and bone).
constexpr double kLimitDampingTime = 0.02;      // s: damping = stiffness * this

// Divergence bounds: far beyond anything a human body does.
constexpr double kMaxLinearSpeed = 100.0;   // m/s
constexpr double kMaxAngularSpeed = 200.0;  // rad/s

// Lowest point of a collider at a given link transform (used to set the body on the ground).
double LowestPoint(const Collider& c, const btTransform& link) {
  switch (c.shape) {
    case Collider::Shape::kSphere:
      return (link * ToBt(c.center)).y() - c.radius;
    case Collider::Shape::kCapsule:
      return std::min((link * ToBt(c.a)).y(), (link * ToBt(c.b)).y()) - c.radius;
    case Collider::Shape::kBox: {
      double lowest = std::numeric_limits<double>::max();
      for (int i = 0; i < 8; ++i) {
        const Vec3 corner = c.center + Vec3{(i & 1) ? c.half_extents.x : -c.half_extents.x,
                                            (i & 2) ? c.half_extents.y : -c.half_extents.y,
                                            (i & 4) ? c.half_extents.z : -c.half_extents.z};
        lowest = std::min(lowest, (link * ToBt(corner)).y());
      }
      return lowest;
    }
  }
  return 0.0;
}

}  // namespace

struct RunnerBody {
  const HumanModel* model = nullptr;
  std::unique_ptr<btMultiBody> mb;
  std::vector<std::unique_ptr<btCollisionShape>> shapes;
  std::vector<std::unique_ptr<btMultiBodyLinkCollider>> colliders;  // index = segment
  std::vector<std::unique_ptr<btMultiBodyJointLimitConstraint>> limits;
  std::vector<double> torque;        // actuator torque per DOF, after caps
  std::vector<Vec3> limit_torque;    // per joint: passive limit torque, parent frame
  std::vector<Vec3> pending_force;   // external force per segment for the next step
  Vec3 assist_force{0.0};
};

struct World::Impl {
  btDefaultCollisionConfiguration config;
  btCollisionDispatcher dispatcher{&config};
  btDbvtBroadphase broadphase;
  btMultiBodyConstraintSolver solver;
  btMultiBodyDynamicsWorld world{&dispatcher, &broadphase, &solver, &config};
  std::unique_ptr<btStaticPlaneShape> ground_shape;
  std::unique_ptr<btRigidBody> ground;
  std::vector<RunnerBody> runners;
  btAlignedObjectArray<btQuaternion> scratch_q;
  btAlignedObjectArray<btVector3> scratch_m;

  ~Impl() {
    for (RunnerBody& r : runners) {
      for (auto& l : r.limits) world.removeMultiBodyConstraint(l.get());
      for (auto& c : r.colliders) {
        if (c) world.removeCollisionObject(c.get());
      }
      world.removeMultiBody(r.mb.get());
    }
    if (ground) world.removeRigidBody(ground.get());
  }

  void BuildRunner(const WorldDesc& desc, const HumanModel& model, const InitialPose& pose);
  void ReadState(RunnerBody& body, RunnerState* state, double dt);
  void ApplyActuation(RunnerBody& body, const RunnerState& state);
};

void World::Impl::BuildRunner(const WorldDesc& desc, const HumanModel& model,
                              const InitialPose& pose) {
  RunnerBody body;
  body.model = &model;
  const int n_links = kSegCount - 1;
  const Segment& pelvis = model.segment(kPelvis);
  body.mb = std::make_unique<btMultiBody>(n_links, pelvis.mass_kg, ToBt(pelvis.inertia_kgm2),
                                          /*fixedBase=*/false, /*canSleep=*/false);
  btMultiBody* mb = body.mb.get();
  const btQuaternion identity(0, 0, 0, 1);

  // Links: frames at each segment COM, axes aligned with the world in the reference pose.
  for (int s = 1; s < kSegCount; ++s) {
    const Segment& seg = model.segment(s);
    const Joint& joint = model.joint(seg.joint);
    const Segment& parent = model.segment(seg.parent);
    const btVector3 parent_to_pivot = ToBt(joint.pivot_ref - parent.com_ref);
    const btVector3 pivot_to_com = ToBt(seg.com_ref - joint.pivot_ref);
    const int link = s - 1, parent_link = seg.parent - 1;
    switch (joint.type) {
      case JointType::kSpherical:
        mb->setupSpherical(link, seg.mass_kg, ToBt(seg.inertia_kgm2), parent_link, identity,
                           parent_to_pivot, pivot_to_com, true);
        break;
      case JointType::kRevolute:
        mb->setupRevolute(link, seg.mass_kg, ToBt(seg.inertia_kgm2), parent_link, identity,
                          ToBt(model.dof(joint.first_dof).axis), parent_to_pivot, pivot_to_com,
                          true);
        break;
      case JointType::kFixed:
        mb->setupFixed(link, seg.mass_kg, ToBt(seg.inertia_kgm2), parent_link, identity,
                       parent_to_pivot, pivot_to_com);
        break;
    }
  }
  mb->finalizeMultiDof();
  // Bullet's defaults are 0.04 damping per link and a 100 rad/s velocity clamp; both would hide
  // physics (and divergence), so switch them off.
  mb->setLinearDamping(0.0);
  mb->setAngularDamping(0.0);
  mb->setMaxCoordinateVelocity(1.0e4);
  mb->setHasSelfCollision(false);
  mb->setCanSleep(false);

  // Initial configuration: joint angles, pelvis orientation and position (lowered afterwards).
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    const int link = joint.child - 1;
    if (joint.type == JointType::kRevolute) {
      mb->setJointPos(link, pose.q[joint.first_dof]);
    } else if (joint.type == JointType::kSpherical) {
      const Quat r = JointRotationFromAngles(model, j, &pose.q[joint.first_dof]);
      const double xyzw[4] = {r.x, r.y, r.z, r.w};
      mb->setJointPosMultiDof(link, xyzw);
    }
  }
  mb->setWorldToBaseRot(ToBt(glm::inverse(pose.pelvis_orientation)));
  mb->setBasePos(btVector3(pose.x_m, pelvis.com_ref.y, pose.z_m));
  mb->forwardKinematics(scratch_q, scratch_m);

  double lowest = std::numeric_limits<double>::max();
  for (int s = 0; s < kSegCount; ++s) {
    const btTransform tr = s == 0 ? mb->getBaseWorldTransform()
                                  : mb->getLink(s - 1).m_cachedWorldTransform;
    for (const Collider& c : model.segment(s).colliders) lowest = std::min(lowest, LowestPoint(c, tr));
  }
  mb->setBasePos(mb->getBasePos() - btVector3(0.0, lowest - pose.clearance_m, 0.0));
  mb->setBaseVel(ToBt(pose.velocity));
  mb->forwardKinematics(scratch_q, scratch_m);

  // Colliders: one compound per segment, children shaped like the segment.
  body.colliders.resize(kSegCount);
  for (int s = 0; s < kSegCount; ++s) {
    const Segment& seg = model.segment(s);
    if (seg.colliders.empty()) continue;
    auto compound = std::make_unique<btCompoundShape>();
    for (const Collider& c : seg.colliders) {
      btTransform local;
      local.setIdentity();
      std::unique_ptr<btCollisionShape> child;
      switch (c.shape) {
        case Collider::Shape::kSphere:
          child = std::make_unique<btSphereShape>(c.radius);
          local.setOrigin(ToBt(c.center));
          break;
        case Collider::Shape::kBox:
          child = std::make_unique<btBoxShape>(ToBt(c.half_extents));
          local.setOrigin(ToBt(c.center));
          break;
        case Collider::Shape::kCapsule: {
          const btVector3 a = ToBt(c.a), b = ToBt(c.b);
          child = std::make_unique<btCapsuleShape>(c.radius, (b - a).length());
          local.setOrigin(0.5 * (a + b));
          local.setRotation(shortestArcQuat(btVector3(0, 1, 0), (b - a).normalized()));
          break;
        }
      }
      compound->addChildShape(local, child.get());
      body.shapes.push_back(std::move(child));
    }
    auto collider = std::make_unique<btMultiBodyLinkCollider>(mb, s - 1);
    collider->setCollisionShape(compound.get());
    collider->setWorldTransform(s == 0 ? mb->getBaseWorldTransform()
                                       : mb->getLink(s - 1).m_cachedWorldTransform);
    collider->setFriction(HumanModel::IsFoot(s) ? desc.friction : 0.6);
    collider->setRestitution(0.0);
    collider->setContactStiffnessAndDamping(desc.contact_stiffness_n_m, desc.contact_damping_ns_m);
    collider->setCollisionFlags(collider->getCollisionFlags() |
                                btCollisionObject::CF_HAS_FRICTION_ANCHOR);
    if (desc.contact_depth_damping_ns_m2 > 0.0) {
      collider->setUserPointer(const_cast<WorldDesc*>(&desc));
      collider->setCollisionFlags(collider->getCollisionFlags() |
                                  btCollisionObject::CF_CUSTOM_MATERIAL_CALLBACK);
      // Bullet's hook is one global; it is called only for colliders with the flag above.
      gContactAddedCallback = DepthDampedContact;
    }
    world.addCollisionObject(collider.get(), kBodyGroup, kGroundGroup);
    if (s == 0) {
      mb->setBaseCollider(collider.get());
    } else {
      mb->getLink(s - 1).m_collider = collider.get();
    }
    body.shapes.push_back(std::move(compound));
    body.colliders[s] = std::move(collider);
  }
  world.addMultiBody(mb, kBodyGroup, kGroundGroup);

  // Revolute range-of-motion limits as Bullet limit constraints (they work well there).
  for (const Joint& joint : model.joints()) {
    if (joint.type != JointType::kRevolute) continue;
    const Dof& dof = model.dof(joint.first_dof);
    auto limit = std::make_unique<btMultiBodyJointLimitConstraint>(mb, joint.child - 1,
                                                                   dof.lower_rad, dof.upper_rad);
    // Allocates the impulse rows now (Bullet does it lazily at the first solve), so that they
    // read as zero before the first step.
    limit->finalizeMultiDof();
    world.addMultiBodyConstraint(limit.get());
    body.limits.push_back(std::move(limit));
  }
  body.torque.assign(model.dof_count(), 0.0);
  body.limit_torque.assign(model.joints().size(), Vec3{0.0});
  body.pending_force.assign(kSegCount, Vec3{0.0});
  runners.push_back(std::move(body));
}

void World::Impl::ApplyActuation(RunnerBody& body, const RunnerState& state) {
  const HumanModel& model = *body.model;
  btMultiBody* mb = body.mb.get();
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    if (joint.type == JointType::kRevolute) {
      mb->addJointTorque(joint.child - 1, body.torque[joint.first_dof]);
    } else if (joint.type == JointType::kSpherical) {
      // Torque vector in the parent frame (DOF axes are parent-frame axes), applied as an
      // equal and opposite pair on child and parent.
      Vec3 tau_parent = body.limit_torque[j];
      for (int k = 0; k < 3; ++k) {
        const int d = joint.first_dof + k;
        tau_parent += body.torque[d] * model.dof(d).axis;
      }
      const Vec3 tau_world = state.segment_poses[joint.parent].orientation * tau_parent;
      mb->addLinkTorque(joint.child - 1, ToBt(tau_world));
      if (joint.parent == kPelvis) {
        mb->addBaseTorque(ToBt(-tau_world));
      } else {
        mb->addLinkTorque(joint.parent - 1, ToBt(-tau_world));
      }
    }
  }
  for (int s = 0; s < kSegCount; ++s) {
    Vec3 f = body.pending_force[s];
    if (s == kPelvis) f += body.assist_force;
    if (f == Vec3{0.0}) continue;
    if (s == kPelvis) {
      mb->addBaseForce(ToBt(f));
    } else {
      mb->addLinkForce(s - 1, ToBt(f));
    }
  }
  std::fill(body.pending_force.begin(), body.pending_force.end(), Vec3{0.0});
  body.assist_force = Vec3{0.0};
}

void World::Impl::ReadState(RunnerBody& body, RunnerState* st, double dt) {
  const HumanModel& model = *body.model;
  btMultiBody* mb = body.mb.get();
  mb->forwardKinematics(scratch_q, scratch_m);
  std::vector<btVector3> omega(kSegCount), vel(kSegCount);
  mb->compTreeLinkVelocities(omega.data(), vel.data());

  st->segment_poses.resize(kSegCount);
  st->segment_velocity.resize(kSegCount);
  st->segment_omega.resize(kSegCount);
  Vec3 com{0.0}, com_vel{0.0};
  for (int s = 0; s < kSegCount; ++s) {
    const btTransform tr = s == 0 ? mb->getBaseWorldTransform()
                                  : mb->getLink(s - 1).m_cachedWorldTransform;
    const Quat rot = FromBt(tr.getRotation());
    st->segment_poses[s] = {FromBt(tr.getOrigin()), rot};
    // compTreeLinkVelocities reports each body's velocity in its own frame.
    st->segment_velocity[s] = rot * FromBt(vel[s]);
    st->segment_omega[s] = rot * FromBt(omega[s]);
    const double m = model.segment(s).mass_kg;
    com += m * st->segment_poses[s].position;
    com_vel += m * st->segment_velocity[s];
  }
  st->com = com / model.total_mass_kg();
  st->com_velocity = com_vel / model.total_mass_kg();

  // Joint coordinates. Revolute: Bullet's own coordinate (same axis and sign as ours).
  const int n_dof = model.dof_count();
  st->q.resize(n_dof);
  st->qdot.resize(n_dof);
  st->joint_rotation.resize(model.joints().size());
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    const Quat& qp = st->segment_poses[joint.parent].orientation;
    const Quat rel = glm::inverse(qp) * st->segment_poses[joint.child].orientation;
    st->joint_rotation[j] = rel;
    if (joint.type == JointType::kRevolute) {
      st->q[joint.first_dof] = mb->getJointPos(joint.child - 1);
      st->qdot[joint.first_dof] = mb->getJointVel(joint.child - 1);
    } else if (joint.type == JointType::kSpherical) {
      AnglesFromJointRotation(model, j, rel, &st->q[joint.first_dof]);
      const Vec3 w_rel = glm::inverse(qp) *
                         (st->segment_omega[joint.child] - st->segment_omega[joint.parent]);
      for (int k = 0; k < 3; ++k) {
        st->qdot[joint.first_dof + k] = glm::dot(w_rel, model.dof(joint.first_dof + k).axis);
      }
    }
  }

  // Passive range-of-motion torques of spherical joints, for the next step. The spring-damper
  // acts on the Euler angles themselves: generalized forces Q on the angles, with damping on the
  // angle rates E^-1 w, applied as the torque E^-T Q (E: EulerRateMatrix). Acting about the fixed
  // parent axes instead pumps energy in, because the second and third angles turn with the first.
  // The range-of-motion torques that acted during the step just taken, before the soft limits
  // are recomputed for the next one: revolute limits from the constraint impulses (row 0 holds
  // the lower limit and pushes along +axis, row 1 the upper and pushes along -axis), 3-DOF soft
  // limits from the torque applied.
  st->passive_torque.assign(n_dof, 0.0);
  {
    size_t next_limit = 0;
    for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
      const Joint& joint = model.joint(j);
      if (joint.type == JointType::kRevolute) {
        btMultiBodyJointLimitConstraint* limit = body.limits[next_limit++].get();
        st->passive_torque[joint.first_dof] =
            dt > 0.0 ? (limit->getAppliedImpulse(0) - limit->getAppliedImpulse(1)) / dt : 0.0;
      } else if (joint.type == JointType::kSpherical) {
        for (int k = 0; k < 3; ++k) {
          const int d = joint.first_dof + k;
          st->passive_torque[d] = glm::dot(body.limit_torque[j], model.dof(d).axis);
        }
      }
    }
  }
  st->limit_torque.assign(n_dof, 0.0);
  body.limit_torque.assign(model.joints().size(), Vec3{0.0});
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    if (joint.type != JointType::kSpherical) continue;
    const double* q = &st->q[joint.first_dof];
    const Mat3 e = EulerRateMatrix(model, j, q);
    // Near the middle angle's singularity (|q2| -> 90 deg) fall back to E^T; limits keep the
    // joints well away from it (shoulder abduction is limited below 90 degrees for this reason).
    const bool regular = std::abs(std::cos(q[1])) > 0.1;
    const Mat3 e_inv = regular ? glm::inverse(e) : glm::transpose(e);
    const Vec3 w_rel = glm::inverse(st->segment_poses[joint.parent].orientation) *
                       (st->segment_omega[joint.child] - st->segment_omega[joint.parent]);
    const Vec3 rates = e_inv * w_rel;
    Vec3 gen{0.0};
    for (int k = 0; k < 3; ++k) {
      const Dof& dof = model.dof(joint.first_dof + k);
      const double cap = std::max(dof.torque_max_nm, -dof.torque_min_nm);
      const double stiffness = kSoftLimitStiffnessPerCap * cap;
      const double damping = stiffness * kLimitDampingTime;
      // Euler angles wrap at +-180 degrees: a joint pushed 20 degrees past an upper limit of
      // 170 reads -170, which must count as 20 degrees over that limit, not as 110 below the
      // lower one (a tumbling body hitting the ground can do this to a shoulder).
      const double over = std::remainder(q[k] - dof.upper_rad, 2.0 * kPi);
      const double under = std::remainder(dof.lower_rad - q[k], 2.0 * kPi);
      if (q[k] > dof.upper_rad || q[k] < dof.lower_rad) {
        if (over > 0.0 && (under <= 0.0 || over <= under)) {
          gen[k] = -stiffness * over - damping * std::max(rates[k], 0.0);
        } else if (under > 0.0) {
          gen[k] = stiffness * under - damping * std::min(rates[k], 0.0);
        }
      }
      st->limit_torque[joint.first_dof + k] = gen[k];
    }
    // Bounded like a ligament: within a few degrees of the singularity E^-T amplifies the
    // spring by 1 / cos(q2) (10x at 84 degrees), enough to spin a tumbling arm past any sane
    // speed in a few steps. The passive torque never exceeds three times the joint's strongest
    // actuator cap.
    Vec3 torque = glm::transpose(e_inv) * gen;
    double strongest = 0.0;
    for (int k = 0; k < 3; ++k) {
      const Dof& dof = model.dof(joint.first_dof + k);
      strongest = std::max({strongest, dof.torque_max_nm, -dof.torque_min_nm});
    }
    const double bound = kLimitTorqueBoundPerCap * strongest;
    const double magnitude = glm::length(torque);
    if (magnitude > bound) torque *= bound / magnitude;
    body.limit_torque[j] = torque;
  }

  // Ground contacts: normal plus two friction impulses per point, divided by the step.
  st->contacts.clear();
  st->foot_force[0] = st->foot_force[1] = Vec3{0.0};
  st->non_foot_ground_contact = false;
  const int manifolds = dispatcher.getNumManifolds();
  for (int i = 0; i < manifolds; ++i) {
    btPersistentManifold* pm = dispatcher.getManifoldByIndexInternal(i);
    const auto* ca = btMultiBodyLinkCollider::upcast(pm->getBody0());
    const auto* cb = btMultiBodyLinkCollider::upcast(pm->getBody1());
    const btMultiBodyLinkCollider* col = ca ? ca : cb;
    if (!col || col->m_multiBody != mb) continue;
    const double sign = ca ? 1.0 : -1.0;  // the impulse acts on body A along +normal
    const int s = col->m_link + 1;
    for (int p = 0; p < pm->getNumContacts(); ++p) {
      const btManifoldPoint& pt = pm->getContactPoint(p);
      const btVector3 impulse = pt.m_normalWorldOnB * pt.m_appliedImpulse +
                                pt.m_lateralFrictionDir1 * pt.m_appliedImpulseLateral1 +
                                pt.m_lateralFrictionDir2 * pt.m_appliedImpulseLateral2;
      if (pt.getDistance() > 0.0 && pt.m_appliedImpulse == 0.0) continue;
      ContactPoint c;
      c.segment = s;
      c.force = sign * FromBt(impulse) / dt;
      c.position = FromBt(ca ? pt.getPositionWorldOnB() : pt.getPositionWorldOnA());
      c.name = model.segment(s).name;
      if (HumanModel::IsFoot(s)) {
        // Name the point after the nearest named sphere of the foot.
        const Transform& fp = st->segment_poses[s];
        const Vec3 local = glm::inverse(fp.orientation) * (c.position - fp.position);
        double best = std::numeric_limits<double>::max();
        for (const Collider& cl : model.segment(s).colliders) {
          if (cl.contact_name.empty()) continue;
          const double d = glm::length(local - cl.center) - cl.radius;
          if (d < best) {
            best = d;
            c.name = cl.contact_name;
          }
        }
        st->foot_force[s == kLeftFoot ? 0 : 1] += c.force;
      } else {
        st->non_foot_ground_contact = true;
      }
      st->contacts.push_back(c);
    }
  }
  st->applied_torque = body.torque;
}

World::World(const WorldDesc& desc, std::vector<const HumanModel*> models,
             const std::vector<InitialPose>& poses)
    : desc_(desc), impl_(std::make_unique<Impl>()) {
  POSELAB_ASSERT(models.size() == poses.size(), "one initial pose per runner");
  btMultiBodyDynamicsWorld& w = impl_->world;
  w.setGravity(btVector3(0.0, -desc.gravity_mps2, 0.0));
  w.getSolverInfo().m_numIterations = desc.solver_iterations;
  // OR flags in: assigning m_solverMode wholesale would lose Bullet's defaults.
  w.getSolverInfo().m_solverMode |= SOLVER_USE_2_FRICTION_DIRECTIONS;
  w.getDispatchInfo().m_deterministicOverlappingPairs = true;

  impl_->ground_shape = std::make_unique<btStaticPlaneShape>(btVector3(0, 1, 0), 0.0);
  btRigidBody::btRigidBodyConstructionInfo info(0.0, nullptr, impl_->ground_shape.get());
  impl_->ground = std::make_unique<btRigidBody>(info);
  impl_->ground->setFriction(1.0);  // combined friction = product: the foot's value rules
  impl_->ground->setRestitution(0.0);
  w.addRigidBody(impl_->ground.get(), kGroundGroup, kBodyGroup);

  impl_->runners.reserve(models.size());
  states_.resize(models.size());
  for (size_t r = 0; r < models.size(); ++r) {
    POSELAB_ASSERT(static_cast<int>(poses[r].q.size()) == models[r]->dof_count(),
                   "initial pose needs one angle per DOF");
    impl_->BuildRunner(desc_, *models[r], poses[r]);
    impl_->ReadState(impl_->runners[r], &states_[r], desc.timestep_s);
    states_[r].at_cap.assign(models[r]->dof_count(), false);
  }
}

World::~World() = default;

void World::SetActuatorTorques(size_t runner, const std::vector<double>& torques) {
  RunnerBody& body = impl_->runners[runner];
  const HumanModel& model = *body.model;
  POSELAB_ASSERT(static_cast<int>(torques.size()) == model.dof_count(), "one torque per DOF");
  RunnerState& st = states_[runner];
  st.at_cap.assign(model.dof_count(), false);
  for (int d = 0; d < model.dof_count(); ++d) {
    const Dof& dof = model.dof(d);
    const double t = torques[d];
    body.torque[d] = std::clamp(std::isfinite(t) ? t : 0.0, dof.torque_min_nm, dof.torque_max_nm);
    st.at_cap[d] = t <= dof.torque_min_nm || t >= dof.torque_max_nm;
  }
}

void World::QueueImpulse(size_t runner, int segment, const Vec3& impulse_ns) {
  impl_->runners[runner].pending_force[segment] += impulse_ns / desc_.timestep_s;
}

void World::SetAssistForce(size_t runner, const Vec3& force_n) {
  impl_->runners[runner].assist_force = force_n;
}

void World::Step() {
  for (size_t r = 0; r < impl_->runners.size(); ++r) {
    impl_->ApplyActuation(impl_->runners[r], states_[r]);
  }
  impl_->world.stepSimulation(desc_.timestep_s, 0, desc_.timestep_s);
  for (size_t r = 0; r < impl_->runners.size(); ++r) {
    impl_->ReadState(impl_->runners[r], &states_[r], desc_.timestep_s);
  }
}

std::string World::CheckDivergence(size_t runner) const {
  const RunnerState& st = states_[runner];
  const HumanModel& model = *impl_->runners[runner].model;
  auto finite = [](const Vec3& v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
  };
  for (int s = 0; s < kSegCount; ++s) {
    const std::string& name = model.segment(s).name;
    const Transform& p = st.segment_poses[s];
    if (!finite(p.position) || !std::isfinite(p.orientation.w)) {
      return "segment '" + name + "': non-finite position or orientation";
    }
    if (!finite(st.segment_velocity[s]) || glm::length(st.segment_velocity[s]) > kMaxLinearSpeed) {
      return "segment '" + name + "': linear speed beyond " + std::to_string(kMaxLinearSpeed) +
             " m/s";
    }
    if (!finite(st.segment_omega[s]) || glm::length(st.segment_omega[s]) > kMaxAngularSpeed) {
      return "segment '" + name + "': angular speed beyond " + std::to_string(kMaxAngularSpeed) +
             " rad/s";
    }
  }
  return {};
}

uint64_t World::StateHash() const {
  // FNV-1a over the raw bytes of every generalized coordinate and velocity.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* data, size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < bytes; ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  };
  for (const RunnerBody& body : impl_->runners) {
    const btMultiBody* mb = body.mb.get();
    const btVector3 pos = mb->getBasePos(), vel = mb->getBaseVel(), om = mb->getBaseOmega();
    const btQuaternion rot = mb->getWorldToBaseRot();
    const double base[13] = {pos.x(), pos.y(), pos.z(), vel.x(), vel.y(), vel.z(), om.x(),
                             om.y(),  om.z(),  rot.x(), rot.y(), rot.z(), rot.w()};
    mix(base, sizeof(base));
    for (int l = 0; l < mb->getNumLinks(); ++l) {
      mix(mb->getJointPosMultiDof(l), sizeof(btScalar) * mb->getLink(l).m_posVarCount);
      mix(mb->getJointVelMultiDof(l), sizeof(btScalar) * mb->getLink(l).m_dofCount);
    }
  }
  return h;
}

}  // namespace poselab::sim
