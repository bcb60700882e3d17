#include "tenki/format/formats.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <array>
#include <string>

#include <fmt/format.h>

#include "tenki/format/air.hpp"
#include "tenki/format/alerts.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"

namespace tenki {
namespace {

using nlohmann::json;

constexpr std::string_view k_json = "application/json";
constexpr std::string_view k_text = "text/plain; charset=utf-8";
constexpr int k_i3blocks_urgent = 33;  // i3blocks(1): exit code 33 marks the block urgent

std::string noted(std::string text, const RenderInput& in) {
    return in.stale_age_s ? with_stale_note(std::move(text), *in.stale_age_s, in.language) : text;
}

Result<std::string> text_report(const RenderInput& in) {
    return alert_lines(in.alerts, in.language, in.now) +
           noted(render_text(*in.weather, in.units,
                             TextStyle{in.color, in.symbols, in.language, in.icons, in.skies}),
                 in) +
           air_line(in.air, in.language);
}

json v2_document(const RenderInput& in) {
    auto doc = to_v2_json(*in.weather, in.units, in.stale_age_s, in.language, in.skies);
    add_alerts(doc, in.alerts, in.language);
    add_air(doc, in.air, in.language);
    return doc;
}

json v1_document(const RenderInput& in) { return to_v1_json(*in.weather); }

json forecast_document(const RenderInput& in) {
    return to_forecast_json(*in.forecast, in.units, in.stale_age_s, in.language);
}

// A JSON format's bytes: its document, compact (as the server answers it).
template <DocumentRenderer document>
Result<std::string> dumped(const RenderInput& in) {
    return document(in).dump();
}

Result<std::string> one_line(const RenderInput& in) {
    auto line = render_template(
        in.tmpl, *in.weather, in.units,
        TemplateForecast{in.forecast, in.now, in.unicode, in.alerts.list, &in.air, in.icons, in.skies},
        in.language);
    if (!line) return line;
    return noted(*line + "\n", in);
}

// A bar draws its template in Unicode whatever the terminal: it is not one.
template <BarOutput output>
Result<std::string> bar(const RenderInput& in) {
    auto text = render_template(
        in.tmpl, *in.weather, in.units,
        TemplateForecast{in.forecast, in.now, true, in.alerts.list, &in.air, in.icons, in.skies},
        in.language);
    if (!text) return text;
    return render_bar(
        output, BarAnswer{in.weather, in.units, std::move(*text), in.forecast, in.now, in.stale_age_s,
                          in.stale_reason, in.alerts.list, &in.air, in.language, in.thresholds, in.skies});
}

template <BarOutput output>
std::string bar_error(std::string_view place, const Error& error) {
    return render_bar_error(output, place, error);
}

Result<std::string> forecast_report(const RenderInput& in) {
    const ForecastStyle style{in.color, in.symbols, in.language};
    return noted(in.hourly ? render_forecast_hours(*in.forecast, in.units, style)
                           : render_forecast_days(*in.forecast, in.units, style),
                 in);
}

// The table, built where its columns' short names (the enums' values, W for the weather, F the
// forecast) stay inside it.
constexpr std::array<FormatInfo, k_output_format_count> make_formats() {
    using enum OutputFormat;
    using enum FormatPick;
    constexpr auto W = Renders::weather;
    constexpr auto F = Renders::forecast;
    // clang-format off
    return {{
    // format, name, media type, renders, pick, by units, served, needs forecast, description, renderers
    {text, "text", k_text, W, fallback, true, false, false,
     "The report: place, condition, temperature, wind, humidity", &text_report},
    {v2_json, "v2", k_json, W, json_flag, true, true, false,
     "Print the JSON document of /api/v2/weather", &dumped<&v2_document>, &v2_document},
    {v1_json, "v1", k_json, W, server_only, false, true, false,
     "The original service's document (pyowm's Weather.to_JSON(), Kelvin)", &dumped<&v1_document>,
     &v1_document},
    {template_line, "template", k_text, W, format_option, true, false, false,
     "One line from named fields: '{name}: {temp}{temp_unit}'", &one_line},
    {waybar, "waybar", k_json, W, output_option, true, false, true,
     "Waybar's custom module JSON (\"return-type\": \"json\")", &bar<BarOutput::waybar>, nullptr,
     &bar_error<BarOutput::waybar>},
    {i3blocks, "i3blocks", k_text, W, output_option, true, false, false,
     "i3blocks' lines: full_text, short_text, colour", &bar<BarOutput::i3blocks>, nullptr,
     &bar_error<BarOutput::i3blocks>, k_i3blocks_urgent},
    {plain, "plain", k_text, W, output_option, true, false, false,
     "one line, for tmux or polybar", &bar<BarOutput::plain>, nullptr, &bar_error<BarOutput::plain>},
    {forecast_text, "forecast", k_text, F, fallback, true, false, false,
     "The days (or hours) ahead, a line each", &forecast_report},
    {forecast_json, "forecast-v2", k_json, F, json_flag, true, true, false,
     "Print the JSON document of /api/v2/forecast (days and, by --hours, 24 hours)",
     &dumped<&forecast_document>, &forecast_document},
    }};
    // clang-format on
}
constexpr auto k_formats = make_formats();

constexpr bool formats_in_order() {
    for (std::size_t i = 0; i < k_formats.size(); ++i)
        if (static_cast<std::size_t>(k_formats[i].format) != i) return false;
    return true;
}
static_assert(formats_in_order(), "k_formats must list OutputFormat's values in order, each once");
static_assert(static_cast<std::size_t>(OutputFormat::forecast_json) + 1 == k_output_format_count,
              "k_output_format_count must count OutputFormat's values");

constexpr std::size_t k_unit_systems = 3;  // Units: standard, metric, imperial

constexpr bool memoised(const FormatInfo& row) { return row.served && row.renders == Renders::weather; }

constexpr std::size_t slot_width(const FormatInfo& row) { return row.by_units ? k_unit_systems : 1; }

}  // namespace

std::span<const FormatInfo> output_formats() { return k_formats; }

const FormatInfo& format_info(OutputFormat format) { return k_formats.at(static_cast<std::size_t>(format)); }

const FormatInfo* picked_format(Renders renders, FormatPick pick) {
    for (const auto& row : k_formats)
        if (row.renders == renders && row.pick == pick) return &row;
    return nullptr;
}

Result<const FormatInfo*> parse_output_format(Renders renders, std::string_view name) {
    std::string names;
    for (const auto& row : k_formats) {
        if (row.renders != renders || row.pick != FormatPick::output_option) continue;
        if (row.name == name) return &row;
        names += (names.empty() ? "" : ", ") + std::string(row.name);
    }
    return fail(ErrorKind::invalid_input, fmt::format("unknown output '{}': use one of {}", name, names));
}

std::size_t memo_slots() {
    std::size_t slots = 0;
    for (const auto& row : k_formats)
        if (memoised(row)) slots += slot_width(row);
    return slots;
}

std::size_t memo_slot(OutputFormat format, Units units) {
    std::size_t slot = 0;
    for (const auto& row : k_formats) {
        if (row.format == format) return slot + (row.by_units ? static_cast<std::size_t>(units) : 0);
        if (memoised(row)) slot += slot_width(row);
    }
    return slot;
}

}  // namespace tenki
