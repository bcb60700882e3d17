#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/lang/language.hpp"

// wttr.in's JSON document, format=j1 (and j2, without "hourly"), in the shape its clients parse
// (chubin/wttr.in internal/domain/weather.go; bjesus/wttrbar reads current_condition,
// nearest_area and weather[].astronomy/hourly): every value a string, every key present.
namespace tenki::wttr {

struct J1Input {
    const Weather* weather = nullptr;         // never null
    const Forecast* forecast = nullptr;       // never null
    std::string_view query;                   // request[0].query: the place as asked
    Language language = Language::en;         // lang_xx beside weatherDesc when not English
    std::int64_t now = 0;                     // unix seconds: today, at the place
    bool hourly = true;                       // j1: weather[].hourly; j2: none
    std::optional<std::int64_t> stale_age_s;  // a stale answer: "tenki_note" says how old
};

// The document. What neither provider gives is "" (WorldWeatherOnline's sunHour, diffRad,
// chanceoffog...). Synthesised, and listed so in README: avgtemp (the mean of the day's high and
// low), the hourly steps (each of the day's eight 3-hour marks takes the forecast step nearest it:
// today's passed marks, which a forecast no longer has, take the first step's values).
nlohmann::json j1_document(const J1Input& input);

}  // namespace tenki::wttr
