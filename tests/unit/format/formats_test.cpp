#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/fake_provider.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/format/formats.hpp"

using namespace tenki;

namespace {

std::vector<std::string> names_picked(Renders renders, FormatPick pick) {
    std::vector<std::string> names;
    for (const auto& row : output_formats())
        if (row.renders == renders && row.pick == pick) names.emplace_back(row.name);
    return names;
}

}  // namespace

TEST_CASE("the table of output formats lists OutputFormat's values in order, each complete", "[format]") {
    const auto rows = output_formats();
    REQUIRE(rows.size() == k_output_format_count);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        INFO(row.name);
        CHECK(static_cast<std::size_t>(row.format) == i);
        CHECK(&format_info(row.format) == &row);
        CHECK(names.insert(row.name).second);
        CHECK_FALSE(row.media_type.empty());
        CHECK_FALSE(row.description.empty());
        CHECK(row.render != nullptr);
        // A JSON document's media type says so; a format with an error form is a status bar's.
        if (row.document) CHECK(row.media_type == "application/json");
        if (row.render_error) CHECK(row.pick == FormatPick::output_option);
    }
}

TEST_CASE("the CLI's options pick from the table: one row each, --output the status bars", "[format]") {
    for (auto renders : {Renders::weather, Renders::forecast}) {
        for (auto pick : {FormatPick::fallback, FormatPick::json_flag, FormatPick::format_option})
            CHECK(names_picked(renders, pick).size() <= 1);
        REQUIRE(picked_format(renders, FormatPick::fallback) != nullptr);
        REQUIRE(picked_format(renders, FormatPick::json_flag) != nullptr);
        CHECK(picked_format(renders, FormatPick::json_flag)->document != nullptr);
    }
    CHECK(picked_format(Renders::weather, FormatPick::fallback)->format == OutputFormat::text);
    CHECK(picked_format(Renders::weather, FormatPick::json_flag)->format == OutputFormat::v2_json);
    CHECK(picked_format(Renders::weather, FormatPick::format_option)->format == OutputFormat::template_line);
    CHECK(picked_format(Renders::forecast, FormatPick::fallback)->format == OutputFormat::forecast_text);
    CHECK(picked_format(Renders::forecast, FormatPick::json_flag)->format == OutputFormat::forecast_json);
    CHECK(picked_format(Renders::forecast, FormatPick::format_option) == nullptr);
    // What completions/ and man/tenki.1 list for --output, in this order.
    CHECK(names_picked(Renders::weather, FormatPick::output_option) ==
          std::vector<std::string>{"waybar", "i3blocks", "plain"});
    CHECK(names_picked(Renders::forecast, FormatPick::output_option).empty());
    CHECK(names_picked(Renders::weather, FormatPick::server_only) == std::vector<std::string>{"v1"});
}

TEST_CASE("--output's names are the table's status bars, an unknown one named with the choices", "[format]") {
    for (const auto& row : output_formats()) {
        if (row.pick != FormatPick::output_option) continue;
        CHECK(parse_output_format(row.renders, row.name).value() == &row);
    }
    auto unknown = parse_output_format(Renders::weather, "xmobar");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == ErrorKind::invalid_input);
    CHECK(unknown.error().message == "unknown output 'xmobar': use one of waybar, i3blocks, plain");
    // The JSON and the report are not --output's.
    CHECK_FALSE(parse_output_format(Renders::weather, "json"));
    CHECK_FALSE(parse_output_format(Renders::weather, "text"));
}

TEST_CASE("the server's memo: a slot per served weather format and units, v1 one for all units", "[format]") {
    CHECK(memo_slots() == 4);
    std::set<std::size_t> slots;
    slots.insert(memo_slot(OutputFormat::v1_json, Units::standard));
    CHECK(memo_slot(OutputFormat::v1_json, Units::metric) ==
          memo_slot(OutputFormat::v1_json, Units::standard));
    CHECK(memo_slot(OutputFormat::v1_json, Units::imperial) ==
          memo_slot(OutputFormat::v1_json, Units::standard));
    for (auto units : {Units::standard, Units::metric, Units::imperial})
        slots.insert(memo_slot(OutputFormat::v2_json, units));
    CHECK(slots.size() == memo_slots());
    CHECK(*slots.rbegin() < memo_slots());
}

TEST_CASE("each weather row renders what its own renderer gives, stale notes included", "[format]") {
    const auto w = test::sample_weather({"94107", "us"});
    const auto forecast = test::sample_forecast({"94107", "us"});
    RenderInput in{.weather = &w, .units = Units::metric, .tmpl = "{name} {temp:.0f}", .now = 1700000000};
    CHECK(format_info(OutputFormat::text).render(in).value() == render_text(w, Units::metric, TextStyle{}));
    CHECK(format_info(OutputFormat::v2_json).render(in).value() == to_v2_json(w, Units::metric).dump());
    CHECK(format_info(OutputFormat::v1_json).render(in).value() == to_v1_json(w).dump());
    CHECK(format_info(OutputFormat::template_line).render(in).value() ==
          render_template("{name} {temp:.0f}", w, Units::metric).value() + "\n");
    const BarAnswer bar{&w,          Units::metric, render_template(in.tmpl, w, Units::metric).value(),
                        nullptr,     in.now,        std::nullopt,
                        std::nullopt};
    CHECK(format_info(OutputFormat::waybar).render(in).value() == render_bar(BarOutput::waybar, bar));
    CHECK(format_info(OutputFormat::i3blocks).render(in).value() == render_bar(BarOutput::i3blocks, bar));
    CHECK(format_info(OutputFormat::plain).render(in).value() == render_bar(BarOutput::plain, bar));
    CHECK(format_info(OutputFormat::plain).render_error("94107", {ErrorKind::unreachable, "down"}) ==
          render_bar_error(BarOutput::plain, "94107", {ErrorKind::unreachable, "down"}));

    in.forecast = &forecast;  // Waybar's tooltip lists the days
    CHECK(format_info(OutputFormat::waybar).needs_forecast);
    auto with_days = bar;
    with_days.forecast = &forecast;
    CHECK(format_info(OutputFormat::waybar).render(in).value() == render_bar(BarOutput::waybar, with_days));

    in.stale_age_s = 120;
    CHECK(format_info(OutputFormat::text).render(in).value() ==
          with_stale_note(render_text(w, Units::metric, TextStyle{}), 120));
    CHECK(
        format_info(OutputFormat::template_line).render(in).value() ==
        with_stale_note(render_template(in.tmpl, w, Units::metric, {&forecast, in.now}).value() + "\n", 120));
    CHECK(format_info(OutputFormat::v2_json).render(in).value() == to_v2_json(w, Units::metric, 120).dump());
    CHECK(format_info(OutputFormat::v2_json).document(in) == to_v2_json(w, Units::metric, 120));
    CHECK(format_info(OutputFormat::v1_json).render(in).value() == to_v1_json(w).dump());  // no word for it

    in.tmpl = "{nope}";
    CHECK(format_info(OutputFormat::template_line).render(in).error().kind == ErrorKind::invalid_input);
    CHECK(format_info(OutputFormat::plain).render(in).error().kind == ErrorKind::invalid_input);
}

TEST_CASE("each forecast row renders the window: days or hours, or its document", "[format]") {
    const auto window =
        forecast_window(test::sample_forecast({"94107", "us"}), test::k_sample_forecast_start, 3, 6);
    RenderInput in{.forecast = &window, .units = Units::imperial};
    const auto& text = format_info(OutputFormat::forecast_text);
    CHECK(text.render(in).value() == render_forecast_days(window, Units::imperial, ForecastStyle{}));
    in.hourly = true;
    CHECK(text.render(in).value() == render_forecast_hours(window, Units::imperial, ForecastStyle{}));
    in.stale_age_s = 3600;
    CHECK(text.render(in).value() ==
          with_stale_note(render_forecast_hours(window, Units::imperial, ForecastStyle{}), 3600));
    const auto& forecast_json = format_info(OutputFormat::forecast_json);
    CHECK(forecast_json.render(in).value() == to_forecast_json(window, Units::imperial, 3600).dump());
    CHECK(forecast_json.document(in) == to_forecast_json(window, Units::imperial, 3600));
}
