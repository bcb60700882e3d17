#include "tenki/providers/api_key.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <string>

#include "tenki/util/file.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_home_file = ".openweathermap.key";
constexpr std::string_view k_home_label = "~/.openweathermap.key";
constexpr std::string_view k_redacted = "REDACTED";

std::string first_line_of(std::string_view text) {
    return std::string(util::trim(text.substr(0, text.find('\n'))));
}

// The trimmed first line of a key file, read with a bound and without blocking (a FIFO never
// hangs tenki); otherwise why the file cannot hold a key, naming it.
Result<std::string> read_key_line(const fs::path& path, std::string_view label) {
    // One byte past a key line's bound tells a first line over it from one that fits.
    auto text = read_bounded_file(path, {std::string(label), "a key file", k_max_key_file_bytes + 1, true});
    if (!text) return fail(ErrorKind::unauthorized, text.error().message);
    if (text->find('\n') == std::string::npos && text->size() > k_max_key_file_bytes)
        return fail(ErrorKind::unauthorized,
                    std::string(label) + "'s first line is longer than 4 KB: not an API key");
    return first_line_of(*text);  // empty when the file is, or its first line is blank
}

// As ssh does for private keys: a key others can read is a key others can use.
std::optional<std::string> permission_warning(const fs::path& path, std::string_view label) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    if ((st.st_mode & (S_IRGRP | S_IROTH)) == 0) return std::nullopt;
    return std::string(label) + " is readable by others; chmod 600 it";
}

// nullopt when the file is empty or its first line blank.
Result<std::optional<ApiKey>> from_file(const fs::path& path, std::string_view label) {
    auto value = read_key_line(path, label);
    if (!value) return tl::unexpected(value.error());
    if (value->empty()) return std::nullopt;
    ApiKey key{*value, std::string(label), {}};
    if (auto warning = permission_warning(path, label)) key.warnings.push_back(*warning);
    return key;
}

bool starts_with_appid(std::string_view text, std::size_t at) {
    constexpr std::string_view k_appid = "appid=";
    if (text.size() - at < k_appid.size()) return false;
    for (std::size_t i = 0; i < k_appid.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != k_appid[i]) return false;
    }
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The byte two hex digits at `at` spell, or -1.
int hex_byte(std::string_view text, std::size_t at) {
    if (at + 2 > text.size()) return -1;
    const int high = hex_value(text[at]), low = hex_value(text[at + 1]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// One character as an upstream may echo it: "%4A"/"%4a", "%254A" (encoded twice), "+" for a
// space (form encoding), "\u004A" and "\/" (JSON). How many bytes of text at `at` spell c; 0 if none.
std::size_t spelled_as(std::string_view text, std::size_t at, char c) {
    const auto byte = static_cast<unsigned char>(c);
    std::string_view rest = text.substr(at);
    if (rest.empty()) return 0;
    if (rest[0] == c) return 1;
    if (rest[0] == '+' && c == ' ') return 1;
    if (rest[0] == '%') {
        if (hex_byte(text, at + 1) == byte) return 3;
        if (rest.substr(1, 2) == "25" && hex_byte(text, at + 3) == byte) return 5;
    }
    if (rest.starts_with("\\/") && c == '/') return 2;
    if (rest.starts_with("\\u00") && hex_byte(text, at + 4) == byte) return 6;
    return 0;
}

// How many bytes of text at `at` spell the whole key, each character in any of its spellings; 0 if none.
std::size_t key_at(std::string_view text, std::size_t at, std::string_view key) {
    std::size_t i = at;
    for (char c : key) {
        const std::size_t n = spelled_as(text, i, c);
        if (n == 0) return 0;
        i += n;
    }
    return i - at;
}

bool ends_query_value(char c) { return c == '&' || c == ' ' || c == '"' || c == '\'' || c == '\n'; }

}  // namespace

Result<std::optional<ApiKey>> find_api_key(const KeyLookup& lookup) {
    // An option wins over the environment; a file named on purpose must be usable.
    if (lookup.key_file) {
        const std::string label = "--key-file " + lookup.key_file->string();
        auto key = from_file(*lookup.key_file, label);
        if (key && !*key)
            return fail(ErrorKind::unauthorized, label + " is empty, or its first line is blank");
        return key;
    }
    if (lookup.env_value) {
        auto value = std::string(util::trim(*lookup.env_value));
        if (!value.empty()) return ApiKey{value, "OWM_API_KEY", {}};
    }
    if (lookup.home) {
        const fs::path path = *lookup.home / k_home_file;
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
        return from_file(path, k_home_label);  // an empty one is the documented way to have none
    }
    return std::nullopt;
}

std::string missing_key_message(const KeyLookup& lookup) {
    return std::string("no OpenWeatherMap API key (looked in $OWM_API_KEY") +
           (lookup.home ? ", ~/.openweathermap.key" : "") +
           "): set OWM_API_KEY, put the key in ~/.openweathermap.key or pass --key-file (get one at "
           "https://openweathermap.org/appid)";
}

std::string redact(std::string_view text, std::string_view key) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (starts_with_appid(text, i)) {
            out.append(text.substr(i, 6));
            out.append(k_redacted);
            i += 6;
            while (i < text.size() && !ends_query_value(text[i])) ++i;
        } else if (const std::size_t n = key.empty() ? 0 : key_at(text, i, key); n > 0) {
            out.append(k_redacted);
            i += n;
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

}  // namespace tenki
