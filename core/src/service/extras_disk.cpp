#include "service/extras_disk.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <cctype>

#include <fmt/format.h>

#include "tenki/cache/disk_cache.hpp"
#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/util/file.hpp"

namespace tenki {

std::filesystem::path extra_record_path(const std::filesystem::path& dir, std::string_view kind,
                                        const std::string& key) {
    // Keys come from parse_location, but a file name must never become a path of its own.
    std::string name = fmt::format("{}-v{}-", kind, k_extra_record_version);
    for (char c : key) {
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == ',' || c == '-';
        name.push_back(plain ? c : '_');
    }
    return dir / (name + ".json");
}

template <typename T>
std::optional<ExtraRecord<T>> load_extra_record(const std::filesystem::path& dir, std::string_view kind,
                                                const std::string& key) {
    try {
        auto text = read_private_file(extra_record_path(dir, kind, key), k_max_cache_entry_bytes);
        if (!text) return std::nullopt;
        const auto doc = nlohmann::json::parse(*text, nullptr, false);
        if (doc.is_discarded() || !doc.is_object() || doc.value("version", 0) != k_extra_record_version ||
            doc.value("key", std::string()) != key)
            return std::nullopt;
        return ExtraRecord<T>{doc.at(std::string(kind)).template get<T>(),
                              doc.at("fetched_at").template get<std::int64_t>()};
    } catch (...) {
        return std::nullopt;  // a wrong-shaped record is a miss, whatever the JSON library throws
    }
}

template <typename T>
void store_extra_record(const std::filesystem::path& dir, std::string_view kind, const std::string& key,
                        const ExtraRecord<T>& record) noexcept {
    try {
        const auto doc = nlohmann::json{{"version", k_extra_record_version},
                                        {"key", key},
                                        {"fetched_at", record.fetched_at},
                                        {std::string(kind), record.value}};
        write_private_file(extra_record_path(dir, kind, key), doc.dump() + "\n");
    } catch (...) {
        // A cache that cannot be written is only a slower tenki.
    }
}

template std::optional<ExtraRecord<AlertList>> load_extra_record<AlertList>(const std::filesystem::path&,
                                                                            std::string_view,
                                                                            const std::string&);
template std::optional<ExtraRecord<AirQuality>> load_extra_record<AirQuality>(const std::filesystem::path&,
                                                                              std::string_view,
                                                                              const std::string&);
template void store_extra_record<AlertList>(const std::filesystem::path&, std::string_view,
                                            const std::string&, const ExtraRecord<AlertList>&) noexcept;
template void store_extra_record<AirQuality>(const std::filesystem::path&, std::string_view,
                                             const std::string&, const ExtraRecord<AirQuality>&) noexcept;

}  // namespace tenki
