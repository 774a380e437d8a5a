// The commands of the jobaward program; each is implemented in its own cmd_<name>.cpp and
// returns an ExitCode. `args` are the words after the command name.
#pragma once

#include <string>
#include <vector>

namespace jobaward::cli {

int RunCohorts(const std::vector<std::string>& args);
int RunScore(const std::vector<std::string>& args);
int RunAward(const std::vector<std::string>& args);
int RunExplain(const std::vector<std::string>& args);
int RunGaps(const std::vector<std::string>& args);
int RunSynth(const std::vector<std::string>& args);
int RunSimulate(const std::vector<std::string>& args);
int RunSensitivity(const std::vector<std::string>& args);
int RunWeights(const std::vector<std::string>& args);
int RunReport(const std::vector<std::string>& args);
int RunTemplate(const std::vector<std::string>& args);
int RunCheck(const std::vector<std::string>& args);
int RunCompare(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);

}  // namespace jobaward::cli
