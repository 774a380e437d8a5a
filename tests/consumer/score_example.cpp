// Scores the bundled 2020 example through the public headers of an installed jobaward: loads the
// registry, cohort rules and both rubrics, compiles the 243 reports, evaluates the categories
// (in the order their cross-category rules need) and prints the award counts and every cohort's
// winners.
//
// usage: score_example JOBAWARD_SOURCE_DIR
#include <iostream>
#include <jobaward/error.hpp>
#include <jobaward/io/award_setup.hpp>
#include <jobaward/scoring/award_plan.hpp>
#include <jobaward/scoring/awards.hpp>
#include <jobaward/scoring/scoring.hpp>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: score_example JOBAWARD_SOURCE_DIR\n";
    return 2;
  }
  const std::string root = argv[1];
  try {
    jobaward::AwardPaths paths;
    paths.registry = root + "/cohorts/governments-2020.csv";
    paths.registry_is_2020 = true;
    paths.rules = root + "/cohorts/2020.yaml";
    paths.rubrics = {root + "/rubrics/2020-disclosure.yaml",
                     root + "/rubrics/2020-best-program.yaml"};
    const jobaward::ScoringSetup setup = jobaward::LoadScoringSetup(paths);
    const std::vector<jobaward::ScoringModel> models =
        jobaward::CompileReports(setup, root + "/examples/2020/reports");

    // Both categories together: a cross-category rule makes one depend on the other's awards.
    const std::vector<jobaward::ScoreResult> results = jobaward::ScoreAward(models);
    const jobaward::AwardTable awards = jobaward::BuildAwardTable(setup.rubrics, results);

    for (const auto& [category, count] : awards.category_counts) {
      std::cout << "awards " << category << " " << count << "\n";
    }
    std::cout << "awards total " << awards.total_count << "\n";
    for (const auto& result : results) {
      for (const auto& g : result.governments) {
        if (g.rank == 1) {
          std::cout << "winner " << result.category << " " << g.cohort_label << " " << g.code << " "
                    << g.name_ko << "\n";
        }
      }
    }
  } catch (const jobaward::InputError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
