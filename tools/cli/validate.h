// poselab-cli validate: runs the shipped gaits and prints, line by line, each simulated figure
// next to the published one it is held against, with PASS or FAIL.
#pragma once

namespace poselab::cli {

// argv as given to poselab-cli, argv[1] == "validate". Exit status: 0 when every check passes,
// 1 when any fails, 2 on bad input.
int Validate(int argc, char** argv);

}  // namespace poselab::cli
