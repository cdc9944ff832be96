#include "fitness/cpu/cpu_info.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <cstdlib>
#include <fstream>

namespace kevo::fitness::cpu {

namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string read_first_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return trim(line);
}

// "32768K" -> 33554432; "8M" -> 8388608.
std::size_t parse_cache_size(const std::string& text) {
  std::size_t value = 0;
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    value = value * 10 + static_cast<std::size_t>(text[i++] - '0');
  }
  if (i < text.size() && (text[i] == 'K' || text[i] == 'k')) value <<= 10;
  if (i < text.size() && (text[i] == 'M' || text[i] == 'm')) value <<= 20;
  return value;
}

std::size_t sysfs_last_level_cache() {
  const std::filesystem::path base = "/sys/devices/system/cpu/cpu0/cache";
  std::error_code error;
  int best_level = 0;
  std::size_t best_size = 0;
  for (const auto& entry : std::filesystem::directory_iterator(base, error)) {
    if (entry.path().filename().string().rfind("index", 0) != 0) continue;
    if (read_first_line(entry.path() / "type") == "Instruction") continue;
    const int level = std::atoi(read_first_line(entry.path() / "level").c_str());
    const std::size_t size = parse_cache_size(read_first_line(entry.path() / "size"));
    if (level > best_level && size > 0) {
      best_level = level;
      best_size = size;
    }
  }
  return best_size;
}

}  // namespace

std::string cpu_model_name() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return trim(line.substr(colon + 1));
  }
  return "unknown-cpu";
}

std::string cpu_device_id() {
  std::string id = "cpu:";
  bool pending_dash = false;
  for (char c : cpu_model_name()) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    if (!keep) {
      pending_dash = id.size() > 4;
      continue;
    }
    if (pending_dash) id += '-';
    pending_dash = false;
    id += c;
  }
  return id.size() > 4 ? id : "cpu:unknown";
}

std::size_t last_level_cache_bytes() {
  if (const std::size_t from_sysfs = sysfs_last_level_cache(); from_sysfs > 0) return from_sysfs;
  const long from_sysconf = ::sysconf(_SC_LEVEL3_CACHE_SIZE);
  return from_sysconf > 0 ? static_cast<std::size_t>(from_sysconf) : 0;
}

std::size_t default_flush_bytes() {
  return std::max(2 * last_level_cache_bytes(), std::size_t{32} << 20);
}

}  // namespace kevo::fitness::cpu
