#include "engine/cli/command_options.hpp"

#include <cstdlib>
#include <iostream>

#include <unistd.h>

namespace kevo::engine::cli {

bool parse_options(const Arguments& args, const std::string& usage, po::options_description& options,
                   po::positional_options_description& positional, po::variables_map& values) {
  options.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
  if (values.count("help")) {
    std::cout << usage << "\n\n" << options << "\n";
    return false;
  }
  po::notify(values);
  return true;
}

fitness::Context make_context(const std::filesystem::path& cache_dir, unsigned compile_jobs) {
  fitness::Context context;
  context.cache_dir = cache_dir;
  std::filesystem::create_directories(cache_dir);
  context.worker_executable = fitness::locate_worker_executable();
  context.compile_jobs = compile_jobs;
  context.profiles_dir = fitness::locate_profiles_dir();
  if (const char* python = std::getenv("KEVO_PYTHON"); python != nullptr && *python != '\0') context.python = python;
  context.log = [](const std::string& line) { std::cerr << line << "\n"; };
  return context;
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

}  // namespace kevo::engine::cli
