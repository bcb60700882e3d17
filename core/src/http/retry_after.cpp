#include <charconv>
#include <string>

#include "http/curl_handle.hpp"
#include "tenki/http/retry_after.hpp"
#include "util/ascii.hpp"

namespace tenki {

std::optional<int> parse_retry_after(std::string_view value, std::int64_t now_unix_s) {
    value = util::trim(value);
    if (value.empty()) return std::nullopt;
    long long seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (end == value.data() + value.size()) {
        if (ec == std::errc::result_out_of_range) return k_max_upstream_wait_s;  // all digits, huge
        if (ec != std::errc{} || seconds < 0) return std::nullopt;
        return cap_upstream_wait(seconds);
    }
    // An HTTP date, whose three forms all start with the day's name: libcurl reads them. Anything
    // else (libcurl's reader is lenient: it takes "+5" for a date) is not a wait.
    if (!util::is_letter(value.front())) return std::nullopt;
    const std::string text(value);
    const time_t date = http::curl_api().getdate(text.c_str(), nullptr);
    if (date == static_cast<time_t>(-1)) return std::nullopt;
    return cap_upstream_wait(static_cast<long long>(date) - now_unix_s);
}

}  // namespace tenki
