#include "cache/redis_record.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include "tenki/http/retry_after.hpp"

namespace tenki::cache {

namespace {

bool is_for(const nlohmann::json& j, std::string_view place) {
    return j.is_object() && j.contains("place") && j.at("place").is_string() &&
           j.at("place").get<std::string>() == place;
}

// The kinds shares_failure accepts, in one table.
constexpr ErrorKind k_shared_failures[] = {ErrorKind::unauthorized, ErrorKind::rate_limited,
                                           ErrorKind::unreachable,  ErrorKind::timeout,
                                           ErrorKind::bad_response, ErrorKind::internal};

}  // namespace

template <typename T>
std::string encode_record(std::string_view place, const Result<T>& result,
                          std::chrono::milliseconds stale_window) {
    nlohmann::json j;
    j["place"] = place;
    j["version"] = k_record_version;
    if (result) {
        j["stale_ms"] = stale_window.count();
        j[std::string(CacheKind<T>::name)] = *result;
    } else {
        j["stale_ms"] = 0;
        j["not_found"] = result.error().message;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename T>
std::optional<StoredRecord<T>> decode_record(std::string_view text, long long pttl_ms,
                                             std::string_view place) {
    if (pttl_ms == -2) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(text);
        if (!is_for(j, place) || j.value("version", 1) != k_record_version) return std::nullopt;
        const auto stale_ms = j.at("stale_ms").get<long long>();
        // -1: a key without expiry (written by hand): fresh, and kept as briefly as possible.
        const std::chrono::milliseconds fresh_for(pttl_ms < 0 ? 1000 : pttl_ms - stale_ms);
        const std::string name(CacheKind<T>::name);
        if (j.contains(name)) return StoredRecord<T>{j.at(name).get<T>(), fresh_for};
        if (j.contains("not_found"))
            return StoredRecord<T>{fail(ErrorKind::not_found, j.at("not_found").get<std::string>()),
                                   fresh_for};
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

bool shares_failure(ErrorKind kind) {
    for (auto shared : k_shared_failures)
        if (shared == kind) return true;
    return false;
}

std::string encode_failure(std::string_view place, const SharedFailure& failure) {
    nlohmann::json j{{"place", place},
                     {"call", failure.call},
                     {"kind", to_string(failure.error.kind)},
                     {"message", failure.error.message}};
    if (failure.error.retry_after) j["retry_after"] = *failure.error.retry_after;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<SharedFailure> decode_failure(std::string_view text, std::string_view place) {
    try {
        auto j = nlohmann::json::parse(text);
        if (!is_for(j, place)) return std::nullopt;
        const auto kind = j.at("kind").get<std::string>();
        for (auto k : k_shared_failures) {
            if (to_string(k) != kind) continue;
            SharedFailure failure{j.at("call").get<std::string>(),
                                  Error{k, j.at("message").get<std::string>()}};
            if (j.contains("retry_after"))
                failure.error.retry_after = cap_upstream_wait(j.at("retry_after").get<long long>());
            return failure;
        }
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

template std::string encode_record<Forecast>(std::string_view, const Result<Forecast>&,
                                             std::chrono::milliseconds);
template std::optional<StoredRecord<Forecast>> decode_record<Forecast>(std::string_view, long long,
                                                                       std::string_view);
template std::string encode_record<Weather>(std::string_view, const Result<Weather>&,
                                            std::chrono::milliseconds);
template std::optional<StoredRecord<Weather>> decode_record<Weather>(std::string_view, long long,
                                                                     std::string_view);

}  // namespace tenki::cache
