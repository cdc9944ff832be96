#include "fitness/worker/worker_server.hpp"

#include "fitness/worker/line_io.hpp"

namespace kevo::fitness::worker {

int WorkerServer::serve() {
  std::string line;
  while (read_line(in_fd_, pending_, line)) {
    const RunReply reply = handle(line);
    if (!write_all(out_fd_, encode_reply(reply))) return 2;
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

}  // namespace kevo::fitness::worker
