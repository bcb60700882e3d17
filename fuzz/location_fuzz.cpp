// parse_location on arbitrary text, with the default country taken from the input's first bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "tenki/domain/location.hpp"

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool allowed(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-'; }

void check(const tenki::Location& loc) {
    const auto& code = loc.postal_code;
    TENKI_FUZZ_CHECK(!code.empty());
    TENKI_FUZZ_CHECK(code.size() <= 12);
    TENKI_FUZZ_CHECK(std::all_of(code.begin(), code.end(), allowed));
    TENKI_FUZZ_CHECK(code.find("  ") == std::string::npos);
    TENKI_FUZZ_CHECK(code.front() != ' ' && code.back() != ' ');
    TENKI_FUZZ_CHECK(loc.country.size() == 2 &&
                     std::all_of(loc.country.begin(), loc.country.end(), is_lower));
    if (loc.country == "us") TENKI_FUZZ_CHECK(code.size() == 5);
    // The key is what the cache stores: parsing it again must give the same place.
    auto again = tenki::parse_location(loc.key(), "zz");
    TENKI_FUZZ_CHECK(again.has_value());
    TENKI_FUZZ_CHECK(*again == loc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // "gb|SW1A 1AA": a default country before the first '|', else the default "us".
    std::string_view country = "us";
    if (auto bar = input.find('|'); bar != std::string_view::npos && bar <= 4) {
        country = input.substr(0, bar);
        input.remove_prefix(bar + 1);
    }
    auto loc = tenki::parse_location(input, country);
    if (loc) check(*loc);
    return 0;
}
