#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki {

// Where the OpenWeatherMap key may be, in order: $OWM_API_KEY, the first line of
// ~/.openweathermap.key, then a file named by --key-file.
struct KeyLookup {
    std::optional<std::string> env_value;
    std::optional<std::filesystem::path> home;
    std::optional<std::filesystem::path> key_file;
};

struct ApiKey {
    std::string value;
    std::string origin;                 // "OWM_API_KEY", "~/.openweathermap.key", the file
    std::vector<std::string> warnings;  // e.g. the key file is readable by others
};

// unauthorized when no key is found, naming every place tenki looked.
Result<ApiKey> find_api_key(const KeyLookup& lookup);

// Replaces the key, and any appid=... query value, with "REDACTED".
std::string redact(std::string_view text, std::string_view key);

}  // namespace tenki
