#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::devtools {

// The test tiers, selected by Catch2 tag as the original's pytest markers.
enum class Tier { unit, integration, web };

std::string_view to_string(Tier tier);

inline constexpr std::string_view k_test_binary_name = "tenki_tests";
inline constexpr std::string_view k_test_binary_env = "TENKI_TEST_BINARY";

// Where to look for the test binary, in order: an explicit option, the environment
// variable, then beside the running tenki (the build tree).
struct TestBinarySearch {
    std::optional<std::filesystem::path> option;
    std::optional<std::filesystem::path> from_env;
    std::filesystem::path self_dir;
};

Result<std::filesystem::path> find_test_binary(const TestBinarySearch& search);

// The argv that runs one tier, extra arguments passed through to Catch2.
std::vector<std::string> test_command(const std::filesystem::path& binary, Tier tier,
                                      const std::vector<std::string>& extra);

}  // namespace tenki::devtools
