#include "server/api/documents.hpp"

#include <fmt/format.h>

#include "server/api/reply.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/formats.hpp"

namespace tenki::server {

namespace {

// A memoised document made from its body, with the body's strong tag; compressed on demand, once
// for every serving thread.
Document etagged(std::string body, CompressedForms& shared) {
    auto etag = strong_etag(body);
    return Document(std::move(body), std::move(etag), shared);
}

}  // namespace

// A served format's bytes for an answer; those formats render any answer.
std::string served_bytes(OutputFormat format, const RenderInput& input) {
    return *format_info(format).render(input);
}

std::shared_ptr<const Rendered> DocumentMemo::weather(const Location& location,
                                                      const std::shared_ptr<const cache::Entry>& entry,
                                                      OutputFormat format, Units units, Language language) {
    const auto slot = memo_slot(format, units);
    // The place asked last, again: its entry names the place (a Rendered keeps it alive).
    if (m_last && m_last->entry == entry && m_last_language == language &&
        !m_last->documents[slot].identity_etag().empty())
        return m_last;
    auto key = location.key();
    if (language != Language::en) key += "|" + std::string(language_info(language).tag);
    std::shared_ptr<Rendered> rendered;
    if (auto it = m_rendered.find(key); it != m_rendered.end() && it->second->entry == entry)
        rendered = it->second;
    if (rendered && !rendered->documents.at(slot).identity_etag().empty()) {
        remember_last(rendered, language);
        return rendered;  // the hit: rendered before
    }
    // Only the document asked for is rendered: a place asked in one format and units costs one.
    auto document =
        etagged(served_bytes(format, {.weather = &*entry->value, .units = units, .language = language}),
                m_compressed);
    const bool fresh = !rendered;
    make_room(sizeof(Document) + document.identity().size() + (fresh ? sizeof(Rendered) + key.size() : 0));
    if (fresh) {
        rendered = std::make_shared<Rendered>();
        rendered->entry = entry;
        rendered->documents.resize(memo_slots());
    }
    rendered->documents.at(slot) = std::move(document);
    if (auto it = m_rendered.find(key); it != m_rendered.end()) {
        it->second = rendered;
    } else {
        if (m_rendered.size() >= m_max_entries) {
            m_rendered.clear();
            m_last.reset();
        }
        m_rendered.emplace(std::move(key), rendered);
    }
    remember_last(rendered, language);
    return rendered;
}

void DocumentMemo::remember_last(const std::shared_ptr<Rendered>& rendered, Language language) {
    m_last = rendered;
    m_last_language = language;
}

std::shared_ptr<const RenderedForecast> DocumentMemo::forecast(
    const Query& query, const ForecastSpan& span,
    const std::shared_ptr<const cache::CacheEntry<Forecast>>& entry, std::int64_t now, Language language) {
    const auto& last = m_last_forecast;
    if (last.rendered && last.rendered->entry == entry && last.units == query.units &&
        last.span.days == span.days && last.span.hours == span.hours && last.language == language &&
        now >= last.rendered->from && now < last.rendered->until)
        return last.rendered;
    auto key =
        fmt::format("{}|{}|{}|{}", query.location.key(), to_string(query.units), span.days, span.hours);
    if (language != Language::en) key += "|" + std::string(language_info(language).tag);
    auto it = m_forecasts.find(key);
    if (it != m_forecasts.end() && it->second->entry == entry && now >= it->second->from &&
        now < it->second->until) {
        m_last_forecast = {it->second, query.units, span, language};
        return it->second;
    }
    const auto window = forecast_window(*entry->value, now, span.days, span.hours);
    auto fresh = std::make_shared<RenderedForecast>();
    fresh->entry = entry;
    fresh->from = now;
    fresh->until = forecast_window_until(window, now);
    fresh->document = etagged(served_bytes(OutputFormat::forecast_json,
                                           {.forecast = &window, .units = query.units, .language = language}),
                              m_compressed);
    make_room(sizeof(RenderedForecast) + key.size() + fresh->document.identity().size());
    if (it = m_forecasts.find(key); it != m_forecasts.end()) {
        it->second = fresh;
    } else {
        if (m_forecasts.size() >= m_max_entries) m_forecasts.clear();
        m_forecasts.emplace(std::move(key), fresh);
    }
    m_last_forecast = {fresh, query.units, span, language};
    return fresh;
}

void DocumentMemo::make_room(std::size_t bytes) {
    if (m_max_bytes > 0 && m_bytes + bytes > m_max_bytes) {
        m_rendered.clear();
        m_forecasts.clear();
        m_last.reset();
        m_last_forecast = {};
        m_bytes = 0;
    }
    m_bytes += bytes;
}

}  // namespace tenki::server
