// The result of `jobaward compare` as typed tables (result_table.hpp): award changes, movers,
// totals per category. Built from a ScenarioComparison (scenario_compare.hpp); rendered to text,
// CSV, JSON and XLSX by result_render.hpp. Column ids are listed in engine/docs/outputs.md.
#pragma once

#include <map>
#include <string>

#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/scenario_compare.hpp"
#include "jobaward/simulation/paired_simulation.hpp"

namespace jobaward {

/// What names the two sides and the categories.
struct CompareLabels {
  std::string before;  ///< Scenario id of the base ("default" without a scenario).
  std::string after;
  std::map<std::string, std::string> category_names;  ///< Category -> Korean rubric name.
  /// Rows of the movers table shown in the text output, per category (all in the other formats).
  std::size_t text_movers = 10;
};

/// Tables: `award_changes` (who gains, loses or switches which award), `movers` (every
/// government whose award, cohort, rank or score changed; largest rank change first; not in the
/// text output), `top_movers` (the first `text_movers` of each category, text output) and
/// `totals` (per category and overall). Facts: the two scenario ids and the overall totals.
[[nodiscard]] Result BuildCompareResult(const ScenarioComparison& comparison,
                                        const CompareLabels& labels);

/// compare --simulate: adds the tables `award_probabilities` (every government with an award in
/// some draw on either side, per category, largest |difference| first; not in the text output)
/// and `top_probability_changes` (the first `labels.text_movers` of each category, for the
/// text), and the facts simulate_draws and seed. `names_ko`: code -> Korean name as shown.
void AddPairedProbabilities(const PairedSimulationResult& paired, const CompareLabels& labels,
                            const std::map<std::string, std::string>& names_ko, Result& result);

}  // namespace jobaward
