#pragma once
// Lines over a descriptor, for every protocol kevo's processes speak (the
// engine and kevo-worker, a CPU worker and its kernel host): blocking reads
// that keep what they read past the line, and writes that survive EINTR and
// never raise SIGPIPE.
#include <string>

namespace kevo::fitness::worker {

// The next line (without its newline) into `line`; false at EOF or error.
// `pending` keeps the bytes read past it, for the next call.
bool read_line(int fd, std::string& pending, std::string& line);

// All of `text`; false when the other end is gone. Uses send(MSG_NOSIGNAL)
// on sockets and write() on anything else.
bool write_all(int fd, const std::string& text);

}  // namespace kevo::fitness::worker
