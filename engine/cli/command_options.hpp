#pragma once
// Shared plumbing of the subcommands: option parsing with --help, and the
// fitness Context built from the command line.
#include <filesystem>
#include <string>

#include <boost/program_options.hpp>

#include "engine/cli/commands.hpp"
#include "fitness/context.hpp"

namespace kevo::engine::cli {

namespace po = boost::program_options;

// Parses `args`; returns false when --help was asked (the help text is printed).
bool parse_options(const Arguments& args, const std::string& usage, po::options_description& options,
                   po::positional_options_description& positional, po::variables_map& values);

fitness::Context make_context(const std::filesystem::path& cache_dir, unsigned compile_jobs);

// Whether standard output is a terminal (live progress line) or a log (plain lines).
bool stdout_is_terminal();

}  // namespace kevo::engine::cli
