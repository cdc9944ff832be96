// Messenger over MPI. One background pump per rank moves messages: it probes
// for arrivals and completes sends, so no island thread ever blocks in MPI.
// All MPI calls hold one mutex (MPI_THREAD_SERIALIZED is enough, and is what
// every MPI build offers).
#include <mpi.h>

#include <atomic>
#include <chrono>
#include <list>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/distributed/mpi_messenger.hpp"

namespace kevo::engine {
namespace {

constexpr int kDoneTag = 100;

class MpiMessenger final : public Messenger {
 public:
  MpiMessenger() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw std::runtime_error("MPI offers no MPI_THREAD_SERIALIZED support; kevo's islands need it");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm host;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &host);
    MPI_Comm_rank(host, &local_rank_);
    MPI_Comm_free(&host);
    pump_ = std::thread([this] { pump_loop(); });
  }

  ~MpiMessenger() override {
    if (!finished_) finish();
    MPI_Finalize();
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_rank() const { return local_rank_; }

  void post(int to_rank, Channel channel, std::string payload) override {
    const std::lock_guard lock(mutex_);
    isend_locked(to_rank, static_cast<int>(channel), std::move(payload));
  }

  std::vector<Message> take(Channel channel) override {
    const std::lock_guard lock(mutex_);
    std::vector<Message> arrived;
    arrived.swap(boxes_[static_cast<int>(channel)]);
    return arrived;
  }

  // Messages between two ranks are not overtaken, so once rank j's "done"
  // has arrived nothing more comes from j; once every rank's has and our
  // own sends completed, MPI can be finalized without losing a message.
  void finish() override {
    if (finished_) return;
    {
      const std::lock_guard lock(mutex_);
      for (int to = 0; to < size_; ++to)
        if (to != rank_) isend_locked(to, kDoneTag, "");
    }
    for (;;) {
      {
        const std::lock_guard lock(mutex_);
        if (done_from_ >= size_ - 1 && pending_.empty()) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    stopping_ = true;
    pump_.join();
    finished_ = true;
  }

 private:
  struct Pending {
    std::string buffer;
    MPI_Request request = MPI_REQUEST_NULL;
  };

  void isend_locked(int to_rank, int tag, std::string payload) {
    pending_.push_back({std::move(payload), MPI_REQUEST_NULL});
    auto& sent = pending_.back();
    MPI_Isend(sent.buffer.data(), static_cast<int>(sent.buffer.size()), MPI_CHAR, to_rank, tag, MPI_COMM_WORLD,
              &sent.request);
  }

  void pump_loop() {
    while (!stopping_) {
      {
        const std::lock_guard lock(mutex_);
        receive_arrivals_locked();
        complete_sends_locked();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  void receive_arrivals_locked() {
    for (;;) {
      int arrived = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (!arrived) return;
      int bytes = 0;
      MPI_Get_count(&status, MPI_CHAR, &bytes);
      std::string payload(static_cast<std::size_t>(bytes), '\0');
      MPI_Recv(payload.data(), bytes, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (status.MPI_TAG == kDoneTag) {
        ++done_from_;
      } else {
        boxes_[status.MPI_TAG].push_back({status.MPI_SOURCE, std::move(payload)});
      }
    }
  }

  void complete_sends_locked() {
    for (auto it = pending_.begin(); it != pending_.end();) {
      int complete = 0;
      MPI_Test(&it->request, &complete, MPI_STATUS_IGNORE);
      it = complete ? pending_.erase(it) : std::next(it);
    }
  }

  int rank_ = 0;
  int size_ = 1;
  int local_rank_ = 0;
  std::mutex mutex_;
  std::map<int, std::vector<Message>> boxes_;
  std::list<Pending> pending_;  // a list: buffers must not move while MPI owns them
  int done_from_ = 0;
  std::atomic<bool> stopping_{false};
  bool finished_ = false;
  std::thread pump_;
};

}  // namespace

MpiConnection connect_mpi() {
  auto messenger = std::make_unique<MpiMessenger>();
  const int local_rank = messenger->local_rank();
  return {std::move(messenger), local_rank};
}

}  // namespace kevo::engine
