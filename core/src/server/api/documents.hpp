#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/api/content_coding.hpp"
#include "server/api/forecast_span.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/format/formats.hpp"
#include "tenki/service/service.hpp"

namespace tenki::server {

// A format the server answers in (formats.hpp's `served` rows), rendered: those render any answer.
std::string served_bytes(OutputFormat format, const RenderInput& input);

// A cache entry's documents, each rendered on first use and kept beside it: one for each served
// weather format of the table (format/formats.hpp) and unit system asked, indexed by
// memo_slot(format, units); a slot not asked for yet is an empty Document.
struct Rendered {
    std::shared_ptr<const cache::Entry> entry;
    std::vector<Document> documents;  // memo_slots() of them
};

// A forecast window's document, rendered once and kept beside the cache entry it came from
// until the window changes.
struct RenderedForecast {
    std::shared_ptr<const cache::CacheEntry<Forecast>> entry;
    std::int64_t from = 0;   // unix seconds: when it was cut
    std::int64_t until = 0;  // unix seconds: forecast_window_until
    Document document;
};

// One serving thread's memoised documents, touched only on that thread; each map is emptied
// when it reaches `max_entries` places, and both when their documents' bytes (the bodies and
// keys) would pass `max_bytes` (0: no byte bound). Compressed forms are shared by every thread.
class DocumentMemo {
public:
    DocumentMemo(CompressedForms& compressed, std::size_t max_entries, std::size_t max_bytes = 0)
        : m_compressed(compressed), m_max_entries(max_entries), m_max_bytes(max_bytes) {}

    // The entry's documents, `format` in `units` among them (rendered on first use), kept until
    // the place has a newer entry.
    // Another language than English is memoised apart (its key names it): one cache entry, a
    // document per language asked.
    std::shared_ptr<const Rendered> weather(const Location& location,
                                            const std::shared_ptr<const cache::Entry>& entry,
                                            OutputFormat format, Units units,
                                            Language language = Language::en);
    // The window's document (now: unix seconds), rendered on first use and kept while the entry
    // and the window last.
    std::shared_ptr<const RenderedForecast> forecast(
        const Query& query, const ForecastSpan& span,
        const std::shared_ptr<const cache::CacheEntry<Forecast>>& entry, std::int64_t now,
        Language language = Language::en);

private:
    // Counts `bytes` more, emptying both maps first when they would pass max_bytes.
    void make_room(std::size_t bytes);
    void remember_last(const std::shared_ptr<Rendered>& rendered, Language language);

    CompressedForms& m_compressed;
    std::size_t m_max_entries;
    std::size_t m_max_bytes;
    std::size_t m_bytes = 0;  // of the documents in both maps (a replaced one stays counted until emptied)
    std::unordered_map<std::string, std::shared_ptr<Rendered>> m_rendered;  // filled slot by slot
    // The documents answered last, and their language: asked again, they are found without
    // making the place's key (a fifth of the memo's cost on a cache hit, callgrind).
    std::shared_ptr<Rendered> m_last;
    Language m_last_language = Language::en;
    // The same for the forecast: the window answered last, and what it was asked in.
    struct LastForecast {
        std::shared_ptr<const RenderedForecast> rendered;
        Units units = Units::standard;
        ForecastSpan span;
        Language language = Language::en;
    };
    LastForecast m_last_forecast;
    // By place, units, days and hours.
    std::unordered_map<std::string, std::shared_ptr<const RenderedForecast>> m_forecasts;
};

// The self-contained page of GET /.
std::string_view index_page();
// The page, the OpenAPI document: made and compressed once, shared by every thread.
const Document& index_document();
// The page in another language (issue 27): its labels from the catalogue, CLDR's weekday and month
// names, and its questions to the API with lang=; each built once, on first use.
const Document& index_document(Language language);
const Document& openapi_document();

}  // namespace tenki::server
