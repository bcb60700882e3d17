// parse_owm_response on arbitrary bodies and statuses: a value or an Error, never an exception.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "fuzz_check.hpp"
#include "providers/owm/owm.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first byte picks the HTTP status, the rest is the body.
    static constexpr long k_statuses[] = {200, 401, 404, 429, 500, 502, 301, 0};
    long status = 200;
    std::string_view body(reinterpret_cast<const char*>(data), size);
    if (!body.empty()) {
        status = k_statuses[static_cast<unsigned char>(body.front()) % std::size(k_statuses)];
        body.remove_prefix(1);
    }
    const tenki::Location asked{"94107", "us"};
    try {
        auto weather = tenki::parse_owm_response(status, body, asked);
        if (weather) {
            TENKI_FUZZ_CHECK(status >= 200 && status < 300);
            TENKI_FUZZ_CHECK(weather->location == asked);
        } else {
            TENKI_FUZZ_CHECK(!weather.error().message.empty());
        }
    } catch (...) {
        TENKI_FUZZ_FAIL("parse_owm_response threw");
    }
    return 0;
}
