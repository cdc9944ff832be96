// kevo config --print-defaults | --check <campaign.yaml>
#include <iostream>

#include "engine/campaign/campaign_config.hpp"
#include "engine/cli/command_options.hpp"

namespace kevo::engine::cli {

int config_command(const Arguments& args) {
  po::options_description options("kevo config options");
  std::string check;
  options.add_options()("print-defaults", "print a campaign YAML with every key at its default")(
      "check", po::value(&check), "validate a campaign file and print it with defaults filled in");
  po::positional_options_description positional;
  po::variables_map values;
  if (!parse_options(args, "usage: kevo config --print-defaults | --check <campaign.yaml>", options, positional,
                     values))
    return kExitOk;
  if (values.count("print-defaults")) {
    std::cout << default_campaign_yaml();
    return kExitOk;
  }
  if (!check.empty()) {
    std::cout << to_yaml(load_campaign(check));
    return kExitOk;
  }
  std::cerr << "kevo config: say --print-defaults or --check <file> (see kevo config --help)\n";
  return kExitBadInput;
}

}  // namespace kevo::engine::cli
