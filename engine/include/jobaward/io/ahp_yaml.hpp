// Reading an AHP pairwise-comparison file and writing a rubric with the weights it gives.
// Format (engine/docs/sensitivity.md, "AHP weights"):
//
//   target: domains               # or: indicators (then `domain:` names the domain)
//   items: [plan, execution, outcome]
//   matrix:                       # a_ij = how much more important item i is than item j
//     - [1,   2,   1/2]           # numbers or fractions "a/b"; a_ii = 1; a_ji = 1/a_ij
//     - [1/2, 1,   1/3]
//     - [2,   3,   1]
//
// The loader collects every problem (shape, positivity, diagonal, reciprocity within 1%, item
// names) with file:line:column before throwing InputError.
//
// Tests (tests/unit/sensitivity/ahp_test.cpp) prove each error message, the CR > 0.1 rejection, and
// that the rubric writer replaces only the points (comments kept) with totals preserved.
#pragma once

#include <Eigen/Core>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/sensitivity/ahp.hpp"

namespace jobaward {

struct AhpSpec {
  enum class Target { kDomains, kIndicators };
  Target target = Target::kDomains;
  std::string domain;  ///< kIndicators: "plan", "execution" or "outcome".
  std::vector<std::string> items;
  std::vector<SourceLocation> item_where;  ///< Parallel to items.
  Eigen::MatrixXd matrix;
  SourceLocation matrix_where;
  SourceLocation where;  ///< The file.
};

/// Parses AHP YAML text; `file_name` names it in diagnostics.
[[nodiscard]] AhpSpec ParseAhp(std::string_view yaml_text, std::string_view file_name);
[[nodiscard]] AhpSpec LoadAhp(const std::filesystem::path& path);

/// Throws InputError at the matrix when CR > kAhpMaxConsistencyRatio, unless `allow`:
/// "consistency ratio 0.153 exceeds 0.1 (CI 0.171, RI 1.12): revise the judgments, or pass
/// --allow-inconsistent".
void CheckConsistency(const AhpSpec& spec, const AhpResult& result, bool allow);

/// The rubric YAML `rubric_text` with its points replaced: target domains — each domain gets
/// weight × total_points and its indicators keep their shares of it; target indicators — the
/// domain's indicators (all of them, exactly the items) share its points by weight. Points are
/// rounded to 0.01 by largest remainder so every sum stays exact. The rubric gets its own id,
/// `new_id` or, when empty, "<id>-ahp", so that it can be told apart from (and used beside) the
/// original. Only the number after each `points:` and the id change (comments and layout are
/// kept). The result is checked by ParseRubric. Throws InputError for items that do not match the
/// rubric (with did-you-mean), a domain of zero points whose indicators cannot be rescaled, and a
/// new id equal to the old one or not made of letters, digits, '-' and '_'.
[[nodiscard]] std::string RewriteRubricPoints(std::string_view rubric_text,
                                              std::string_view rubric_file, const AhpSpec& spec,
                                              const AhpResult& result,
                                              std::string_view new_id = {});

}  // namespace jobaward
