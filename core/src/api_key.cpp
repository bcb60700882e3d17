#include "tenki/api_key.hpp"

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "util/ascii.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_home_file = ".openweathermap.key";
constexpr std::string_view k_home_label = "~/.openweathermap.key";
constexpr std::string_view k_redacted = "REDACTED";

// The trimmed first line of a file; nullopt when it cannot be read or the line is blank.
std::optional<std::string> first_line(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    auto value = std::string(util::trim(line));
    if (value.empty()) return std::nullopt;
    return value;
}

// As ssh does for private keys: a key others can read is a key others can use.
std::optional<std::string> permission_warning(const fs::path& path, std::string_view label) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    if ((st.st_mode & (S_IRGRP | S_IROTH)) == 0) return std::nullopt;
    return std::string(label) + " is readable by others; chmod 600 it";
}

Result<ApiKey> from_file(const fs::path& path, std::string_view label) {
    auto value = first_line(path);
    if (!value) return fail(ErrorKind::unauthorized, "no key in " + std::string(label));
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

bool ends_query_value(char c) { return c == '&' || c == ' ' || c == '"' || c == '\'' || c == '\n'; }

}  // namespace

Result<ApiKey> find_api_key(const KeyLookup& lookup) {
    if (lookup.env_value) {
        auto value = std::string(util::trim(*lookup.env_value));
        if (!value.empty()) return ApiKey{value, "OWM_API_KEY", {}};
    }
    std::string looked = "$OWM_API_KEY";
    if (lookup.home) {
        if (auto key = from_file(*lookup.home / k_home_file, k_home_label)) return key;
        looked += ", " + std::string(k_home_label);
    }
    if (lookup.key_file) {
        if (auto key = from_file(*lookup.key_file, lookup.key_file->string())) return key;
        looked += ", --key-file " + lookup.key_file->string();
    }
    return fail(ErrorKind::unauthorized,
                "no OpenWeatherMap API key (looked in " + looked +
                    "): set OWM_API_KEY or put the key in ~/.openweathermap.key (get one at "
                    "https://openweathermap.org/appid)");
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
        } else if (!key.empty() && text.substr(i, key.size()) == key) {
            out.append(k_redacted);
            i += key.size();
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

}  // namespace tenki
