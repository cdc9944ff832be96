#include "fitness/cpu/worker_server.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "fitness/protocol/poison.hpp"

namespace kevo::fitness::cpu {

namespace {

using EntryFunction = void (*)(void**);

// The engine's shared buffers, mapped for the length of one request.
class SharedMapping {
 public:
  SharedMapping(const std::string& path, std::size_t size) : size_(size) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const int map_errno = errno;
    ::close(fd);
    if (base == MAP_FAILED) throw std::runtime_error("mmap " + path + ": " + std::strerror(map_errno));
    base_ = static_cast<unsigned char*>(base);
  }
  ~SharedMapping() { ::munmap(base_, size_); }
  SharedMapping(const SharedMapping&) = delete;
  SharedMapping& operator=(const SharedMapping&) = delete;
  unsigned char* base() const { return base_; }

 private:
  unsigned char* base_ = nullptr;
  std::size_t size_;
};

// One launch step, with its argument array built before any clock starts.
struct PreparedCall {
  EntryFunction function = nullptr;
  std::vector<std::int64_t> integers;  // storage the int slots point into
  std::vector<void*> slots;
};

void* buffer_address(const RunRequest& request, unsigned char* base, std::size_t index) {
  if (index >= request.buffers.size()) {
    throw std::runtime_error("buffer " + std::to_string(index) + " not in the request");
  }
  const protocol::BufferSlot& slot = request.buffers[index];
  if (slot.offset + slot.bytes > request.shm_size) {
    throw std::runtime_error("buffer " + std::to_string(index) + " lies outside the shared memory");
  }
  return base + slot.offset;
}

PreparedCall prepare_call(const RunRequest& request, const WorkerEntry& entry,
                          unsigned char* base, LibraryCache& libraries) {
  PreparedCall call;
  call.function = reinterpret_cast<EntryFunction>(libraries.symbol(request.shared_object, entry.symbol));
  call.integers.reserve(entry.args.size());  // no reallocation: slots point into it
  for (const WorkerArg& arg : entry.args) {
    if (arg.is_buffer) {
      call.slots.push_back(buffer_address(request, base, arg.buffer));
    } else {
      call.integers.push_back(arg.value);
      call.slots.push_back(&call.integers.back());
    }
  }
  return call;
}

void run_calls(std::vector<PreparedCall>& calls) {
  for (PreparedCall& call : calls) call.function(call.slots.data());
}

void repoison(const RunRequest& request, unsigned char* base) {
  for (const PoisonTarget& target : request.poison) {
    protocol::poison(target.dtype, buffer_address(request, base, target.buffer), target.elements);
  }
}

RunReply failure(std::string status, std::string error, bool fatal = false) {
  RunReply reply;
  reply.status = std::move(status);
  reply.error = std::move(error);
  reply.fatal = fatal;
  return reply;
}

}  // namespace

int count_threads() {
  std::error_code error;
  int threads = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/task", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++threads;
  }
  return threads;
}

int WorkerServer::serve() {
  std::string line;
  while (read_line(line)) {
    const RunReply reply = handle(line);
    if (!write_line(encode_reply(reply))) return 2;
    if (reply.fatal) return 3;
  }
  return 0;
}

RunReply WorkerServer::handle(const std::string& line) {
  RunRequest request;
  try {
    if (decode_request(line, request) == "ping") return RunReply{true, {}, "", "", false};
    return run(request);
  } catch (const std::exception& error) {
    return failure("error", error.what());
  }
}

RunReply WorkerServer::run(const RunRequest& request) {
  if (request.reload) libraries_.unload(request.shared_object);
  SharedMapping shared(request.shm_path, request.shm_size);
  std::vector<PreparedCall> calls;
  for (const WorkerEntry& entry : request.entries) {
    calls.push_back(prepare_call(request, entry, shared.base(), libraries_));
  }
  const int threads_before = count_threads();
  RunReply reply{true, {}, "", "", false};
  try {
    const int runs = request.mode == RunMode::time ? request.warmup + request.samples : 1;
    for (int run = 0; run < runs; ++run) {
      if (request.mode == RunMode::time) {
        repoison(request, shared.base());
        flusher_.flush(request.flush_bytes);
      }
      const auto start = std::chrono::steady_clock::now();
      run_calls(calls);
      const auto stop = std::chrono::steady_clock::now();
      if (request.mode == RunMode::time && run >= request.warmup) {
        reply.samples.push_back(std::chrono::duration<double>(stop - start).count());
      }
    }
  } catch (const std::exception& error) {
    return failure("crash", std::string("kernel threw an exception: ") + error.what(), true);
  } catch (...) {
    return failure("crash", "kernel threw an exception", true);
  }
  if (const int left = count_threads() - threads_before; left > 0) {
    return failure("rejected", "kernel left " + std::to_string(left) + " thread(s) running", true);
  }
  return reply;
}

bool WorkerServer::read_line(std::string& line) {
  for (;;) {
    if (const auto newline = pending_.find('\n'); newline != std::string::npos) {
      line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return true;
    }
    char chunk[65536];
    const ssize_t got = ::read(in_fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

bool WorkerServer::write_line(const std::string& line) {
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t put = ::write(out_fd_, line.data() + written, line.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    written += static_cast<std::size_t>(put);
  }
  return true;
}

}  // namespace kevo::fitness::cpu
