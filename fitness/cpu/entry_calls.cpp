#include "fitness/cpu/entry_calls.hpp"

#include <dlfcn.h>

#include <stdexcept>

#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::cpu {

std::vector<EntryCall> prepare_entry_calls(const worker::RunRequest& request, void* library, unsigned char* base) {
  std::vector<EntryCall> calls;
  for (const worker::WorkerEntry& entry : request.entries) {
    EntryCall call;
    ::dlerror();
    call.function = reinterpret_cast<EntryCall::Function>(::dlsym(library, entry.symbol.c_str()));
    if (call.function == nullptr) throw std::runtime_error("dlsym " + entry.symbol + " in " + request.shared_object);
    call.integers.reserve(entry.args.size());  // no reallocation: slots point into it
    for (const worker::WorkerArg& arg : entry.args) {
      if (arg.is_buffer) {
        call.slots.push_back(base + worker::checked_slot(request, arg.buffer).offset);
      } else {
        call.integers.push_back(arg.value);
        call.slots.push_back(&call.integers.back());
      }
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace kevo::fitness::cpu
