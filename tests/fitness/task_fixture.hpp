#pragma once
// A throw-away task folder for loader tests: task.yaml from a string, plus
// reference.cpp and seed.cpp, in a fresh directory removed on destruction.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kevo::test {

class TaskFolder {
 public:
  explicit TaskFolder(const std::string& yaml, const std::string& name = "tiny_add") {
    std::string pattern = (std::filesystem::temp_directory_path() / "kevo-task-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    dir_ = root_ / name;
    std::filesystem::create_directories(dir_);
    write("task.yaml", yaml);
    write("reference.cpp", "void reference(const float*, const float*, float*, long) {}\n");
    write("seed.cpp", "void add(const float*, const float*, float*, long) {}\n");
  }
  ~TaskFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TaskFolder(const TaskFolder&) = delete;
  TaskFolder& operator=(const TaskFolder&) = delete;

  void write(const std::string& file, const std::string& content) const {
    std::ofstream(dir_ / file, std::ios::binary) << content;
  }
  const std::filesystem::path& dir() const { return dir_; }
  std::string yaml_path() const { return (dir_ / "task.yaml").string(); }

 private:
  std::filesystem::path root_;
  std::filesystem::path dir_;
};

}  // namespace kevo::test
