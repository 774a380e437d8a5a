// Tables of "what it takes" (gaps_tables.hpp).
#include "jobaward/gaps_tables.hpp"

#include <cmath>

namespace jobaward {

namespace {

enum class PrintRounding { kHelpful, kUnhelpful, kNearest };

std::string Rounded(double v, int decimals, int direction, PrintRounding rounding) {
  if (rounding == PrintRounding::kNearest) return FormatFixed(v, decimals);
  const double scale = std::pow(10.0, decimals);
  const bool up = (rounding == PrintRounding::kHelpful) == (direction > 0);
  const double x = v * scale;
  // A value that is a whole number of printed units up to floating-point noise stays as it is.
  const double r = up ? std::ceil(x - 1e-7) : std::floor(x + 1e-7);
  return FormatFixed(r / scale, decimals);
}

std::string Value(const GapLever& lever, double v, int decimals, bool for_people,
                  PrintRounding rounding) {
  if (std::isnan(v)) return for_people ? "-" : "";
  switch (lever.unit) {
    case GapLever::Unit::kCount:
      return for_people ? FormatThousands(v) : FormatFixed(v, 0);
    case GapLever::Unit::kGrade:
      return std::string(1, static_cast<char>('A' + static_cast<int>(v)));
    case GapLever::Unit::kBoolean:
      return v != 0 ? (for_people ? "예" : "true") : (for_people ? "아니오" : "false");
    case GapLever::Unit::kNumber:
    case GapLever::Unit::kScoreShift:
      break;
  }
  return Rounded(v, decimals, lever.direction, rounding);
}

std::string Signed(const std::string& s) { return s.empty() || s[0] == '-' ? s : "+" + s; }

const FieldSpec* SpecOf(const Rubric& rubric, const std::string& name) {
  for (const auto& f : rubric.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string Position(const Rubric& rubric, const GapPosition& at) {
  std::string s = std::to_string(at.rank) + "위";
  const std::string award = AwardNameKo(rubric, at.award);
  if (!award.empty()) s += " " + award;
  if (at.tied) s += " (동점)";
  return s;
}

// "14,303 (+551)", "60.03 (+0.63)", "B (+1등급)", "예 (전환)", "+6.91점".
std::string Reached(const GapLever& lever, const GapAnswer& a) {
  switch (lever.unit) {
    case GapLever::Unit::kCount:
      return FormatThousands(a.value) + " (" + Signed(FormatThousands(a.change)) + ")";
    case GapLever::Unit::kNumber:
      return Value(lever, a.value, 2, true, PrintRounding::kHelpful) + " (" +
             Signed(Rounded(a.change, 2, lever.direction, PrintRounding::kHelpful)) + ")";
    case GapLever::Unit::kGrade:
      return Value(lever, a.value, 0, true, PrintRounding::kNearest) + " (+" +
             std::to_string(static_cast<int>(-a.change)) + "등급)";
    case GapLever::Unit::kBoolean:
      return Value(lever, a.value, 0, true, PrintRounding::kNearest) + " (전환)";
    case GapLever::Unit::kScoreShift:
      return Signed(Rounded(a.value, 2, 1, PrintRounding::kHelpful)) + "점";
  }
  return "";
}

std::string Limit(const GapLever& lever, const LeverGaps& l, const GapAnswer& a) {
  const bool stuck =
      lever.unit == GapLever::Unit::kScoreShift ? a.limit_value == 0 : a.limit_value == l.baseline;
  const std::string v = Value(lever, a.limit_value, 2, true, PrintRounding::kNearest);
  switch (a.limit) {
    case GapLimit::kDeclaredMax:
      return (stuck ? "이미 상한 " : "상한 ") + v;
    case GapLimit::kDeclaredMin:
      return (stuck ? "이미 하한 " : "하한 ") + v;
    case GapLimit::kBestGrade:
      return stuck ? "이미 A 등급" : "A 등급으로도";
    case GapLimit::kFlag:
      return stuck ? "이미 " + v : "전환해도";
    case GapLimit::kAllScoresMax:
      return stuck ? "이미 모든 점수 최고점" : "모든 점수 최고점 (" + Signed(v) + "점)";
    case GapLimit::kSaturated:
      return stuck ? "이미 더 변화 없음" : v + "부터 변화 없음";
    case GapLimit::kSearchRange:
      return "탐색 범위 " + v;
    case GapLimit::kNotAdvanced:
      return "2차 미진출";
    case GapLimit::kBarred:
      return "다른 부문 수상으로 제외";
    case GapLimit::kNone:
      break;
  }
  return "";
}

std::string InputLabel(const Rubric& rubric, const GapLever& lever) {
  switch (lever.kind) {
    case GapLever::Kind::kBonus:
      return "가점: " + lever.name_ko;
    case GapLever::Kind::kPenalty:
      return "감점: " + lever.name_ko;
    case GapLever::Kind::kIndicator:
      break;
  }
  const FieldSpec* spec = SpecOf(rubric, lever.field);
  if (spec == nullptr || spec->name_ko.empty() || spec->name_ko == lever.name_ko) {
    return lever.name_ko;
  }
  return lever.name_ko + " · " + spec->name_ko;
}

std::string Current(const GapLever& lever, const LeverGaps& l) {
  if (lever.unit == GapLever::Unit::kScoreShift) {
    return std::isnan(l.raw) ? "-" : "평균 " + FormatFixed(l.raw, 2);
  }
  return Value(lever, l.baseline, 2, true, PrintRounding::kNearest);
}

}  // namespace

const char* GoalNameKo(GapGoal goal) {
  switch (goal) {
    case GapGoal::kPassAbove:
      return "윗순위 추월";
    case GapGoal::kAdvance:
      return "2차 진출";
    case GapGoal::kBetterAward:
      return "다음 상";
  }
  return "?";
}

std::string AwardNameKo(const Rubric& rubric, const std::string& label) {
  const auto plus = label.find('+');
  const std::string main = label.substr(0, plus);
  const std::string special = plus == std::string::npos ? "" : label.substr(plus + 1);
  std::string out;
  for (const auto& p : rubric.national_prizes) {
    if (p.id == main) out = p.name_ko;
  }
  for (const auto& l : rubric.levels) {
    if (out.empty() && l.id == main) out = l.name_ko;
  }
  for (const auto& p : rubric.special_prizes) {
    if (p.id == special) out += (out.empty() ? "" : " + ") + p.name_ko;
  }
  return out;
}

std::string FormatLeverValue(const GapLever& lever, double value, int decimals, bool for_people) {
  return Value(lever, value, decimals, for_people, PrintRounding::kHelpful);
}

std::string GapCell(const Rubric& rubric, const GapLever& lever, const LeverGaps& gaps,
                    GapGoal goal) {
  const GapAnswer& a = gaps.answers[static_cast<std::size_t>(goal)];
  switch (a.status) {
    case GapStatus::kAlready:
      switch (goal) {
        case GapGoal::kPassAbove:
          return "이미 1위";
        case GapGoal::kAdvance:
          return "이미 진출";
        case GapGoal::kBetterAward:
          return "최고 상";
      }
      break;
    case GapStatus::kMissingInput:
      return "자료 없음";
    case GapStatus::kReached:
      return Reached(lever, a) + " → " + Position(rubric, a.at);
    case GapStatus::kNotReachable:
      return "불가: " + Limit(lever, gaps, a) + " (" + Position(rubric, a.at) + ")";
  }
  return "";
}

Table GapsTable(const ScoringModel& model, const std::vector<GovernmentGaps>& gaps,
                bool with_government) {
  const Rubric& rubric = model.rubric;
  Table t;
  if (with_government) {
    t.header = {"평가군", "코드", "자치단체", "순위", "상", "윗순위"};
    t.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft};
  }
  for (const char* h : {"입력", "현재값"}) t.header.emplace_back(h);
  t.align.insert(t.align.end(), {Align::kLeft, Align::kRight});
  for (int k = 0; k < kGapGoalCount; ++k) {
    t.header.emplace_back(GoalNameKo(static_cast<GapGoal>(k)));
    t.align.push_back(Align::kLeft);
  }
  for (const GovernmentGaps& g : gaps) {
    const auto r = static_cast<std::size_t>(g.row);
    bool first = true;
    for (const LeverGaps& l : g.levers) {
      std::vector<std::string> row;
      if (with_government) {
        if (first) {
          const std::string above = g.above < 0
                                        ? "-"
                                        : model.row_code[static_cast<std::size_t>(g.above)] + " " +
                                              model.row_name_ko[static_cast<std::size_t>(g.above)];
          const std::string award = AwardNameKo(rubric, g.now.award);
          row = {model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])],
                 model.row_code[r],
                 model.row_name_ko[r],
                 std::to_string(g.now.rank),
                 award.empty() ? "-" : award,
                 above};
        } else {
          row.assign(6, "");
        }
      }
      row.push_back(InputLabel(rubric, l.lever));
      row.push_back(Current(l.lever, l));
      for (int k = 0; k < kGapGoalCount; ++k) {
        row.push_back(GapCell(rubric, l.lever, l, static_cast<GapGoal>(k)));
      }
      t.rows.push_back(std::move(row));
      first = false;
    }
  }
  return t;
}

Table GapsCsvHeader() {
  Table t;
  t.header = {"category",     "cohort",          "code",       "name_ko", "rank",        "advanced",
              "award",        "above_code",      "lever_kind", "lever",   "lever_ko",    "field",
              "unit",         "baseline",        "raw",        "goal",    "status",      "value",
              "change",       "before",          "tolerance",  "limit",   "limit_value", "new_rank",
              "new_advanced", "new_final_score", "new_award",  "new_tied"};
  return t;
}

void AppendGapsCsv(const ScoringModel& model, const std::vector<GovernmentGaps>& gaps,
                   Table& table) {
  for (const GovernmentGaps& g : gaps) {
    const auto r = static_cast<std::size_t>(g.row);
    for (const LeverGaps& l : g.levers) {
      const GapLever& lever = l.lever;
      for (int k = 0; k < kGapGoalCount; ++k) {
        const GapAnswer& a = l.answers[static_cast<std::size_t>(k)];
        const bool reached = a.status == GapStatus::kReached;
        const bool stopped = a.status == GapStatus::kNotReachable;
        const bool moved = reached || stopped;
        const auto real = [&](double v, PrintRounding rounding) {
          return Value(lever, v, 6, false, rounding);
        };
        std::string change;
        if (reached) {
          change =
              lever.unit == GapLever::Unit::kNumber || lever.unit == GapLever::Unit::kScoreShift
                  ? Rounded(a.change, 6, lever.direction, PrintRounding::kHelpful)
                  : FormatFixed(a.change, 0);
        }
        table.rows.push_back({model.rubric.category,
                              model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])],
                              model.row_code[r],
                              model.row_name_ko[r],
                              std::to_string(g.now.rank),
                              g.now.advanced ? "true" : "false",
                              g.now.award,
                              g.above < 0 ? "" : model.row_code[static_cast<std::size_t>(g.above)],
                              ToString(lever.kind),
                              lever.id,
                              lever.name_ko,
                              lever.field,
                              ToString(lever.unit),
                              lever.unit == GapLever::Unit::kScoreShift
                                  ? "0"
                                  : real(l.baseline, PrintRounding::kNearest),
                              std::isnan(l.raw) ? "" : FormatFixed(l.raw, 6),
                              ToString(static_cast<GapGoal>(k)),
                              ToString(a.status),
                              reached ? real(a.value, PrintRounding::kHelpful) : "",
                              change,
                              reached ? real(a.before, PrintRounding::kUnhelpful) : "",
                              reached ? FormatFixed(a.tolerance, 9) : "",
                              stopped ? ToString(a.limit) : "",
                              stopped ? real(a.limit_value, PrintRounding::kNearest) : "",
                              moved ? std::to_string(a.at.rank) : "",
                              moved ? (a.at.advanced ? "true" : "false") : "",
                              moved ? FormatFixed(a.at.final_score, 6) : "",
                              moved ? a.at.award : "",
                              moved ? (a.at.tied ? "true" : "false") : ""});
      }
    }
  }
}

}  // namespace jobaward
