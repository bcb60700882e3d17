#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki {

// The CLI's cache of recent answers: one JSON file per place and kind of answer,
// `weather-v2-94107,us.json` (T = Weather) and `forecast-v2-94107,us.json` (T = Forecast), named
// and marked with the record format (cache::k_record_version): another version's file is a miss.
// A cache only ever saves a request: an unreadable, corrupt or foreign file is a miss and an
// unwritable directory is ignored, so the cache can never make `tenki weather` fail.
class DiskCache {
public:
    DiskCache(std::filesystem::path dir, std::chrono::seconds ttl);

    // The answer stored for the place, unless it is older than the TTL or unusable.
    template <typename T = Weather>
    std::optional<T> get(const Location& location, std::int64_t now_unix) const;

    // An answer and how old it is: seconds since it was fetched (and stored).
    template <typename T>
    struct Aged {
        T answer;
        std::int64_t age_s = 0;
    };
    // The answer stored for the place if it is younger than `max_age`, whatever the TTL: the last
    // known good answer, to stand in while the upstream fails. Unusable entries are nullopt.
    template <typename T = Weather>
    std::optional<Aged<T>> get_within(const Location& location, std::int64_t now_unix,
                                      std::chrono::seconds max_age) const;

    // Stores the answer under its location, atomically (temp file + rename) and mode 0600; an
    // ErrorKind::io error saying why when it could not be (write_private_file's). Never throws.
    template <typename T>
    Result<void> put(const T& answer, std::int64_t now_unix) noexcept;

    // The file holding a place's entry of kind T.
    template <typename T = Weather>
    std::filesystem::path path_for(const Location& location) const;

    const std::filesystem::path& dir() const { return m_dir; }

    // $XDG_CACHE_HOME/tenki, else $HOME/.cache/tenki, else the passwd home's, else
    // $TMPDIR/tenki-cache-UID. Whichever it is, tenki creates it mode 0700 and uses it only while
    // it is a real directory (no symlink) this user owns and no one else can write: otherwise
    // every get() is a miss and put() writes nothing.
    static std::filesystem::path default_dir();

    // The folders a run may use, in order, each once: $XDG_CACHE_HOME/tenki when it is set,
    // $HOME/.cache/tenki (the passwd home's without $HOME), $TMPDIR/tenki-cache-UID. The first is
    // default_dir(); choose_dir falls back to the next ones.
    static std::vector<std::filesystem::path> candidate_dirs();

    // Why `dir` cannot hold the cache: a path in the way of creating it, a symlink, not a
    // directory, another user's, group- or other-writable, or not writable by this user; nullopt
    // when it can. create: make it (mode 0700) when missing, as a run does; else only look
    // (`tenki check`): a missing folder is fine when the first folder on its way can be made (it is
    // made and removed again).
    struct DirProblem {
        std::string reason;  // "is not private (mode 0777)", to follow the folder's name
        std::string fix;     // "chmod 700 it, or set XDG_CACHE_HOME to a folder of yours"
    };
    static std::optional<DirProblem> dir_problem(const std::filesystem::path& dir, bool create);

    // The folder a run keeps its answers (and breakers.json, the skies) in: the first of
    // candidate_dirs() with no dir_problem. `problem` says why default_dir() was passed over;
    // `dir` is default_dir() when no folder can be used (then nothing is kept across runs).
    struct DirChoice {
        std::filesystem::path dir;
        std::filesystem::path preferred;  // default_dir()
        std::optional<DirProblem> problem;
        bool usable = true;
    };
    static DirChoice choose_dir(bool create = true);

private:
    std::filesystem::path m_dir;
    std::chrono::seconds m_ttl;
};

// What choose_dir's passing over default_dir() means for the user, one line without the fix:
// "the cache folder /tmp/x/tenki is not private (mode 0777): using /home/u/.cache/tenki instead",
// or "...: not used: every run asks the upstream, and no earlier answer stands in when it fails".
// Empty when default_dir() is used.
std::string cache_dir_warning(const DiskCache::DirChoice& choice);

// A small file (up to max_bytes, tenki/util/file.hpp) in a folder under the disk cache's rules (a
// real directory this user owns and no one else may write); nullopt when it is missing, not a
// regular file, too large or the folder untrusted. Never blocks on a FIFO.
std::optional<std::string> read_private_file(const std::filesystem::path& file, std::uintmax_t max_bytes);
// Writes the file atomically (temp file + rename), mode 0600, creating its folder mode 0700. An
// ErrorKind::io error when the folder is untrusted or a step fails, its message the reason alone
// ("No space left on device", "Is a directory", "the folder is not private"). Never throws.
Result<void> write_private_file(const std::filesystem::path& file, std::string_view text) noexcept;

}  // namespace tenki
