#include "fitness/hardware/measured_ceilings.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

#include <yaml-cpp/yaml.h>

#include "fitness/hardware/profile_error.hpp"
#include "fitness/hardware/profile_field.hpp"

namespace kevo::fitness::hardware {

namespace {

// The shortest text that reads back as the same double, so a round trip
// through the file is exact.
std::string shortest(double value) {
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw ProfileError("cannot format the number " + std::to_string(value));
  return std::string(buffer, end);
}

// The invariants load_measured enforces, checked before writing, so that a
// file save_measured wrote always loads.
void validate(const std::filesystem::path& path, const MeasuredCeilings& measured) {
  const std::string where = path.string() + ": cannot save measured ceilings: ";
  if (measured.id.empty() || measured.id != path.stem().string()) {
    throw ProfileError(where + "id '" + measured.id + "' must be the file's stem '" + path.stem().string() + "'");
  }
  if (measured.device_name.empty()) throw ProfileError(where + "device_name is empty");
  if (measured.host.empty()) throw ProfileError(where + "host is empty");
  if (!detail::looks_like_date(measured.measured_on)) {
    throw ProfileError(where + "measured_on '" + measured.measured_on + "' is not YYYY-MM-DD");
  }
  auto positive = [](double value) { return std::isfinite(value) && value > 0; };
  if (measured.copy_bandwidth_gbs && !positive(*measured.copy_bandwidth_gbs)) {
    throw ProfileError(where + "copy_bandwidth_gbs " + std::to_string(*measured.copy_bandwidth_gbs) + " is not positive");
  }
  for (const auto& [precision, tflops] : measured.peak_tflops) {
    if (!positive(tflops)) throw ProfileError(where + "peak_tflops." + to_string(precision) + " is not positive");
  }
  if (!measured.copy_bandwidth_gbs && measured.peak_tflops.empty()) {
    throw ProfileError(where + "nothing was measured (no copy_bandwidth_gbs, no peak_tflops)");
  }
}

std::string render(const MeasuredCeilings& measured) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << measured.id;
  out << YAML::Key << "device_name" << YAML::Value << YAML::DoubleQuoted << measured.device_name;
  out << YAML::Key << "measured_on" << YAML::Value << YAML::DoubleQuoted << measured.measured_on;
  out << YAML::Key << "host" << YAML::Value << YAML::DoubleQuoted << measured.host;
  if (measured.copy_bandwidth_gbs) {
    out << YAML::Key << "copy_bandwidth_gbs" << YAML::Value << shortest(*measured.copy_bandwidth_gbs);
  }
  if (!measured.peak_tflops.empty()) {
    out << YAML::Key << "peak_tflops" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [precision, tflops] : measured.peak_tflops) {
      out << YAML::Key << to_string(precision) << YAML::Value << shortest(tflops);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  if (!out.good()) throw ProfileError("cannot render measured ceilings for '" + measured.id + "': " + out.GetLastError());
  return "# Measured by `kevo calibrate`; it overwrites this file.\n" + std::string(out.c_str()) + "\n";
}

[[noreturn]] void fail_io(const std::filesystem::path& path, const std::string& what) {
  throw ProfileError(path.string() + ": cannot " + what + ": " + std::strerror(errno));
}

// write + fsync + rename: the rename is atomic within one file system, and
// the fsync makes sure the renamed file has its content after a crash.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  // mkstemp: unique even when two threads or processes save at once.
  std::string pattern = path.string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail_io(pattern, "create a temporary file");
  const std::filesystem::path temporary = pattern;
  ::fchmod(fd, 0644);  // mkstemp makes it 0600; the profile is no secret
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      errno = saved;
      fail_io(temporary, "write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail_io(temporary, "flush");
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail_io(path, "rename " + temporary.string() + " to it");
  }
}

}  // namespace

MeasuredCeilings load_measured(const std::filesystem::path& path) {
  const detail::ProfileField root = detail::ProfileField::load(path);
  root.expect_keys({"id", "device_name", "measured_on", "host"}, {"copy_bandwidth_gbs", "peak_tflops"});
  MeasuredCeilings measured;
  const detail::ProfileField id = root.at("id");
  measured.id = id.text();
  if (measured.id != path.stem().string()) {
    id.fail("'" + measured.id + "' differs from the file name '" + path.filename().string() + "'",
            "name the file <id>.yaml after the profile it measures");
  }
  measured.device_name = root.at("device_name").text();
  const detail::ProfileField date = root.at("measured_on");
  measured.measured_on = date.text();
  if (!detail::looks_like_date(measured.measured_on)) {
    date.fail("'" + measured.measured_on + "' is not a date", "write \"YYYY-MM-DD\"");
  }
  measured.host = root.at("host").text();
  if (auto bandwidth = root.find("copy_bandwidth_gbs")) measured.copy_bandwidth_gbs = bandwidth->positive_number();
  if (auto peaks = root.find("peak_tflops")) measured.peak_tflops = detail::read_peak_tflops(*peaks);
  if (!measured.copy_bandwidth_gbs && measured.peak_tflops.empty()) {
    root.fail("nothing was measured", "add copy_bandwidth_gbs or peak_tflops (or rerun `kevo calibrate`)");
  }
  return measured;
}

void save_measured(const std::filesystem::path& path, const MeasuredCeilings& measured) {
  validate(path, measured);
  const std::string text = render(measured);
  std::error_code error;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) throw ProfileError(path.parent_path().string() + ": cannot create the directory: " + error.message());
  }
  write_atomically(path, text);
}

}  // namespace kevo::fitness::hardware
