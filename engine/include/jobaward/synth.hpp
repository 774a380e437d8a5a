// The seeded generator of plausible synthetic reports (and, for benchmarks, of a synthetic
// registry larger than the real one). Pure: no files, no clocks, no global state. Each
// government's values come from its own PCG stream derived from (seed, government code), so a
// government's report does not depend on which or how many others are generated, and the same
// seed gives the same values on every platform (the generator does not use the
// implementation-defined std:: distributions). The model is documented in examples/README.md.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "jobaward/registry.hpp"
#include "jobaward/report.hpp"

namespace jobaward {

/// A real, published figure put into an otherwise synthetic report (e.g. Guro-gu's 2019 jobs
/// target 13,300, kurotimes 2020-10-08).
struct RealFigure {
  std::string government;  ///< 5-digit code.
  std::string field;       ///< A schema field name.
  FieldValue value;
  std::string source;  ///< Citation, copied into Report::sources.
};

struct SynthOptions {
  std::uint64_t seed = 0;
  int year = 2020;
  /// Written into every report's `provenance` (e.g. the exact generator command).
  std::string provenance;
  /// Real figures that replace generated ones; a report receiving one lists its source.
  std::vector<RealFigure> real_figures;
};

/// One synthetic report per government of `registry`, in registry order. Only fields of `schema`
/// that the generator models (the 2020 fields of notes/fields.md) are produced, each clamped to
/// its FieldSpec range. REQUIRES: every RealFigure names a government of `registry` and a field
/// of `schema` (ParseRealFigures checks this); otherwise InternalError.
[[nodiscard]] std::vector<Report> SynthesizeReports(const Registry& registry,
                                                    const ReportSchema& schema,
                                                    const SynthOptions& options);

/// Largest number of clones SynthesizeRegistry can add (synthetic codes 60000..99999).
inline constexpr std::size_t kMaxSyntheticClones = 40000;

/// A registry of `count` governments for benchmarks: the governments of `base` first, unchanged,
/// then clones of them in turn (same level, type and parent, so cohort rules still apply) with
/// population and workers perturbed by a seeded log-normal factor, unique codes from 60000 up and
/// names marked "(합성 n)" / "(synthetic n)". When `count` <= base.size(), the first `count`
/// governments of `base`. REQUIRES: count - base.size() <= kMaxSyntheticClones and base not empty.
[[nodiscard]] Registry SynthesizeRegistry(const Registry& base, std::size_t count,
                                          std::uint64_t seed);

}  // namespace jobaward
