// kevo-hiprtc: one hiprtc compile in a process of its own. hiprtc (ROCm 5.2)
// aborts or segfaults on targets it does not know, such as gfx942; in a child
// that is a failed compile with a clear message, never a crash of kevo.
//
//   kevo-hiprtc --version
//   kevo-hiprtc --arch gfx90a --source kernel.hip --output kernel.hsaco
//               [--kernel NAME]... [--option OPTION]...
//
// Prints one JSON object on stdout: {"ok", "log", "symbols"} (lowered name of
// each --kernel, in order). Exit 0 when hiprtc ran, whatever it said; 2 for
// bad arguments; 1 when hiprtc cannot be loaded.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fitness/hip/hiprtc_api.hpp"

namespace {

using kevo::fitness::hip::HiprtcApi;
using kevo::fitness::hip::hiprtcProgram;

struct Request {
  std::string arch, source_file, output_file;
  std::vector<std::string> kernels, options;
};

bool parse(int argc, char** argv, Request& request) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--arch") request.arch = value;
    else if (flag == "--source") request.source_file = value;
    else if (flag == "--output") request.output_file = value;
    else if (flag == "--kernel") request.kernels.push_back(value);
    else if (flag == "--option") request.options.push_back(value);
    else return false;
  }
  return argc % 2 == 1 && !request.arch.empty() && !request.source_file.empty() && !request.output_file.empty();
}

std::string program_log(const HiprtcApi& api, hiprtcProgram program) {
  std::size_t size = 0;
  api.hiprtcGetProgramLogSize(program, &size);
  std::string log(size, '\0');
  if (size > 0) api.hiprtcGetProgramLog(program, log.data());
  while (!log.empty() && log.back() == '\0') log.pop_back();
  return log;
}

nlohmann::json compile(const HiprtcApi& api, const Request& request, const std::string& source) {
  nlohmann::json reply{{"ok", false}, {"log", ""}, {"symbols", nlohmann::json::array()}};
  hiprtcProgram program = nullptr;
  if (const auto code = api.hiprtcCreateProgram(&program, source.c_str(), "kernel.hip", 0, nullptr, nullptr); code != 0) {
    reply["log"] = "hiprtcCreateProgram: " + api.error_text(code);
    return reply;
  }
  for (const auto& kernel : request.kernels) api.hiprtcAddNameExpression(program, kernel.c_str());
  std::vector<std::string> options = request.options;
  options.push_back("--offload-arch=" + request.arch);
  std::vector<const char*> argv;
  for (const auto& option : options) argv.push_back(option.c_str());
  const auto code = api.hiprtcCompileProgram(program, static_cast<int>(argv.size()), argv.data());
  std::string log = program_log(api, program);
  if (code != 0) {
    reply["log"] = log.empty() ? api.error_text(code) : log;
  } else {
    for (const auto& kernel : request.kernels) {
      const char* lowered = nullptr;
      if (api.hiprtcGetLoweredName(program, kernel.c_str(), &lowered) != 0 || lowered == nullptr) {
        reply["log"] = log + "kernel '" + kernel + "' named by the launch plan was not found in the source";
        api.hiprtcDestroyProgram(&program);
        return reply;
      }
      reply["symbols"].push_back(lowered);
    }
    std::size_t size = 0;
    api.hiprtcGetCodeSize(program, &size);
    std::string image(size, '\0');
    api.hiprtcGetCode(program, image.data());
    std::ofstream(request.output_file, std::ios::binary).write(image.data(), static_cast<std::streamsize>(size));
    reply["ok"] = size > 0;
    reply["log"] = size > 0 ? log : log + "hiprtc produced an empty code object";
  }
  api.hiprtcDestroyProgram(&program);
  return reply;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 2 && std::string(argv[1]) == "--version") {
      const HiprtcApi api;
      std::cout << nlohmann::json{{"version", api.version()}, {"library", api.library()}}.dump() << "\n";
      return 0;
    }
    Request request;
    if (!parse(argc, argv, request)) {
      std::cerr << "usage: kevo-hiprtc --arch ARCH --source FILE --output FILE [--kernel NAME]... [--option OPT]...\n";
      return 2;
    }
    std::ifstream in(request.source_file);
    if (!in) {
      std::cerr << "kevo-hiprtc: cannot read " << request.source_file << "\n";
      return 2;
    }
    std::stringstream source;
    source << in.rdbuf();
    const HiprtcApi api;
    std::cout << compile(api, request, source.str()).dump() << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "kevo-hiprtc: " << error.what() << "\n";
    return 1;
  }
}
