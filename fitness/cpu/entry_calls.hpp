#pragma once
// A CPU launch plan made ready before any clock starts: each step's entry
// function (kevo_entry_N, fitness/cpu/trampoline.hpp) looked up in its
// loaded shared object, with the argument array it is called with (buffer
// addresses in the mapped shared memory, pointers to the integers).
#include <cstdint>
#include <vector>

#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::cpu {

struct EntryCall {
  using Function = void (*)(void**);
  Function function = nullptr;
  std::vector<std::int64_t> integers;  // storage the int slots point into
  std::vector<void*> slots;
};

// `library` is a dlopen handle; `base` the request's mapped shared memory.
// Throws std::runtime_error naming a missing symbol.
std::vector<EntryCall> prepare_entry_calls(const worker::RunRequest& request, void* library, unsigned char* base);

inline void run_entry_calls(std::vector<EntryCall>& calls) {
  for (EntryCall& call : calls) call.function(call.slots.data());
}

}  // namespace kevo::fitness::cpu
