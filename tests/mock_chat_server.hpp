#pragma once
// A scripted OpenAI-compatible endpoint on a free local port
// (tests/data/llm/mock_chat_server.py, Python standard library), for the
// tests that go over real HTTP: the chat client and LLM campaigns.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "fitness/worker/subprocess.hpp"

namespace kevo::test {

class MockChatServer {
 public:
  explicit MockChatServer(const nlohmann::json& script) {
    char pattern[] = "/tmp/kevo-llm-mock-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    dir_ = pattern;
    std::ofstream(dir_ / "script.json") << script.dump();
    int out[2];
    REQUIRE(::pipe(out) == 0);
    kevo::fitness::worker::SpawnSetup setup;
    setup.open_dev_null(0);
    setup.redirect(out[1], 1);
    pid_ = setup.spawn({"/usr/bin/python3", std::string(KEVO_TEST_DATA_DIR) + "/llm/mock_chat_server.py",
                        (dir_ / "script.json").string()},
                       false);
    ::close(out[1]);
    FILE* from_server = ::fdopen(out[0], "r");
    int port = 0;
    REQUIRE(std::fscanf(from_server, "PORT %d", &port) == 1);
    std::fclose(from_server);
    url_ = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  }
  ~MockChatServer() {
    kevo::fitness::worker::kill_and_reap(pid_);
    std::filesystem::remove_all(dir_);
  }
  const std::string& url() const { return url_; }
  std::vector<nlohmann::json> received() const {
    std::vector<nlohmann::json> lines;
    std::ifstream log(dir_ / "script.json.log");
    for (std::string line; std::getline(log, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = 0;
  std::string url_;
};


}  // namespace kevo::test
