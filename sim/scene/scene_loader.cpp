// Scene files: JSON text -> SceneDesc. Every key is checked against the range written beside its
// field in scene_desc.h; defaults come only from SceneDesc's member initialisers.
#include "sim/scene/scene_loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <system_error>
#include <utility>

namespace poselab::sim {
namespace {

using nlohmann::json;

constexpr int kSchema = 1;
constexpr size_t kMaxRunners = 8;
constexpr size_t kMaxNameChars = 64;
constexpr size_t kMaxValueChars = 80;  // longer values are cut short in messages

// Every controller type a scene may name. Types whose controllers are not written yet are
// accepted here so that scenes for them validate; the controller code reports what it can't build.
constexpr std::array<const char*, 10> kControllerTypes = {
    "stance",       "pose_stance",       "pose",  "heel_strike", "pony",
    "foot_tapping", "change_of_support", "lunge", "hopping",     "switch"};
constexpr std::array<const char*, 2> kLegs = {"left", "right"};
constexpr std::array<const char*, 13> kSegments = {
    "pelvis",          "trunk",         "head",       "left_upper_arm", "left_forearm",
    "right_upper_arm", "right_forearm", "left_thigh", "left_shank",     "left_foot",
    "right_thigh",     "right_shank",   "right_foot"};
constexpr std::array<Sex, 2> kSexes = {Sex::kFemale, Sex::kMale};

std::span<const char* const> SexNames() {
  static const std::array<const char*, 2> names = {ToString(kSexes[0]), ToString(kSexes[1])};
  return names;
}

// An allowed interval: [lo, hi], or (lo, hi] when lo_open. hi_note names the key a
// scene-dependent upper bound comes from.
struct Range {
  double lo;
  double hi;
  bool lo_open = false;
  const char* hi_note = nullptr;
};

// Shortest text that reads back as `v`; whole numbers without exponent (1e7 -> 10000000).
std::string FormatNumber(double v) {
  std::array<char, 64> buf{};
  const bool whole = std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15;
  const auto [end, ec] =
      whole ? std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed)
            : std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general);
  return ec == std::errc() ? std::string(buf.data(), end) : std::string("?");
}

std::string RangeText(const Range& r) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a chain of + here.
  std::string text = r.lo_open ? "(" : "[";
  text.append(FormatNumber(r.lo)).append(", ").append(FormatNumber(r.hi)).append("]");
  if (r.hi_note != nullptr) text += std::string(" (the upper bound is ") + r.hi_note + ")";
  return text;
}

// A value as JSON for messages, cut short when long. JSON has no spelling for inf or nan.
std::string ValueText(const json& v) {
  if (v.is_number_float() && !std::isfinite(v.get<double>())) return FormatNumber(v.get<double>());
  std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxValueChars) text = text.substr(0, kMaxValueChars - 3) + "...";
  return text;
}

std::string QuotedList(std::span<const char* const> names) {
  std::string text;
  for (const char* name : names) text += (text.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  return text;
}

// Key paths in messages: runners[0].controller.lean_deg.
std::string KeyPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}
std::string IndexPath(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

// Names become file and folder names (grf_<runner>.mot, out/<scene>/).
bool IsValidName(const std::string& name) {
  return !name.empty() && name.size() <= kMaxNameChars &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
         });
}

// The first validation failure. Once one is recorded every later check is skipped, so the reading
// code runs straight through without testing after each field.
struct Checker {
  bool failed = false;
  std::string path;        // key path of the failure, "" for the whole document
  std::string bound_path;  // key that set the violated limit, if any (push times: duration_s)
  std::string message;     // without the source prefix

  void Fail(const std::string& at, std::string text, const char* bound = nullptr) {
    if (failed) return;
    failed = true;
    path = at;
    bound_path = bound != nullptr ? bound : "";
    message = std::move(text);
  }
  // "<path> = <value as JSON>: <rule>"
  void FailValue(const std::string& at, const json& value, const std::string& rule,
                 const char* bound = nullptr) {
    Fail(at, at + " = " + ValueText(value) + ": " + rule, bound);
  }
};

// Reads one JSON object. Each call declares a key and how to read it; Finish() rejects keys nobody
// declared, then reads the declared ones in order. The declarations are the one list of allowed
// keys, so the unknown-key message cannot drift from what is read.
class ObjectReader {
 public:
  using ReadFn = std::function<void(const json& value, const std::string& path)>;

  ObjectReader(Checker* check, const json& object, std::string path)
      : check_(check), object_(object), path_(std::move(path)) {}

  Checker& check() { return *check_; }
  void Field(const char* key, ReadFn read) { fields_.push_back({key, std::move(read)}); }

  void Number(const char* key, double* out, Range range) {
    Field(key, [this, out, range](const json& v, const std::string& path) {
      if (!v.is_number() || !std::isfinite(v.get<double>())) {
        const char* kind = v.is_number() ? "a finite number" : "a number";
        return check_->FailValue(path, v,
                                 std::string("must be ") + kind + " within " + RangeText(range));
      }
      if (CheckRange(v, path, range)) *out = v.get<double>();
    });
  }
  void Integer(const char* key, int* out, Range range) {
    Field(key, [this, out, range](const json& v, const std::string& path) {
      if (!v.is_number_integer()) {
        return check_->FailValue(path, v, "must be an integer within " + RangeText(range));
      }
      if (CheckRange(v, path, range)) *out = static_cast<int>(v.get<int64_t>());
    });
  }
  void NonNegativeInteger(const char* key, uint64_t* out) {
    Field(key, [this, out](const json& v, const std::string& path) {
      // Parsed text stores non-negative integers as unsigned; documents built in code may not.
      if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<int64_t>() < 0)) {
        return check_->FailValue(path, v, "must be a non-negative integer");
      }
      *out = v.get<uint64_t>();
    });
  }
  void Bool(const char* key, bool* out) {
    Field(key, [this, out](const json& v, const std::string& path) {
      if (!v.is_boolean()) return check_->FailValue(path, v, "must be true or false");
      *out = v.get<bool>();
    });
  }
  // One of `names`; `set` receives the index of the match.
  void Choice(const char* key, std::span<const char* const> names,
              std::function<void(size_t)> set) {
    Field(key, [this, names, set = std::move(set)](const json& v, const std::string& path) {
      for (size_t i = 0; v.is_string() && i < names.size(); ++i) {
        if (v.get_ref<const std::string&>() == names[i]) return set(i);
      }
      check_->FailValue(path, v, "must be one of " + QuotedList(names));
    });
  }
  void Name(const char* key, std::string* out) {
    Field(key, [this, out](const json& v, const std::string& path) {
      if (v.is_string() && IsValidName(v.get_ref<const std::string&>())) {
        *out = v.get<std::string>();
        return;
      }
      check_->FailValue(path, v,
                        "must be 1 to " + std::to_string(kMaxNameChars) +
                            " letters, digits, '_' or '-' (it becomes part of file names)");
    });
  }
  void Object(const char* key, std::function<void(ObjectReader&)> declare);

  void Finish() {
    // Unknown keys first: a misspelt key explains more than the errors it may cause later.
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      const auto same_key = [&](const Decl& d) { return it.key() == d.key; };
      if (std::any_of(fields_.begin(), fields_.end(), same_key)) continue;
      std::string allowed;
      for (const Decl& d : fields_) allowed.append(allowed.empty() ? "" : ", ").append(d.key);
      const std::string path = KeyPath(path_, it.key());
      return check_->Fail(path, path + ": unknown key (allowed: " + allowed + ")");
    }
    for (const Decl& d : fields_) {
      if (check_->failed) return;
      if (const auto it = object_.find(d.key); it != object_.end()) {
        d.read(*it, KeyPath(path_, d.key));
      }
    }
  }

 private:
  struct Decl {
    const char* key;
    ReadFn read;
  };

  bool CheckRange(const json& v, const std::string& path, const Range& range) {
    const double x = v.get<double>();
    if ((range.lo_open ? x > range.lo : x >= range.lo) && x <= range.hi) return true;
    check_->FailValue(path, v, "must be within " + RangeText(range), range.hi_note);
    return false;
  }

  Checker* check_;
  const json& object_;
  std::string path_;
  std::vector<Decl> fields_;
};

// Reads `value` as an object whose keys `declare` sets up.
void ReadObject(Checker* check, const json& value, const std::string& path,
                const std::function<void(ObjectReader&)>& declare) {
  if (!value.is_object()) return check->FailValue(path, value, "must be an object");
  ObjectReader reader(check, value, path);
  declare(reader);
  reader.Finish();
}

void ObjectReader::Object(const char* key, std::function<void(ObjectReader&)> declare) {
  Field(key, [this, declare = std::move(declare)](const json& v, const std::string& path) {
    ReadObject(check_, v, path, declare);
  });
}

// A push direction: 3 finite numbers, not all zero, normalised here.
void ReadDirection(Checker* check, const json& v, const std::string& path, Vec3* out) {
  const char* rule = "must be a non-zero vector of 3 finite numbers [x, y, z] (world frame)";
  const bool numbers =
      v.is_array() && v.size() == 3 && std::all_of(v.begin(), v.end(), [](const json& e) {
        return e.is_number() && std::isfinite(e.get<double>());
      });
  if (!numbers) return check->FailValue(path, v, rule);
  Vec3 d(v[0].get<double>(), v[1].get<double>(), v[2].get<double>());
  // Scale by the largest component first so that neither tiny nor huge entries under/overflow.
  const double largest = std::max({std::abs(d.x), std::abs(d.y), std::abs(d.z)});
  if (largest == 0.0) return check->FailValue(path, v, rule);
  d /= largest;
  *out = d / std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
}

void ReadPush(ObjectReader& r, PushDesc* push, double duration_s) {
  r.Number("time_s", &push->time_s, {0.0, duration_s, false, "duration_s"});
  r.Field("direction", [&r, push](const json& v, const std::string& path) {
    ReadDirection(&r.check(), v, path, &push->direction);
  });
  r.Number("impulse_ns", &push->impulse_ns, {0.0, 200.0});
  r.Number("duration_s", &push->duration_s, {0.001, 1.0});
  r.Choice("segment", kSegments, [push](size_t i) { push->segment = kSegments[i]; });
}

void ReadController(ObjectReader& r, ControllerDesc* c) {
  r.Choice("type", kControllerTypes, [c](size_t i) { c->type = kControllerTypes[i]; });
  r.Number("lean_deg", &c->lean_deg, {0.0, 30.0});
  r.Number("cadence_spm", &c->cadence_spm, {120.0, 240.0});
  r.Number("landing_offset_m", &c->landing_offset_m, {-0.1, 0.6});
  r.Choice("support_leg", kLegs, [c](size_t i) { c->support_leg = kLegs[i]; });
  r.Number("knee_flex_deg", &c->knee_flex_deg, {0.0, 60.0});
  r.Number("stance_width_m", &c->stance_width_m, {-0.1, 0.3});
  r.Number("balance_gain", &c->balance_gain, {0.0, 3.0});
}

void ReadRunner(ObjectReader& r, RunnerDesc* runner, double duration_s) {
  r.Name("name", &runner->name);
  r.Object("body", [runner](ObjectReader& b) {
    b.Number("height_m", &runner->body.height_m, {1.40, 2.10});
    b.Number("mass_kg", &runner->body.mass_kg, {40.0, 120.0});
    b.Choice("sex", SexNames(), [runner](size_t i) { runner->body.sex = kSexes[i]; });
  });
  r.Object("controller", [runner](ObjectReader& c) { ReadController(c, &runner->controller); });
  r.Number("lane_z_m", &runner->lane_z_m, {-10.0, 10.0});
  r.Number("start_x_m", &runner->start_x_m, {-100.0, 100.0});
  r.Field("pushes", [&r, runner, duration_s](const json& v, const std::string& path) {
    if (!v.is_array()) return r.check().FailValue(path, v, "must be an array of pushes");
    for (size_t i = 0; i < v.size(); ++i) {
      PushDesc push;
      ReadObject(&r.check(), v[i], IndexPath(path, i),
                 [&push, duration_s](ObjectReader& p) { ReadPush(p, &push, duration_s); });
      runner->pushes.push_back(push);
    }
  });
  // Each entry changes some controller keys from `time_s` on, on top of the previous entry.
  r.Field("schedule", [&r, runner, duration_s](const json& v, const std::string& path) {
    if (!v.is_array()) return r.check().FailValue(path, v, "must be an array of changes");
    ControllerDesc current = runner->controller;
    double last_time = 0.0;
    for (size_t i = 0; i < v.size(); ++i) {
      ScheduledChange change;
      change.controller = current;
      const std::string entry = IndexPath(path, i);
      ReadObject(&r.check(), v[i], entry, [&change, duration_s](ObjectReader& e) {
        e.Number("time_s", &change.time_s, {0.0, duration_s, false, "duration_s"});
        e.Object("controller",
                 [&change](ObjectReader& c) { ReadController(c, &change.controller); });
      });
      if (r.check().failed) return;
      if (change.time_s < last_time) {
        const std::string time_path = entry + ".time_s";
        return r.check().Fail(time_path, time_path + " = " + json(change.time_s).dump() +
                                             ": must not be earlier than the entry before (" +
                                             json(last_time).dump() + ")");
      }
      last_time = change.time_s;
      current = change.controller;
      runner->schedule.push_back(change);
    }
  });
}

void ReadRunners(Checker* check, const json& v, const std::string& path, SceneDesc* scene) {
  const std::string rule = "must be an array of 1 to " + std::to_string(kMaxRunners) + " runners";
  if (!v.is_array() || v.empty()) return check->FailValue(path, v, rule);
  if (v.size() > kMaxRunners) {
    return check->Fail(path, path + " has " + std::to_string(v.size()) + " entries: " + rule);
  }
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string runner_path = IndexPath(path, i);
    RunnerDesc runner;
    ReadObject(check, v[i], runner_path,
               [&](ObjectReader& r) { ReadRunner(r, &runner, scene->duration_s); });
    if (check->failed) return;
    // Names key the output files, so they must differ.
    for (size_t j = 0; j < i; ++j) {
      if (scene->runners[j].name != runner.name) continue;
      const std::string name_path = runner_path + ".name";
      return check->Fail(name_path, name_path + " = " + json(runner.name).dump() +
                                        ": must be unique (" + IndexPath(path, j) +
                                        " has the same name" +
                                        (v[i].contains("name") ? ")" : "; \"name\" is missing)"));
    }
    scene->runners.push_back(std::move(runner));
  }
}

void ReadScene(Checker* check, const json& doc, SceneDesc* scene) {
  if (!doc.is_object()) {
    return check->Fail("",
                       std::string("the top level must be a JSON object, not ") + doc.type_name());
  }
  // The schema decides what every other key means, so it is checked first.
  const auto schema = doc.find("schema");
  if (schema == doc.end()) return check->Fail("schema", "schema: missing (required, must be 1)");
  if (!schema->is_number_integer() || schema->get<int64_t>() != kSchema) {
    return check->FailValue("schema", *schema, "must be 1");
  }
  ObjectReader root(check, doc, "");
  root.Field("schema", [](const json&, const std::string&) {});  // checked above
  root.Name("name", &scene->name);
  root.Object("world", [scene](ObjectReader& w) {
    WorldDesc& world = scene->world;
    w.Number("timestep_s", &world.timestep_s, {1e-4, 5e-3});
    w.Integer("solver_iterations", &world.solver_iterations, {5.0, 500.0});
    w.Number("gravity_mps2", &world.gravity_mps2, {0.0, 20.0});
    w.Number("friction", &world.friction, {0.1, 2.0});
    w.Number("contact_stiffness_n_m", &world.contact_stiffness_n_m, {1e3, 1e7});
    w.Number("contact_damping_ns_m", &world.contact_damping_ns_m, {0.0, 1e5});
    w.Number("contact_depth_damping_ns_m2", &world.contact_depth_damping_ns_m2, {0.0, 1e9});
    w.Number("control_rate_hz", &world.control_rate_hz, {50.0, 10000.0});
    w.NonNegativeInteger("seed", &world.seed);
    w.Number("initial_perturbation_deg", &world.initial_perturbation_deg, {0.0, 5.0});
    w.Bool("assist_enabled", &world.assist_enabled);
  });
  root.Object("output", [scene](ObjectReader& o) {
    o.Number("sample_rate_hz", &scene->output.sample_rate_hz, {1.0, 10000.0});
  });
  // duration_s before runners: push times are checked against it.
  root.Number("duration_s", &scene->duration_s, {0.0, 3600.0, true});
  root.Field("runners", [check, scene](const json& v, const std::string& path) {
    ReadRunners(check, v, path, scene);
  });
  root.Finish();
  if (!doc.contains("runners")) {
    check->Fail("runners", "runners: missing (required, an array of 1 to " +
                               std::to_string(kMaxRunners) + " runners)");
  }
}

// nlohmann keeps only the last of repeated keys. A scene that says "lean_deg" twice is a mistake
// whichever one was meant, so the parse callback finds repeats and their key path.
class DuplicateKeyFinder {
 public:
  json::parser_callback_t Callback() {
    return [this](int /*depth*/, json::parse_event_t event, json& parsed) {
      Visit(event, parsed);
      return true;  // keep everything
    };
  }
  const std::string& first_duplicate() const { return first_; }

 private:
  struct Frame {
    bool is_array = false;
    size_t count = 0;  // arrays: elements started so far
    std::string key;   // objects: the key being read
    std::set<std::string> keys;
  };

  void Visit(json::parse_event_t event, const json& parsed) {
    using Event = json::parse_event_t;
    const bool opens = event == Event::object_start || event == Event::array_start;
    if ((opens || event == Event::value) && !stack_.empty() && stack_.back().is_array) {
      ++stack_.back().count;
    }
    if (opens) {
      stack_.emplace_back().is_array = event == Event::array_start;
    } else if (event == Event::object_end || event == Event::array_end) {
      stack_.pop_back();
    } else if (event == Event::key) {
      Frame& top = stack_.back();
      top.key = parsed.get<std::string>();
      if (!top.keys.insert(top.key).second && first_.empty()) first_ = Path();
    }
  }
  std::string Path() const {
    std::string path;
    for (const Frame& f : stack_)
      path = f.is_array ? IndexPath(path, f.count - 1) : KeyPath(path, f.key);
    return path;
  }

  std::vector<Frame> stack_;
  std::string first_;
};

// "<file> (--set KEY=VALUE)": messages name both the file and the flag.
std::string OverrideSource(const std::string& source, const std::string& assignment) {
  return source.empty() ? "--set " + assignment : source + " (--set " + assignment + ")";
}

std::optional<size_t> ParseIndex(const std::string& text) {
  size_t index = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, index);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return index;
}

std::string SizeText(const std::string& array_path, size_t size) {
  const std::string n = std::to_string(size);
  if (array_path == "runners") return "scene has " + n + (size == 1 ? " runner" : " runners");
  return array_path + " has " + n + (size == 1 ? " entry" : " entries");
}

// ApplyOverride, also returning the key in message form (runners[0].name) so that a later
// validation error can be traced back to the --set that caused it.
Status ApplyOverrideAt(json* doc, const std::string& assignment, const std::string& source,
                       std::string* key_path) {
  const auto fail = [&](const std::string& detail) {
    return Status(Error{OverrideSource(source, assignment) + ": " + detail});
  };
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) return fail("expected KEY=VALUE");
  const std::string key = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);

  // Walk the dotted key: numeric segments index existing array elements, missing objects are made.
  json* node = doc;
  key_path->clear();
  for (size_t begin = 0; begin <= key.size();) {
    const size_t dot = std::min(key.find('.', begin), key.size());
    const std::string segment = key.substr(begin, dot - begin);
    begin = dot + 1;
    if (segment.empty()) return fail("empty segment in key \"" + key + "\"");
    const std::optional<size_t> index = ParseIndex(segment);
    const std::string where = key_path->empty() ? "the top level" : *key_path;
    if (node->is_array() || (node->is_null() && index)) {
      if (!index) return fail(where + " is an array; \"" + segment + "\" is not an index");
      if (*index >= node->size()) {
        return fail(IndexPath(*key_path, *index) + " does not exist (" +
                    SizeText(*key_path, node->size()) + ")");
      }
      *key_path = IndexPath(*key_path, *index);
      node = &(*node)[*index];
      continue;
    }
    if (node->is_null()) *node = json::object();
    if (!node->is_object()) {
      return fail(where + " = " + ValueText(*node) + " is not an object, so it has no key \"" +
                  segment + "\"");
    }
    *key_path = KeyPath(*key_path, segment);
    node = &(*node)[segment];
  }
  // VALUE is JSON when it parses as JSON (15, true, "x", [1,0,0]), otherwise a plain string.
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  *node = value.is_discarded() ? json(text) : std::move(value);
  return Status();
}

// True when one key path is the other or lies inside it (runners[0] and runners[0].name).
bool PathsOverlap(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  if (longer.compare(0, shorter.size(), shorter) != 0) return false;
  return longer.size() == shorter.size() || longer[shorter.size()] == '.' ||
         longer[shorter.size()] == '[';
}

}  // namespace

Result<SceneDesc> ParseScene(const json& doc, const std::string& source) {
  Checker check;
  SceneDesc scene;
  ReadScene(&check, doc, &scene);
  if (check.failed) return Error{source + ": " + check.message};
  scene.source_path = source;
  return scene;
}

Status ApplyOverride(json* doc, const std::string& assignment, const std::string& source) {
  POSELAB_ASSERT(doc != nullptr, "ApplyOverride needs a document");
  std::string key_path;
  return ApplyOverrideAt(doc, assignment, source, &key_path);
}

Result<SceneDesc> LoadSceneFile(const std::string& path,
                                const std::vector<std::string>& overrides) {
  // Read the whole file.
  std::error_code fs_error;
  if (std::filesystem::is_directory(path, fs_error)) {
    return Error{path + ": cannot read scene file: it is a directory"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int open_errno = errno;
    return Error{path + ": cannot open scene file (" + std::generic_category().message(open_errno) +
                 ")"};
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{path + ": cannot read scene file"};

  // Parse; nlohmann's message carries the line and column.
  json doc;
  DuplicateKeyFinder duplicates;
  try {
    doc = json::parse(text, duplicates.Callback());
  } catch (const json::exception& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 3, ..."
    if (const size_t id_end = what.find("] ");
        what.rfind("[json.exception", 0) == 0 && id_end != std::string::npos) {
      what.erase(0, id_end + 2);
    }
    return Error{path + ": invalid JSON: " + what};
  }
  if (!duplicates.first_duplicate().empty()) {
    return Error{path + ": " + duplicates.first_duplicate() +
                 ": duplicate key (JSON would silently keep only the last one)"};
  }

  // Overrides, in order, then validation of the result.
  std::vector<std::string> override_paths;
  for (const std::string& assignment : overrides) {
    std::string key_path;
    if (Status status = ApplyOverrideAt(&doc, assignment, path, &key_path); !status.ok()) {
      return Error{status.error()};
    }
    override_paths.push_back(key_path);
  }
  Checker check;
  SceneDesc scene;
  ReadScene(&check, doc, &scene);
  if (check.failed) {
    // Blame the last --set that wrote the failing key or an object around it.
    std::string source = path;
    for (size_t i = overrides.size(); i-- > 0;) {
      if (PathsOverlap(override_paths[i], check.path) ||
          PathsOverlap(override_paths[i], check.bound_path)) {
        source = OverrideSource(path, overrides[i]);
        break;
      }
    }
    return Error{source + ": " + check.message};
  }
  scene.source_path = path;
  return scene;
}

}  // namespace poselab::sim
