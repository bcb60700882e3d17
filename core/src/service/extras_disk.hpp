#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// The CLI's copy of the extra sources' answers across runs: one JSON file a place and source in
// the disk cache's folder (`alerts-v1-10001,us.json`, `air-v1-40_7484,-73_9967.json`; the key
// inside, checked on read), under its rules
// (read_private_file, write_private_file: a folder this user alone owns and writes). Like the
// weather's entries, a missing, corrupt or foreign file is a miss and a write that fails is ignored.
namespace tenki {

// The record's format, in the file name and the record: another version's file is a miss.
inline constexpr int k_extra_record_version = 1;

template <typename T>
struct ExtraRecord {
    T value;
    std::int64_t fetched_at = 0;  // unix seconds
};

// The file holding `kind`'s answer ("alerts", "air") for the place of `key` (Location::key()).
std::filesystem::path extra_record_path(const std::filesystem::path& dir, std::string_view kind,
                                        const std::string& key);

// T: AlertList or AirQuality (their to_json/from_json).
template <typename T>
std::optional<ExtraRecord<T>> load_extra_record(const std::filesystem::path& dir, std::string_view kind,
                                                const std::string& key);
template <typename T>
void store_extra_record(const std::filesystem::path& dir, std::string_view kind, const std::string& key,
                        const ExtraRecord<T>& record) noexcept;

}  // namespace tenki
