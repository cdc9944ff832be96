#include <atomic>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "catch_compat.hpp"
#include "engine/archipelago/transport.hpp"

using kevo::engine::make_in_process_transport;
using kevo::engine::Migrant;

namespace {

// A migrant tagged with its sender and a sequence number.
Migrant tagged(int from_island, std::int64_t sequence) {
  Migrant migrant;
  migrant.from_island = from_island;
  migrant.variant.task = "toy";
  migrant.variant.knobs["SEQ"] = sequence;
  return migrant;
}

}  // namespace

TEST_CASE("transport: receive takes what was sent, in order, and drains the mailbox") {
  auto transport = make_in_process_transport(3);
  CHECK(transport->island_count() == 3);
  CHECK(transport->receive(1).empty());

  transport->send(1, {tagged(0, 1), tagged(0, 2)});
  transport->send(1, {tagged(2, 3)});
  transport->send(1, {});
  const auto arrived = transport->receive(1);
  REQUIRE(arrived.size() == 3);
  CHECK(arrived[0].variant.knobs.at("SEQ") == 1);
  CHECK(arrived[1].variant.knobs.at("SEQ") == 2);
  CHECK(arrived[2].from_island == 2);
  CHECK(transport->receive(1).empty());
  CHECK(transport->receive(0).empty());
  CHECK(transport->receive(2).empty());
}

TEST_CASE("transport: islands outside the archipelago are out of range") {
  auto transport = make_in_process_transport(2);
  CHECK_THROWS_AS(transport->send(2, {tagged(0, 1)}), std::out_of_range);
  CHECK_THROWS_AS(transport->receive(-1), std::out_of_range);
  try {
    transport->receive(5);
    FAIL("no exception");
  } catch (const std::out_of_range& error) {
    const std::string message = error.what();
    CHECK(message.find("island 5") != std::string::npos);
    CHECK(message.find("island count 2") != std::string::npos);
  }
  CHECK_THROWS_AS(make_in_process_transport(0), std::invalid_argument);
}

TEST_CASE("transport: concurrent senders lose nothing while a receiver drains") {
  constexpr int senders = 4;
  constexpr int batches = 2000;
  constexpr int batch_size = 3;
  auto transport = make_in_process_transport(senders + 1);
  const int receiver_island = senders;

  std::atomic<int> finished{0};
  std::vector<Migrant> received;
  std::thread receiver([&] {
    // Drain until every sender is done, then once more for the stragglers.
    while (finished.load() < senders) {
      for (auto& migrant : transport->receive(receiver_island)) received.push_back(migrant);
      std::this_thread::yield();
    }
    for (auto& migrant : transport->receive(receiver_island)) received.push_back(migrant);
  });
  std::vector<std::thread> threads;
  for (int island = 0; island < senders; ++island) {
    threads.emplace_back([&, island] {
      for (int batch = 0; batch < batches; ++batch) {
        std::vector<Migrant> migrants;
        for (int i = 0; i < batch_size; ++i) migrants.push_back(tagged(island, batch * batch_size + i));
        transport->send(receiver_island, std::move(migrants));
      }
      ++finished;
    });
  }
  for (auto& thread : threads) thread.join();
  receiver.join();

  REQUIRE(received.size() == static_cast<std::size_t>(senders * batches * batch_size));
  // Per sender, every sequence number exactly once and in sending order.
  std::map<int, std::int64_t> next_expected;
  for (const auto& migrant : received) {
    REQUIRE(migrant.variant.knobs.at("SEQ") == next_expected[migrant.from_island]);
    ++next_expected[migrant.from_island];
  }
  for (int island = 0; island < senders; ++island) {
    CHECK(next_expected[island] == batches * batch_size);
  }
}
