#include "fitness/hardware/profile_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

namespace kevo::fitness::hardware {

namespace {

constexpr const char* kCpuFallbackId = "generic_cpu";

// Case-folded, with '-' and '_' read as spaces: kevo's device ids spell
// "NVIDIA H100 80GB HBM3" as "NVIDIA-H100-80GB-HBM3", and a profile's match
// strings must find the device either way.
std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return c == '-' || c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  });
  return text;
}

std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (error) throw ProfileError(dir.string() + ": cannot list the directory: " + error.message());
  // Directory order is arbitrary; sorted, every run sees the same catalog.
  std::sort(files.begin(), files.end());
  return files;
}

// "NVIDIA H100 SXM5 80GB (h100_sxm: 'H100 80GB HBM3', 'H100 SXM')".
std::string describe(const HardwareProfile& profile) {
  std::string text = profile.model + " (" + profile.id;
  for (std::size_t i = 0; i < profile.match.size(); ++i) {
    text += (i == 0 ? ": '" : ", '") + profile.match[i] + "'";
  }
  if (profile.match.empty() && profile.id == kCpuFallbackId) text += ": any CPU";
  return text + ")";
}

void reject_shared_match_strings(const std::vector<HardwareProfile>& profiles) {
  std::map<std::string, const HardwareProfile*> owner;
  for (const HardwareProfile& profile : profiles) {
    for (const std::string& pattern : profile.match) {
      auto [it, inserted] = owner.emplace(lower(pattern), &profile);
      if (!inserted && it->second != &profile) {
        throw ProfileError(profile.file + ": key 'match': '" + pattern + "' is also a match of " + it->second->file +
                           "; keep it in one profile (the device would pick one at random)");
      }
    }
  }
}

}  // namespace

ProfileCatalog ProfileCatalog::load(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    throw ProfileError(dir.string() + ": no such directory of hardware profiles (expected <id>.yaml files)");
  }
  ProfileCatalog catalog;
  catalog.dir_ = dir;
  for (const auto& file : yaml_files(dir)) catalog.profiles_.push_back(load_profile(file));
  reject_shared_match_strings(catalog.profiles_);

  const std::filesystem::path measured_dir = dir / "measured";
  if (std::filesystem::is_directory(measured_dir, error)) {
    for (const auto& file : yaml_files(measured_dir)) {
      MeasuredCeilings measured = load_measured(file);  // checks id == stem
      auto profile = std::find_if(catalog.profiles_.begin(), catalog.profiles_.end(),
                                  [&](const HardwareProfile& p) { return p.id == measured.id; });
      if (profile == catalog.profiles_.end()) {
        throw ProfileError(file.string() + ": measured ceilings for '" + measured.id + "', but there is no " +
                           (dir / (measured.id + ".yaml")).string() + "; add the profile or remove the file");
      }
      profile->measured = std::move(measured);
    }
  }
  return catalog;
}

const HardwareProfile* ProfileCatalog::find_by_id(const std::string& id) const {
  for (const HardwareProfile& profile : profiles_) {
    if (profile.id == id) return &profile;
  }
  return nullptr;
}

const HardwareProfile& ProfileCatalog::match(const std::string& device_name, Vendor vendor) const {
  const std::string name = lower(device_name);
  const HardwareProfile* best = nullptr;
  std::size_t best_length = 0;
  for (const HardwareProfile& profile : profiles_) {
    if (profile.vendor != vendor) continue;
    for (const std::string& pattern : profile.match) {
      // Strictly longer: on a tie the first profile (by id) keeps it.
      if (pattern.size() > best_length && name.find(lower(pattern)) != std::string::npos) {
        best = &profile;
        best_length = pattern.size();
      }
    }
  }
  if (best != nullptr) return *best;
  if (vendor == Vendor::cpu) {
    const HardwareProfile* fallback = find_by_id(kCpuFallbackId);
    if (fallback != nullptr && fallback->vendor == Vendor::cpu) return *fallback;
  }
  std::string known;
  for (const HardwareProfile& profile : profiles_) known += (known.empty() ? "" : "; ") + describe(profile);
  throw ProfileError("no hardware profile matches " + to_string(vendor) + " device '" + device_name + "' (known: " +
                     (known.empty() ? "none" : known) + "); add " + (dir_ / "<id>.yaml").string() +
                     " with a match: entry that occurs in the device name (copy " +
                     (dir_ / "h100_sxm.yaml").string() + " and fix the figures from the datasheet)");
}

}  // namespace kevo::fitness::hardware
