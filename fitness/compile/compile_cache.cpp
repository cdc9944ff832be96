#include "fitness/compile/compile_cache.hpp"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace kevo::fitness::compile {

namespace {
std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string unique_suffix() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(::getpid()) + "-" + std::to_string(rng());
}
}  // namespace

CompileCache::CompileCache(std::filesystem::path directory, std::string object_extension,
                           std::string source_extension)
    : directory_(std::move(directory)),
      object_extension_(std::move(object_extension)),
      source_extension_(std::move(source_extension)) {
  if (directory_.empty()) throw std::invalid_argument("the compile cache needs a directory");
  std::filesystem::create_directories(directory_);
}

std::filesystem::path CompileCache::object_path(const std::string& key) const {
  return directory_ / (key + object_extension_);
}
std::filesystem::path CompileCache::source_path(const std::string& key) const {
  return directory_ / (key + source_extension_);
}
std::filesystem::path CompileCache::error_path(const std::string& key) const {
  return directory_ / (key + ".err");
}

std::filesystem::path CompileCache::temporary_path(const std::string& key,
                                                   const std::string& extension) const {
  return directory_ / (".tmp-" + key.substr(0, 16) + "-" + unique_suffix() + extension);
}

std::optional<CompileCache::Hit> CompileCache::lookup(const std::string& key) const {
  std::error_code error;
  if (std::filesystem::exists(object_path(key), error)) {
    return Hit{true, object_path(key), ""};
  }
  if (std::filesystem::exists(error_path(key), error)) {
    return Hit{false, {}, read_file(error_path(key))};
  }
  return std::nullopt;
}

void CompileCache::write_atomically(const std::filesystem::path& target,
                                    const std::string& text) const {
  const std::filesystem::path temporary = temporary_path(target.stem().string(), ".part");
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, target);
}

void CompileCache::store_source(const std::string& key, const std::string& source) const {
  write_atomically(source_path(key), source);
}

void CompileCache::store_error(const std::string& key, const std::string& compiler_output) const {
  write_atomically(error_path(key), compiler_output);
}

void CompileCache::commit_object(const std::filesystem::path& temporary,
                                 const std::string& key) const {
  std::filesystem::rename(temporary, object_path(key));
}

void CompileCache::store_artifact(const std::string& key, const std::string& extension,
                                  const std::string& text) const {
  write_atomically(directory_ / (key + extension), text);
}

std::optional<std::string> CompileCache::artifact(const std::string& key,
                                                  const std::string& extension) const {
  const std::filesystem::path path = directory_ / (key + extension);
  if (!std::filesystem::exists(path)) return std::nullopt;
  return read_file(path);
}

}  // namespace kevo::fitness::compile
