#include "fitness/session/verified_runs.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "fitness/protocol/random.hpp"

namespace kevo::fitness::session {

namespace {

// Roles by sample, in sample order.
class Choice {
 public:
  void add(int sample, const std::string& role) {
    std::string& roles = roles_[sample];
    roles += (roles.empty() ? "" : ", ") + role;
  }
  bool has(int sample) const { return roles_.count(sample) > 0; }
  std::size_t size() const { return roles_.size(); }
  // `count` more samples of 0..samples-1 not chosen yet, uniformly, as "drawn".
  void draw(int samples, int count, std::uint64_t random_bits) {
    std::vector<int> rest;
    for (int s = 0; s < samples; ++s) {
      if (!has(s)) rest.push_back(s);
    }
    for (int k = 0; k < count && !rest.empty(); ++k) {
      const std::uint64_t pick = protocol::counter_bits(random_bits, static_cast<std::uint64_t>(k)) % rest.size();
      add(rest[pick], "drawn");
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(pick));
    }
  }
  std::vector<ChosenSample> list() const {
    std::vector<ChosenSample> out;
    for (const auto& [sample, role] : roles_) out.push_back({sample, role});
    return out;
  }

 private:
  std::map<int, std::string> roles_;
};

}  // namespace

std::vector<ChosenSample> choose_after_timing(const std::vector<double>& samples, int extra,
                                              std::uint64_t random_bits) {
  const int n = static_cast<int>(samples.size());
  if (n == 0) return {};
  std::vector<int> by_time(static_cast<std::size_t>(n));
  std::iota(by_time.begin(), by_time.end(), 0);
  std::stable_sort(by_time.begin(), by_time.end(), [&](int a, int b) { return samples[a] < samples[b]; });
  Choice choice;
  choice.add(by_time.front(), "fastest");
  choice.add(by_time[static_cast<std::size_t>((n - 1) / 2)], "median");
  if (n % 2 == 0) choice.add(by_time[static_cast<std::size_t>(n / 2)], "median");
  choice.add(n - 1, "last");
  choice.draw(n, extra, random_bits);
  return choice.list();
}

std::vector<ChosenSample> choose_before_timing(int samples, int capacity, std::uint64_t random_bits) {
  Choice choice;
  if (samples <= 0 || capacity <= 0) return {};
  // With room for one run only, a fixed last run would tell a kernel that
  // counts its launches which one is checked; a drawn one tells it nothing.
  if (capacity > 1) choice.add(samples - 1, "last");
  choice.draw(samples, capacity - static_cast<int>(choice.size()), random_bits);
  return choice.list();
}

}  // namespace kevo::fitness::session
