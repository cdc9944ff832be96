// Hardware profiles: the shipped datasheet profiles load; the loader is
// strict (unknown, missing, repeated keys and bad values name file:line and
// key); measured ceilings round-trip and win over the datasheet.
#include <filesystem>
#include <string>

#include "catch_compat.hpp"
#include "fitness/hardware/ceilings.hpp"
#include "fitness/hardware/hardware_profile.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "profile_fixture.hpp"

using namespace kevo::fitness::hardware;
using kevo::test::profile_yaml;
using kevo::test::ProfileFolder;

namespace {

std::filesystem::path shipped_profiles() { return std::filesystem::path(KEVO_SOURCE_DIR) / "hardware_profiles"; }

// The message of the ProfileError `load` throws ("" when it does not throw).
template <typename Load>
std::string profile_error(Load&& load) {
  try {
    load();
  } catch (const ProfileError& error) {
    return error.what();
  }
  return "";
}

// `text` with the line starting with `prefix` replaced by `replacement`
// (removed when the replacement is empty).
std::string replace_line(const std::string& text, const std::string& prefix, const std::string& replacement) {
  const auto start = text.find(prefix);
  REQUIRE(start != std::string::npos);
  const auto end = text.find('\n', start);
  return text.substr(0, start) + replacement + text.substr(end + (replacement.empty() ? 1 : 0));
}

MeasuredCeilings sample_measured(const std::string& id) {
  MeasuredCeilings measured;
  measured.id = id;
  measured.device_name = "NVIDIA H100 80GB HBM3";
  measured.measured_on = "2026-11-25";
  measured.host = "gpu-node-1";
  measured.copy_bandwidth_gbs = 3000.5;
  measured.peak_tflops = {{Precision::fp32, 51.2}, {Precision::fp64, 25.6}, {Precision::bf16_tensor, 700.1}};
  return measured;
}

}  // namespace

TEST_CASE("every shipped hardware profile loads", "[hardware]") {
  const ProfileCatalog catalog = ProfileCatalog::load(shipped_profiles());
  for (const char* id : {"h100_sxm", "h200", "a100_sxm", "l40s", "mi300x", "mi250x", "generic_cpu"}) {
    INFO(id);
    const HardwareProfile* profile = catalog.find_by_id(id);
    REQUIRE(profile != nullptr);
    CHECK(profile->memory_bandwidth_gbs > 0);
    CHECK(profile->peak_tflops.contains(Precision::fp32));
    CHECK(profile->last_level_cache_bytes >= profile->l2_bytes);
    CHECK_FALSE(profile->source.empty());
  }
  for (const auto& entry : std::filesystem::directory_iterator(shipped_profiles())) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    CHECK(load_profile(entry.path()).id == entry.path().stem().string());
  }
  // Spot checks against the datasheets (dense rates).
  const HardwareProfile& h100 = *catalog.find_by_id("h100_sxm");
  CHECK(h100.vendor == Vendor::nvidia);
  CHECK(h100.arch == "sm_90a");
  CHECK(h100.compute_units == 132);
  CHECK(h100.peak_tflops.at(Precision::bf16_tensor) == Approx(989.4));
  CHECK(catalog.find_by_id("h200")->memory_bandwidth_gbs == Approx(4800));
  CHECK_FALSE(catalog.find_by_id("a100_sxm")->peak_tflops.contains(Precision::fp8_tensor));
  CHECK(catalog.find_by_id("mi300x")->warp_size == 64);
  CHECK(catalog.find_by_id("mi250x")->compute_units == 110);  // one GCD
  CHECK(catalog.find_by_id("generic_cpu")->match.empty());
  CHECK(catalog.find_by_id("no_such_device") == nullptr);
}

TEST_CASE("precision and vendor names round trip", "[hardware]") {
  for (Precision precision : kAllPrecisions) CHECK(parse_precision(to_string(precision)) == precision);
  CHECK(to_string(Precision::tf32_tensor) == "tf32_tensor");
  CHECK_THROWS_WITH(parse_precision("fp4"), KEVO_CONTAINS("fp8_tensor"));
  CHECK(parse_vendor("amd") == Vendor::amd);
  CHECK_THROWS_AS(parse_vendor("intel"), std::invalid_argument);
}

TEST_CASE("a profile with an unknown key names the file and line and key", "[hardware]") {
  ProfileFolder folder;
  const auto path = folder.write("test_gpu.yaml", replace_line(profile_yaml("test_gpu"), "arch:", "arch: sm_90a\ncolour: green"));
  const std::string message = profile_error([&] { load_profile(path); });
  CHECK_THAT(message, KEVO_CONTAINS(path.string() + ":6:1: key 'colour': unknown key"));
  CHECK_THAT(message, KEVO_CONTAINS("use one of: id, vendor"));
}

TEST_CASE("a profile with a missing key names the file and line and key", "[hardware]") {
  ProfileFolder folder;
  const auto path = folder.write("test_gpu.yaml", replace_line(profile_yaml("test_gpu"), "warp_size:", ""));
  CHECK_THAT(profile_error([&] { load_profile(path); }),
             KEVO_CONTAINS(path.string() + ":1:1: key 'warp_size': missing"));
}

TEST_CASE("a profile with a repeated key or a bad value is rejected", "[hardware]") {
  ProfileFolder folder;
  const std::string base = profile_yaml("test_gpu");
  SECTION("repeated key") {
    const auto path = folder.write("test_gpu.yaml", base + "arch: sm_80\n");
    CHECK_THAT(profile_error([&] { load_profile(path); }),
               KEVO_CONTAINS(path.string() + ":17:1: key 'arch': the key appears twice"));
  }
  SECTION("negative bandwidth") {
    const auto path = folder.write("test_gpu.yaml", replace_line(base, "memory_bandwidth_gbs:", "memory_bandwidth_gbs: -5"));
    CHECK_THAT(profile_error([&] { load_profile(path); }),
               KEVO_CONTAINS(":8:23: key 'memory_bandwidth_gbs': -5 is not positive"));
  }
  SECTION("an integer field holding a fraction") {
    const auto path = folder.write("test_gpu.yaml", replace_line(base, "l2_bytes:", "l2_bytes: 50.5"));
    CHECK_THAT(profile_error([&] { load_profile(path); }), KEVO_CONTAINS(":9:11: key 'l2_bytes': '50.5' is not an integer"));
  }
  SECTION("unknown precision") {
    const auto path = folder.write("test_gpu.yaml", replace_line(base, "peak_tflops:", "peak_tflops: {fp32: 67, fp4: 10}"));
    CHECK_THAT(profile_error([&] { load_profile(path); }),
               KEVO_CONTAINS(":15:") && KEVO_CONTAINS("key 'peak_tflops.fp4': unknown precision"));
  }
  SECTION("no fp32 peak") {
    const auto path = folder.write("test_gpu.yaml", replace_line(base, "peak_tflops:", "peak_tflops: {fp64: 34}"));
    CHECK_THAT(profile_error([&] { load_profile(path); }), KEVO_CONTAINS("key 'peak_tflops': no fp32 peak"));
  }
  SECTION("unknown vendor") {
    const auto path = folder.write("test_gpu.yaml", replace_line(base, "vendor:", "vendor: intel"));
    CHECK_THAT(profile_error([&] { load_profile(path); }), KEVO_CONTAINS(":2:9: key 'vendor': unknown vendor 'intel'"));
  }
  SECTION("more shared memory per block than per SM") {
    const auto path = folder.write("test_gpu.yaml",
                                   replace_line(base, "shared_memory_per_block_bytes:", "shared_memory_per_block_bytes: 300000"));
    CHECK_THAT(profile_error([&] { load_profile(path); }), KEVO_CONTAINS("key 'shared_memory_per_block_bytes': larger than"));
  }
  SECTION("malformed YAML") {
    const auto path = folder.write("test_gpu.yaml", "id: [unclosed\n");
    CHECK_THAT(profile_error([&] { load_profile(path); }), KEVO_CONTAINS(path.string() + ":") && KEVO_CONTAINS("malformed YAML"));
  }
  SECTION("an id that is not the file name") {
    const auto path = folder.write("other_name.yaml", base);
    CHECK_THAT(profile_error([&] { load_profile(path); }),
               KEVO_CONTAINS(":1:5: key 'id': 'test_gpu' differs from the file name 'other_name.yaml'"));
  }
  SECTION("a missing file") {
    CHECK_THAT(profile_error([&] { load_profile(folder.dir() / "absent.yaml"); }), KEVO_CONTAINS("absent.yaml: cannot read"));
  }
}

TEST_CASE("measured ceilings round trip through save and load", "[hardware]") {
  ProfileFolder folder;
  const auto path = folder.dir() / "new" / "measured" / "test_gpu.yaml";  // directories created by save
  const MeasuredCeilings measured = sample_measured("test_gpu");
  save_measured(path, measured);
  CHECK(load_measured(path) == measured);

  // Saving again replaces the file and leaves no temporary behind.
  MeasuredCeilings bandwidth_only = measured;
  bandwidth_only.peak_tflops.clear();
  bandwidth_only.device_name = "name with \"quotes\": and a colon";
  save_measured(path, bandwidth_only);
  CHECK(load_measured(path) == bandwidth_only);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(path.parent_path())) ++files;
  CHECK(files == 1);
}

TEST_CASE("measured ceilings are validated when saved and loaded", "[hardware]") {
  ProfileFolder folder;
  MeasuredCeilings nothing = sample_measured("test_gpu");
  nothing.copy_bandwidth_gbs.reset();
  nothing.peak_tflops.clear();
  CHECK_THROWS_WITH(save_measured(folder.dir() / "test_gpu.yaml", nothing), KEVO_CONTAINS("nothing was measured"));
  CHECK_THROWS_WITH(save_measured(folder.dir() / "other.yaml", sample_measured("test_gpu")),
                    KEVO_CONTAINS("must be the file's stem"));

  const auto path = folder.write("measured/test_gpu.yaml",
                                 "id: test_gpu\ndevice_name: \"X\"\nmeasured_on: \"yesterday\"\nhost: h\ncopy_bandwidth_gbs: 1\n");
  CHECK_THAT(profile_error([&] { load_measured(path); }), KEVO_CONTAINS(":3:14: key 'measured_on': 'yesterday' is not a date"));
  const auto extra = folder.write("measured/test_gpu.yaml",
                                  "id: test_gpu\ndevice_name: \"X\"\nmeasured_on: \"2026-11-25\"\nhost: h\nbandwidth: 1\n");
  CHECK_THAT(profile_error([&] { load_measured(extra); }), KEVO_CONTAINS(":5:1: key 'bandwidth': unknown key"));
}

TEST_CASE("the catalog merges measured ceilings and ceilings prefers them", "[hardware]") {
  ProfileFolder folder;
  folder.write("test_gpu.yaml", profile_yaml("test_gpu"));
  save_measured(folder.dir() / "measured" / "test_gpu.yaml", sample_measured("test_gpu"));
  const ProfileCatalog catalog = ProfileCatalog::load(folder.dir());
  const HardwareProfile& profile = *catalog.find_by_id("test_gpu");
  REQUIRE(profile.measured.has_value());
  CHECK(*profile.measured == sample_measured("test_gpu"));

  const Ceilings fp32 = ceilings(profile, Precision::fp32);
  CHECK(fp32.bytes_per_second == Approx(3000.5e9));
  CHECK(fp32.flops_per_second == Approx(51.2e12));
  CHECK(fp32.bandwidth_measured);
  CHECK(fp32.flops_measured);
  CHECK(fp32.source() == "measured 2026-11-25");

  // fp16_tensor: neither measured nor on the (test) datasheet.
  CHECK_THROWS_WITH(ceilings(profile, Precision::fp16_tensor), KEVO_CONTAINS("has no fp16_tensor peak"));

  // A datasheet-only profile.
  ProfileFolder plain;
  plain.write("test_gpu.yaml", profile_yaml("test_gpu"));
  const ProfileCatalog datasheet = ProfileCatalog::load(plain.dir());
  const Ceilings bf16 = ceilings(*datasheet.find_by_id("test_gpu"), Precision::bf16_tensor);
  CHECK(bf16.bytes_per_second == Approx(3350e9));
  CHECK(bf16.flops_per_second == Approx(989.4e12));
  CHECK_FALSE(bf16.bandwidth_measured);
  CHECK(bf16.source() == "datasheet");
}

TEST_CASE("ceilings mix measured bandwidth with a datasheet peak", "[hardware]") {
  ProfileFolder folder;
  folder.write("test_gpu.yaml", profile_yaml("test_gpu"));
  MeasuredCeilings measured = sample_measured("test_gpu");
  measured.peak_tflops = {{Precision::fp32, 60}};
  save_measured(folder.dir() / "measured" / "test_gpu.yaml", measured);
  const Ceilings fp64 = ceilings(*ProfileCatalog::load(folder.dir()).find_by_id("test_gpu"), Precision::fp64);
  CHECK(fp64.bandwidth_measured);
  CHECK_FALSE(fp64.flops_measured);
  CHECK(fp64.flops_per_second == Approx(34e12));
  CHECK(fp64.source() == "bandwidth measured 2026-11-25, fp64 peak datasheet");
}

TEST_CASE("a measured file without its profile is an error", "[hardware]") {
  ProfileFolder folder;
  folder.write("test_gpu.yaml", profile_yaml("test_gpu"));
  save_measured(folder.dir() / "measured" / "gone_gpu.yaml", sample_measured("gone_gpu"));
  CHECK_THROWS_WITH(ProfileCatalog::load(folder.dir()), KEVO_CONTAINS("gone_gpu.yaml: measured ceilings for 'gone_gpu'"));
}

TEST_CASE("ceilings for a precision the device lacks throw", "[hardware]") {
  const ProfileCatalog catalog = ProfileCatalog::load(shipped_profiles());
  CHECK_THROWS_WITH(ceilings(*catalog.find_by_id("a100_sxm"), Precision::fp8_tensor),
                    KEVO_CONTAINS("'a100_sxm'") && KEVO_CONTAINS("has no fp8_tensor peak"));
}
