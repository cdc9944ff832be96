#pragma once
// One include for Catch2 v2 (Debian 12: catch2/catch.hpp) and v3 (GPU machine).
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#define KEVO_CATCH_V3 1
#else
#include <catch2/catch.hpp>
#define KEVO_CATCH_V3 0
#endif

#include <cstdio>
#include <cstdlib>
#include <string>

// Ends the current test as *skipped* when the hardware it needs is absent.
// ctest runs each test case in its own process and maps exit code 77 to
// "Skipped" (SKIP_RETURN_CODE), so a missing GPU is never counted as a pass.
#define KEVO_SKIP_UNLESS(condition, why)                                     \
  do {                                                                       \
    if (!(condition)) {                                                      \
      std::fprintf(stderr, "SKIPPED: %s\n", std::string(why).c_str());       \
      std::fflush(stderr);                                                   \
      std::_Exit(77);                                                        \
    }                                                                        \
  } while (0)

// String matcher spelled the same in both versions.
#if KEVO_CATCH_V3
#define KEVO_CONTAINS(text) Catch::Matchers::ContainsSubstring(text)
#else
#define KEVO_CONTAINS(text) Catch::Contains(text)
#endif

// Approx: global in v2, Catch::Approx in v3.
#if KEVO_CATCH_V3
using Catch::Approx;
#endif
