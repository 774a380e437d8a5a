// Leaving out the uncertainty-spec entries that name nothing in use (see uncertainty_subset.hpp).
#include "jobaward/simulation/uncertainty_subset.hpp"

#include <algorithm>
#include <set>

namespace jobaward {

namespace {

// True when `name` is not in `names` and not a near miss of one of them.
bool NamesNothing(const std::string& name, const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), name) == names.end() &&
         ClosestMatch(name, names).empty();
}

// Keeps the entries of `list` for which `keep` is true; `original[i]` is the index in `list`
// of kept entry i.
template <class T, class Keep>
std::vector<T> Filter(const std::vector<T>& list, Keep keep, std::vector<std::size_t>& original) {
  std::vector<T> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!keep(list[i], i)) continue;
    original.push_back(i);
    out.push_back(list[i]);
  }
  return out;
}

// "measurement_noise[3]..." of the filtered spec back to the index in the original.
std::string RenumberKey(const std::string& key, const std::string& section,
                        const std::vector<std::size_t>& original) {
  const std::string prefix = section + "[";
  if (key.rfind(prefix, 0) != 0) return key;
  const std::size_t close = key.find(']', prefix.size());
  if (close == std::string::npos) return key;
  const std::size_t i = std::stoul(key.substr(prefix.size(), close - prefix.size()));
  if (i >= original.size()) return key;
  return prefix + std::to_string(original[i]) + key.substr(close);
}

}  // namespace

UncertaintyModel CompileUncertaintyInUse(const UncertaintySpec& spec,
                                         std::span<const ScoringModel> categories,
                                         const CohortRules* rules, const Registry* registry,
                                         std::vector<std::string>& skipped) {
  std::vector<std::string> indicators, fields, parameters;
  for (const ScoringModel& m : categories) {
    for (const auto& i : m.rubric.indicators) indicators.push_back(i.id);
    for (const auto& f : m.rubric.fields) fields.push_back(f.name);
  }
  if (rules != nullptr) {
    for (const auto& p : rules->parameters) parameters.push_back(p.name);
  }
  UncertaintySpec in_use = spec;
  std::vector<std::size_t> reviewers, measurements, thresholds;
  in_use.reviewer_noise = Filter(
      spec.reviewer_noise,
      [&](const ReviewerNoiseSpec& r, std::size_t i) {
        if (r.indicator == "*" || !NamesNothing(r.indicator, indicators)) return true;
        skipped.push_back("reviewer_noise[" + std::to_string(i) + "] (indicator " + r.indicator +
                          ")");
        return false;
      },
      reviewers);
  in_use.measurement_noise = Filter(
      spec.measurement_noise,
      [&](const MeasurementNoiseSpec& m, std::size_t i) {
        const bool by_field = !m.field.empty();
        const std::string& name = by_field ? m.field : m.indicator;
        if (!NamesNothing(name, by_field ? fields : indicators)) return true;
        skipped.push_back("measurement_noise[" + std::to_string(i) + "] (" +
                          (by_field ? "field " : "indicator ") + name + ")");
        return false;
      },
      measurements);
  in_use.cohort_thresholds = Filter(
      spec.cohort_thresholds,
      [&](const ThresholdSpec& t, std::size_t i) {
        if (rules == nullptr || !NamesNothing(t.parameter, parameters)) return true;
        skipped.push_back("cohort_thresholds[" + std::to_string(i) + "] (parameter " + t.parameter +
                          ")");
        return false;
      },
      thresholds);
  try {
    return CompileUncertainty(in_use, categories, rules, registry);
  } catch (const InputError& e) {
    std::vector<Diagnostic> renumbered = e.diagnostics();
    for (auto& d : renumbered) {
      d.key = RenumberKey(d.key, "reviewer_noise", reviewers);
      d.key = RenumberKey(d.key, "measurement_noise", measurements);
      d.key = RenumberKey(d.key, "cohort_thresholds", thresholds);
    }
    throw InputError(std::move(renumbered));
  }
}

}  // namespace jobaward
