// kevo-mock-llm: serves a chat script (tests/support/scripted_chat_server.hpp)
// on loopback until SIGINT or SIGTERM, then prints what it answered. Lets a
// user or a demo drive `kevo run` through the LLM path, faults included,
// with no model and no key.
//
//   kevo-mock-llm SCRIPT.json [PORT]
#include <signal.h>

#include <fstream>
#include <iostream>

#include "scripted_chat_server.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: kevo-mock-llm SCRIPT.json [PORT]\n";
    return 2;
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before the server's threads start
  try {
    std::ifstream file(argv[1]);
    if (!file) throw std::runtime_error(std::string("cannot read ") + argv[1]);
    const auto script = nlohmann::json::parse(file);
    const auto port = static_cast<unsigned short>(argc == 3 ? std::stoi(argv[2]) : 0);
    kevo::test::ScriptedChatServer server(script, port);
    std::cout << "kevo-mock-llm: serving " << argv[1] << " on " << server.url() << std::endl;
    int received_signal = 0;
    sigwait(&stop_signals, &received_signal);
    const auto answered = server.answered();
    std::cout << "kevo-mock-llm: answered " << answered.size() << " requests:";
    for (const auto& answer : answered) std::cout << ' ' << answer;
    std::cout << std::endl;
  } catch (const std::exception& error) {
    std::cerr << "kevo-mock-llm: " << error.what() << "\n";
    return 1;
  }
}
