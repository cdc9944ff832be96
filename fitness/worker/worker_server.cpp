#include "fitness/worker/worker_server.hpp"

#include <unistd.h>

#include <cerrno>

namespace kevo::fitness::worker {

int WorkerServer::serve() {
  std::string line;
  while (read_line(line)) {
    const RunReply reply = handle(line);
    if (!write_line(encode_reply(reply))) return 2;
    if (reply.fatal) return 3;
  }
  return 0;
}

RunReply WorkerServer::handle(const std::string& line) {
  RunRequest request;
  try {
    const std::string op = decode_request(line, request);
    RunReply reply;
    reply.ok = true;
    if (op == "ping") return reply;
    if (op == "device") {
      reply.device_json = runner_.describe_device();
      return reply;
    }
    return runner_.run(request);
  } catch (const std::exception& error) {
    RunReply reply;
    reply.status = "error";
    reply.error = error.what();
    return reply;
  }
}

bool WorkerServer::read_line(std::string& line) {
  for (;;) {
    if (const auto newline = pending_.find('\n'); newline != std::string::npos) {
      line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return true;
    }
    char chunk[65536];
    const ssize_t got = ::read(in_fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

bool WorkerServer::write_line(const std::string& line) {
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t put = ::write(out_fd_, line.data() + written, line.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    written += static_cast<std::size_t>(put);
  }
  return true;
}

}  // namespace kevo::fitness::worker
