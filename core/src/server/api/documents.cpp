#include "server/api/documents.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "server/api/reply.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"

namespace tenki::server {

namespace {

// A memoised document made from its body, with the body's strong tag; compressed on demand, once
// for every serving thread.
Document etagged(std::string body, CompressedForms& shared) {
    auto etag = strong_etag(body);
    return Document(std::move(body), std::move(etag), shared);
}

}  // namespace

std::shared_ptr<const Rendered> DocumentMemo::weather(const Location& location,
                                                      const std::shared_ptr<const cache::Entry>& entry) {
    auto key = location.key();
    auto it = m_rendered.find(key);
    if (it != m_rendered.end() && it->second->entry == entry) return it->second;
    auto fresh = std::make_shared<Rendered>();
    fresh->entry = entry;
    fresh->v1 = etagged(to_v1_json(*entry->value).dump(), m_compressed);
    for (auto units : {Units::standard, Units::metric, Units::imperial})
        fresh->v2.at(static_cast<std::size_t>(units)) =
            etagged(to_v2_json(*entry->value, units, false).dump(), m_compressed);
    if (it != m_rendered.end()) {
        it->second = fresh;
    } else {
        if (m_rendered.size() >= m_max_entries) m_rendered.clear();
        m_rendered.emplace(std::move(key), fresh);
    }
    return fresh;
}

std::shared_ptr<const RenderedForecast> DocumentMemo::forecast(
    const Query& query, const ForecastSpan& span,
    const std::shared_ptr<const cache::CacheEntry<Forecast>>& entry, std::int64_t now) {
    auto key =
        fmt::format("{}|{}|{}|{}", query.location.key(), to_string(query.units), span.days, span.hours);
    auto it = m_forecasts.find(key);
    if (it != m_forecasts.end() && it->second->entry == entry && now >= it->second->from &&
        now < it->second->until)
        return it->second;
    const auto window = forecast_window(*entry->value, now, span.days, span.hours);
    auto fresh = std::make_shared<RenderedForecast>();
    fresh->entry = entry;
    fresh->from = now;
    fresh->until = forecast_window_until(window, now);
    fresh->document = etagged(to_forecast_json(window, query.units, false).dump(), m_compressed);
    if (it != m_forecasts.end()) {
        it->second = fresh;
    } else {
        if (m_forecasts.size() >= m_max_entries) m_forecasts.clear();
        m_forecasts.emplace(std::move(key), fresh);
    }
    return fresh;
}

}  // namespace tenki::server
