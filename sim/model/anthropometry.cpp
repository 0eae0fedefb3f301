// de Leva (1996) inertial parameters and Winter (2009) segment-length fractions.
#include "sim/model/anthropometry.h"

namespace poselab::sim {

namespace {

// de Leva 1996, Table 4 (female / male columns), as listed in
// ../shared/reference/running-biomechanics.md. Rg order: sagittal, transverse, longitudinal.
const DeLevaTable kFemale = {
    /*head=*/{0.0668, 0.4841, 0.271, 0.295, 0.261},
    /*trunk=*/{0.4257, 0.4964, 0.307, 0.292, 0.147},
    /*upper_arm=*/{0.0255, 0.5754, 0.278, 0.260, 0.148},
    /*forearm=*/{0.0138, 0.4559, 0.261, 0.257, 0.094},
    /*hand=*/{0.0056, 0.7474, 0.531, 0.454, 0.335},
    /*thigh=*/{0.1478, 0.3612, 0.369, 0.364, 0.162},
    /*shank=*/{0.0481, 0.4352, 0.267, 0.263, 0.092},
    /*foot=*/{0.0129, 0.4014, 0.299, 0.279, 0.139},
    /*lower_trunk_mass_fraction=*/0.1247,
    /*lower_trunk_com_fraction=*/0.4920,
};

const DeLevaTable kMale = {
    /*head=*/{0.0694, 0.5002, 0.303, 0.315, 0.261},
    /*trunk=*/{0.4346, 0.5138, 0.328, 0.306, 0.169},
    /*upper_arm=*/{0.0271, 0.5772, 0.285, 0.269, 0.158},
    /*forearm=*/{0.0162, 0.4574, 0.276, 0.265, 0.121},
    /*hand=*/{0.0061, 0.7900, 0.628, 0.513, 0.401},
    /*thigh=*/{0.1416, 0.4095, 0.329, 0.329, 0.149},
    /*shank=*/{0.0433, 0.4395, 0.251, 0.246, 0.102},
    /*foot=*/{0.0137, 0.4415, 0.257, 0.245, 0.124},
    /*lower_trunk_mass_fraction=*/0.1117,
    /*lower_trunk_com_fraction=*/0.6115,
};

const SegmentLengths kWinter = {
    /*ankle_height=*/0.039,
    /*knee_height=*/0.285,
    /*hip_height=*/0.530,
    /*shoulder_height=*/0.818,
    /*upper_arm=*/0.186,
    /*forearm=*/0.146,
    /*hand=*/0.108,
    /*foot_length=*/0.152,
    /*foot_width=*/0.055,
    /*hip_separation=*/0.100,
    /*shoulder_separation=*/0.200,
    /*lumbar_fraction=*/0.25,
    /*heel_to_ankle=*/0.25,
};

}  // namespace

const DeLevaTable& DeLevaFor(Sex sex) { return sex == Sex::kFemale ? kFemale : kMale; }

const SegmentLengths& WinterLengths() { return kWinter; }

}  // namespace poselab::sim
