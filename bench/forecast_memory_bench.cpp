// Memory per cached answer as `tenki serve` keeps it: the in-process cache filled with N places
// (1,000 by default) of each kind, in the providers' full shape (every value given: a 16-day,
// 48-hour Open-Meteo forecast; a weather answer), then each place asked once as a client would,
// through the serving thread's DocumentMemo (the v2 document rendered and memoised) and its gzip
// and br forms (CompressedForms). Measured as the process's resident set (/proc/self/statm) and
// the heap in use (glibc's mallinfo2) before and after, per entry; beside it what the cache
// counts for an entry's data (cache::entry_bytes) and the canonical JSON a Redis or disk cache
// stores.
// cmake --build build --target forecast_memory_bench && build/forecast_memory_bench [N]
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/api/documents.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"

using namespace tenki;

namespace {

constexpr std::int64_t k_now = 1717430400;  // 2024-06-03T16:00Z

std::size_t heap_in_use() { return mallinfo2().uordblks; }

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

Condition rain() { return Condition{ConditionKind::light_rain, "Rain", "moderate rain", "10d"}; }

// Open-Meteo's whole forecast: 48 hourly steps and 16 days, every value given.
Forecast full_forecast(const Location& where) {
    Forecast f;
    f.location = where;
    f.place_name = "San Francisco";
    f.place_region = "California";
    f.lat = 37.7749;
    f.lon = -122.4194;
    f.timezone_offset = -25200;
    f.timezone = "America/Los_Angeles";
    f.step_seconds = 3600;
    f.source = "open-meteo";
    for (int i = 0; i < 49; ++i) {
        ForecastStep s;
        s.time = k_now + i * 3600;
        s.temp = 285.0 + i % 7;
        s.feels_like = 284.0 + i % 7;
        s.precipitation_probability = i % 100;
        s.precipitation = 0.2 * (i % 3);
        s.wind_speed = 4.2;
        s.wind_gust = 7.5;
        s.wind_deg = 290;
        s.condition = rain();
        f.hourly.push_back(s);
    }
    for (int d = 0; d < 16; ++d) {
        ForecastDay day{local_date(k_now + d * 86400, f.timezone_offset)};
        day.temp_min = 283.0;
        day.temp_max = 293.0;
        day.condition = Condition{ConditionKind::broken_clouds, "Clouds", "broken clouds", "04d"};
        day.precipitation_sum = 1.4;
        day.precipitation_probability_max = 80;
        day.wind_speed_max = 8.0;
        day.wind_gust_max = 12.0;
        day.sunrise = k_now - 11400 + d * 86400;
        day.sunset = k_now + 40600 + d * 86400;
        day.uv_index_max = 7.5;
        f.daily.push_back(day);
    }
    return f;
}

Weather full_weather(const Location& where) {
    Weather w;
    w.location = where;
    w.place_name = "San Francisco";
    w.place_region = "California";
    w.lat = 37.7749;
    w.lon = -122.4194;
    w.timezone_offset = -25200;
    w.observed_at = k_now;
    w.condition = rain();
    w.temp = 287.5;
    w.feels_like = 286.9;
    w.temp_min = 285.0;
    w.temp_max = 290.0;
    w.humidity = 72;
    w.pressure = 1012;
    w.wind_speed = 4.2;
    w.wind_gust = 7.5;
    w.wind_deg = 290;
    w.clouds = 75;
    w.visibility = 10000;
    w.rain_1h = 0.4;
    w.sunrise = k_now - 11400;
    w.sunset = k_now + 40600;
    w.source = "openweathermap";
    return w;
}

struct Usage {
    std::size_t resident, heap;
};
Usage usage() {
    ::malloc_trim(0);
    return {resident_bytes(), heap_in_use()};
}

void report(const char* what, int n, Usage before, Usage after, std::size_t counted, std::size_t json_bytes) {
    std::printf(
        "%-44s %6.1f KB RSS a place (heap %6.1f KB; %d places, %.1f MB); the cache counts %5.1f KB "
        "of data; canonical JSON %5.1f KB\n",
        what, static_cast<double>(after.resident - before.resident) / n / 1024.0,
        static_cast<double>(after.heap - before.heap) / n / 1024.0, n,
        static_cast<double>(after.resident - before.resident) / 1048576.0,
        static_cast<double>(counted) / 1024.0, static_cast<double>(json_bytes) / 1024.0);
}

// Fills a cache of T with n places and asks each once through a memo, in each coding.
template <typename T, typename Make, typename Serve>
void measure(const char* what, int n, Make make, Serve serve) {
    const auto before = usage();
    {
        server::CompressedForms forms(static_cast<std::size_t>(n) * 4);
        server::DocumentMemo memo(forms, static_cast<std::size_t>(n) + 1);
        cache::MemoryCacheOptions options;
        options.max_entries = static_cast<std::size_t>(n) + 1;
        auto cache = cache::make_memory_cache_of<T>(
            options, [&](const Location& where, const cache::Asking&) -> Result<T> { return make(where); },
            [](std::function<void()> work) { work(); });
        std::size_t counted = 0;
        for (int i = 0; i < n; ++i) {
            char zip[16];
            std::snprintf(zip, sizeof zip, "%05d", i);
            const Location where{zip, "us"};
            cache->get(where, [&](const cache::BasicLookup<T>& lookup) {
                counted += cache::entry_bytes(where.key(), *lookup.entry);
                for (auto coding : {server::ContentCoding::gzip, server::ContentCoding::br})
                    serve(memo, where, lookup.entry, coding);  // a client asking in gzip, then one in br
            });
        }
        const auto after = usage();
        report(what, n, before, after, counted / static_cast<std::size_t>(n),
               nlohmann::json(make(Location{"94107", "us"})).dump().size());
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    measure<Forecast>("forecast (Open-Meteo: 48 hours, 16 days)", n, full_forecast,
                      [](server::DocumentMemo& memo, const Location& where, const auto& entry,
                         server::ContentCoding coding) {
                          const auto doc = memo.forecast({where, Units::metric}, {16, 48}, entry, k_now);
                          (void)doc->document.body(coding);
                      });
    measure<Weather>(
        "weather (v2 JSON, metric)", n, full_weather,
        [](server::DocumentMemo& memo, const Location& where, const auto& entry,
           server::ContentCoding coding) {
            const auto docs = memo.weather(where, entry, OutputFormat::v2_json, Units::metric);
            (void)docs->documents.at(memo_slot(OutputFormat::v2_json, Units::metric)).body(coding);
        });
    return 0;
}
