// ProfileCatalog::match: the driver's device name picks the profile (case-
// insensitive substring, most specific wins); CPUs fall back to generic_cpu;
// an unknown GPU is an error that lists the known models.
#include <filesystem>
#include <string>
#include <utility>

#include "catch_compat.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "profile_fixture.hpp"

using namespace kevo::fitness::hardware;
using kevo::test::profile_yaml;
using kevo::test::ProfileFolder;

namespace {

ProfileCatalog shipped() { return ProfileCatalog::load(std::filesystem::path(KEVO_SOURCE_DIR) / "hardware_profiles"); }

}  // namespace

TEST_CASE("match picks the shipped profile of each known device name", "[hardware]") {
  const ProfileCatalog catalog = shipped();
  const std::pair<const char*, const char*> nvidia[] = {
      {"NVIDIA H100 80GB HBM3", "h100_sxm"},
      {"NVIDIA H200", "h200"},
      {"NVIDIA A100-SXM4-80GB", "a100_sxm"},
      {"NVIDIA L40S", "l40s"},
  };
  for (const auto& [name, id] : nvidia) {
    INFO(name);
    CHECK(catalog.match(name, Vendor::nvidia).id == id);
  }
  CHECK(catalog.match("AMD Instinct MI300X", Vendor::amd).id == "mi300x");
  CHECK(catalog.match("AMD Instinct MI250X", Vendor::amd).id == "mi250x");
  CHECK(catalog.match("nvidia h100 80gb hbm3", Vendor::nvidia).id == "h100_sxm");  // case-insensitive
  // Device ids spell spaces as dashes: LLM prompts on an H100 once went without the device's facts.
  CHECK(catalog.match("NVIDIA-H100-80GB-HBM3", Vendor::nvidia).id == "h100_sxm");
  CHECK(catalog.match("NVIDIA-A100-SXM4-80GB", Vendor::nvidia).id == "a100_sxm");
}

TEST_CASE("an unknown GPU name throws with the known models", "[hardware]") {
  const ProfileCatalog catalog = shipped();
  const auto unknown = [&](const std::string& name, Vendor vendor) {
    try {
      catalog.match(name, vendor);
    } catch (const ProfileError& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  const std::string message = unknown("NVIDIA GeForce RTX 4090", Vendor::nvidia);
  CHECK_THAT(message, KEVO_CONTAINS("no hardware profile matches nvidia device 'NVIDIA GeForce RTX 4090'"));
  CHECK_THAT(message, KEVO_CONTAINS("NVIDIA H100 SXM5 80GB (h100_sxm: 'H100 80GB HBM3', 'H100 SXM')"));
  CHECK_THAT(message, KEVO_CONTAINS("AMD Instinct MI300X"));
  CHECK_THAT(message, KEVO_CONTAINS("hardware_profiles/<id>.yaml"));
  // Other parts of a known family are not silently given its roofs.
  CHECK_THAT(unknown("NVIDIA H100 PCIe", Vendor::nvidia), KEVO_CONTAINS("no hardware profile matches"));
  CHECK_THAT(unknown("NVIDIA A100-SXM4-40GB", Vendor::nvidia), KEVO_CONTAINS("no hardware profile matches"));
  CHECK_THAT(unknown("NVIDIA L40", Vendor::nvidia), KEVO_CONTAINS("no hardware profile matches"));
  // A name only counts for its own vendor.
  CHECK_THAT(unknown("AMD Instinct MI300X", Vendor::nvidia), KEVO_CONTAINS("no hardware profile matches"));
}

TEST_CASE("a CPU falls back to generic_cpu", "[hardware]") {
  const ProfileCatalog catalog = shipped();
  CHECK(catalog.match("cpu:AMD EPYC 9654 96-Core Processor", Vendor::cpu).id == "generic_cpu");
  CHECK(catalog.match("", Vendor::cpu).id == "generic_cpu");

  ProfileFolder folder;  // no generic_cpu here: a CPU is an error like any device
  folder.write("test_gpu.yaml", profile_yaml("test_gpu"));
  CHECK_THROWS_AS(ProfileCatalog::load(folder.dir()).match("cpu:x", Vendor::cpu), ProfileError);
}

TEST_CASE("match prefers the longest matching substring", "[hardware]") {
  ProfileFolder folder;
  folder.write("h200.yaml", profile_yaml("h200", "nvidia", "[\"H200\"]"));
  folder.write("h200_nvl.yaml", profile_yaml("h200_nvl", "nvidia", "[\"H200 NVL\"]"));
  folder.write("generic_cpu.yaml", profile_yaml("generic_cpu", "cpu", "[]"));
  folder.write("epyc.yaml", profile_yaml("epyc", "cpu", "[\"EPYC\"]"));
  folder.write("notes.txt", "not a profile");
  folder.write("sub/ignored.yaml", "not: [a profile");  // subfolders are not read
  const ProfileCatalog catalog = ProfileCatalog::load(folder.dir());
  CHECK(catalog.profiles().size() == 4);
  CHECK(catalog.match("NVIDIA H200 NVL", Vendor::nvidia).id == "h200_nvl");
  CHECK(catalog.match("NVIDIA H200", Vendor::nvidia).id == "h200");
  CHECK(catalog.match("cpu:AMD EPYC 7B13", Vendor::cpu).id == "epyc");
  CHECK(catalog.match("cpu:Intel Xeon", Vendor::cpu).id == "generic_cpu");
}

TEST_CASE("two profiles sharing a match string are rejected", "[hardware]") {
  ProfileFolder folder;
  folder.write("one.yaml", profile_yaml("one", "nvidia", "[\"Test GPU\"]"));
  folder.write("two.yaml", profile_yaml("two", "nvidia", "[\"test gpu\"]"));
  CHECK_THROWS_WITH(ProfileCatalog::load(folder.dir()),
                    KEVO_CONTAINS("two.yaml: key 'match': 'test gpu' is also a match of"));
}

TEST_CASE("a missing profile directory is an error", "[hardware]") {
  ProfileFolder folder;
  CHECK_THROWS_WITH(ProfileCatalog::load(folder.dir() / "absent"), KEVO_CONTAINS("no such directory of hardware profiles"));
}
