#include "jobaward/scoring/synth.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <pcg_random.hpp>
#include <string>

namespace jobaward {

namespace {

// Stream domains keep the report draws of government 11530 apart from the draws that perturb a
// clone's size, even when a clone's index equals a code; the programme figures have their own
// domain so that conditioning one latent never redraws the other's figures.
constexpr std::uint64_t kReportStream = 0;
constexpr std::uint64_t kCloneStream = 1;
constexpr std::uint64_t kProgrammeStream = 2;
// Attempt k of a stream family is the stream `k * 2^40 + id * 4 + domain` (attempt 0 is the
// unconditioned draw; ids are at most 5 digits).
constexpr std::uint64_t kAttemptStride = std::uint64_t{1} << 40;

// Draws of one government. Uniform and normal variates are made from the raw 64-bit output by
// fixed formulas (not std::uniform_real_distribution / std::normal_distribution, whose algorithms
// differ between standard libraries), so the bundled example is reproducible everywhere.
class Draws {
 public:
  Draws(std::uint64_t seed, std::uint64_t id, std::uint64_t domain, std::uint64_t attempt = 0)
      : rng_(pcg_extras::pcg128_t(seed), pcg_extras::pcg128_t(attempt) * kAttemptStride +
                                             pcg_extras::pcg128_t(id * 4 + domain)) {}

  /// Uniform in [0, 1).
  double Uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  /// Integer uniform in [lo, hi].
  int Integer(int lo, int hi) {
    return lo + static_cast<int>(std::floor(Uniform() * static_cast<double>(hi - lo + 1)));
  }
  /// Standard normal (Box-Muller, one variate per call).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]: log is finite
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  pcg64 rng_;
};

double Round(double v, int decimals = 0) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale + 0.0;  // + 0.0 turns -0 into 0
}

double Clamp(double v, double lo, double hi) { return std::min(std::max(v, lo), hi); }

std::uint64_t CodeNumber(const std::string& code) {
  std::uint64_t n = 0;
  for (const char c : code)
    n = n * 10 + static_cast<std::uint64_t>(c >= '0' && c <= '9' ? c - '0' : 0);
  return n;
}

// Employment rate (%) and regular-worker ratio (%) typical of each type of government: rural
// counties have high employment rates (farming) and few regular employees; big-city districts
// the reverse.
struct TypeBaseline {
  double employment_rate;
  double regular_ratio;
};

TypeBaseline BaselineOf(GovernmentType type) {
  switch (type) {
    case GovernmentType::kSpecialCity:
    case GovernmentType::kMetropolitanCity:
      return {59.5, 68};
    case GovernmentType::kSpecialSelfGoverningCity:
      return {62.0, 72};
    case GovernmentType::kProvince:
      return {62.5, 62};
    case GovernmentType::kSpecialSelfGoverningProvince:
      return {67.0, 58};
    case GovernmentType::kCity:
      return {61.5, 64};
    case GovernmentType::kCounty:
      return {66.0, 55};
    case GovernmentType::kDistrict:
      return {59.0, 67};
  }
  return {61.0, 63};
}

char GradeOf(double latent) {
  if (latent > 1.0) return 'A';
  if (latent > 0.3) return 'B';
  if (latent > -0.4) return 'C';
  if (latent > -1.1) return 'D';
  return 'E';
}

std::vector<double> Panel(Draws& d, int min_n, int max_n, double centre, double spread) {
  const int n = d.Integer(min_n, max_n);
  std::vector<double> scores;
  scores.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) scores.push_back(Round(Clamp(centre + spread * d.Normal(), 0, 100)));
  return scores;
}

// The job-policy fields of one government, drawn in a fixed order (so adding a field to a schema
// never changes the values of the others) after the latent `quality`, the stream's first draw.
void GeneratePolicy(const Government& g, double quality, Draws& d,
                    std::map<std::string, FieldValue>& f) {
  const double workers = g.workers;
  const double population = g.population;
  const TypeBaseline base = BaselineOf(g.type);

  const double target = Round(workers * d.Uniform(0.04, 0.08));
  f["jobs_target"] = target;
  f["jobs_created"] = Round(target * std::exp(std::log(1.03) + 0.04 * quality + 0.07 * d.Normal()));

  const double rate_prev = Round(Clamp(base.employment_rate + 2.0 * d.Normal(), 40, 85), 1);
  f["employment_rate_prev"] = rate_prev;
  f["employment_rate"] =
      Round(Clamp(rate_prev + 0.2 + 0.3 * quality + 0.6 * d.Normal(), 0, 100), 1);

  const double insured_prev = Round(workers * d.Uniform(0.35, 0.60));
  f["insured_prev"] = insured_prev;
  f["insured"] = Round(insured_prev * std::exp(0.015 + 0.01 * quality + 0.02 * d.Normal()));
  f["regular_worker_ratio"] = Round(Clamp(base.regular_ratio + 4.0 * d.Normal(), 20, 95), 1);

  const double budget = Round(population * d.Uniform(0.03, 0.10));  // million KRW
  f["budget_planned"] = budget;
  f["budget_executed"] = Round(budget * Clamp(0.92 + 0.02 * quality + 0.04 * d.Normal(), 0.6, 1.0));
  f["disclosed_on_time"] = d.Uniform() < 0.93;

  f["plan_review"] = Panel(d, 3, 7, 72 + 7 * quality, 5);
  f["governance"] = std::string(1, GradeOf(quality + 0.6 * d.Normal()));
  f["head_commitment"] = std::string(1, GradeOf(quality + 0.6 * d.Normal()));
  f["interview"] = Panel(d, 3, 5, 75 + 6 * quality, 4);
  f["best_practice_cases"] = Clamp(Round(1.5 + 1.2 * quality + 0.8 * d.Normal()), 0, 5);
  f["audit_findings"] = Clamp(Round(0.8 - 0.5 * quality + 0.7 * d.Normal()), 0, 3);
}

// The flagship-programme fields, from the programme stream after the latent `program`
// (0.6 x quality + 0.8 x its first normal draw: the programme shares part of the government's
// quality); sized by the policy figures.
void GenerateProgramme(double program, Draws& d, std::map<std::string, FieldValue>& f) {
  const double target = std::get<double>(f.at("jobs_target"));
  const double budget = std::get<double>(f.at("budget_planned"));
  const double program_target = Round(target * d.Uniform(0.03, 0.10));
  f["program_jobs_target"] = program_target;
  f["program_jobs_created"] =
      Round(program_target * std::exp(std::log(1.05) + 0.05 * program + 0.10 * d.Normal()));
  const double program_budget = Round(budget * d.Uniform(0.05, 0.20));
  f["program_budget_planned"] = program_budget;
  f["program_budget_executed"] =
      Round(program_budget * Clamp(0.93 + 0.02 * program + 0.04 * d.Normal(), 0.6, 1.0));
  f["program_design_review"] = Panel(d, 3, 7, 72 + 7 * program, 5);
  f["program_innovation"] = std::string(1, GradeOf(program + 0.6 * d.Normal()));
  f["program_interview"] = Panel(d, 3, 5, 75 + 6 * program, 4);
}

// Rejection sampling over attempts: the first attempt at or after `c.attempt` whose first normal
// draw, mapped by `latent`, lies in [c.min, c.max].
template <typename Map>
std::pair<std::uint64_t, double> Accept(const LatentCondition& c, std::uint64_t seed,
                                        std::uint64_t id, std::uint64_t domain, Map latent,
                                        const std::string& code, const char* what) {
  for (std::uint64_t a = c.attempt; a < c.attempt + kMaxConditionAttempts; ++a) {
    Draws d(seed, id, domain, a);
    const double v = latent(d.Normal());
    if (v >= c.min && v <= c.max) return {a, v};
  }
  throw InputError(Diagnostic{{},
                              "synth",
                              std::string("no draw of government ") + code + "'s " + what +
                                  " quality meets the condition [" + std::to_string(c.min) + ", " +
                                  std::to_string(c.max) + "] within " +
                                  std::to_string(kMaxConditionAttempts) + " attempts",
                              {}});
}

// Keeps generated values inside the schema's bounds (a rubric may declare narrower ones).
void ClampToSpec(FieldValue& value, const FieldSpec& spec) {
  const double lo = spec.min.value_or(-HUGE_VAL);
  const double hi = spec.max.value_or(HUGE_VAL);
  if (auto* v = std::get_if<double>(&value)) {
    *v = Clamp(*v, lo, hi);
  } else if (auto* scores = std::get_if<std::vector<double>>(&value)) {
    for (double& s : *scores) s = Clamp(s, lo, hi);
  }
}

}  // namespace

Latent LatentOf(const std::string& field) {
  return field.rfind("program_", 0) == 0 ? Latent::kProgramme : Latent::kPolicy;
}

Report SynthesizeReport(const Government& g, const ReportSchema& schema,
                        const SynthOptions& options, const GovernmentCondition& condition,
                        DrawnLatents* drawn) {
  const std::uint64_t id = CodeNumber(g.code);
  const auto [policy_attempt, quality] = Accept(
      condition.policy, options.seed, id, kReportStream, [](double z) { return z; }, g.code,
      "job-policy");
  const auto [programme_attempt, program] = Accept(
      condition.programme, options.seed, id, kProgrammeStream,
      [q = quality](double z) { return 0.6 * q + 0.8 * z; }, g.code, "programme");
  std::map<std::string, FieldValue> generated;
  Draws policy(options.seed, id, kReportStream, policy_attempt);
  (void)policy.Normal();  // The latent, already known.
  GeneratePolicy(g, quality, policy, generated);
  Draws programme(options.seed, id, kProgrammeStream, programme_attempt);
  (void)programme.Normal();
  GenerateProgramme(program, programme, generated);
  if (drawn != nullptr) *drawn = {policy_attempt, programme_attempt, quality, program};
  Report report;
  report.government_code = g.code;
  report.year = options.year;
  report.synthetic = true;
  report.provenance = options.provenance;
  for (const auto& spec : schema.fields) {
    auto it = generated.find(spec.name);
    if (it == generated.end()) continue;
    ClampToSpec(it->second, spec);
    report.fields.emplace(spec.name, std::move(it->second));
  }
  std::string real;
  for (const auto& figure : options.real_figures) {
    if (figure.government != g.code) continue;
    report.fields[figure.field] = figure.value;
    report.sources[figure.field] = figure.source;
    real += (real.empty() ? "" : ", ") + figure.field;
  }
  if (!real.empty()) {
    report.provenance += (report.provenance.empty() ? "" : "; ") + std::string("partially ") +
                         "synthetic: " + real + " are real published figures (see sources)";
  }
  if (!condition.note.empty()) {
    report.provenance += (report.provenance.empty() ? "" : "; ") + condition.note;
  }
  return report;
}

std::vector<Report> SynthesizeReports(const Registry& registry, const ReportSchema& schema,
                                      const SynthOptions& options) {
  for (const auto& figure : options.real_figures) {
    Require(schema.Find(figure.field) != nullptr, "real figure for a field not in the schema");
  }
  std::vector<Report> reports;
  reports.reserve(registry.size());
  for (const auto& g : registry.governments()) {
    reports.push_back(SynthesizeReport(g, schema, options));
    if (options.progress) options.progress(reports.size(), registry.size());
  }
  return reports;
}

Registry SynthesizeRegistry(const Registry& base, std::size_t count, std::uint64_t seed) {
  Require(!base.governments().empty(), "SynthesizeRegistry needs a non-empty base registry");
  std::vector<Government> governments;
  governments.reserve(count);
  for (std::size_t i = 0; i < std::min(count, base.size()); ++i) {
    governments.push_back(base[i]);
  }
  Require(count <= base.size() || count - base.size() <= kMaxSyntheticClones,
          "SynthesizeRegistry: too many clones");
  for (std::size_t k = 0; governments.size() < count; ++k) {
    const Government& source = base[k % base.size()];
    Draws draws(seed, k, kCloneStream);
    Government g = source;
    const std::string n = std::to_string(k + 1);
    g.code = std::to_string(60000 + k);
    g.name_ko = source.name_ko + " (합성 " + n + ")";
    g.name_en = source.name_en + " (synthetic " + n + ")";
    const double size = std::exp(0.25 * draws.Normal());
    g.population = Round(source.population * size);
    g.workers = Round(source.workers * size * std::exp(0.05 * draws.Normal()));
    g.population_source = "synthetic: clone of " + source.code + " with perturbed size";
    g.workers_source = g.population_source;
    g.workers_estimated = true;
    g.line = 0;
    governments.push_back(std::move(g));
  }
  return Registry("", std::move(governments));
}

}  // namespace jobaward
