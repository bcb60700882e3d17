// The extra sources' face in the API: GET /api/v2/alerts and their lines in /metrics.
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "server/api/dispatch.hpp"
#include "tenki/format/air.hpp"
#include "tenki/format/alerts.hpp"
#include "tenki/service/extras.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

namespace {

// {"place", "source", "alerts", "alerts_reason"}: the place as tenki resolved it (its cache key).
std::string alerts_body(const Location& location, const AlertsAnswer& answer, Language language) {
    AlertsShown shown{true, answer.value ? &*answer.value : nullptr, answer.reason()};
    nlohmann::json doc{{"place", location.key()},
                       {"source", answer.status == ExtraStatus::not_covered
                                      ? nlohmann::json(nullptr)
                                      : nlohmann::json(extra_source_info(ExtraKind::alerts).name)}};
    add_alerts(doc, shown, language);
    return doc.dump();
}

// {"place", "air", "air_reason"}.
std::string air_body(const Location& location, const AirAnswer& answer, AqiScale scale, Language language) {
    AirShown shown{true, answer.value ? &*answer.value : nullptr, answer.reason(), scale, false};
    nlohmann::json doc{{"place", location.key()}};
    add_air(doc, shown, language);
    return doc.dump();
}

// The answer into the reply: a failed source is its error kind's status (502, 504, 429).
template <typename T>
void fill_extra(Reply& reply, RouteId route, const ExtraAnswer<T>& answer, std::string body) {
    reply.route = static_cast<std::size_t>(route);
    reply.vary_language = true;  // the reason and the note are in the request's language
    if (answer.status == ExtraStatus::failed && answer.error) {
        set_error(reply, *answer.error);
        return;
    }
    reply.status = 200;
    reply.cache_control = "no-cache";
    reply.set_owned(std::move(body));
    reply.etag_owned = strong_etag(reply.body);
    reply.etag = reply.etag_owned;
}

}  // namespace

Result<Dispatcher::ExtraPlace> Dispatcher::extra_place(RouteId route, std::string_view source) const {
    if (m_state.options.extras == nullptr)
        return fail(ErrorKind::internal, fmt::format("this server asks no {} source", source));
    auto query =
        place_request(route).and_then([&](const PlaceRequest& r) { return m_state.service->resolve(r); });
    if (!query) return tl::unexpected(query.error());
    const auto lang = lang_param(route);
    if (!lang) return tl::unexpected(lang.error());
    return ExtraPlace{query->location, lang->value_or(negotiate_language(m_accept_language))};
}

template <typename T, typename Body>
Answered Dispatcher::await_extra(RouteId route, const Location& location,
                                 void (ExtraSources::*ask)(const Location&,
                                                           std::function<void(const ExtraAnswer<T>&)>),
                                 Body body, Reply& reply, const Resume& resume) {
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    (m_state.options.extras->*ask)(location, [this, id, route, body](const ExtraAnswer<T>& found) {
        m_post([this, id, route, body, found] {
            auto waiting = m_waiting.extract(id);
            if (waiting.empty()) return;
            fill_extra(*waiting.mapped().reply, route, found, body(found));
            waiting.mapped().resume();
        });
    });
    return Answered::later;
}

Answered Dispatcher::alerts(Reply& reply, const Resume& resume) {
    if (no_service(reply)) return Answered::now;
    const auto place = extra_place(RouteId::alerts_v2, "alert");
    if (!place) {
        set_error(reply, place.error());
        return Answered::now;
    }
    return await_extra(
        RouteId::alerts_v2, place->location, &ExtraSources::alerts,
        [place = *place](const AlertsAnswer& found) {
            return alerts_body(place.location, found, place.language);
        },
        reply, resume);
}

Answered Dispatcher::air(Reply& reply, const Resume& resume) {
    if (no_service(reply)) return Answered::now;
    auto place = extra_place(RouteId::air_v2, "air-quality");
    std::optional<AqiScale> scale;
    if (place)
        if (auto text = param_text("scale"); text && !(scale = parse_aqi_scale(*text)))
            place = fail(ErrorKind::invalid_input, "scale= is us (EPA) or eu (EEA)");
    if (!place) {
        set_error(reply, place.error());
        return Answered::now;
    }
    const auto shown_scale = scale.value_or(default_aqi_scale(place->location));
    return await_extra(
        RouteId::air_v2, place->location, &ExtraSources::air,
        [place = *place, shown_scale](const AirAnswer& found) {
            return air_body(place.location, found, shown_scale, place.language);
        },
        reply, resume);
}

Result<Dispatcher::ExtrasAsked> Dispatcher::extras_asked(RouteId route) const {
    ExtrasAsked asked;
    if (route != RouteId::weather_v2) return asked;
    for (auto [name, flag] : {std::pair{"alerts", &asked.alerts}, std::pair{"air", &asked.air}}) {
        const auto text = m_target.param(name);
        if (!text || *text == "0") continue;
        if (*text != "1")
            return fail(ErrorKind::invalid_input, fmt::format("{}= is 1 (ask for it) or 0", name));
        *flag = true;
    }
    return asked;
}

namespace {

// A /api/v2/weather?alerts=1 request's parts as they come, on its dispatcher's thread.
struct JoinedAnswer {
    std::optional<Answer<Weather>> weather;
    std::optional<AlertsAnswer> alerts;
    std::optional<AirAnswer> air;
    int pending = 0;
};

// The callback that hands one part of a joined answer to the dispatcher's thread (post), files it
// in its slot and counts it (arrived): the weather's, the alerts' and the air's are alike.
template <typename Part, typename Arrived>
auto joined_part(const Post* post, std::shared_ptr<JoinedAnswer> joined,
                 std::optional<Part> JoinedAnswer::*slot, Arrived arrived) {
    return [post, joined = std::move(joined), slot, arrived](const Part& found) {
        (*post)([joined, slot, arrived, found] {
            (*joined).*slot = found;
            arrived();
        });
    };
}

template <typename T>
ExtraAnswer<T> no_extra_source(std::string_view what) {
    return {ExtraStatus::failed, std::nullopt,
            Error{ErrorKind::internal, fmt::format("this server asks no {} source", what)}, false};
}

}  // namespace

Answered Dispatcher::weather_with_extras(WeatherAsk ask, ExtrasAsked asked, std::string_view client,
                                         Reply& reply, const Resume& resume) {
    ask.language = ask.lang.value_or(negotiate_language(m_accept_language));
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    auto joined = std::make_shared<JoinedAnswer>();
    joined->pending = 1 + int{asked.alerts} + int{asked.air};
    // Each part arrives on this thread (m_post), in any order; the last one answers.
    auto arrived = [this, id, ask, joined] {
        if (--joined->pending > 0) return;
        auto waiting = m_waiting.extract(id);
        if (waiting.empty()) return;
        answer(ask, *joined->weather, WeatherExtras{joined->alerts, joined->air}, *waiting.mapped().reply);
        waiting.mapped().resume();
    };
    const auto location = ask.query.location;
    auto* extras = m_state.options.extras;
    if (asked.alerts && !extras) joined->alerts = no_extra_source<AlertList>("alert");
    if (asked.air && !extras) joined->air = no_extra_source<AirQuality>("air-quality");
    if (!extras) joined->pending = 1;
    if (asked.alerts && extras)
        extras->alerts(location, joined_part(&m_post, joined, &JoinedAnswer::alerts, arrived));
    if (asked.air && extras) extras->air(location, joined_part(&m_post, joined, &JoinedAnswer::air, arrived));
    m_state.service->ask<Weather>(location, joined_part(&m_post, joined, &JoinedAnswer::weather, arrived),
                                  Asking{false, std::string(client)});
    return Answered::later;
}

std::string extras_metrics(const ExtraSources* extras) {
    if (extras == nullptr) return {};
    std::string out;
    auto it = std::back_inserter(out);
    const auto stats = extras->stats();
    const std::pair<const char*, std::uint64_t ExtraSourceStats::*> counters[] = {
        {"requests", &ExtraSourceStats::calls},
        {"cache_hits", &ExtraSourceStats::cache_hits},
        {"failures", &ExtraSourceStats::failures},
        {"refused", &ExtraSourceStats::refused},
        {"not_covered", &ExtraSourceStats::not_covered}};
    for (const auto& [name, member] : counters) {
        fmt::format_to(it, "# HELP tenki_extra_source_{}_total The extra sources' (alerts) {}.\n", name,
                       name);
        fmt::format_to(it, "# TYPE tenki_extra_source_{}_total counter\n", name);
        for (const auto& s : stats)
            fmt::format_to(it, "tenki_extra_source_{}_total{{source=\"{}\"}} {}\n", name, s.name, s.*member);
    }
    return out;
}

}  // namespace tenki::server
