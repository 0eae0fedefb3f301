// Anthropometry: body-segment inertial parameters (de Leva 1996) and segment lengths as
// fractions of stature (Winter 2009), scaled to a runner's height, mass and sex.
#pragma once

#include "sim/scene/scene_desc.h"

namespace poselab::sim {

// De Leva (1996, J Biomech 29:1223, Table 4) parameters of one segment, all as fractions:
// mass of body mass, COM position along the segment from its first-named end, and radii of
// gyration (of segment length) about the sagittal, transverse and longitudinal axes.
struct DeLevaSegment {
  double mass_fraction;
  double com_fraction;
  double rg_sagittal;
  double rg_transverse;
  double rg_longitudinal;
};

// The de Leva segments PoseLab uses. Trunk parts use the three-part split of the same table.
struct DeLevaTable {
  DeLevaSegment head;       // vertex - C7
  DeLevaSegment trunk;      // C7 - mid hip (whole trunk)
  DeLevaSegment upper_arm;  // shoulder - elbow joint centres
  DeLevaSegment forearm;    // elbow - wrist
  DeLevaSegment hand;       // wrist - 3rd metacarpale
  DeLevaSegment thigh;      // hip - knee
  DeLevaSegment shank;      // knee - ankle
  DeLevaSegment foot;       // heel - toe tip
  double lower_trunk_mass_fraction;  // omphalion - mid hip (our pelvis segment)
  double lower_trunk_com_fraction;   // from omphalion
};

const DeLevaTable& DeLevaFor(Sex sex);

// Landmark heights and widths as fractions of stature H (Winter 2009, "Biomechanics and Motor
// Control of Human Movement", 4th ed., Fig. 4.1, after Drillis & Contini 1966), plus the few
// joint-centre placements Winter does not give, marked as our estimates.
struct SegmentLengths {
  double ankle_height;       // 0.039 H (Winter)
  double knee_height;        // 0.285 H (Winter)
  double hip_height;         // 0.530 H (Winter: greater trochanter level used as hip centre)
  double shoulder_height;    // 0.818 H (Winter)
  double upper_arm;          // 0.186 H (Winter)
  double forearm;            // 0.146 H (Winter)
  double hand;               // 0.108 H (Winter)
  double foot_length;        // 0.152 H (Winter)
  double foot_width;         // 0.055 H (Winter)
  double hip_separation;     // 0.100 H, estimate: hip joint centres ~0.175 m apart at 1.75 m
  double shoulder_separation;// 0.200 H, estimate: joint centres inside the 0.259 H shoulder width
  double lumbar_fraction;    // 0.25 of hip-to-shoulder trunk length, estimate: omphalion level
  double heel_to_ankle;      // 0.25 of foot length, estimate
};

const SegmentLengths& WinterLengths();

}  // namespace poselab::sim
