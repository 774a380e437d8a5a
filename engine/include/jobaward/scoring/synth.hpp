// The seeded generator of plausible synthetic reports (and, for benchmarks, of a synthetic
// registry larger than the real one). Pure: no files, no clocks, no global state. Each
// government's values come from its own PCG stream derived from (seed, government code), so a
// government's report does not depend on which or how many others are generated, and the same
// seed gives the same values on every platform (the generator does not use the
// implementation-defined std:: distributions). The model is documented in examples/README.md.
// Thread-safe.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"

namespace jobaward {

/// A real, published figure put into an otherwise synthetic report (e.g. Guro-gu's 2019 jobs
/// target 13,300, kurotimes 2020-10-08).
struct RealFigure {
  std::string government;  ///< 5-digit code.
  std::string field;       ///< A schema field name.
  FieldValue value;
  std::string source;  ///< Citation, copied into Report::sources.
};

/// The two latent qualities of the generator's model (examples/README.md): a government's job
/// policy (q, behind the 공시제 fields) and its flagship programme (p = 0.6 q + 0.8 N, behind
/// the programme fields).
enum class Latent { kPolicy = 0, kProgramme = 1 };

/// Which latent a generated field follows (kPolicy for a field the generator does not model).
[[nodiscard]] Latent LatentOf(const std::string& field);

/// Conditions on one government's draws, set by the calibration (calibrate.hpp). Each latent
/// has its own family of PCG streams, one per attempt; a report is drawn from the first attempt
/// at or after `attempt` whose latent lies in [min, max] (rejection sampling: the latent's
/// normal distribution conditioned on the interval). Defaults: attempt 0, no condition, which is
/// the unconditioned generator.
struct LatentCondition {
  std::uint64_t attempt = 0;
  double min = -HUGE_VAL;
  double max = HUGE_VAL;
  bool operator==(const LatentCondition&) const = default;
};
struct GovernmentCondition {
  LatentCondition policy;
  LatentCondition programme;
  /// Appended to the report's provenance, e.g. "conditioned on the published result: 종합대상".
  std::string note;
  bool operator==(const GovernmentCondition&) const = default;
};

/// The attempts and latent values a conditioned draw ended with.
struct DrawnLatents {
  std::uint64_t policy_attempt = 0;
  std::uint64_t programme_attempt = 0;
  double policy = 0;
  double programme = 0;
};

/// Most attempts a conditioned draw may take (a condition of probability below about 1e-3 is a
/// calibration error, not a long loop).
inline constexpr std::uint64_t kMaxConditionAttempts = 20000;

struct SynthOptions {
  std::uint64_t seed = 0;
  int year = 2020;
  /// Written into every report's `provenance` (e.g. the exact generator command).
  std::string provenance;
  /// Real figures that replace generated ones; a report receiving one lists its source.
  std::vector<RealFigure> real_figures;
  /// SynthesizeReports calls it on the calling thread after each report with the reports done
  /// and the total, for a progress bar (--count 100000); it does not change the result.
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress = {};
};

/// The report of one government `g` under `condition` (what SynthesizeReports does per
/// government, with conditions). `drawn`, when given, receives the attempts and latents used.
/// Throws InputError when no attempt within kMaxConditionAttempts meets the condition.
[[nodiscard]] Report SynthesizeReport(const Government& g, const ReportSchema& schema,
                                      const SynthOptions& options,
                                      const GovernmentCondition& condition = {},
                                      DrawnLatents* drawn = nullptr);

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
