#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "tenki/cache/sky_cache.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/format/formats.hpp"
#include "tenki/service/service.hpp"

// `tenki weather`'s skies got ready while the weather request is in flight: the zone's load and
// the positions' and the zone's work (about a millisecond) beside the upstream's round trip, not after it.
namespace tenki::cli {

// The skies an output shows, by moon times (SkyCache's moon_times): with them for the v2 JSON's
// astronomy and a template's sky fields (template_wants_sky), without for the text report's Sky
// line and Waybar's tooltip; none for `-f {temp}`.
std::vector<bool> shown_skies(const FormatInfo& format, std::string_view tmpl);

// Told by the service as it asks the upstream for a place's weather (ServiceConfig's
// upstream_asked: a cache miss or --refresh, never a hit), it holds the place's kept skies for
// its local date now, or starts a thread that computes them (SkyCache::ready). Only for a place
// tenki resolved itself (a city, coordinates, a US ZIP code of the offline table: the renderers'
// weather_sky_place): another country's postal code has its sky at the coordinates the provider
// answers with, known only with the answer. wait() joins the threads and holds their
// skies in the cache, before the answers are rendered; the destructor joins them on any other
// way out (an error, a bad place). Nothing got ready is no error: the renderer computes the sky
// itself, with the same errors as before. `skies` (null: none) outlives this, and only the
// thread that calls upstream_asked and wait() uses it until wait() returns.
class SkyAhead {
public:
    SkyAhead(const SkyCache* skies, std::vector<bool> shown);
    SkyAhead(const SkyAhead&) = delete;
    SkyAhead& operator=(const SkyAhead&) = delete;
    ~SkyAhead() = default;  // joins the threads (jthread), holding nothing
    void upstream_asked(AnswerKind kind, const Location& location);
    void wait();

private:
    struct Work {
        std::vector<SkyCache::Ready> ready;
        std::jthread thread;  // after `ready`: joined before it is destroyed
    };
    const SkyCache* m_skies;
    std::vector<bool> m_shown;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Work>> m_work;
};

}  // namespace tenki::cli
