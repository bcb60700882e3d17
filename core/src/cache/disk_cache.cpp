#include "tenki/cache/disk_cache.hpp"
#include "cache/private_dir.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/util/file.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

// What each kind of answer is filed under: the file name's prefix and the record's key.
template <typename T>
constexpr std::string_view k_record_name = "weather";
template <>
constexpr std::string_view k_record_name<Forecast> = "forecast";

// The entry's text; nullopt when it is missing, not a regular file or larger than any entry of ours.
std::optional<std::string> read_small_file(const fs::path& path,
                                           std::uintmax_t max_bytes = k_max_cache_entry_bytes) {
    auto text = read_bounded_file(path, {path.string(), "a cache entry", max_bytes});
    if (!text) return std::nullopt;
    return std::move(*text);
}

bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// A folder tenki may keep answers in: a real directory (not a symlink) that this user owns and
// no one else may write to. Anything else (a folder another user made under a shared $TMPDIR, a
// symlink planted there) is never read or written: its entries could be anyone's.
bool trusted_dir(const fs::path& dir) {
    struct stat st {};
    return ::lstat(dir.c_str(), &st) == 0 && !cache_detail::ownership_problem(st);
}

}  // namespace

DiskCache::DiskCache(fs::path dir, std::chrono::seconds ttl) : m_dir(std::move(dir)), m_ttl(ttl) {}

template <typename T>
fs::path DiskCache::path_for(const Location& location) const {
    // Keys come from parse_location, but a file name must never become a path of its own.
    std::string name = fmt::format("{}-{}-", k_record_name<T>, cache::k_record_tag);
    for (char c : location.key()) {
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == ',' || c == '-';
        name.push_back(plain ? c : '_');
    }
    return m_dir / (name + ".json");
}

template <typename T>
std::optional<T> DiskCache::get(const Location& location, std::int64_t now_unix) const {
    auto aged = get_within<T>(location, now_unix, m_ttl);
    if (!aged) return std::nullopt;
    return std::move(aged->answer);
}

template <typename T>
std::optional<DiskCache::Aged<T>> DiskCache::get_within(const Location& location, std::int64_t now_unix,
                                                        std::chrono::seconds max_age) const {
    try {
        if (!trusted_dir(m_dir)) return std::nullopt;
        auto text = read_small_file(path_for<T>(location));
        if (!text) return std::nullopt;
        auto doc = nlohmann::json::parse(*text, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
        if (doc.value("version", 1) != cache::k_record_version) return std::nullopt;
        auto fetched_at = doc.find("fetched_at");
        if (fetched_at == doc.end() || !fetched_at->is_number_integer()) return std::nullopt;
        const auto age = now_unix - fetched_at->template get<std::int64_t>();
        if (age < 0 || age >= max_age.count()) return std::nullopt;
        auto answer = doc.at(std::string(k_record_name<T>)).template get<T>();
        if (answer.location.key() != location.key()) return std::nullopt;
        return Aged<T>{std::move(answer), age};
    } catch (...) {
        return std::nullopt;  // wrong-shaped entries are misses, whatever the JSON library throws
    }
}

template <typename T>
Result<void> DiskCache::put(const T& answer, std::int64_t now_unix) noexcept {
    try {
        const std::string text = nlohmann::json{{"version", cache::k_record_version},
                                                {"fetched_at", now_unix},
                                                {std::string(k_record_name<T>), answer}}
                                     .dump() +
                                 "\n";
        return write_private_file(path_for<T>(answer.location), text);
    } catch (const std::exception& e) {
        return fail(ErrorKind::io, e.what());  // a cache that cannot be written is only a slower tenki
    } catch (...) {
        return fail(ErrorKind::io, "the answer could not be stored");
    }
}

template std::optional<Weather> DiskCache::get<Weather>(const Location&, std::int64_t) const;
template std::optional<Forecast> DiskCache::get<Forecast>(const Location&, std::int64_t) const;
template std::optional<DiskCache::Aged<Weather>> DiskCache::get_within<Weather>(const Location&, std::int64_t,
                                                                                std::chrono::seconds) const;
template std::optional<DiskCache::Aged<Forecast>> DiskCache::get_within<Forecast>(const Location&,
                                                                                  std::int64_t,
                                                                                  std::chrono::seconds) const;
template Result<void> DiskCache::put<Weather>(const Weather&, std::int64_t) noexcept;
template Result<void> DiskCache::put<Forecast>(const Forecast&, std::int64_t) noexcept;
template fs::path DiskCache::path_for<Weather>(const Location&) const;
template fs::path DiskCache::path_for<Forecast>(const Location&) const;

std::optional<std::string> read_private_file(const fs::path& file, std::uintmax_t max_bytes) {
    try {
        if (!trusted_dir(file.parent_path())) return std::nullopt;
        return read_small_file(file, max_bytes);
    } catch (...) {
        return std::nullopt;
    }
}

Result<void> write_private_file(const fs::path& file, std::string_view text) noexcept {
    // The failed step's errno as text, from std::error_code: thread-safe, unlike std::strerror.
    const auto failed = [](int error) {
        return fail(ErrorKind::io, std::error_code(error, std::generic_category()).message());
    };
    try {
        const auto dir = file.parent_path();
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(dir, ec)))
            if (auto problem = cache_detail::create_private_dir(dir)) return fail(ErrorKind::io, *problem);
        if (!trusted_dir(dir)) return fail(ErrorKind::io, "the folder is not private");
        std::string temp = file.string() + ".tmp-XXXXXX";
        int fd = ::mkstemp(temp.data());  // mode 0600
        if (fd < 0) return failed(errno);
        int error = 0;
        if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !write_all(fd, std::string(text))) error = errno;
        if (::close(fd) != 0 && error == 0) error = errno;
        // ext4 flushes a file renamed over another (auto_da_alloc), which costs a status bar more
        // than the whole request: remove the old one first. A reader in between sees none.
        if (error == 0) ::unlink(file.c_str());
        if (error == 0 && ::rename(temp.c_str(), file.c_str()) != 0) error = errno;
        if (error == 0) return {};
        ::unlink(temp.c_str());
        return failed(error);
    } catch (const std::exception& e) {
        return fail(ErrorKind::io, e.what());
    } catch (...) {
        return fail(ErrorKind::io, "the file could not be written");
    }
}

// candidate_dirs() (cache_dir.cpp) lists this one first, then those a run falls back to.
fs::path DiskCache::default_dir() { return candidate_dirs().front(); }

}  // namespace tenki
