// The JSON inputs of `jobaward report` (--simulation, --sensitivity): the output of `jobaward
// simulate --format json` and `jobaward sensitivity tornado --format json` read back (see
// award_report.hpp), through json_input.hpp: malformed JSON, a number a double cannot hold
// (1e400), too many values and every value of the wrong shape or range are reported at their
// file:line:column with their key path; every number is checked for its kind and range before it
// is converted, so that no value of the file reaches a narrowing conversion.
#include <cstdint>
#include <limits>

#include "jobaward/error.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/render/text_table.hpp"
#include "src/io/render/json_input.hpp"

namespace jobaward {

namespace {

using json_input::JsonDocument;
using json_input::JsonValue;

constexpr std::int64_t kMaxCount = std::numeric_limits<int>::max();

SimulationSummary::Row SimulationRow(const JsonValue& g) {
  SimulationSummary::Row r;
  r.code = g.Member("code").Text();
  r.name_ko = g.Member("name_ko").Text();
  r.cohort = g.Member("cohort").Text();
  r.p_award = g.Member("p_any").Real();
  r.p_award_se = g.Member("se_any").Real();
  r.rank_mean = g.Member("mean_rank").Real();
  r.rank_p05 = g.Member("rank_p5").Real();
  r.rank_p95 = g.Member("rank_p95").Real();
  r.baseline_rank = static_cast<int>(g.Member("baseline_rank").Whole(0, kMaxCount));
  r.baseline_award = !g.Member("baseline_award").IsNull();
  r.p_first = g.Member("p_first").Real();
  r.p_first_se = g.Member("se_first").Real();
  return r;
}

SensitivitySummary::Row SensitivityRow(const JsonValue& w) {
  SensitivitySummary::Row row;
  row.label = w.Member("weight_ko").Text();
  row.low = -w.Member("down_max_abs_own_change").Real();
  row.high = w.Member("up_max_abs_own_change").Real();
  row.total_low = -w.Member("down_max_abs_score_change").Real();
  row.total_high = w.Member("up_max_abs_score_change").Real();
  // Each count is at most the registry's size; their sums must still fit an int.
  const auto half = kMaxCount / 2;
  row.award_changes = static_cast<int>(w.Member("down_award_changes").Whole(0, half) +
                                       w.Member("up_award_changes").Whole(0, half));
  row.advance_changes = static_cast<int>(w.Member("down_advance_changes").Whole(0, half) +
                                         w.Member("up_advance_changes").Whole(0, half));
  return row;
}

}  // namespace

std::vector<SimulationSummary> ParseSimulationJson(std::string_view text, const std::string& file) {
  const JsonDocument document(text, file, "the JSON of 'jobaward simulate --format json'");
  const JsonValue root = document.Root();
  const std::int64_t draws =
      root.Member("draws").Whole(0, std::numeric_limits<std::int64_t>::max());
  const std::uint64_t seed = root.Member("seed").Unsigned();
  const JsonValue governments = root.Member("governments");
  std::vector<SimulationSummary> out;
  for (std::size_t i = 0, n = governments.Size(); i < n; ++i) {
    const JsonValue g = governments.Item(i);
    const std::string category = g.Member("category").Text();
    if (out.empty() || out.back().category != category) {
      out.emplace_back();
      out.back().category = category;
      out.back().draws = draws;
      out.back().seed = seed;
    }
    out.back().rows.push_back(SimulationRow(g));
  }
  return out;
}

std::vector<SensitivitySummary> ParseSensitivityJson(std::string_view text,
                                                     const std::string& file) {
  const JsonDocument document(text, file,
                              "the JSON of 'jobaward sensitivity tornado --format json'");
  const JsonValue root = document.Root();
  const JsonValue step_value = root.Member("step");
  const double step = step_value.Real();
  if (!(step > 0 && step <= 1)) {
    step_value.Fail("expected a number in (0, 1], got " + step_value.Shown());
  }
  const std::string pct = FormatFixed(step * 100, 0) + "%";
  const JsonValue weights = root.Member("weights");
  std::vector<SensitivitySummary> out;
  for (std::size_t i = 0, n = weights.Size(); i < n; ++i) {
    const JsonValue w = weights.Item(i);
    const std::string category = w.Member("category").Text();
    if (out.empty() || out.back().category != category) {
      SensitivitySummary s;
      s.category = category;
      s.title = category + ": 가중치 ±" + pct + " (" + file + ")";
      s.measure = "점수가 가장 크게 바뀌는 자치단체의 변화 (점)";
      s.low_name = "-" + pct;
      s.high_name = "+" + pct;
      out.push_back(std::move(s));
    }
    out.back().rows.push_back(SensitivityRow(w));
  }
  return out;
}

}  // namespace jobaward
