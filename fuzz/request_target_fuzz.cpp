// parse_request_target on arbitrary targets: decoded values never hold control characters, and
// the storage-reusing overload agrees with the plain one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "tenki/server/api/request_target.hpp"

namespace {

bool clean(const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto target = tenki::server::parse_request_target(input);

    // A reused RequestTarget, dirty from a previous request, must give the same answer.
    tenki::server::RequestTarget reused{"/stale", {{"stale", "value"}}};
    auto again = tenki::server::parse_request_target(input, reused);
    TENKI_FUZZ_CHECK(target.has_value() == again.has_value());
    if (!target) return 0;

    TENKI_FUZZ_CHECK(!input.empty() && input.front() == '/');
    TENKI_FUZZ_CHECK(!target->path.empty() && target->path.front() == '/');
    TENKI_FUZZ_CHECK(clean(target->path));
    for (const auto& [name, value] : target->query) {
        TENKI_FUZZ_CHECK(clean(name));
        TENKI_FUZZ_CHECK(clean(value));
        TENKI_FUZZ_CHECK(target->param(name).has_value());
    }
    TENKI_FUZZ_CHECK(reused.path == target->path);
    TENKI_FUZZ_CHECK(reused.query == target->query);
    return 0;
}
