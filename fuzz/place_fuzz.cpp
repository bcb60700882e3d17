// parse_place and the city matching on arbitrary text (UTF-8 or not), with a default country
// taken from the input's first bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz_check.hpp"
#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"

namespace {

// Well-formed UTF-8 (no overlong or surrogate check needed here: fold keeps what it cannot read).
bool is_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80    ? 1
                                   : lead >= 0xF0 ? 4
                                   : lead >= 0xE0 ? 3
                                   : lead >= 0xC0 ? 2
                                                  : 0;
        if (length == 0 || lead >= 0xF8 || i + length > text.size()) return false;
        for (std::size_t j = 1; j < length; ++j)
            if ((static_cast<unsigned char>(text[i + j]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

void check_folded(std::string_view input, const std::string& key) {
    TENKI_FUZZ_CHECK(key.find("  ") == std::string::npos);
    TENKI_FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '));
    for (char c : key) TENKI_FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
    // Folding twice changes nothing, for text that is UTF-8 (bytes that are not are kept, and
    // dropping an apostrophe between two of them may make a character of them).
    if (is_utf8(input)) TENKI_FUZZ_CHECK(tenki::fold_place_name(key) == key);
}

void check_city(const tenki::CityQuery& query) {
    const auto match = tenki::match_city(query, 3);
    TENKI_FUZZ_CHECK(match.candidates.size() <= 3 && match.suggestions.size() <= 3);
    switch (match.kind) {
        case tenki::CityMatch::Kind::found: {
            TENKI_FUZZ_CHECK(match.city.has_value());
            // The argument that picks the place must pick it again.
            const auto again = tenki::parse_place(tenki::pick_argument(*match.city));
            TENKI_FUZZ_CHECK(again.has_value());
            if (const auto* city = std::get_if<tenki::CityQuery>(&*again)) {
                const auto picked = tenki::match_city(*city, 1);
                TENKI_FUZZ_CHECK(picked.kind == tenki::CityMatch::Kind::found);
                TENKI_FUZZ_CHECK(picked.city->geonames_id == match.city->geonames_id);
            }
            break;
        }
        case tenki::CityMatch::Kind::ambiguous:
            TENKI_FUZZ_CHECK(match.candidate_count >= 2 && match.candidates.size() >= 2);
            for (std::size_t i = 1; i < match.candidates.size(); ++i) {
                TENKI_FUZZ_CHECK(match.candidates[i - 1].population >= match.candidates[i].population);
            }
            break;
        case tenki::CityMatch::Kind::not_found: break;
    }
    const auto result = tenki::find_city(query);
    if (!result) TENKI_FUZZ_CHECK(result.error().message.find('\n') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // "fr|Paris": a default country before the first '|', else none.
    std::string_view country;
    if (auto bar = input.find('|'); bar != std::string_view::npos && bar <= 4) {
        country = input.substr(0, bar);
        input.remove_prefix(bar + 1);
    }
    check_folded(input, tenki::fold_place_name(input));
    auto place = tenki::parse_place(input, country);
    if (!place) {
        TENKI_FUZZ_CHECK(place.error().kind == tenki::ErrorKind::invalid_input);
        return 0;
    }
    if (const auto* coordinates = std::get_if<tenki::Coordinates>(&*place)) {
        TENKI_FUZZ_CHECK(coordinates->lat >= -90 && coordinates->lat <= 90);
        TENKI_FUZZ_CHECK(coordinates->lon >= -180 && coordinates->lon <= 180);
    } else if (const auto* city = std::get_if<tenki::CityQuery>(&*place)) {
        check_city(*city);
    }
    return 0;
}
