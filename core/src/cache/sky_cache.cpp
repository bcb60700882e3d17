#include "tenki/cache/sky_cache.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <cctype>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "astronomy/zone.hpp"
#include "tenki/cache/disk_cache.hpp"

namespace tenki {

namespace {

using nlohmann::json;
using std::chrono::sys_seconds;
using std::chrono::year_month_day;

constexpr int k_sky_record_version = 1;
constexpr std::uintmax_t k_max_sky_record_bytes = 4096;

json instant_json(const std::optional<LocalInstant>& t) {
    if (!t) return nullptr;
    return json::array({t->utc.time_since_epoch().count(), t->offset_s});
}

std::optional<LocalInstant> kept_instant(const json& j) {
    if (j.is_null()) return std::nullopt;
    return LocalInstant{sys_seconds{std::chrono::seconds{j.at(0).get<std::int64_t>()}}, j.at(1).get<int>()};
}

// Every field exactly (the JSON rounds illumination and loses the polar state's cause).
json sky_record(const Sky& s) {
    return {{"date", iso_date(s.date)},
            {"zone", s.zone},
            {"utc_offset_s", s.utc_offset_s},
            {"sun",
             {{"state", static_cast<int>(s.sun.state)},
              {"dawn", instant_json(s.sun.dawn)},
              {"sunrise", instant_json(s.sun.sunrise)},
              {"noon", instant_json(s.sun.noon)},
              {"sunset", instant_json(s.sun.sunset)},
              {"dusk", instant_json(s.sun.dusk)},
              {"day_length_s", s.sun.day_length_s},
              {"day_length_change_s", s.sun.day_length_change_s}}},
            {"moon",
             {{"phase", static_cast<int>(s.moon.phase)},
              {"illumination_pct", s.moon.illumination_pct},
              {"age_days", s.moon.age_days},
              {"rise", instant_json(s.moon.rise)},
              {"set", instant_json(s.moon.set)},
              {"all_day", static_cast<int>(s.moon.all_day)}}}};
}

// Throws on a record of the wrong shape (the caller's miss).
Sky sky_of_record(const json& j, double lat) {
    Sky s;
    auto date = parse_iso_date(j.at("date").get<std::string>());
    if (!date) throw std::runtime_error("date");
    s.date = *date;
    s.zone = j.at("zone").get<std::string>();
    s.utc_offset_s = j.at("utc_offset_s").get<int>();
    const auto& sun = j.at("sun");
    const int state = sun.at("state").get<int>();
    if (state < 0 || state > static_cast<int>(SunState::polar_night)) throw std::runtime_error("state");
    s.sun.state = static_cast<SunState>(state);
    s.sun.dawn = kept_instant(sun.at("dawn"));
    s.sun.sunrise = kept_instant(sun.at("sunrise"));
    s.sun.noon = kept_instant(sun.at("noon"));
    s.sun.sunset = kept_instant(sun.at("sunset"));
    s.sun.dusk = kept_instant(sun.at("dusk"));
    s.sun.day_length_s = sun.at("day_length_s").get<long>();
    s.sun.day_length_change_s = sun.at("day_length_change_s").get<long>();
    const auto& moon = j.at("moon");
    const int phase = moon.at("phase").get<int>();
    if (phase < 0 || phase > static_cast<int>(MoonPhase::waning_crescent)) throw std::runtime_error("phase");
    s.moon.phase = static_cast<MoonPhase>(phase);
    s.moon.illumination_pct = moon.at("illumination_pct").get<double>();
    s.moon.age_days = moon.at("age_days").get<double>();
    s.moon.emoji = moon_emoji(s.moon.phase, lat);
    s.moon.rise = kept_instant(moon.at("rise"));
    s.moon.set = kept_instant(moon.at("set"));
    const int all_day = moon.at("all_day").get<int>();  // a record from before it: computed afresh
    if (all_day < 0 || all_day > static_cast<int>(MoonAllDay::down)) throw std::runtime_error("all_day");
    s.moon.all_day = static_cast<MoonAllDay>(all_day);
    return s;
}

// The UTC instants the local date begins and ends (the next one's start), from the zone sky_on
// just loaded.
std::optional<std::pair<std::int64_t, std::int64_t>> local_day_bounds(const Sky& sky) {
    auto zone = astronomy::find_zone(sky.zone);
    if (!zone) return std::nullopt;
    const auto next = year_month_day{std::chrono::sys_days{sky.date} + std::chrono::days{1}};
    return std::pair{astronomy::local_day_start(*zone, sky.date).time_since_epoch().count(),
                     astronomy::local_day_start(*zone, next).time_since_epoch().count()};
}

}  // namespace

SkyCache::SkyCache(std::filesystem::path dir, bool refresh) : m_dir(std::move(dir)), m_refresh(refresh) {}

std::filesystem::path SkyCache::path_for(const SkyPlace& place, bool moon_times) const {
    std::string name = fmt::format("sky-v{}-{},{}-", k_sky_record_version, place.lat, place.lon);
    for (char c : place.zone)
        name.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_');
    return m_dir / (name + (moon_times ? "-full.json" : "-short.json"));
}

std::optional<SkyCache::Ready> SkyCache::load(const SkyPlace& place, bool moon_times,
                                              std::optional<sys_seconds> at,
                                              std::optional<year_month_day> date) const {
    if (m_refresh) return std::nullopt;
    try {
        auto text = read_private_file(path_for(place, moon_times), k_max_sky_record_bytes);
        if (!text) return std::nullopt;
        const auto doc = json::parse(*text, nullptr, false);
        if (doc.is_discarded() || !doc.is_object() || doc.value("version", 0) != k_sky_record_version)
            return std::nullopt;
        // The place's own record (a file name is the place's only in its plain characters).
        if (doc.at("lat").get<double>() != place.lat || doc.at("lon").get<double>() != place.lon ||
            doc.at("zone").get<std::string>() != place.zone || doc.at("moon_times").get<bool>() != moon_times)
            return std::nullopt;
        Ready kept{place, moon_times, doc.at("from").get<std::int64_t>(), doc.at("until").get<std::int64_t>(),
                   sky_of_record(doc.at("sky"), place.lat)};
        if (kept.sky.zone != place.zone) return std::nullopt;
        if (date && kept.sky.date != *date) return std::nullopt;
        if (at) {
            const auto t = at->time_since_epoch().count();
            if (t < kept.from || t >= kept.until) return std::nullopt;
        }
        return kept;
    } catch (...) {
        return std::nullopt;  // a wrong-shaped record is computed afresh
    }
}

std::optional<SkyCache::Ready> SkyCache::bounded(const SkyPlace& place, bool moon_times, const Sky& sky) {
    const auto bounds = local_day_bounds(sky);
    if (!bounds) return std::nullopt;
    return Ready{place, moon_times, bounds->first, bounds->second, sky};
}

void SkyCache::store(const Ready& sky) const noexcept {
    try {
        const json doc{{"version", k_sky_record_version},
                       {"lat", sky.place.lat},
                       {"lon", sky.place.lon},
                       {"zone", sky.place.zone},
                       {"moon_times", sky.moon_times},
                       {"from", sky.from},
                       {"until", sky.until},
                       {"sky", sky_record(sky.sky)}};
        write_private_file(path_for(sky.place, sky.moon_times), doc.dump() + "\n");
    } catch (...) {
        // A sky that cannot be kept is only computed again.
    }
}

SkyCache::Ready* SkyCache::held(const SkyPlace& place, sys_seconds at, bool moon_times) const {
    const auto t = at.time_since_epoch().count();
    for (auto& h : m_held)
        if (h.moon_times == moon_times && h.place.lat == place.lat && h.place.lon == place.lon &&
            h.place.zone == place.zone && t >= h.from && t < h.until)
            return &h;
    return nullptr;
}

Result<Sky> SkyCache::computed(const SkyPlace& place, year_month_day date, bool moon_times) const {
    auto sky = sky_on(place, date, moon_times);
    if (sky)
        if (const auto kept = bounded(place, moon_times, *sky)) store(*kept);
    return sky;
}

Result<Sky> SkyCache::at(const SkyPlace& place, sys_seconds at, bool moon_times) const {
    if (Ready* kept = held(place, at, moon_times)) {
        if (!kept->stored) store(*kept);  // computed ahead, kept once it is shown
        kept->stored = true;
        return kept->sky;
    }
    if (auto kept = load(place, moon_times, at, std::nullopt)) return std::move(kept->sky);
    const auto date = local_date(place.zone, at);
    if (!date) return tl::unexpected(date.error());
    return computed(place, *date, moon_times);
}

Result<Sky> SkyCache::on(const SkyPlace& place, year_month_day date, bool moon_times) const {
    if (auto kept = load(place, moon_times, std::nullopt, date)) return std::move(kept->sky);
    return computed(place, date, moon_times);
}

std::optional<SkyCache::Ready> SkyCache::kept(const SkyPlace& place, sys_seconds at, bool moon_times) const {
    return load(place, moon_times, at, std::nullopt);
}

std::optional<SkyCache::Ready> SkyCache::ready(const SkyPlace& place, sys_seconds at, bool moon_times) const {
    if (auto kept = load(place, moon_times, at, std::nullopt)) return kept;
    const auto date = local_date(place.zone, at);
    if (!date) return std::nullopt;
    const auto sky = sky_on(place, *date, moon_times);
    if (!sky) return std::nullopt;
    auto computed = bounded(place, moon_times, *sky);
    if (computed) computed->stored = false;
    return computed;
}

void SkyCache::hold(Ready sky) const { m_held.push_back(std::move(sky)); }

}  // namespace tenki
