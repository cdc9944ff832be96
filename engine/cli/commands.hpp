#pragma once
// The kevo subcommands. Each parses its own options (Boost.Program_options),
// answers --help, and returns the process exit code.
#include <string>
#include <vector>

namespace kevo::engine::cli {

using Arguments = std::vector<std::string>;  // after the subcommand name

int run_command(const Arguments& args);
int resume_command(const Arguments& args);
int report_command(const Arguments& args);
int tasks_command(const Arguments& args);
int config_command(const Arguments& args);
int sweep_command(const Arguments& args);
int calibrate_command(const Arguments& args);
int experiment_command(const Arguments& args);
int import_command(const Arguments& args);

// Exit codes: 0 success (also a run stopped by a signal after committing),
// 1 a failure while running, 2 bad input (usage, config, task).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace kevo::engine::cli
