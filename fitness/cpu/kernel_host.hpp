#pragma once
// `kevo-worker --kernel-host`: the process a candidate CPU kernel runs in.
// The CPU worker starts a fresh one for every request (fork and exec, so it
// inherits none of its parent's memory), which then
//   1. maps the request's shared buffers: inputs read-only from a read-only
//      descriptor, outputs and scratch writable, and closes both descriptors,
//      so an input can never be written or mapped writable again;
//   2. drops every capability and installs the first stage of the system-call
//      filter (fitness/cpu/syscall_filter.hpp);
//   3. loads the kernel's shared object (its static constructors run already
//      filtered) and installs the second stage;
//   4. answers its parent, one line each:
//        run <flush_bytes>  ->  ok <seconds> | threw <message>
//        exit               ->  (exits)
// A fault or a forbidden system call writes one last line before the
// process dies, so the parent can say what happened:
//        fault <signal> <byte offset into the shared buffers, or -1>
//        forbidden <system call number>
// Nothing the kernel does survives the process: no file, no shared memory,
// no thread or child process, no static variable.
namespace kevo::fitness::cpu {

// The control channel is on descriptors 0 and 1 (a socket), as for kevo-worker.
int serve_kernel_host();

}  // namespace kevo::fitness::cpu
