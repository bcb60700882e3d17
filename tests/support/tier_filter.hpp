#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace tenki::test {

// The Catch2 test spec for a tier, e.g. "~[integration]~[web]" for unit.
tl::expected<std::string, std::string> tier_spec(const std::string& tier);

// Catch2 joins its spec arguments into one expression where ',' means OR; the tier's tags are
// ANDed into every alternative so "a,b" in the unit tier never runs an integration test named b.
tl::expected<std::vector<std::string>, std::string> apply_tier(const std::string& tier,
                                                               const std::vector<std::string>& specs);

}  // namespace tenki::test
