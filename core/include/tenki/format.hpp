#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "tenki/error.hpp"
#include "tenki/units.hpp"
#include "tenki/weather.hpp"

namespace tenki {

struct TextStyle {
    bool color = false;    // ANSI colour: only on a terminal, never with NO_COLOR
    bool symbols = false;  // weather symbols: only on a terminal
};

// The human-readable report of `tenki weather`.
std::string render_text(const Weather& weather, Units units, const TextStyle& style);

// The document of `tenki weather --json` and GET /api/v2/weather.
nlohmann::json to_v2_json(const Weather& weather, Units units, bool stale = false);

// The original Flask service's answer: pyowm's Weather.to_JSON(), Kelvin, exact key set.
nlohmann::json to_v1_json(const Weather& weather);

// `--format '{name}: {temp}{temp_unit} {description}'`; an unknown field is invalid_input
// naming the known ones, and so is a malformed template or a spec that does not suit a field
// ('{temp:.0f}' works). An absent value renders as "-", its spec ignored.
Result<std::string> render_template(std::string_view tmpl, const Weather& weather, Units units);
const std::vector<std::string>& template_fields();

}  // namespace tenki
