// Determinism: the same scene stepped twice gives bit-identical states (10^4 steps, 10 s of
// physics per run, hence a slow test); a seeded initial perturbation changes the run, and the
// same seed reproduces it.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/simulation.h"
#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: helpers

constexpr int kSteps = 10000;
constexpr int kCheckpointEvery = 1000;

// Hashes at steps 0, 1000, ..., kSteps; fails the test on divergence.
std::vector<uint64_t> HashTrace(const SceneDesc& scene, bool* fell) {
  auto created = Simulation::Create(scene);
  EXPECT_TRUE(created.ok()) << created.error();
  if (!created.ok()) return {};
  Simulation& sim = *created.value();
  std::vector<uint64_t> hashes = {sim.StateHash()};
  for (int i = 1; i <= kSteps; ++i) {
    const StepStatus status = sim.Step();
    EXPECT_FALSE(status.diverged) << status.message;
    if (status.diverged) break;
    if (i % kCheckpointEvery == 0) hashes.push_back(sim.StateHash());
  }
  *fell = sim.fall_info(0).fell;
  return hashes;
}

TEST(Determinism, SameSceneTwiceGivesIdenticalStateHashes) {
  const SceneDesc scene = OneRunnerScene("stance");
  bool fell_a = true, fell_b = true;
  const std::vector<uint64_t> a = HashTrace(scene, &fell_a);
  const std::vector<uint64_t> b = HashTrace(scene, &fell_b);
  ASSERT_EQ(a.size(), static_cast<size_t>(kSteps / kCheckpointEvery + 1));
  EXPECT_EQ(a, b);
  EXPECT_FALSE(fell_a);
  // The hash follows the state: a standing body still sways, so checkpoints differ.
  EXPECT_NE(a.front(), a.back());
}

TEST(Determinism, SeededPerturbationChangesTheRunAndTheSameSeedRepeatsIt) {
  const SceneDesc plain = OneRunnerScene("stance");
  SceneDesc perturbed = plain;
  perturbed.world.initial_perturbation_deg = 1.0;
  perturbed.world.seed = plain.world.seed + 41;
  bool fell = true;
  const std::vector<uint64_t> base = HashTrace(plain, &fell);
  const std::vector<uint64_t> p1 = HashTrace(perturbed, &fell);
  EXPECT_FALSE(fell) << "a 1 deg perturbation should not topple the stance";
  const std::vector<uint64_t> p2 = HashTrace(perturbed, &fell);
  ASSERT_EQ(base.size(), p1.size());
  EXPECT_NE(base.front(), p1.front()) << "the perturbation must change the initial pose";
  EXPECT_NE(base.back(), p1.back());
  EXPECT_EQ(p1, p2);

  SceneDesc other_seed = perturbed;
  other_seed.world.seed += 1;
  const std::vector<uint64_t> p3 = HashTrace(other_seed, &fell);
  EXPECT_NE(p1.back(), p3.back()) << "a different seed must give a different run";
}

}  // namespace
}  // namespace poselab::sim
