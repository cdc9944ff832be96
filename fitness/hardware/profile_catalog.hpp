#pragma once
// Every hardware profile of one directory (hardware_profiles/), each with
// its measured ceilings merged in, and the rule that picks the profile of a
// device from the name its driver reports.
#include <filesystem>
#include <string>
#include <vector>

#include "fitness/hardware/hardware_profile.hpp"

namespace kevo::fitness::hardware {

class ProfileCatalog {
 public:
  // Loads every <dir>/*.yaml (not subfolders), sorted by id, and merges
  // <dir>/measured/<id>.yaml into its profile. Throws ProfileError for a
  // missing directory, a bad file, a measured file without a profile, or a
  // match substring two profiles share (the choice would be arbitrary).
  static ProfileCatalog load(const std::filesystem::path& dir);

  const std::vector<HardwareProfile>& profiles() const { return profiles_; }
  const std::filesystem::path& directory() const { return dir_; }

  // nullptr when no profile has this id.
  const HardwareProfile* find_by_id(const std::string& id) const;

  // The profile of `vendor` whose match substring occurs in `device_name`,
  // ignoring case; when several do, the longest substring wins (the most
  // specific: "H200 NVL" over "H200"). A CPU no profile matches gets
  // generic_cpu. Otherwise ProfileError lists the known models and says to
  // add <dir>/<id>.yaml.
  const HardwareProfile& match(const std::string& device_name, Vendor vendor) const;

 private:
  std::filesystem::path dir_;
  std::vector<HardwareProfile> profiles_;
};

}  // namespace kevo::fitness::hardware
