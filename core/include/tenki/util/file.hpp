#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// The most tenki reads of each kind of file, in bytes: many times what a real one needs, so that
// a file linked to /dev/zero or grown by mistake is refused instead of filling memory.
inline constexpr std::uintmax_t k_max_config_bytes = 1024 * 1024;       // tenki.toml: a few KB
inline constexpr std::uintmax_t k_max_nginx_conf_bytes = 1024 * 1024;   // a site's config: a few KB
inline constexpr std::uintmax_t k_max_cache_entry_bytes = 1024 * 1024;  // a forecast's entry: ~40 KB
inline constexpr std::uintmax_t k_max_state_bytes = 64 * 1024;          // breakers.json: ~1 KB
inline constexpr std::uintmax_t k_max_key_file_bytes = 4096;            // a key's line: 32 characters

// One file to read and how: `label` names it in errors ("the config file /etc/tenki.toml"),
// `what` is what it should be ("a config file"). A file over max_bytes is refused, unless
// `prefix_only`, where its first max_bytes bytes are the answer (a key file's first line).
struct FileToRead {
    std::string label;
    std::string_view what;
    std::uintmax_t max_bytes = 0;
    bool prefix_only = false;
};

// The bytes of a regular file, read with the bound above. Refuses what is not a regular file (a
// directory, FIFO, socket or device) by its stat before opening it, and again by fstat after an
// open with O_NONBLOCK, so that nothing can make it block or read forever. Every error is
// ErrorKind::io with one line naming the file and the reason: "<label> does not exist", "<label>
// is a directory, not <what>", "<label> is not a regular file (a FIFO)", "<label> is larger than 1
// MiB, more than <what> ever is", "<label> cannot be read: <strerror>".
Result<std::string> read_bounded_file(const std::filesystem::path& path, const FileToRead& file);

}  // namespace tenki
