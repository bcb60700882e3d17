#include "tenki/providers/api_key.hpp"

#include <sys/stat.h>

#include <string>

#include <fmt/core.h>

#include "tenki/util/file.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_home_file = ".openweathermap.key";
constexpr std::string_view k_home_label = "~/.openweathermap.key";

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

Result<std::optional<ApiKey>> find_key_anywhere(const KeyLookup& lookup) {
    // An option wins over the environment; a file named on purpose must be usable.
    if (lookup.key_file) {
        const std::string label = lookup.key_file_named_by + " " + lookup.key_file->string();
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

}  // namespace

Result<std::optional<ApiKey>> find_api_key(const KeyLookup& lookup) {
    auto key = find_key_anywhere(lookup);
    if (key && *key && (*key)->value.size() < k_min_key_bytes)
        return fail(ErrorKind::unauthorized,
                    fmt::format("{} holds a key of {} character{}: too short to be an OpenWeatherMap key "
                                "(theirs are 32) or to be hidden from tenki's output; check it",
                                (*key)->origin, (*key)->value.size(), (*key)->value.size() == 1 ? "" : "s"));
    return key;
}

std::string missing_key_message(const KeyLookup& lookup) {
    return std::string("no OpenWeatherMap API key (looked in $OWM_API_KEY") +
           (lookup.home ? ", ~/.openweathermap.key" : "") +
           "): set OWM_API_KEY, put the key in ~/.openweathermap.key or pass --key-file (get one at "
           "https://openweathermap.org/appid)";
}

}  // namespace tenki
