#include "fitness/worker/line_io.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace kevo::fitness::worker {

bool read_line(int fd, std::string& pending, std::string& line) {
  for (;;) {
    if (const auto newline = pending.find('\n'); newline != std::string::npos) {
      line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      return true;
    }
    char chunk[65536];
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    pending.append(chunk, static_cast<std::size_t>(got));
  }
}

bool write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t put = ::send(fd, text.data() + written, text.size() - written, MSG_NOSIGNAL);
    if (put < 0 && errno == ENOTSOCK) put = ::write(fd, text.data() + written, text.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    written += static_cast<std::size_t>(put);
  }
  return true;
}

}  // namespace kevo::fitness::worker
