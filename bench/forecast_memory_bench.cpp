// Memory per cached forecast: the in-process cache (the one `tenki serve` keeps) filled with N
// places' forecasts in each provider's full shape (every value given), measured as the heap in use
// before and after (glibc's mallinfo2). The canonical JSON a shared (Redis) or disk cache stores is
// sized too.
// cmake --build build --target forecast_memory_bench && build/forecast_memory_bench [N]
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/domain/forecast.hpp"

using namespace tenki;

namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// A provider's whole forecast: `steps` steps of `step_seconds`, `days` days, every value given.
Forecast full_forecast(const Location& where, int steps, std::int64_t step_seconds, int days) {
    Forecast f;
    f.location = where;
    f.place_name = "San Francisco";
    f.lat = 37.7749;
    f.lon = -122.4194;
    f.timezone_offset = -28800;
    f.timezone = "America/Los_Angeles";
    f.step_seconds = step_seconds;
    f.source = step_seconds == 3600 ? "open-meteo" : "openweathermap";
    for (int i = 0; i < steps; ++i) {
        ForecastStep s;
        s.time = 1717430400 + i * step_seconds;
        s.temp = 285.0 + i % 7;
        s.feels_like = 284.0 + i % 7;
        s.precipitation_probability = i % 100;
        s.precipitation = 0.2 * (i % 3);
        s.wind_speed = 4.2;
        s.wind_gust = 7.5;
        s.wind_deg = 290;
        s.condition = Condition{ConditionKind::light_rain, "Rain", "moderate rain", "10d"};
        f.hourly.push_back(s);
    }
    for (int d = 0; d < days; ++d) {
        ForecastDay day{local_date(1717430400 + d * 86400, f.timezone_offset)};
        day.temp_min = 283.0;
        day.temp_max = 293.0;
        day.condition = Condition{ConditionKind::broken_clouds, "Clouds", "broken clouds", "04d"};
        day.precipitation_sum = 1.4;
        day.precipitation_probability_max = 80;
        day.wind_speed_max = 8.0;
        day.wind_gust_max = 12.0;
        day.sunrise = 1717419000 + d * 86400;
        day.sunset = 1717471000 + d * 86400;
        day.uv_index_max = 7.5;
        f.daily.push_back(day);
    }
    return f;
}

void measure(const char* what, int n, int steps, std::int64_t step_seconds, int days) {
    cache::MemoryCacheOptions options;
    options.max_entries = static_cast<std::size_t>(n) + 1;
    const auto before = heap_in_use();
    {
        auto cache = cache::make_memory_cache_of<Forecast>(
            options,
            [&](const Location& where, const cache::Asking&) -> Result<Forecast> {
                return full_forecast(where, steps, step_seconds, days);
            },
            [](std::function<void()> work) { work(); });
        for (int i = 0; i < n; ++i) {
            char zip[16];
            std::snprintf(zip, sizeof zip, "%05d", i);
            cache->get(Location{zip, "us"}, [](const cache::BasicLookup<Forecast>&) {}, {});
        }
        const auto after = heap_in_use();
        const auto json =
            nlohmann::json(full_forecast(Location{"94107", "us"}, steps, step_seconds, days)).dump();
        std::printf("%-34s %6.1f KB a cached entry (%d entries, %.1f MB); canonical JSON %5.1f KB\n", what,
                    static_cast<double>(after - before) / n / 1024.0, n,
                    static_cast<double>(after - before) / 1048576.0,
                    static_cast<double>(json.size()) / 1024.0);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    measure("Open-Meteo: 48 hourly steps, 16 days", n, 48, 3600, 16);
    measure("OpenWeatherMap: 16 3-hour steps, 6 days", n, 16, 10800, 6);
    return 0;
}
