#pragma once
// SessionSpec and SessionOutcome as they travel in the worker protocol
// (fitness/worker/worker_messages.hpp). Decoding throws nlohmann::json's
// exceptions on malformed input; the message layer reports them.
#include <nlohmann/json.hpp>

#include "fitness/session/session_spec.hpp"

namespace kevo::fitness::session {

nlohmann::json encode_spec(const SessionSpec& spec);
SessionSpec decode_spec(const nlohmann::json& in);

nlohmann::json encode_outcome(const SessionOutcome& outcome);
SessionOutcome decode_outcome(const nlohmann::json& in);

// One launch step's arguments and shape, shared with the run entries.
nlohmann::json encode_step_call(const std::vector<protocol::BoundArg>& args, const protocol::BoundShape& shape);
void decode_step_call(const nlohmann::json& in, std::vector<protocol::BoundArg>& args, protocol::BoundShape& shape);

}  // namespace kevo::fitness::session
