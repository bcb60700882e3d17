#pragma once

#include <string_view>

#include "tenki/domain/condition.hpp"

// wttr.in's condition vocabulary: WorldWeatherOnline's weather codes, the symbolic names wttr.in
// groups them under, and the symbols of its one-line formats (chubin/wttr.in
// internal/renderer/oneline/constants.go: WWOCodeToName, WeatherSymbol, WeatherSymbolPlain).
namespace tenki::wttr {

struct WwoCondition {
    std::string_view code;       // WorldWeatherOnline's weatherCode, "113"; "" for unknown
    std::string_view name;       // wttr.in's group: "Sunny", "LightShowers"; "Unknown"
    std::string_view emoji;      // %c's symbol: "☀️" (wttr.in counts each two cells and adds a space)
    std::string_view plain;      // %x's symbol: "o"
    std::string_view wwo_words;  // WorldWeatherOnline's description of the code, English
};

// The nearest WorldWeatherOnline condition to one of tenki's (one row per ConditionKind, held to
// the enum's order by a static_assert). tenki's unknown is wttr.in's "Unknown": ✨ and "?".
const WwoCondition& wwo_condition(ConditionKind kind);

}  // namespace tenki::wttr
