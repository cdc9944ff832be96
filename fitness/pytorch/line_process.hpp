#pragma once
// A long-lived helper process spoken to in JSON lines over its stdin and
// stdout (the PyTorch reference worker): started once, asked many times,
// killed with its process group when it does not answer in time or when
// this object goes. Its stderr goes to a log file, so a chatty library
// cannot fill a pipe nobody reads.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kevo::fitness::pytorch {

class LineProcess {
 public:
  // Starts argv (argv[0] looked up in PATH); throws std::system_error when it cannot.
  LineProcess(const std::vector<std::string>& argv, const std::filesystem::path& stderr_log);
  ~LineProcess();
  LineProcess(const LineProcess&) = delete;
  LineProcess& operator=(const LineProcess&) = delete;

  // Sends `line` (a newline is added) and returns the reply line. Throws
  // std::runtime_error, after killing the process, when it exits or does
  // not answer within `timeout_seconds`.
  std::string ask(const std::string& line, double timeout_seconds);
  bool alive() const { return pid_ > 0; }

 private:
  void stop();
  std::string log_tail() const;

  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string pending_;
  std::filesystem::path stderr_log_;
};

}  // namespace kevo::fitness::pytorch
