// Scene loading: bad input gives one message naming file, key path, value and allowed range; good
// input takes its defaults from SceneDesc, --set overrides apply in order, shipped scenes load.
#include "sim/scene/scene_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::ExpectSameWorld;

constexpr double kVecTol = 1e-12;

// A path under the test temp dir, unique to the running test (ctest may run tests in parallel).
std::string TempPath(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  return ::testing::TempDir() + "scene_loader_" + name + suffix;
}

std::string WriteScene(const std::string& text) {
  std::string path = TempPath(".json");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// ---- Bad scene files: the exact message after "<file>: " ----

struct BadFile {
  const char* name;
  std::string text;
  std::string message;
};

const char* const kControllerKeys =
    "type, lean_deg, cadence_spm, landing_offset_m, support_leg, knee_flex_deg, stance_width_m, "
    "balance_gain";
const char* const kNameRule =
    "must be 1 to 64 letters, digits, '_' or '-' (it becomes part of file names)";
const char* const kDirectionRule =
    "must be a non-zero vector of 3 finite numbers [x, y, z] (world frame)";

// A scene with one runner whose controller says `controller`.
std::string WithController(const std::string& controller) {
  return R"({"schema": 1, "runners": [{"controller": )" + controller + "}]}";
}
std::string WithWorld(const std::string& world) {
  return R"({"schema": 1, "world": )" + world + R"(, "runners": [{}]})";
}
std::string WithPushes(const std::string& pushes) {
  return R"({"schema": 1, "duration_s": 10, "runners": [{"pushes": )" + pushes + "}]}";
}
std::string WithSchedule(const std::string& schedule) {
  return R"({"schema": 1, "duration_s": 10, "runners": [{"schedule": )" + schedule + "}]}";
}

const BadFile kBadFiles[] = {
    {"LeanAboveRange", WithController(R"({"lean_deg": 45})"),
     "runners[0].controller.lean_deg = 45: must be within [0, 30]"},
    {"LeanBelowRange", WithController(R"({"lean_deg": -0.5})"),
     "runners[0].controller.lean_deg = -0.5: must be within [0, 30]"},
    {"LeanIsBool", WithController(R"({"lean_deg": true})"),
     "runners[0].controller.lean_deg = true: must be a number within [0, 30]"},
    {"LeanIsNull", WithController(R"({"lean_deg": null})"),
     "runners[0].controller.lean_deg = null: must be a number within [0, 30]"},
    {"MisspeltControllerKey", WithController(R"({"lean_dge": 10})"),
     std::string("runners[0].controller.lean_dge: unknown key (allowed: ") + kControllerKeys + ")"},
    {"UnknownControllerType", WithController(R"({"type": "walk"})"),
     R"(runners[0].controller.type = "walk": must be one of "stance", "pose_stance", "pose", )"
     R"("heel_strike", "pony", "foot_tapping", "change_of_support", "lunge", "hopping", "switch")"},
    {"SupportLegNotEnum", WithController(R"({"support_leg": "middle"})"),
     R"(runners[0].controller.support_leg = "middle": must be one of "left", "right")"},
    {"LandingOffsetBelowRange", WithController(R"({"landing_offset_m": -0.2})"),
     "runners[0].controller.landing_offset_m = -0.2: must be within [-0.1, 0.6]"},
    {"ControllerNotObject", WithController(R"("pose")"),
     R"(runners[0].controller = "pose": must be an object)"},
    {"SexNotEnum", R"({"schema": 1, "runners": [{"body": {"sex": "x"}}]})",
     R"(runners[0].body.sex = "x": must be one of "female", "male")"},
    {"HeightAboveRange", R"({"schema": 1, "runners": [{"body": {"height_m": 2.5}}]})",
     "runners[0].body.height_m = 2.5: must be within [1.4, 2.1]"},
    {"MassIsString", R"({"schema": 1, "runners": [{"body": {"mass_kg": "70"}}]})",
     R"(runners[0].body.mass_kg = "70": must be a number within [40, 120])"},
    {"BodyUnknownKey", R"({"schema": 1, "runners": [{"body": {"age": 30}}]})",
     "runners[0].body.age: unknown key (allowed: height_m, mass_kg, sex)"},
    {"TimestepIsString", WithWorld(R"({"timestep_s": "fast"})"),
     R"(world.timestep_s = "fast": must be a number within [0.0001, 0.005])"},
    {"TimestepAboveRange", WithWorld(R"({"timestep_s": 0.01})"),
     "world.timestep_s = 0.01: must be within [0.0001, 0.005]"},
    {"StiffnessAboveRange", WithWorld(R"({"contact_stiffness_n_m": 1e8})"),
     "world.contact_stiffness_n_m = 100000000.0: must be within [1000, 10000000]"},
    {"SolverIterationsFraction", WithWorld(R"({"solver_iterations": 50.5})"),
     "world.solver_iterations = 50.5: must be an integer within [5, 500]"},
    {"SolverIterationsWrittenAsFloat", WithWorld(R"({"solver_iterations": 50.0})"),
     "world.solver_iterations = 50.0: must be an integer within [5, 500]"},
    {"SolverIterationsBelowRange", WithWorld(R"({"solver_iterations": 2})"),
     "world.solver_iterations = 2: must be within [5, 500]"},
    {"SeedNegative", WithWorld(R"({"seed": -1})"),
     "world.seed = -1: must be a non-negative integer"},
    {"SeedFraction", WithWorld(R"({"seed": 1.5})"),
     "world.seed = 1.5: must be a non-negative integer"},
    {"AssistNotBool", WithWorld(R"({"assist_enabled": 1})"),
     "world.assist_enabled = 1: must be true or false"},
    {"WorldNotObject", WithWorld("5"), "world = 5: must be an object"},
    {"WorldUnknownKey", WithWorld(R"({"dt": 0.001})"),
     "world.dt: unknown key (allowed: timestep_s, solver_iterations, gravity_mps2, friction, "
     "contact_stiffness_n_m, contact_damping_ns_m, contact_depth_damping_ns_m2, control_rate_hz, "
     "seed, initial_perturbation_deg, assist_enabled)"},
    {"ControlRateBelowRange", WithWorld(R"({"control_rate_hz": 10})"),
     "world.control_rate_hz = 10: must be within [50, 10000]"},
    {"DepthDampingNegative", WithWorld(R"({"contact_depth_damping_ns_m2": -1})"),
     "world.contact_depth_damping_ns_m2 = -1: must be within [0, 1000000000]"},
    {"LongValueCutShort", WithWorld('"' + std::string(100, 'a') + '"'),
     "world = \"" + std::string(76, 'a') + "...: must be an object"},
    {"SampleRateZero", R"({"schema": 1, "output": {"sample_rate_hz": 0}, "runners": [{}]})",
     "output.sample_rate_hz = 0: must be within [1, 10000]"},
    {"DurationZero", R"({"schema": 1, "duration_s": 0, "runners": [{}]})",
     "duration_s = 0: must be within (0, 3600]"},
    {"DurationAboveRange", R"({"schema": 1, "duration_s": 7200, "runners": [{}]})",
     "duration_s = 7200: must be within (0, 3600]"},
    {"SchemaMissing", R"({"runners": [{}]})", "schema: missing (required, must be 1)"},
    {"SchemaTwo", R"({"schema": 2, "runners": [{}]})", "schema = 2: must be 1"},
    {"SchemaString", R"({"schema": "1", "runners": [{}]})", R"(schema = "1": must be 1)"},
    {"RunnersMissing", R"({"schema": 1})",
     "runners: missing (required, an array of 1 to 8 runners)"},
    {"RunnersEmpty", R"({"schema": 1, "runners": []})",
     "runners = []: must be an array of 1 to 8 runners"},
    {"RunnersNotArray", R"({"schema": 1, "runners": {}})",
     "runners = {}: must be an array of 1 to 8 runners"},
    {"TooManyRunners", R"({"schema": 1, "runners": [{}, {}, {}, {}, {}, {}, {}, {}, {}]})",
     "runners has 9 entries: must be an array of 1 to 8 runners"},
    {"RunnerNotObject", R"({"schema": 1, "runners": [5]})", "runners[0] = 5: must be an object"},
    {"RunnerUnknownKey", R"({"schema": 1, "runners": [{"lane": 1}]})",
     "runners[0].lane: unknown key (allowed: name, body, controller, lane_z_m, start_x_m, pushes, "
     "schedule)"},
    {"LaneAboveRange", R"({"schema": 1, "runners": [{"lane_z_m": 11}]})",
     "runners[0].lane_z_m = 11: must be within [-10, 10]"},
    {"DuplicateRunnerNames", R"({"schema": 1, "runners": [{"name": "a"}, {"name": "a"}]})",
     R"(runners[1].name = "a": must be unique (runners[0] has the same name))"},
    {"DuplicateDefaultNames", R"({"schema": 1, "runners": [{}, {}]})",
     R"(runners[1].name = "runner": must be unique (runners[0] has the same name; "name" is missing))"},
    {"RunnerNameWithSpace", R"({"schema": 1, "runners": [{"name": "a b"}]})",
     std::string(R"(runners[0].name = "a b": )") + kNameRule},
    {"RunnerNameEmpty", R"({"schema": 1, "runners": [{"name": ""}]})",
     std::string(R"(runners[0].name = "": )") + kNameRule},
    {"RunnerNameTooLong",
     R"({"schema": 1, "runners": [{"name": ")" + std::string(65, 'r') + R"("}]})",
     "runners[0].name = \"" + std::string(65, 'r') + "\": " + kNameRule},
    {"SceneNameWithSlash", R"({"schema": 1, "name": "my/scene", "runners": [{}]})",
     std::string(R"(name = "my/scene": )") + kNameRule},
    {"SceneNameNotString", R"({"schema": 1, "name": 5, "runners": [{}]})",
     std::string("name = 5: ") + kNameRule},
    {"UnknownTopLevelKeyBeforeMissingRunners", R"({"schema": 1, "runer": [{}]})",
     "runer: unknown key (allowed: schema, name, world, output, duration_s, runners)"},
    {"SourcePathIsNotAKey", R"({"schema": 1, "source_path": "x", "runners": [{}]})",
     "source_path: unknown key (allowed: schema, name, world, output, duration_s, runners)"},
    {"TopLevelArray", "[]", "the top level must be a JSON object, not array"},
    {"ScheduleNotArray", WithSchedule("{}"),
     "runners[0].schedule = {}: must be an array of changes"},
    {"ScheduleAfterEnd", WithSchedule(R"([{"time_s": 12}])"),
     "runners[0].schedule[0].time_s = 12: must be within [0, 10] (the upper bound is duration_s)"},
    {"ScheduleOutOfOrder", WithSchedule(R"([{"time_s": 5}, {"time_s": 4}])"),
     "runners[0].schedule[1].time_s = 4.0: must not be earlier than the entry before (5.0)"},
    {"ScheduleBadControllerValue",
     WithSchedule(R"([{"time_s": 1, "controller": {"knee_flex_deg": 90}}])"),
     "runners[0].schedule[0].controller.knee_flex_deg = 90: must be within [0, 60]"},
    {"ScheduleUnknownKey", WithSchedule(R"([{"time_s": 1, "lean_deg": 5}])"),
     "runners[0].schedule[0].lean_deg: unknown key (allowed: time_s, controller)"},
    {"PushAfterEnd", WithPushes(R"([{"time_s": 12}])"),
     "runners[0].pushes[0].time_s = 12: must be within [0, 10] (the upper bound is duration_s)"},
    {"PushBeforeStart", WithPushes(R"([{"time_s": -1}])"),
     "runners[0].pushes[0].time_s = -1: must be within [0, 10] (the upper bound is duration_s)"},
    {"PushDirectionZero", WithPushes(R"([{"direction": [0, 0, 0]}])"),
     std::string("runners[0].pushes[0].direction = [0,0,0]: ") + kDirectionRule},
    {"PushDirectionTwoNumbers", WithPushes(R"([{}, {"direction": [1, 0]}])"),
     std::string("runners[0].pushes[1].direction = [1,0]: ") + kDirectionRule},
    {"PushDirectionString", WithPushes(R"([{"direction": ["a", 0, 0]}])"),
     std::string(R"(runners[0].pushes[0].direction = ["a",0,0]: )") + kDirectionRule},
    {"PushImpulseAboveRange", WithPushes(R"([{"impulse_ns": 500}])"),
     "runners[0].pushes[0].impulse_ns = 500: must be within [0, 200]"},
    {"PushSegmentUnknown", WithPushes(R"([{"segment": "tail"}])"),
     R"(runners[0].pushes[0].segment = "tail": must be one of "pelvis", "trunk", "head", )"
     R"("left_upper_arm", "left_forearm", "right_upper_arm", "right_forearm", "left_thigh", )"
     R"("left_shank", "left_foot", "right_thigh", "right_shank", "right_foot")"},
    {"PushUnknownKey", WithPushes(R"([{"force_n": 100}])"),
     "runners[0].pushes[0].force_n: unknown key (allowed: time_s, direction, impulse_ns, "
     "duration_s, segment)"},
    {"PushDurationTooShort", WithPushes(R"([{"duration_s": 0}])"),
     "runners[0].pushes[0].duration_s = 0: must be within [0.001, 1]"},
    {"PushesNotArray", WithPushes("{}"), "runners[0].pushes = {}: must be an array of pushes"},
    {"PushNotObject", WithPushes("[1]"), "runners[0].pushes[0] = 1: must be an object"},
    {"DuplicateKey", WithController(R"({"lean_deg": 10, "lean_deg": 12})"),
     "runners[0].controller.lean_deg: duplicate key (JSON would silently keep only the last one)"},
    {"DuplicateKeyDeepInArrays",
     R"({"schema": 1, "runners": [{"name": "a"}, {"name": "b", "pushes": [{}, {"time_s": 1, "time_s": 2}]}]})",
     "runners[1].pushes[1].time_s: duplicate key (JSON would silently keep only the last one)"},
    {"DuplicateTopLevelKey", R"({"schema": 1, "schema": 1, "runners": [{}]})",
     "schema: duplicate key (JSON would silently keep only the last one)"},
    {"NumberOverflow", WithController(R"({"lean_deg": 1e400})"),
     "invalid JSON: number overflow parsing '1e400'"},
};

void PrintTo(const BadFile& c, std::ostream* os) { *os << c.name; }

class BadSceneFile : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadSceneFile, IsRejectedWithExactMessage) {
  const std::string path = WriteScene(GetParam().text);
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(), path + ": " + GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(SceneLoader, BadSceneFile, ::testing::ValuesIn(kBadFiles),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(SceneLoader, SyntaxErrorNamesFileLineAndColumn) {
  const std::string path = WriteScene("{\n  \"schema\": 1,\n  \"runners\": [{}],\n}\n");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error().rfind(path + ": invalid JSON: parse error at line 4, column 1:", 0), 0u)
      << scene.error();
}

TEST(SceneLoader, EmptyFileIsInvalidJson) {
  const std::string path = WriteScene("");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error().rfind(path + ": invalid JSON: ", 0), 0u) << scene.error();
}

TEST(SceneLoader, MissingFileNamesThePath) {
  const std::string path = TempPath("_does_not_exist.json");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(), path + ": cannot open scene file (No such file or directory)");
}

TEST(SceneLoader, DirectoryIsNotAScene) {
  const std::string path = TempPath("_dir");
  fs::create_directories(path);
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(), path + ": cannot read scene file: it is a directory");
}

// ---- Bad --set overrides, on a two-runner scene; "{file}" stands for its path ----

struct BadOverride {
  const char* name;
  std::vector<std::string> overrides;
  std::string message;
};

const char* const kTwoRunners =
    R"({"schema": 1, "duration_s": 10, "runners": [{"name": "a"}, {"name": "b", "pushes": [{"time_s": 1}]}]})";

const BadOverride kBadOverrides[] = {
    {"LeanAboveRange",
     {"runners.0.controller.lean_deg=45"},
     "{file} (--set runners.0.controller.lean_deg=45): runners[0].controller.lean_deg = 45: must "
     "be within [0, 30]"},
    {"RunnerDoesNotExist",
     {"runners.5.name=x"},
     "{file} (--set runners.5.name=x): runners[5] does not exist (scene has 2 runners)"},
    {"PushDoesNotExist",
     {"runners.1.pushes.3.time_s=1"},
     "{file} (--set runners.1.pushes.3.time_s=1): runners[1].pushes[3] does not exist "
     "(runners[1].pushes has 1 entry)"},
    {"MissingArrayIsEmpty",
     {"runners.0.pushes.0.time_s=1"},
     "{file} (--set runners.0.pushes.0.time_s=1): runners[0].pushes[0] does not exist "
     "(runners[0].pushes has 0 entries)"},
    {"NoEquals",
     {"runners.0.controller.lean_deg"},
     "{file} (--set runners.0.controller.lean_deg): expected KEY=VALUE"},
    {"EmptyKey", {"=5"}, "{file} (--set =5): expected KEY=VALUE"},
    {"EmptySegment",
     {"runners..name=x"},
     R"({file} (--set runners..name=x): empty segment in key "runners..name")"},
    {"NotAnIndex",
     {"runners.first.name=x"},
     R"({file} (--set runners.first.name=x): runners is an array; "first" is not an index)"},
    {"ThroughANumber",
     {"duration_s.max=5"},
     R"({file} (--set duration_s.max=5): duration_s = 10 is not an object, so it has no key "max")"},
    {"UnknownKey",
     {"runners.0.controller.lean_dge=5"},
     std::string("{file} (--set runners.0.controller.lean_dge=5): runners[0].controller.lean_dge: "
                 "unknown key (allowed: ") +
         kControllerKeys + ")"},
    {"MisspeltObjectIsCreatedThenRejected",
     {"runners.0.controler.lean_deg=5"},
     "{file} (--set runners.0.controler.lean_deg=5): runners[0].controler: unknown key (allowed: "
     "name, body, controller, lane_z_m, start_x_m, pushes, schedule)"},
    {"PlainStringForNumber",
     {"world.timestep_s=fast"},
     R"({file} (--set world.timestep_s=fast): world.timestep_s = "fast": must be a number within )"
     "[0.0001, 0.005]"},
    {"PlainStringForEnum",
     {"runners.1.body.sex=other"},
     R"({file} (--set runners.1.body.sex=other): runners[1].body.sex = "other": must be one of )"
     R"("female", "male")"},
    {"BlamesTheFlagThatBrokeIt",
     {"world.seed=3", "runners.1.body.mass_kg=500", "duration_s=20"},
     "{file} (--set runners.1.body.mass_kg=500): runners[1].body.mass_kg = 500: must be within "
     "[40, 120]"},
    {"BlamesTheBoundThatMoved",
     {"duration_s=0.5"},
     "{file} (--set duration_s=0.5): runners[1].pushes[0].time_s = 1: must be within [0, 0.5] "
     "(the upper bound is duration_s)"},
    {"DuplicateName",
     {"runners.1.name=a"},
     R"({file} (--set runners.1.name=a): runners[1].name = "a": must be unique (runners[0] has )"
     "the same name)"},
    {"WholeRunnerReplacedBadly",
     {"runners.1=7"},
     "{file} (--set runners.1=7): runners[1] = 7: must be an object"},
};

void PrintTo(const BadOverride& c, std::ostream* os) { *os << c.name; }

class BadSceneOverride : public ::testing::TestWithParam<BadOverride> {};

TEST_P(BadSceneOverride, IsRejectedNamingFileAndFlag) {
  const std::string path = WriteScene(kTwoRunners);
  const Result<SceneDesc> scene = LoadSceneFile(path, GetParam().overrides);
  ASSERT_FALSE(scene.ok());
  std::string expected = GetParam().message;
  expected.replace(expected.find("{file}"), 6, path);
  EXPECT_EQ(scene.error(), expected);
}

INSTANTIATE_TEST_SUITE_P(SceneLoader, BadSceneOverride, ::testing::ValuesIn(kBadOverrides),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(SceneLoader, ApplyOverrideWithoutSourceNamesTheFlag) {
  json doc = json::object();
  const Status status = ApplyOverride(&doc, "lean_deg", "");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), "--set lean_deg: expected KEY=VALUE");
}

// ---- Good input ----

void ExpectSameBody(const BodyDesc& a, const BodyDesc& b) {
  EXPECT_EQ(a.height_m, b.height_m);
  EXPECT_EQ(a.mass_kg, b.mass_kg);
  EXPECT_EQ(a.sex, b.sex);
}

void ExpectSameController(const ControllerDesc& a, const ControllerDesc& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.lean_deg, b.lean_deg);
  EXPECT_EQ(a.cadence_spm, b.cadence_spm);
  EXPECT_EQ(a.landing_offset_m, b.landing_offset_m);
  EXPECT_EQ(a.support_leg, b.support_leg);
  EXPECT_EQ(a.knee_flex_deg, b.knee_flex_deg);
  EXPECT_EQ(a.stance_width_m, b.stance_width_m);
  EXPECT_EQ(a.balance_gain, b.balance_gain);
}

TEST(SceneLoader, MissingKeysTakeSceneDescDefaults) {
  const std::string path = WriteScene(R"({"schema": 1, "runners": [{}]})");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.error();
  const SceneDesc defaults;
  const RunnerDesc runner_defaults;
  EXPECT_EQ(scene.value().name, defaults.name);
  EXPECT_EQ(scene.value().source_path, path);
  EXPECT_EQ(scene.value().duration_s, defaults.duration_s);
  EXPECT_EQ(scene.value().output.sample_rate_hz, defaults.output.sample_rate_hz);
  ExpectSameWorld(scene.value().world, defaults.world);
  ASSERT_EQ(scene.value().runners.size(), 1u);
  const RunnerDesc& runner = scene.value().runners[0];
  EXPECT_EQ(runner.name, runner_defaults.name);
  ExpectSameBody(runner.body, runner_defaults.body);
  ExpectSameController(runner.controller, runner_defaults.controller);
  EXPECT_EQ(runner.lane_z_m, runner_defaults.lane_z_m);
  EXPECT_EQ(runner.start_x_m, runner_defaults.start_x_m);
  EXPECT_TRUE(runner.pushes.empty());
}

TEST(SceneLoader, ReadsEveryKey) {
  const std::string path = WriteScene(R"({
    "schema": 1, "name": "full-scene_2", "duration_s": 3600,
    "world": {"timestep_s": 0.0005, "solver_iterations": 80, "gravity_mps2": 0,
              "friction": 1.2, "contact_stiffness_n_m": 2e5, "contact_damping_ns_m": 0,
              "contact_depth_damping_ns_m2": 5e5,
              "control_rate_hz": 500, "seed": 18446744073709551615, "initial_perturbation_deg": 5,
              "assist_enabled": true},
    "output": {"sample_rate_hz": 250},
    "runners": [{
      "name": "A-1", "lane_z_m": -2.5, "start_x_m": 100,
      "body": {"height_m": 1.6, "mass_kg": 55.5, "sex": "female"},
      "controller": {"type": "heel_strike", "lean_deg": 0, "cadence_spm": 240,
                     "landing_offset_m": -0.1, "support_leg": "right", "knee_flex_deg": 60,
                     "stance_width_m": 0.3, "balance_gain": 0},
      "pushes": [{"time_s": 3600, "direction": [0, 0, -4], "impulse_ns": 200,
                  "segment": "right_foot"}]
    }]})");
  const Result<SceneDesc> loaded = LoadSceneFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  const SceneDesc& s = loaded.value();
  EXPECT_EQ(s.name, "full-scene_2");
  EXPECT_EQ(s.duration_s, 3600.0);
  EXPECT_EQ(s.world.timestep_s, 0.0005);
  EXPECT_EQ(s.world.solver_iterations, 80);
  EXPECT_EQ(s.world.gravity_mps2, 0.0);
  EXPECT_EQ(s.world.friction, 1.2);
  EXPECT_EQ(s.world.contact_stiffness_n_m, 2e5);
  EXPECT_EQ(s.world.contact_damping_ns_m, 0.0);
  EXPECT_EQ(s.world.contact_depth_damping_ns_m2, 5e5);
  EXPECT_EQ(s.world.control_rate_hz, 500.0);
  EXPECT_EQ(s.world.seed, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(s.world.initial_perturbation_deg, 5.0);
  EXPECT_TRUE(s.world.assist_enabled);
  EXPECT_EQ(s.output.sample_rate_hz, 250.0);
  ASSERT_EQ(s.runners.size(), 1u);
  const RunnerDesc& r = s.runners[0];
  EXPECT_EQ(r.name, "A-1");
  EXPECT_EQ(r.lane_z_m, -2.5);
  EXPECT_EQ(r.start_x_m, 100.0);
  EXPECT_EQ(r.body.height_m, 1.6);
  EXPECT_EQ(r.body.mass_kg, 55.5);
  EXPECT_EQ(r.body.sex, Sex::kFemale);
  EXPECT_EQ(r.controller.type, "heel_strike");
  EXPECT_EQ(r.controller.lean_deg, 0.0);
  EXPECT_EQ(r.controller.cadence_spm, 240.0);
  EXPECT_EQ(r.controller.landing_offset_m, -0.1);
  EXPECT_EQ(r.controller.support_leg, "right");
  EXPECT_EQ(r.controller.knee_flex_deg, 60.0);
  EXPECT_EQ(r.controller.stance_width_m, 0.3);
  EXPECT_EQ(r.controller.balance_gain, 0.0);
  ASSERT_EQ(r.pushes.size(), 1u);
  EXPECT_EQ(r.pushes[0].time_s, 3600.0);
  EXPECT_NEAR(r.pushes[0].direction.z, -1.0, kVecTol);
  EXPECT_NEAR(r.pushes[0].direction.x, 0.0, kVecTol);
  EXPECT_EQ(r.pushes[0].impulse_ns, 200.0);
  EXPECT_EQ(r.pushes[0].segment, "right_foot");
}

TEST(SceneLoader, PushDirectionIsNormalisedAndOtherPushKeysDefault) {
  const std::string path = WriteScene(
      R"({"schema": 1, "runners": [{"pushes": [{"time_s": 5, "direction": [3, 4, 0]}]}]})");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.error();
  ASSERT_EQ(scene.value().runners[0].pushes.size(), 1u);
  const PushDesc& push = scene.value().runners[0].pushes[0];
  const PushDesc defaults;
  EXPECT_EQ(push.time_s, 5.0);
  EXPECT_NEAR(push.direction.x, 0.6, kVecTol);
  EXPECT_NEAR(push.direction.y, 0.8, kVecTol);
  EXPECT_NEAR(push.direction.z, 0.0, kVecTol);
  EXPECT_EQ(push.impulse_ns, defaults.impulse_ns);
  EXPECT_EQ(push.segment, defaults.segment);
}

TEST(SceneLoader, OverridesApplyInOrderAndCreateMissingObjects) {
  const std::string path = WriteScene(kTwoRunners);
  const Result<SceneDesc> scene = LoadSceneFile(
      path, {"runners.0.controller.lean_deg=5", "runners.0.controller.lean_deg=15",
             "runners.1.body.sex=female", "runners.0.body.sex=\"female\"", "world.seed=42",
             "output.sample_rate_hz=200", "runners.1.controller.type=pose_stance",
             "runners.0.name=007", "world.assist_enabled=true"});
  ASSERT_TRUE(scene.ok()) << scene.error();
  const SceneDesc& s = scene.value();
  EXPECT_EQ(s.runners[0].controller.lean_deg, 15.0);
  EXPECT_EQ(s.runners[0].body.sex, Sex::kFemale);
  EXPECT_EQ(s.runners[1].body.sex, Sex::kFemale);
  EXPECT_EQ(s.world.seed, 42u);
  EXPECT_EQ(s.output.sample_rate_hz, 200.0);
  EXPECT_EQ(s.runners[1].controller.type, "pose_stance");
  EXPECT_EQ(s.runners[0].name, "007");  // not JSON (leading zeros), so a plain string
  EXPECT_TRUE(s.world.assist_enabled);
}

TEST(SceneLoader, ScheduleEntriesChangeOnlyTheirKeysOnTopOfThePreviousEntry) {
  const std::string path = WriteScene(
      R"({"schema": 1, "duration_s": 10, "runners": [{"controller": {"knee_flex_deg": 15,
          "balance_gain": 1.5}, "schedule": [{"time_s": 2, "controller": {"knee_flex_deg": 30}},
          {"time_s": 4, "controller": {"balance_gain": 0.5}}]}]})");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.error();
  const auto& schedule = scene.value().runners[0].schedule;
  ASSERT_EQ(schedule.size(), 2u);
  EXPECT_EQ(schedule[0].time_s, 2.0);
  EXPECT_EQ(schedule[0].controller.knee_flex_deg, 30.0);
  EXPECT_EQ(schedule[0].controller.balance_gain, 1.5);    // carried from the runner
  EXPECT_EQ(schedule[1].controller.knee_flex_deg, 30.0);  // carried from entry 0
  EXPECT_EQ(schedule[1].controller.balance_gain, 0.5);
  EXPECT_EQ(scene.value().runners[0].controller.knee_flex_deg, 15.0);  // the start is unchanged
}

TEST(SceneLoader, OverrideCanReplaceAnArrayWithJson) {
  const std::string path = WriteScene(kTwoRunners);
  const Result<SceneDesc> scene =
      LoadSceneFile(path, {R"(runners.0.pushes=[{"time_s": 2, "direction": [0, 0, 2]}])"});
  ASSERT_TRUE(scene.ok()) << scene.error();
  ASSERT_EQ(scene.value().runners[0].pushes.size(), 1u);
  EXPECT_EQ(scene.value().runners[0].pushes[0].time_s, 2.0);
  EXPECT_NEAR(scene.value().runners[0].pushes[0].direction.z, 1.0, kVecTol);
}

TEST(SceneLoader, OverrideCanRepairABadFileValue) {
  const std::string path = WriteScene(WithController(R"({"lean_deg": 45})"));
  const Result<SceneDesc> scene = LoadSceneFile(path, {"runners.0.controller.lean_deg=20"});
  ASSERT_TRUE(scene.ok()) << scene.error();
  EXPECT_EQ(scene.value().runners[0].controller.lean_deg, 20.0);
}

TEST(SceneLoader, ApplyOverrideEditsTheDocument) {
  json doc = json::parse(kTwoRunners);
  ASSERT_TRUE(ApplyOverride(&doc, "runners.1.controller.cadence_spm=172.5", "x.json").ok());
  ASSERT_TRUE(ApplyOverride(&doc, "name=my scene", "x.json").ok());
  EXPECT_EQ(doc["runners"][1]["controller"]["cadence_spm"], 172.5);
  EXPECT_EQ(doc["name"], "my scene");  // stored as given; ParseScene judges it
}

TEST(SceneLoader, RangeEdgesAreInclusive) {
  const std::string path = WriteScene(
      R"({"schema": 1, "duration_s": 3600, "world": {"timestep_s": 0.0001, "solver_iterations": 500},
          "runners": [{"controller": {"lean_deg": 30, "cadence_spm": 120}}]})");
  const Result<SceneDesc> scene = LoadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.error();
  EXPECT_EQ(scene.value().runners[0].controller.lean_deg, 30.0);
}

TEST(SceneLoader, ParseSceneAcceptsDocumentsBuiltInCode) {
  json doc = {{"schema", 1}, {"world", {{"seed", 7}}}, {"runners", json::array({json::object()})}};
  const Result<SceneDesc> scene = ParseScene(doc, "built");
  ASSERT_TRUE(scene.ok()) << scene.error();
  EXPECT_EQ(scene.value().world.seed, 7u);  // a signed JSON integer, still non-negative
  EXPECT_EQ(scene.value().source_path, "built");
}

TEST(SceneLoader, ParseSceneRejectsNonFiniteNumbers) {
  json doc = json::parse(R"({"schema": 1, "runners": [{"controller": {}}]})");
  doc["runners"][0]["controller"]["lean_deg"] = std::nan("");
  Result<SceneDesc> scene = ParseScene(doc, "built");
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(),
            "built: runners[0].controller.lean_deg = nan: must be a finite number within [0, 30]");
  doc["runners"][0]["controller"]["lean_deg"] = std::numeric_limits<double>::infinity();
  scene = ParseScene(doc, "built");
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(),
            "built: runners[0].controller.lean_deg = inf: must be a finite number within [0, 30]");
}

TEST(SceneLoader, SexSpellings) {
  EXPECT_STREQ(ToString(Sex::kFemale), "female");
  EXPECT_STREQ(ToString(Sex::kMale), "male");
}

// ---- Shipped scenes ----

std::string SceneFile(const std::string& relative) {
  return std::string(POSELAB_SOURCE_DIR) + "/scenes/" + relative;
}

TEST(SceneLoader, EveryShippedSceneLoads) {
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(SceneFile(""))) {
    if (entry.path().extension() != ".json") continue;
    const Result<SceneDesc> scene = LoadSceneFile(entry.path().string());
    EXPECT_TRUE(scene.ok()) << scene.error();
    ++count;
  }
  EXPECT_GE(count, 2);
}

TEST(SceneLoader, StanceSceneIsTwoFootStanceWithoutPushes) {
  const Result<SceneDesc> scene = LoadSceneFile(SceneFile("stance.json"));
  ASSERT_TRUE(scene.ok()) << scene.error();
  const SceneDesc& s = scene.value();
  EXPECT_EQ(s.name, "stance");
  EXPECT_EQ(s.duration_s, 60.0);
  ExpectSameWorld(s.world, WorldDesc{});
  ASSERT_EQ(s.runners.size(), 1u);
  EXPECT_EQ(s.runners[0].name, "stance");
  EXPECT_EQ(s.runners[0].controller.type, "stance");
  EXPECT_EQ(s.runners[0].controller.knee_flex_deg, 15.0);
  EXPECT_EQ(s.runners[0].body.height_m, 1.75);
  EXPECT_EQ(s.runners[0].body.mass_kg, 70.0);
  EXPECT_EQ(s.runners[0].body.sex, Sex::kMale);
  EXPECT_TRUE(s.runners[0].pushes.empty());
}

TEST(SceneLoader, PoseStanceDrillStandsOnTheLeftLeg) {
  const Result<SceneDesc> scene = LoadSceneFile(SceneFile("drills/pose_stance.json"));
  ASSERT_TRUE(scene.ok()) << scene.error();
  const SceneDesc& s = scene.value();
  EXPECT_EQ(s.name, "pose_stance");
  EXPECT_EQ(s.duration_s, 30.0);
  ExpectSameWorld(s.world, WorldDesc{});
  ASSERT_EQ(s.runners.size(), 1u);
  EXPECT_EQ(s.runners[0].controller.type, "pose_stance");
  EXPECT_EQ(s.runners[0].controller.support_leg, "left");
  EXPECT_EQ(s.runners[0].controller.knee_flex_deg, 20.0);
}

TEST(SceneLoader, StanceSceneTakesAPushFromOverrides) {
  const Result<SceneDesc> scene = LoadSceneFile(
      SceneFile("stance.json"),
      {R"(runners.0.pushes=[{"time_s": 5, "direction": [1, 0, 0], "impulse_ns": 20, "segment": "pelvis"}])"});
  ASSERT_TRUE(scene.ok()) << scene.error();
  ASSERT_EQ(scene.value().runners[0].pushes.size(), 1u);
  EXPECT_EQ(scene.value().runners[0].pushes[0].time_s, 5.0);
  EXPECT_EQ(scene.value().runners[0].pushes[0].impulse_ns, 20.0);
}

}  // namespace
}  // namespace poselab::sim
