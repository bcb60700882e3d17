
#include "tenki/cache/disk_cache.hpp"
#include "tenki/providers/failover.hpp"
#include "tenki/util/file.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki {

namespace {

std::optional<ErrorKind> kind_named(std::string_view name) {
    for (const auto& row : k_error_kinds)
        if (row.name == name) return row.kind;
    return std::nullopt;
}

}  // namespace

std::vector<std::pair<std::string, BreakerRecord>> read_breaker_file(const std::filesystem::path& file) {
    std::vector<std::pair<std::string, BreakerRecord>> out;
    auto text = read_private_file(file, k_max_state_bytes);
    if (!text) return out;
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return out;
    for (const auto& [name, row] : doc.items()) {
        try {
            BreakerRecord record;
            record.failures = row.at("failures").get<int>();
            record.open_until_ms = row.at("open_until_ms").get<std::int64_t>();
            record.backoff_ms = row.at("backoff_ms").get<std::int64_t>();
            if (const auto& last = row.at("last_failure"); last.is_string())
                record.last_failure = kind_named(last.get<std::string>());
            if (auto message = row.find("last_message"); message != row.end() && message->is_string())
                record.last_message = message->get<std::string>();
            out.emplace_back(name, record);
        } catch (const nlohmann::json::exception&) {
            // A foreign or older row: that provider starts closed.
        }
    }
    return out;
}

void write_breaker_file(const std::filesystem::path& file,
                        const std::vector<std::pair<std::string, BreakerRecord>>& records) noexcept {
    try {
        nlohmann::json doc = nlohmann::json::object();
        for (const auto& [name, record] : records) {
            doc[name] = {
                {"failures", record.failures},
                {"open_until_ms", record.open_until_ms},
                {"backoff_ms", record.backoff_ms},
                {"last_failure", record.last_failure ? nlohmann::json(to_string(*record.last_failure))
                                                     : nlohmann::json(nullptr)},
                {"last_message", record.last_message}};
        }
        write_private_file(file, doc.dump() + "\n");
    } catch (...) {
        // Best effort: the next run asks again.
    }
}

}  // namespace tenki
