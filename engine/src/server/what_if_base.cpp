// Loading the inputs the server starts with (see what_if_service.hpp, LoadWhatIfBase): the same
// loaders as every command (award_setup.hpp), without overrides (each evaluation applies the
// baseline's and the request's, evaluation.cpp), the reports kept in memory so that each
// scenario's rubrics can be compiled against them without reading a file again.
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/server/what_if_service.hpp"

namespace jobaward {

WhatIfBase LoadWhatIfBase(const WhatIfPaths& paths) {
  AwardPaths award_paths;
  award_paths.registry = paths.registry;
  award_paths.registry_is_2020 = paths.registry_is_2020;
  award_paths.rules = paths.rules;
  award_paths.rubrics = paths.rubrics;
  ScoringSetup setup = LoadScoringSetup(award_paths);
  // Any subset of the rubrics runs on reports that carry every category's fields (as the CLI).
  ReportLoadOptions options;
  options.ignore_undeclared_fields = true;
  ReportBatch batch = LoadReports(paths.reports, setup.schema, setup.registry, options);
  ThrowIfRejected(batch);
  WhatIfBase base;
  base.scenario.id = "default";
  base.registry = std::move(setup.registry);
  base.rules = std::move(setup.rules);
  base.rubrics = std::move(setup.rubrics);
  base.reports = std::move(batch.reports);
  base.uncertainty = LoadUncertainty(paths.uncertainty);
  return base;
}

}  // namespace jobaward
