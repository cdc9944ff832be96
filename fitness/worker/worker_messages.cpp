#include "fitness/worker/worker_messages.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "population/serialization.hpp"

namespace kevo::fitness::worker {

namespace {

using nlohmann::json;

DType dtype_named(const std::string& name) {
  if (const std::optional<DType> dtype = dtype_from_string(name)) return *dtype;
  throw std::runtime_error("unknown dtype '" + name + "'");
}

RunMode mode_named(const std::string& name) {
  if (name == "check") return RunMode::check;
  if (name == "time") return RunMode::time;
  if (name == "profile") return RunMode::profile;
  throw std::runtime_error("unknown run mode '" + name + "'");
}

std::string mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::check: return "check";
    case RunMode::time: return "time";
    case RunMode::profile: return "profile";
  }
  throw std::runtime_error("unknown run mode");
}

json encode_entry(const WorkerEntry& entry) {
  json args = json::array();
  for (const WorkerArg& arg : entry.args) {
    args.push_back(arg.is_buffer ? json{{"buffer", arg.buffer}} : json{{"int", arg.value}});
  }
  return {{"symbol", entry.symbol},
          {"args", args},
          {"grid", entry.shape.grid},
          {"block", entry.shape.block},
          {"shared_bytes", entry.shape.shared_bytes}};
}

WorkerEntry decode_entry(const json& in) {
  WorkerEntry entry;
  entry.symbol = in.at("symbol").get<std::string>();
  for (const json& arg : in.at("args")) {
    if (arg.contains("buffer")) {
      entry.args.push_back({true, arg.at("buffer").get<std::size_t>(), 0});
    } else {
      entry.args.push_back({false, 0, arg.at("int").get<std::int64_t>()});
    }
  }
  entry.shape.grid = in.value("grid", entry.shape.grid);
  entry.shape.block = in.value("block", entry.shape.block);
  entry.shape.shared_bytes = in.value("shared_bytes", std::int64_t{0});
  return entry;
}

json encode_buffers(const std::vector<protocol::BufferSlot>& buffers) {
  json out = json::array();
  for (const auto& slot : buffers) out.push_back({{"offset", slot.offset}, {"bytes", slot.bytes}});
  return out;
}

json encode_poison(const std::vector<PoisonTarget>& targets) {
  json out = json::array();
  for (const auto& target : targets) {
    out.push_back({{"buffer", target.buffer},
                   {"dtype", to_string(target.dtype)},
                   {"elements", target.elements}});
  }
  return out;
}

void decode_run(const json& in, RunRequest& request) {
  request.shared_object = in.at("so").get<std::string>();
  request.reload = in.value("reload", false);
  request.entries.clear();
  for (const json& entry : in.at("entries")) request.entries.push_back(decode_entry(entry));
  request.shm_path = in.at("shm").at("path").get<std::string>();
  request.shm_size = in.at("shm").at("size").get<std::size_t>();
  request.buffers.clear();
  for (const json& slot : in.at("buffers")) {
    request.buffers.push_back({slot.at("offset").get<std::size_t>(), slot.at("bytes").get<std::size_t>()});
  }
  request.mode = mode_named(in.at("mode").get<std::string>());
  request.warmup = in.value("warmup", 0);
  request.samples = in.value("samples", 1);
  request.flush_bytes = in.value("flush_bytes", std::size_t{0});
  request.poison.clear();
  for (const json& target : in.value("poison", json::array())) {
    request.poison.push_back({target.at("buffer").get<std::size_t>(),
                              dtype_named(target.at("dtype").get<std::string>()),
                              target.at("elements").get<std::int64_t>()});
  }
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
                    {"entries", entries},
                    {"shm", {{"path", request.shm_path}, {"size", request.shm_size}}},
                    {"buffers", encode_buffers(request.buffers)},
                    {"mode", mode_name(request.mode)},
                    {"warmup", request.warmup},
                    {"samples", request.samples},
                    {"flush_bytes", request.flush_bytes},
                    {"poison", encode_poison(request.poison)},
                    {"metrics", request.metrics}};
  return out.dump() + "\n";
}

std::string encode_reply(const RunReply& reply) {
  json out = {{"ok", reply.ok}};
  if (reply.ok) {
    out["samples"] = reply.samples;
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
      reply.samples = in.value("samples", std::vector<double>{});
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
