// The two out-of-line functions of report.hpp (field type names and schema lookup). Added by the
// scoring engineer because the rubric checks and every loader need them; see report.hpp.
#include "jobaward/scoring/report.hpp"

namespace jobaward {

const char* ToString(FieldType type) {
  switch (type) {
    case FieldType::kNumber:
      return "number";
    case FieldType::kCount:
      return "count";
    case FieldType::kGrade:
      return "grade";
    case FieldType::kScores:
      return "scores";
    case FieldType::kBoolean:
      return "boolean";
  }
  return "?";
}

const FieldSpec* ReportSchema::Find(const std::string& name) const {
  for (const FieldSpec& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace jobaward
