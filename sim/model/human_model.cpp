// Builds the humanoid: de Leva (1996) masses, COMs and radii of gyration on Winter (2009)
// segment lengths; clinical range-of-motion limits; torque caps from human strength data.
#include "sim/model/human_model.h"

#include <cmath>

#include "sim/core/result.h"
#include "sim/model/anthropometry.h"

namespace poselab::sim {

namespace {

double Deg(double d) { return d * kDegToRad; }

// Principal moments of a segment whose long axis is the link's Y axis (limbs, head) from de Leva
// radii of gyration: X = sagittal (antero-posterior) axis, Z = transverse (medio-lateral) axis.
Vec3 LongAlongY(const DeLevaSegment& p, double mass, double length) {
  const auto sq = [](double v) { return v * v; };
  return {mass * sq(p.rg_sagittal * length), mass * sq(p.rg_longitudinal * length),
          mass * sq(p.rg_transverse * length)};
}

// Solid box inertia (used for the pelvis and upper trunk, whose three-part radii de Leva's
// summary table does not give): depth along X, height along Y, width along Z.
Vec3 BoxInertia(double mass, double depth, double height, double width) {
  return {mass * (height * height + width * width) / 12.0,
          mass * (depth * depth + width * width) / 12.0,
          mass * (height * height + depth * depth) / 12.0};
}

Collider Capsule(const Vec3& a_world, const Vec3& b_world, double radius, const Vec3& com) {
  Collider c;
  c.shape = Collider::Shape::kCapsule;
  c.a = a_world - com;
  c.b = b_world - com;
  c.radius = radius;
  return c;
}

Collider Sphere(const Vec3& center_world, double radius, const Vec3& com,
                std::string contact_name = "") {
  Collider c;
  c.shape = Collider::Shape::kSphere;
  c.center = center_world - com;
  c.radius = radius;
  c.contact_name = std::move(contact_name);
  return c;
}

Collider Box(const Vec3& center_world, const Vec3& half_extents, const Vec3& com) {
  Collider c;
  c.shape = Collider::Shape::kBox;
  c.center = center_world - com;
  c.half_extents = half_extents;
  return c;
}

// Actuator caps in N*m per kg of body mass: {negative direction, positive direction}.
// Set at or above the peak net joint moments of running (ankle plantarflexor ~2.5-3 N*m/kg, knee
// extensor ~2.5-3.5, hip extensor ~2-3: Novacheck 1998, Gait Posture 7:77; Hamner & Delp 2013,
// J Biomech 46:780) and near the maximal voluntary joint torques of young adults (Anderson,
// Madigan & Nussbaum 2007, J Biomech 40:3105, e.g. knee extension ~3-4 N*m/kg, plantarflexion
// ~2.5-3.5, dorsiflexion ~0.6-1). Weak directions (dorsiflexion, knee flexion) are capped lower.
struct Cap {
  double neg_nm_kg;
  double pos_nm_kg;
};

}  // namespace

HumanModel HumanModel::Build(const BodyDesc& body) {
  HumanModel m;
  m.body_ = body;
  const double h = body.height_m;
  const DeLevaTable& t = DeLevaFor(body.sex);
  const SegmentLengths& w = WinterLengths();

  // Normalise de Leva's fractions so that the segments sum exactly to the body mass.
  const double fraction_sum =
      t.head.mass_fraction + t.trunk.mass_fraction +
      2.0 * (t.upper_arm.mass_fraction + t.forearm.mass_fraction + t.hand.mass_fraction +
             t.thigh.mass_fraction + t.shank.mass_fraction + t.foot.mass_fraction);
  const double mass_scale = body.mass_kg / fraction_sum;
  const auto mass_of = [&](const DeLevaSegment& p) { return p.mass_fraction * mass_scale; };

  // Landmark heights (Winter 2009, Fig. 4.1) and widths.
  const double ankle_y = w.ankle_height * h;
  const double knee_y = w.knee_height * h;
  const double hip_y = w.hip_height * h;
  const double shoulder_y = w.shoulder_height * h;
  const double hip_z = 0.5 * w.hip_separation * h;
  const double shoulder_z = 0.5 * w.shoulder_separation * h;
  const double trunk_len = shoulder_y - hip_y;
  const double lumbar_y = hip_y + w.lumbar_fraction * trunk_len;
  const double pelvis_len = lumbar_y - hip_y;
  const double upper_len = shoulder_y - lumbar_y;
  const double head_len = h - shoulder_y;
  const double thigh_len = hip_y - knee_y;
  const double shank_len = knee_y - ankle_y;
  const double upper_arm_len = w.upper_arm * h;
  const double forearm_len = w.forearm * h;
  const double hand_len = w.hand * h;
  const double foot_len = w.foot_length * h;
  const double foot_width = w.foot_width * h;
  const double heel_x = -w.heel_to_ankle * foot_len;

  m.leg_length_m_ = hip_y - ankle_y;
  m.thigh_length_m_ = thigh_len;
  m.shank_length_m_ = shank_len;
  m.ankle_height_m_ = ankle_y;
  m.foot_length_m_ = foot_len;
  m.heel_to_ankle_m_ = -heel_x;

  // Torso depths and widths for the box colliders (estimates for an adult build).
  const double torso_depth = 0.11 * h;
  const double pelvis_width = 0.18 * h;
  const double chest_width = 0.17 * h;

  m.segments_.resize(kSegCount);
  auto& seg = m.segments_;

  // Pelvis (de Leva lower trunk, omphalion to mid hip) and upper trunk (rest of the trunk).
  const double trunk_mass = mass_of(t.trunk);
  const double pelvis_mass = t.lower_trunk_mass_fraction * mass_scale;
  const double upper_mass = trunk_mass - pelvis_mass;
  const double trunk_com_y = shoulder_y - t.trunk.com_fraction * trunk_len;
  const double pelvis_com_y = lumbar_y - t.lower_trunk_com_fraction * pelvis_len;
  const double upper_com_y = (trunk_mass * trunk_com_y - pelvis_mass * pelvis_com_y) / upper_mass;

  seg[kPelvis] = {"pelvis",
                  -1,
                  -1,
                  pelvis_mass,
                  BoxInertia(pelvis_mass, torso_depth, pelvis_len, pelvis_width),
                  {0.0, pelvis_com_y, 0.0},
                  {}};
  seg[kPelvis].colliders.push_back(Box({0.0, 0.5 * (hip_y + lumbar_y), 0.0},
                                       {0.5 * torso_depth, 0.5 * pelvis_len, 0.5 * pelvis_width},
                                       seg[kPelvis].com_ref));

  seg[kTrunk] = {"trunk",
                 kPelvis,
                 -1,
                 upper_mass,
                 BoxInertia(upper_mass, torso_depth, upper_len, chest_width),
                 {0.0, upper_com_y, 0.0},
                 {}};
  seg[kTrunk].colliders.push_back(Box({0.0, 0.5 * (lumbar_y + shoulder_y), 0.0},
                                      {0.5 * torso_depth, 0.5 * upper_len, 0.5 * chest_width},
                                      seg[kTrunk].com_ref));

  const double head_mass = mass_of(t.head);
  seg[kHead] = {"head",
                kTrunk,
                -1,
                head_mass,
                LongAlongY(t.head, head_mass, head_len),
                {0.0, h - t.head.com_fraction * head_len, 0.0},
                {}};
  seg[kHead].colliders.push_back(Sphere({0.0, h - 0.06 * h, 0.0}, 0.06 * h, seg[kHead].com_ref));
  // Neck: from C7 up into the head sphere (part of the head segment; the neck joint is fixed).
  seg[kHead].colliders.push_back(
      Capsule({0.0, shoulder_y, 0.0}, {0.0, h - 0.1 * h, 0.0}, 0.03 * h, seg[kHead].com_ref));

  // Arms: upper arm, then forearm and hand combined into one rigid segment.
  for (Side side : {Side::kLeft, Side::kRight}) {
    const double s = static_cast<double>(side);
    const bool left = side == Side::kLeft;
    const int ua = left ? kLeftUpperArm : kRightUpperArm;
    const int fa = left ? kLeftForearm : kRightForearm;
    const std::string prefix = left ? "left_" : "right_";
    const Vec3 shoulder{0.0, shoulder_y, s * shoulder_z};
    const Vec3 elbow = shoulder - Vec3{0.0, upper_arm_len, 0.0};
    const Vec3 wrist = elbow - Vec3{0.0, forearm_len, 0.0};

    const double ua_mass = mass_of(t.upper_arm);
    seg[ua] = {prefix + "upper_arm",
               kTrunk,
               -1,
               ua_mass,
               LongAlongY(t.upper_arm, ua_mass, upper_arm_len),
               shoulder - Vec3{0.0, t.upper_arm.com_fraction * upper_arm_len, 0.0},
               {}};
    seg[ua].colliders.push_back(Capsule(shoulder, elbow, 0.025 * h, seg[ua].com_ref));

    const double f_mass = mass_of(t.forearm);
    const double hd_mass = mass_of(t.hand);
    const Vec3 f_com = elbow - Vec3{0.0, t.forearm.com_fraction * forearm_len, 0.0};
    const Vec3 hd_com = wrist - Vec3{0.0, t.hand.com_fraction * hand_len, 0.0};
    const double fh_mass = f_mass + hd_mass;
    const Vec3 fh_com = (f_mass * f_com + hd_mass * hd_com) / fh_mass;
    // Parallel-axis combination of forearm and hand about their joint COM.
    const Vec3 i_f = LongAlongY(t.forearm, f_mass, forearm_len);
    const Vec3 i_h = LongAlongY(t.hand, hd_mass, hand_len);
    const double d_f = f_com.y - fh_com.y, d_h = hd_com.y - fh_com.y;
    const double shift = f_mass * d_f * d_f + hd_mass * d_h * d_h;
    seg[fa] = {prefix + "forearm",
               ua,
               -1,
               fh_mass,
               {i_f.x + i_h.x + shift, i_f.y + i_h.y, i_f.z + i_h.z + shift},
               fh_com,
               {}};
    seg[fa].colliders.push_back(Capsule(elbow, wrist, 0.019 * h, fh_com));
    seg[fa].colliders.push_back(Sphere(wrist - Vec3{0.0, 0.45 * hand_len, 0.0}, 0.026 * h, fh_com));
  }

  // Legs: thigh, shank, talus carrier (10% of foot mass at the ankle centre), foot.
  for (Side side : {Side::kLeft, Side::kRight}) {
    const double s = static_cast<double>(side);
    const int th = Thigh(side), sh = Shank(side), ta = Talus(side), ft = Foot(side);
    const std::string prefix = side == Side::kLeft ? "left_" : "right_";
    const Vec3 hip{0.0, hip_y, s * hip_z};
    const Vec3 knee{0.0, knee_y, s * hip_z};
    const Vec3 ankle{0.0, ankle_y, s * hip_z};

    const double th_mass = mass_of(t.thigh);
    seg[th] = {prefix + "thigh",
               kPelvis,
               -1,
               th_mass,
               LongAlongY(t.thigh, th_mass, thigh_len),
               hip - Vec3{0.0, t.thigh.com_fraction * thigh_len, 0.0},
               {}};
    seg[th].colliders.push_back(Capsule(hip, knee, 0.04 * h, seg[th].com_ref));

    const double sh_mass = mass_of(t.shank);
    const double shank_r = 0.025 * h;
    seg[sh] = {prefix + "shank",
               th,
               -1,
               sh_mass,
               LongAlongY(t.shank, sh_mass, shank_len),
               knee - Vec3{0.0, t.shank.com_fraction * shank_len, 0.0},
               {}};
    // The capsule stops one radius above the ankle so it never reaches below the ankle centre.
    seg[sh].colliders.push_back(
        Capsule(knee, ankle + Vec3{0.0, shank_r, 0.0}, shank_r, seg[sh].com_ref));

    const double foot_mass = mass_of(t.foot);
    const double talus_mass = 0.1 * foot_mass;
    const double talus_r = 0.02;
    seg[ta] = {prefix + "talus",
               sh,
               -1,
               talus_mass,
               Vec3{0.4 * talus_mass * talus_r * talus_r},
               ankle,
               {}};

    const double fm = foot_mass - talus_mass;
    const Vec3 foot_com{heel_x + t.foot.com_fraction * foot_len, 0.4 * ankle_y, s * hip_z};
    const auto sq = [](double v) { return v * v; };
    seg[ft] = {prefix + "foot",
               ta,
               -1,
               fm,
               {fm * sq(t.foot.rg_longitudinal * foot_len),
                fm * sq(t.foot.rg_transverse * foot_len), fm * sq(t.foot.rg_sagittal * foot_len)},
               foot_com,
               {}};
    // Named contact spheres (sole at y = 0): heel (two), 1st (medial) and 5th (lateral) metatarsal
    // heads at 72% of foot length from the heel, hallux tip. Medial is toward the midline.
    const double heel_r = 0.022, met_r = 0.016, toe_r = 0.013;
    const double met_x = heel_x + 0.72 * foot_len;
    const double half_w = 0.5 * foot_width;
    auto& fc = seg[ft].colliders;
    // The heel pad is about 60% as wide as the forefoot: two spheres, both named "heel".
    for (double side_sign : {-1.0, 1.0}) {
      fc.push_back(Sphere({heel_x + heel_r, heel_r, s * hip_z + side_sign * 0.45 * half_w}, heel_r,
                          foot_com, "heel"));
    }
    fc.push_back(Sphere({met_x, met_r, s * (hip_z - 0.8 * half_w)}, met_r, foot_com, "met1"));
    fc.push_back(Sphere({met_x, met_r, s * (hip_z + 0.8 * half_w)}, met_r, foot_com, "met5"));
    fc.push_back(Sphere({heel_x + foot_len - toe_r, toe_r, s * (hip_z - 0.5 * half_w)}, toe_r,
                        foot_com, "toe"));
    // Upper foot: a box raised 1.5 cm off the sole plane so that only the named spheres bear
    // load in normal contact; it catches the foot if it rolls far over.
    const double box_bottom = 0.015, box_top = ankle_y + 0.01;
    fc.push_back(
        Box({heel_x + 0.5 * (0.85 * foot_len) + heel_r, 0.5 * (box_bottom + box_top), s * hip_z},
            {0.5 * 0.85 * foot_len - heel_r, 0.5 * (box_top - box_bottom), half_w}, foot_com));
  }

  // Joints and DOFs. Axes are in the parent frame; positive rotation is the anatomical name.
  const Vec3 x{1, 0, 0}, y{0, 1, 0}, z{0, 0, 1};
  const double mass = body.mass_kg;
  auto add_joint = [&](const std::string& name, JointType type, int child, const Vec3& pivot) {
    Joint j;
    j.name = name;
    j.type = type;
    j.parent = seg[child].parent;
    j.child = child;
    j.first_dof = static_cast<int>(m.dofs_.size());
    j.pivot_ref = pivot;
    seg[child].joint = static_cast<int>(m.joints_.size());
    m.joints_.push_back(j);
  };
  auto add_dof = [&](const std::string& name, const Vec3& axis, double lo_deg, double hi_deg,
                     Cap cap) {
    Dof d;
    d.name = name;
    d.joint = static_cast<int>(m.joints_.size()) - 1;
    d.axis = axis;
    d.lower_rad = Deg(lo_deg);
    d.upper_rad = Deg(hi_deg);
    d.torque_min_nm = -cap.neg_nm_kg * mass;
    d.torque_max_nm = cap.pos_nm_kg * mass;
    m.dofs_.push_back(d);
    m.joints_.back().dof_count++;
  };

  // Ranges of motion: clinical limits (see ../shared/reference/running-biomechanics.md; AAOS).
  add_joint("lumbar", JointType::kSpherical, kTrunk, {0.0, lumbar_y, 0.0});
  add_dof("lumbar_flexion", -z, -25, 60, {3.0, 3.0});
  add_dof("lumbar_bending", x, -30, 30, {2.5, 2.5});   // + = toward the right
  add_dof("lumbar_rotation", y, -30, 30, {1.5, 1.5});  // + = toward the left
  add_joint("neck", JointType::kFixed, kHead, {0.0, shoulder_y, 0.0});

  for (Side side : {Side::kLeft, Side::kRight}) {
    const double s = static_cast<double>(side);
    const bool left = side == Side::kLeft;
    const std::string p = left ? "left_" : "right_";
    add_joint(p + "shoulder", JointType::kSpherical, left ? kLeftUpperArm : kRightUpperArm,
              {0.0, shoulder_y, s * shoulder_z});
    add_dof(p + "shoulder_flexion", z, -60, 170, {1.2, 1.2});
    // Clinically abduction reaches ~170 degrees; it is the middle Euler angle here, singular at
    // 90, so it is limited to 80 (running arm swing stays far below).
    add_dof(p + "shoulder_abduction", -s * x, -30, 80, {1.2, 1.2});
    add_dof(p + "shoulder_rotation", s * y, -90, 70, {0.8, 0.8});
    add_joint(p + "elbow", JointType::kRevolute, left ? kLeftForearm : kRightForearm,
              {0.0, shoulder_y - upper_arm_len, s * shoulder_z});
    add_dof(p + "elbow_flexion", z, 0, 145, {1.0, 1.0});
  }
  for (Side side : {Side::kLeft, Side::kRight}) {
    const double s = static_cast<double>(side);
    const std::string p = side == Side::kLeft ? "left_" : "right_";
    add_joint(p + "hip", JointType::kSpherical, Thigh(side), {0.0, hip_y, s * hip_z});
    add_dof(p + "hip_flexion", z, -20, 125, {4.0, 2.5});
    add_dof(p + "hip_abduction", -s * x, -25, 45, {2.0, 2.5});
    add_dof(p + "hip_rotation", s * y, -45, 40, {1.0, 1.0});  // + = internal
    add_joint(p + "knee", JointType::kRevolute, Shank(side), {0.0, knee_y, s * hip_z});
    add_dof(p + "knee_flexion", -z, 0, 140, {4.0, 2.0});
    add_joint(p + "ankle", JointType::kRevolute, Talus(side), {0.0, ankle_y, s * hip_z});
    add_dof(p + "ankle_dorsiflexion", z, -50, 20, {3.5, 1.0});
    add_joint(p + "subtalar", JointType::kRevolute, Foot(side), {0.0, ankle_y, s * hip_z});
    add_dof(p + "subtalar_inversion", s * x, -20, 35, {1.0, 1.0});
  }
  for (int i = 1; i < kSegCount; ++i) {
    POSELAB_ASSERT(seg[i].joint >= 0, "every non-base segment needs a joint");
  }
  for (int k = 0; k < 2; ++k) {
    const std::string p = k == 0 ? "left_" : "right_";
    m.legs_[k] = {m.FindJoint(p + "hip"), m.FindJoint(p + "knee"), m.FindJoint(p + "ankle"),
                  m.FindJoint(p + "subtalar")};
  }
  m.lumbar_joint_ = m.FindJoint("lumbar");
  return m;
}

double HumanModel::total_mass_kg() const {
  double sum = 0.0;
  for (const Segment& s : segments_) sum += s.mass_kg;
  return sum;
}

Vec3 HumanModel::ReferenceCom() const {
  Vec3 c{0.0};
  for (const Segment& s : segments_) c += s.mass_kg * s.com_ref;
  return c / total_mass_kg();
}

int HumanModel::FindSegment(const std::string& name) const {
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int HumanModel::FindJoint(const std::string& name) const {
  for (size_t i = 0; i < joints_.size(); ++i) {
    if (joints_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int HumanModel::FindDof(const std::string& name) const {
  for (size_t i = 0; i < dofs_.size(); ++i) {
    if (dofs_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace poselab::sim
