#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki {

// Where the OpenWeatherMap key may be, in order: a file named by --key-file (an option wins over
// the environment), $OWM_API_KEY, then the first line of ~/.openweathermap.key.
struct KeyLookup {
    std::optional<std::string> env_value;
    std::optional<std::filesystem::path> home;
    std::optional<std::filesystem::path> key_file;
    // What named key_file, as its messages say it: "--key-file", "TENKI_KEY_FILE", "key_file (FILE:3)".
    std::string key_file_named_by = "--key-file";
};

struct ApiKey {
    std::string value;
    std::string origin;                 // "OWM_API_KEY", "~/.openweathermap.key", the file
    std::vector<std::string> warnings;  // e.g. the key file is readable by others
};

// The key, or nullopt when none is configured (no --key-file, OWM_API_KEY unset or blank, no
// ~/.openweathermap.key or an empty one). A key file that is there but cannot hold a key (missing
// when named by --key-file, a directory, a FIFO, unreadable, empty or blank when named, a first
// line over 4 KB) is unauthorized, naming the file and why: never a silent "no key". Reads at most
// 4 KB of a file, and never blocks on one. A key shorter than k_min_key_bytes is unauthorized too:
// no OpenWeatherMap key is (theirs are 32 hexadecimal characters), and redact() would hide every
// occurrence of its letters in every message ("k" would turn "check" into "checREDACTED"), as
// GitLab refuses to mask a variable under 8 characters.
inline constexpr std::size_t k_min_key_bytes = 8;
Result<std::optional<ApiKey>> find_api_key(const KeyLookup& lookup);

// "no OpenWeatherMap API key (looked in ...)": what to say when OpenWeatherMap is asked for and
// find_api_key found none, in one line with what to do.
std::string missing_key_message(const KeyLookup& lookup);

// Replaces the key, in every spelling an upstream may echo it, and any appid=... query value,
// with "REDACTED". Each byte of the key may be spelled as itself, percent-encoded once or twice
// (either hex case: "%26", "%2526"), '+' or "%2B" for a space, "\xNN" (how C and Python print a
// byte that is not ASCII; "\\xNN" quoted in JSON), JSON's "\u00XX", "\/", "\"" and "\\"; a
// character that is not ASCII also as JSON's "\uXXXX" of its code point (a surrogate pair above
// U+FFFF); any mix of these. The one place secrets are hidden from output, logs, errors and metrics.
std::string redact(std::string_view text, std::string_view key);

}  // namespace tenki
