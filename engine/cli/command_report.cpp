// kevo report <run_dir>
#include <iostream>

#include "engine/campaign/report.hpp"
#include "engine/cli/command_options.hpp"

namespace kevo::engine::cli {

int report_command(const Arguments& args) {
  po::options_description options("kevo report options");
  std::string run_dir;
  options.add_options()("run-dir", po::value(&run_dir)->required(), "run directory (runs/<name>)");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo report <run_dir>  (rewrites <run_dir>/report.md and prints it)",
                     options, positional, values))
    return kExitOk;
  std::cout << write_report(run_dir);
  return kExitOk;
}

}  // namespace kevo::engine::cli
