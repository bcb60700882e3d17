#include "tenki/places/zipdb.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "places/zipdb/zipdb_data.hpp"

namespace tenki {

namespace {

using namespace zipdb_data;

constexpr std::size_t k_zip_len = 5;

std::string_view zip_at(std::size_t i) { return {k_zip_codes + i * k_zip_len, k_zip_len}; }

bool is_five_digits(std::string_view s) {
    return s.size() == k_zip_len &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The row of zip in the sorted table, or k_zip_count.
std::size_t find_zip_row(std::string_view zip) {
    std::size_t lo = 0, hi = k_zip_count;
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo) / 2;
        if (zip_at(mid) < zip) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < k_zip_count && zip_at(lo) == zip ? lo : k_zip_count;
}

ZipInfo row(std::size_t i) {
    std::size_t place = k_zip_place[i];
    std::uint32_t begin = k_place_offsets[place];
    std::uint32_t end = k_place_offsets[place + 1];
    return ZipInfo{zip_at(i), std::string_view(k_place_pool + begin, end - begin),
                   std::string_view(k_states[k_zip_state[i]]), k_zip_lat[i] / 1e4, k_zip_lon[i] / 1e4};
}

}  // namespace

std::optional<ZipInfo> lookup_us_zip(std::string_view five_digits) {
    if (!is_five_digits(five_digits)) return std::nullopt;
    std::size_t i = find_zip_row(five_digits);
    if (i == k_zip_count) return std::nullopt;
    return row(i);
}

std::vector<std::string> suggest_us_zips(std::string_view zip, std::size_t max) {
    std::vector<std::string> out;
    if (!is_five_digits(zip)) return out;
    auto consider = [&](const std::string& candidate) {
        if (out.size() < max && candidate != zip && find_zip_row(candidate) != k_zip_count &&
            std::find(out.begin(), out.end(), candidate) == out.end()) {
            out.push_back(candidate);
        }
    };
    // Edits that keep the longest prefix first: ZIP codes are assigned by region, so those are
    // the nearest places. At each position, the swap with the next digit, then the digits nearest
    // in value.
    std::string candidate(zip);
    for (std::size_t i = k_zip_len; i-- > 0;) {
        if (i + 1 < k_zip_len) {
            std::swap(candidate[i], candidate[i + 1]);
            consider(candidate);
            std::swap(candidate[i], candidate[i + 1]);
        }
        const char original = candidate[i];
        for (int step = 1; step <= 9; ++step) {
            for (int sign : {-1, 1}) {
                int digit = original - '0' + sign * step;
                if (digit < 0 || digit > 9) continue;
                candidate[i] = static_cast<char>('0' + digit);
                consider(candidate);
            }
        }
        candidate[i] = original;
    }
    return out;
}

Result<ZipInfo> find_us_zip(std::string_view five_digits) {
    if (auto info = lookup_us_zip(five_digits)) return *info;
    std::string message = fmt::format("unknown US ZIP code {}", five_digits);
    auto near = suggest_us_zips(five_digits, 3);
    if (!near.empty()) {
        // Five digits are a postal code in many countries ("75008" is in Paris): name that form too.
        message += fmt::format(
            ": did you mean {}? (another country's postal code goes after a comma: \"{},CC\", CC its "
            "ISO 3166 code)",
            fmt::join(near, ", "), five_digits);
    } else {
        message += ": check the five digits";
    }
    return fail(ErrorKind::not_found, std::move(message));
}

std::string zip_label(const ZipInfo& info) {
    if (info.state.empty()) return std::string(info.place);
    return fmt::format("{}, {}", info.place, info.state);
}

std::string_view zipdb_attribution() { return k_zipdb_attribution; }

std::size_t zipdb_size() { return k_zip_count; }

}  // namespace tenki
