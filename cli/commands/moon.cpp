#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/answers.hpp"
#include "commands/commands.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/cache/sky_cache.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::cli {

namespace {

struct MoonOptions {
    AskOptions ask;  // the places and --country; the rest unused: no provider is asked
    std::optional<std::string> date;
    bool json = false;
    bool refresh = false;  // compute the sky again and keep it, the kept one unread
};

struct PlaceSky {
    SkyLocation where;
    Sky sky;
};

// The sky kept in the disk cache for the place and date (today at the place without --date),
// else computed and kept: the same answer, without loading the zone or asking libnova again.
Result<PlaceSky> sky_for(const std::string& asked, const AskSettings& settings,
                         const std::optional<std::chrono::year_month_day>& date, bool refresh) {
    auto where = locate_offline(asked, settings.country.value_or(""));
    if (!where) return tl::unexpected(where.error());
    const SkyCache kept(settings.cache_dir, refresh);
    auto sky = date ? kept.on(where->place, *date)
                    : kept.at(where->place,
                              std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (!sky) return tl::unexpected(sky.error());
    return PlaceSky{std::move(*where), std::move(*sky)};
}

nlohmann::json place_json(const PlaceSky& p) {
    nlohmann::json j = p.sky;
    j["place"] = p.where.label;
    j["lat"] = p.where.place.lat;
    j["lon"] = p.where.place.lon;
    return j;
}

// Every place is answered; the first error (in the order asked) is the exit status, each said
// on stderr as "tenki: PLACE: message", one place's as well (as weather says it).
CommandResult run_moon(const MoonOptions& opt, const Context& ctx) {
    std::optional<std::chrono::year_month_day> date;
    if (opt.date) {
        auto parsed = parse_iso_date(*opt.date);
        if (!parsed) return tl::unexpected(parsed.error());
        date = *parsed;
    }
    auto settings = ask_settings(opt.ask, ctx);
    if (!settings) return tl::unexpected(settings.error());
    if (!opt.json) print_notes(*settings);  // a [places] name that shadows a city, as weather says
    std::optional<Error> first_error;
    nlohmann::json docs = nlohmann::json::array();
    std::string text;
    for (std::size_t i = 0; i < settings->asked.size(); ++i) {
        auto one = sky_for(settings->asked[i], *settings, date, opt.refresh);
        if (!one) {
            std::cerr << "tenki: " << settings->typed[i] << ": " << one.error().message << '\n';
            if (!first_error) first_error = one.error();
            continue;
        }
        if (opt.json)
            docs.push_back(place_json(*one));
        else
            text += (text.empty() ? "" : "\n") + sky_text(one->sky, one->where.label, settings->language);
    }
    if (opt.json && !docs.empty())
        std::cout << (docs.size() == 1 && settings->asked.size() == 1 ? docs[0] : docs).dump(2) << '\n';
    std::cout << text;
    if (first_error) return exit_status(first_error->kind);
    return 0;
}

}  // namespace

void register_moon(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<MoonOptions>();
    opt->ask.uses = {"place", "country", "lang"};  // a bad TENKI_CACHE_TTL is not the sky's
    auto* sub = app.add_subcommand("moon", "The moon and the sun for places and a date, offline");
    sub->add_option("places", opt->ask.places,
                    "Cities (Paris, \"New York\"), US ZIP codes (90210), coordinates (37.7749,-122.4194) or "
                    "names from the config's [places] (default: the configured place)");
    sub->add_option("-c,--country", opt->ask.country,
                    "Country to narrow a city name, or of a postal code (ISO 3166)");
    sub->add_option("--date", opt->date, "The local date, YYYY-MM-DD (default: today at the place)");
    sub->add_option("--lang", opt->ask.lang,
                    "The language of the text: a BCP 47 tag (de, fr, pt-BR, zh-Hant, ...; also TENKI_LANG; "
                    "default: the locale's, else English); --json stays English");
    sub->add_flag(
        "--refresh", opt->refresh,
        "Compute the sky again rather than read the one kept in the disk cache, and keep the new one");
    sub->add_flag("--json", opt->json,
                  "Print JSON: moon.{phase, illumination, age_days, emoji, rise, set, always}, sun.{...}");
    sub->footer(
        "Computed offline (ERFA's positions, libnova's rise and set; time zones from the system's tz "
        "database). Times are the place's "
        "local time; rise and set of the upper limb with standard refraction, as almanacs give them. "
        "A postal code outside the US needs a weather provider to locate it: give a city or coordinates.");
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_moon(*opt, ctx); }; });
}

}  // namespace tenki::cli
