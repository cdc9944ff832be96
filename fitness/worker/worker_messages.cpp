#include "fitness/worker/worker_messages.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fitness/session/session_json.hpp"
#include "population/serialization.hpp"

namespace kevo::fitness::worker {

namespace {

using nlohmann::json;

RunMode mode_named(const std::string& name) {
  if (name == "check") return RunMode::check;
  if (name == "session") return RunMode::session;
  if (name == "export") return RunMode::export_run;
  if (name == "profile") return RunMode::profile;
  throw std::runtime_error("unknown run mode '" + name + "'");
}

std::string mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::check: return "check";
    case RunMode::session: return "session";
    case RunMode::export_run: return "export";
    case RunMode::profile: return "profile";
  }
  throw std::runtime_error("unknown run mode");
}

json encode_entry(const WorkerEntry& entry) {
  json out = session::encode_step_call(entry.args, entry.shape);
  out["symbol"] = entry.symbol;
  return out;
}

WorkerEntry decode_entry(const json& in) {
  WorkerEntry entry;
  entry.symbol = in.at("symbol").get<std::string>();
  session::decode_step_call(in, entry.args, entry.shape);
  return entry;
}

json encode_buffers(const std::vector<protocol::BufferSlot>& buffers) {
  json out = json::array();
  for (const auto& slot : buffers) out.push_back({{"offset", slot.offset}, {"bytes", slot.bytes}});
  return out;
}

void decode_run(const json& in, RunRequest& request) {
  request.shared_object = in.at("so").get<std::string>();
  request.reload = in.value("reload", false);
  request.trusted = in.value("trusted", false);
  request.entries.clear();
  for (const json& entry : in.at("entries")) request.entries.push_back(decode_entry(entry));
  request.shm_path = in.at("shm").at("path").get<std::string>();
  request.shm_size = in.at("shm").at("size").get<std::size_t>();
  request.buffers.clear();
  for (const json& slot : in.at("buffers")) {
    request.buffers.push_back({slot.at("offset").get<std::size_t>(), slot.at("bytes").get<std::size_t>()});
  }
  request.buffer_names = in.value("buffer_names", std::vector<std::string>{});
  request.read_only = in.value("read_only", std::vector<std::size_t>{});
  request.mode = mode_named(in.at("mode").get<std::string>());
  request.flush_bytes = in.value("flush_bytes", std::size_t{0});
  request.session.reset();
  if (in.contains("session")) request.session = session::decode_spec(in.at("session"));
  request.protocol_module = in.value("protocol_module", std::string{});
  request.export_run = in.value("export_run", -1);
  request.metrics = in.value("metrics", std::vector<std::string>{});
}

json encode_resources(const population::KernelResources& resources) {
  return {{"registers_per_thread", resources.registers_per_thread},
          {"shared_bytes_per_block", resources.shared_bytes_per_block},
          {"local_bytes_per_thread", resources.local_bytes_per_thread},
          {"occupancy", resources.occupancy}};
}

population::KernelResources decode_resources(const json& in) {
  population::KernelResources resources;
  resources.registers_per_thread = in.at("registers_per_thread").get<int>();
  resources.shared_bytes_per_block = in.at("shared_bytes_per_block").get<int>();
  resources.local_bytes_per_thread = in.at("local_bytes_per_thread").get<int>();
  resources.occupancy = in.at("occupancy").get<double>();
  return resources;
}

}  // namespace

std::string ping_line() { return json{{"op", "ping"}}.dump() + "\n"; }
std::string device_query_line() { return json{{"op", "device"}}.dump() + "\n"; }

std::string encode_request(const RunRequest& request) {
  json entries = json::array();
  for (const WorkerEntry& entry : request.entries) entries.push_back(encode_entry(entry));
  const json out = {{"op", "run"},
                    {"so", request.shared_object},
                    {"reload", request.reload},
                    {"trusted", request.trusted},
                    {"entries", entries},
                    {"shm", {{"path", request.shm_path}, {"size", request.shm_size}}},
                    {"buffers", encode_buffers(request.buffers)},
                    {"buffer_names", request.buffer_names},
                    {"read_only", request.read_only},
                    {"mode", mode_name(request.mode)},
                    {"flush_bytes", request.flush_bytes},
                    {"export_run", request.export_run},
                    {"metrics", request.metrics}};
  json line = out;
  if (request.session) line["session"] = session::encode_spec(*request.session);
  if (!request.protocol_module.empty()) line["protocol_module"] = request.protocol_module;
  return line.dump() + "\n";
}

std::string encode_reply(const RunReply& reply) {
  json out = {{"ok", reply.ok}};
  if (reply.ok) {
    if (reply.session) out["session"] = session::encode_outcome(*reply.session);
    if (reply.resources) out["resources"] = encode_resources(*reply.resources);
    if (reply.counters) out["counters"] = *reply.counters;
    if (!reply.device_json.empty()) out["device"] = json::parse(reply.device_json);
  } else {
    out["error"] = reply.error;
    out["status"] = reply.status;
    out["fatal"] = reply.fatal;
  }
  // Kernel-made text (exception messages) may hold invalid UTF-8: replace it.
  return out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string decode_request(const std::string& line, RunRequest& request) {
  try {
    const json in = json::parse(line);
    const std::string op = in.at("op").get<std::string>();
    if (op == "run") decode_run(in, request);
    else if (op != "ping" && op != "device") throw std::runtime_error("unknown op '" + op + "'");
    return op;
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("malformed request: ") + error.what());
  }
}

RunReply decode_reply(const std::string& line) {
  try {
    const json in = json::parse(line);
    RunReply reply;
    reply.ok = in.at("ok").get<bool>();
    if (reply.ok) {
      if (in.contains("session")) reply.session = session::decode_outcome(in.at("session"));
      if (in.contains("resources")) reply.resources = decode_resources(in.at("resources"));
      if (in.contains("counters")) reply.counters = in.at("counters").get<population::CounterProfile>();
      if (in.contains("device")) reply.device_json = in.at("device").dump();
    } else {
      reply.error = in.value("error", std::string("(no error text)"));
      reply.status = in.value("status", std::string("error"));
      reply.fatal = in.value("fatal", false);
    }
    return reply;
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("malformed worker reply: ") + error.what());
  }
}

}  // namespace kevo::fitness::worker
