#pragma once
// The on-disk, content-addressed compile cache. For a key (a SHA-256 over
// everything that determines the binary, see CpuCompiler) the cache holds
//   <key>.so   the object (a shared object; a .cubin for CUDA), renamed into
//              place only once complete,
//   <key>.err  the verbatim compiler output of a failed compile,
//   <key>.cpp  the generated source (for humans and for replays; .cu for CUDA),
//   <key>.<x>  any other artifact a back end keeps beside the object.
// Every file is written under a unique temporary name and renamed, so
// concurrent islands, threads and MPI ranks sharing the directory never see a
// half-written file and at worst compile the same thing twice.
#include <filesystem>
#include <optional>
#include <string>

namespace kevo::fitness::compile {

class CompileCache {
 public:
  // Creates the directory.
  explicit CompileCache(std::filesystem::path directory, std::string object_extension = ".so",
                        std::string source_extension = ".cpp");

  struct Hit {
    bool compiled = false;            // true: object() holds the .so
    std::filesystem::path object;
    std::string compiler_output;      // the cached error text when !compiled
  };
  std::optional<Hit> lookup(const std::string& key) const;

  std::filesystem::path object_path(const std::string& key) const;
  std::filesystem::path source_path(const std::string& key) const;
  // A fresh name in the cache directory for a file to be renamed into place.
  std::filesystem::path temporary_path(const std::string& key, const std::string& extension) const;

  void store_source(const std::string& key, const std::string& source) const;
  void store_error(const std::string& key, const std::string& compiler_output) const;
  // Renames a finished temporary object into place.
  void commit_object(const std::filesystem::path& temporary, const std::string& key) const;

  // Text kept beside an object (e.g. CUDA's lowered kernel names); written atomically.
  void store_artifact(const std::string& key, const std::string& extension, const std::string& text) const;
  std::optional<std::string> artifact(const std::string& key, const std::string& extension) const;

  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path error_path(const std::string& key) const;
  void write_atomically(const std::filesystem::path& target, const std::string& text) const;

  std::filesystem::path directory_;
  std::string object_extension_;
  std::string source_extension_;
};

}  // namespace kevo::fitness::compile
