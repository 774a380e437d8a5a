// Tables of "what it takes" (gaps_tables.hpp).
#include "jobaward/render/gaps_tables.hpp"

#include <cmath>
#include <cstdint>

namespace jobaward {

namespace {

using PrintRounding = LeverRounding;

std::string Rounded(double v, int decimals, int direction, PrintRounding rounding) {
  if (rounding == PrintRounding::kNearest) return FormatFixed(v, decimals);
  return FormatFixed(RoundLeverValue(v, decimals, direction, rounding), decimals);
}

// For people: counts with grouped thousands, grades as letters, booleans as 예/아니오.
std::string Value(const GapLever& lever, double v, int decimals, PrintRounding rounding) {
  if (std::isnan(v)) return "-";
  switch (lever.unit) {
    case GapLever::Unit::kCount:
      return FormatThousands(v);
    case GapLever::Unit::kGrade:
      return std::string(1, static_cast<char>('A' + static_cast<int>(v)));
    case GapLever::Unit::kBoolean:
      return v != 0 ? "예" : "아니오";
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
      return Value(lever, a.value, 2, PrintRounding::kHelpful) + " (" +
             Signed(Rounded(a.change, 2, lever.direction, PrintRounding::kHelpful)) + ")";
    case GapLever::Unit::kGrade:
      return Value(lever, a.value, 0, PrintRounding::kNearest) + " (+" +
             std::to_string(static_cast<int>(-a.change)) + "등급)";
    case GapLever::Unit::kBoolean:
      return Value(lever, a.value, 0, PrintRounding::kNearest) + " (전환)";
    case GapLever::Unit::kScoreShift:
      return Signed(Rounded(a.value, 2, 1, PrintRounding::kHelpful)) + "점";
  }
  return "";
}

std::string Limit(const GapLever& lever, const LeverGaps& l, const GapAnswer& a) {
  const bool stuck =
      lever.unit == GapLever::Unit::kScoreShift ? a.limit_value == 0 : a.limit_value == l.baseline;
  const std::string v = Value(lever, a.limit_value, 2, PrintRounding::kNearest);
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
  return Value(lever, l.baseline, 2, PrintRounding::kNearest);
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

double RoundLeverValue(double value, int decimals, int direction, LeverRounding rounding) {
  const double scale = std::pow(10.0, decimals);
  const double x = value * scale;
  if (rounding == LeverRounding::kNearest) return std::round(x) / scale;
  const bool up = (rounding == LeverRounding::kHelpful) == (direction > 0);
  // A value that is a whole number of printed units up to floating-point noise stays as it is.
  return (up ? std::ceil(x - 1e-7) : std::floor(x + 1e-7)) / scale;
}

Cell LeverValueCell(const GapLever& lever, double value, int decimals, LeverRounding rounding) {
  if (std::isnan(value)) return {};
  switch (lever.unit) {
    case GapLever::Unit::kCount:
      return static_cast<std::int64_t>(std::llround(value));
    case GapLever::Unit::kGrade:
      return std::string(1, static_cast<char>('A' + static_cast<int>(value)));
    case GapLever::Unit::kBoolean:
      return value != 0;
    case GapLever::Unit::kNumber:
    case GapLever::Unit::kScoreShift:
      break;
  }
  return RoundLeverValue(value, decimals, lever.direction, rounding);
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

Table GapsTable(const ScoringModel& model, const GovernmentGaps& gaps) {
  const Rubric& rubric = model.rubric;
  Table t;
  t.header = {"입력", "현재값"};
  t.align = {Align::kLeft, Align::kRight};
  for (int k = 0; k < kGapGoalCount; ++k) {
    t.header.emplace_back(GoalNameKo(static_cast<GapGoal>(k)));
    t.align.push_back(Align::kLeft);
  }
  for (const LeverGaps& l : gaps.levers) {
    std::vector<std::string> row = {InputLabel(rubric, l.lever), Current(l.lever, l)};
    for (int k = 0; k < kGapGoalCount; ++k) {
      row.push_back(GapCell(rubric, l.lever, l, static_cast<GapGoal>(k)));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace jobaward
