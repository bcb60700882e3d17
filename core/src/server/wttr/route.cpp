#include <fmt/format.h>
#include <algorithm>
#include <unordered_map>

#include "server/api/dispatch.hpp"
#include "server/wttr/j1.hpp"
#include "server/wttr/line.hpp"
#include "server/wttr/p1.hpp"
#include "server/wttr/place.hpp"
#include "server/wttr/request.hpp"
#include "server/wttr/terminal.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

// One place of a wttr.in request: as asked, resolved, and its answers once they come.
struct WttrPlace {
    std::string label;
    Query query;
    std::optional<Answer<Weather>> weather;
    std::optional<Answer<Forecast>> forecast;
};

struct WttrJob {
    wttr::WttrRequest request;
    std::string format;  // the line's format, a preset expanded
    bool json = false;   // format=j1 or j2: wttr.in's JSON document, its errors JSON too
    bool hourly = true;  // j1's weather[].hourly (j2 has none)
    bool p1 = false;     // format=p1: the Prometheus exposition of every place
    // No format=: the terminal view (curl-like or ?A: coloured; a browser's several places), else the page.
    bool terminal = false;
    bool page = false;
    std::optional<Error> page_error;  // the page's place is unknown or ambiguous: its status
    bool wants_forecast = false;
    Language language = Language::en;
    std::vector<WttrPlace> places;
    std::size_t pending = 0;  // answers still to come
    std::string target;       // the request target, while answers are awaited (the memo's key)
};

namespace {

constexpr std::string_view k_wttr_text_type = "text/plain; charset=utf-8";

// A failure as wttr.in's line clients read one: a line of text, with the error kind's status (a
// JSON format's: the API's JSON error).
void wttr_text_error(Reply& reply, const Error& error, bool json = false) {
    if (json) {
        set_error(reply, error);
        if (error.kind == ErrorKind::rate_limited || error.kind == ErrorKind::too_many_requests)
            reply.retry_after = error.retry_after.value_or(60);
        return;
    }
    const auto http = http_error(error.kind);
    reply.status = http.status;
    reply.error_code = http.code;
    reply.content_type = k_wttr_text_type;
    reply.set_owned(error.message + "\n");
    if (error.kind == ErrorKind::rate_limited || error.kind == ErrorKind::too_many_requests)
        reply.retry_after = error.retry_after.value_or(60);
}

// A request that cannot be answered: its error as a line, or JSON for j1 and j2.
Answered wttr_bad_request(Reply& reply, const Error& error, std::string_view target) {
    wttr_text_error(reply, error, target.find("format=j") != std::string_view::npos);
    reply.vary_user_agent = target.find("format=") == std::string_view::npos;  // a browser: the page
    return Answered::now;
}

// The answer's cache headers, folded over the places: the least fresh status, the shortest max-age,
// the oldest age; an error's answer when a place has one (then true).
template <typename T>
bool wttr_fold_answer(const Answer<T>& answer, Reply& reply, bool first, bool json) {
    const auto& entry = *answer.entry;
    if (entry.error) {
        wttr_text_error(reply, *entry.error, json);
        // The upstream failed and no answer within the stale window stands in: 503 and when to
        // come back (the failure's own remaining TTL), never a 200 carrying an error (wttr.in #890).
        if (fails_over(entry.error->kind)) {
            reply.status = 503;
            reply.retry_after =
                static_cast<int>(std::max<std::int64_t>({1, answer.max_age.count(), reply.retry_after}));
        }
        return true;
    }
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(cache::Clock::now() - entry.fetched_at);
    if (first || answer.status == cache::CacheStatus::stale ||
        (answer.status == cache::CacheStatus::miss && reply.x_cache != "STALE"))
        reply.x_cache = to_string(answer.status);
    reply.stale = reply.stale || answer.status == cache::CacheStatus::stale;
    reply.max_age = first ? answer.max_age.count() : std::min<long>(reply.max_age, answer.max_age.count());
    reply.age =
        std::max<long>(first ? 0 : reply.age, static_cast<long>(std::max<std::int64_t>(0, age.count())));
    return false;
}

wttr::LineUnits wttr_line_units(const WttrJob& job, const Query& query) {
    if (job.request.units) return *job.request.units;
    return query.units == Units::imperial ? wttr::LineUnits::uscs : wttr::LineUnits::metric;
}

// Every place's answers folded into the reply's headers; false (the reply an error) when one
// failed. A line's forecast is optional (its codes read "" without it); j1's and p1's is not.
bool wttr_fold_all(const WttrJob& job, Reply& reply) {
    bool first = true;
    for (const auto& place : job.places) {
        if (wttr_fold_answer(*place.weather, reply, first, job.json)) return false;
        first = false;
        if (!place.forecast || (place.forecast->error() && !job.json && !job.p1)) continue;
        if (wttr_fold_answer(*place.forecast, reply, false, job.json)) return false;
    }
    return true;
}

const Forecast* wttr_forecast_of(const WttrPlace& place) {
    return place.forecast && !place.forecast->error() ? place.forecast->value() : nullptr;
}

std::string wttr_label_of(const WttrPlace& place) {
    return place.label.empty() ? wttr::answer_place(*place.weather->value()).name : place.label;
}

// The terminal view of each place, a blank line between them.
std::string wttr_terminal_body(const WttrJob& job, const Reply& reply, std::int64_t now) {
    const auto& req = job.request;
    const wttr::TerminalOptions options{!req.no_colour, req.quiet, req.super_quiet, req.narrow,
                                        req.days.value_or(3)};
    const auto stale_age = reply.stale ? std::optional<std::int64_t>(reply.age) : std::nullopt;
    std::string body;
    for (const auto& place : job.places) {
        if (!body.empty()) body += "\n";
        body +=
            wttr::render_terminal({place.weather->value(), wttr_forecast_of(place),
                                   wttr_line_units(job, place.query), job.language, now, stale_age, options});
    }
    return body;
}

// The body of a folded answer: the terminal view, j1/j2's document (compact: clients parse JSON,
// and indented was twice the bytes a hit), p1's exposition, or a line a place.
std::string wttr_render_body(const WttrJob& job, const Reply& reply, std::int64_t now) {
    if (job.terminal) return wttr_terminal_body(job, reply, now);
    if (job.json) {
        const auto& place = job.places.front();
        const auto stale_age = reply.stale ? std::optional<std::int64_t>(reply.age) : std::nullopt;
        return wttr::j1_document({place.weather->value(), wttr_forecast_of(place), place.label, job.language,
                                  now, job.hourly, stale_age})
                   .dump() +
               "\n";
    }
    if (job.p1) {
        std::vector<nlohmann::json> docs;
        docs.reserve(job.places.size());
        std::vector<wttr::P1Place> places;
        for (const auto& place : job.places) {
            docs.push_back(wttr::j1_document({place.weather->value(),
                                              wttr_forecast_of(place),
                                              wttr_label_of(place),
                                              Language::en,
                                              now,
                                              false,
                                              {}}));
            places.emplace_back(wttr_label_of(place), &docs.back());
        }
        return wttr::p1_exposition(places);
    }
    std::string body;
    for (const auto& place : job.places) {
        auto line = wttr::render_line(job.format,
                                      {place.weather->value(), wttr_forecast_of(place), wttr_label_of(place),
                                       wttr_line_units(job, place.query), job.language, now});
        if (!body.empty() && body.back() != '\n') body.push_back('\n');
        body += line;
    }
    return body;
}

std::string_view wttr_content_type(const WttrJob& job) {
    if (job.json) return k_json_type;
    return job.p1 ? "text/plain; version=0.0.4; charset=utf-8" : k_wttr_text_type;
}

// A serving thread's rendered wttr.in answers, by request target and language: kept while the
// answers they were rendered from are the cache's and for a minute at most (the local day and
// the step under way move on); never a stale answer's, nor one naming %T (the time now).
struct WttrMemoEntry {
    std::vector<const void*> answers;
    std::int64_t until = 0;
    std::shared_ptr<const Document> document;
};
constexpr std::size_t k_wttr_memo_entries = 1024;

using WttrMemo = std::unordered_map<std::string, WttrMemoEntry>;

// A serving thread's wttr.in state: the rendered answers, and the jobs its targets parsed and
// resolved to (without answers) by target, view and Accept-Language: resolve() has no network
// and fixed settings, so a target always asks the same; parsing and resolving were a quarter of
// a j1 cache hit's instructions (callgrind). Failures are not kept. Each cleared when full.
struct WttrThreadState {
    WttrMemo memo;
    std::unordered_map<std::string, std::shared_ptr<const WttrJob>> jobs;
};

// The job for `target` from the thread's jobs, else made (and kept when it could be).
template <typename Make>
Result<std::shared_ptr<WttrJob>> wttr_job_kept(WttrThreadState& state, std::string_view target,
                                               std::string_view user_agent, std::string_view accept_language,
                                               Make make) {
    auto key = std::string(target);
    key += wttr::is_terminal_agent(user_agent) ? "\n1\n" : "\n0\n";
    key += accept_language;
    if (auto it = state.jobs.find(key); it != state.jobs.end()) return std::make_shared<WttrJob>(*it->second);
    auto made = make();
    if (made) {
        if (state.jobs.size() >= k_wttr_memo_entries) state.jobs.clear();
        state.jobs.emplace(std::move(key), std::make_shared<const WttrJob>(**made));
    }
    return made;
}

std::vector<const void*> wttr_answers_of(const WttrJob& job) {
    std::vector<const void*> out;
    for (const auto& place : job.places) {
        out.push_back(place.weather->entry.get());
        out.push_back(place.forecast ? place.forecast->entry.get() : nullptr);
    }
    return out;
}

// A browser's /{place}: the page, which reads the place from its path and asks for it (an
// unknown or ambiguous place: with the error's status and no validator, the page showing it).
void wttr_page(Reply& reply, Language language, const std::optional<Error>& error) {
    const auto& page = index_document(language);
    reply.content_type = "text/html; charset=utf-8";
    reply.cache_control = "no-cache";
    set_document(reply, page);
    if (error) {
        const auto http = http_error(error->kind);
        reply.status = http.status;
        reply.error_code = http.code;
    } else {
        reply.etag = page.identity_etag();
    }
    reply.vary_language = true;
}

// Without format= the view is the client's (Vary: User-Agent); true when it is the page, answered.
bool wttr_page_chosen(const WttrJob& job, Reply& reply) {
    reply.vary_user_agent = !job.request.format.has_value();
    if (!job.page) return false;
    wttr_page(reply, job.language, job.page_error);
    return true;
}

void set_wttr_document(Reply& reply, const WttrJob& job, std::shared_ptr<const Document> document) {
    reply.status = 200;
    reply.content_type = wttr_content_type(job);
    set_document(reply, *document);
    reply.etag = document->identity_etag();
    reply.vary_language = true;
    reply.anchor = std::move(document);
}

// The reply to a job whose answers are all in: from the memo, or rendered (and memoised).
void wttr_answer_job(const WttrJob& job, Reply& reply, std::int64_t now, std::string_view target,
                     CompressedForms& compressed, WttrMemo& memo) {
    if (!wttr_fold_all(job, reply)) return;
    // Keyed by the view too: a client's view never answers another's.
    auto key = std::string(target) + "|" + std::string(language_info(job.language).tag) +
               (job.terminal ? (job.request.no_colour ? "|tT" : "|t") : "|l");
    auto stamp = wttr_answers_of(job);
    if (auto it = memo.find(key);
        !reply.stale && it != memo.end() && it->second.answers == stamp && now < it->second.until) {
        set_wttr_document(reply, job, it->second.document);
        return;
    }
    auto body = wttr_render_body(job, reply, now);
    auto etag = strong_etag(body);
    auto document = std::make_shared<const Document>(std::move(body), std::move(etag), compressed);
    if (!reply.stale && job.format.find("%T") == std::string::npos) {
        if (memo.size() >= k_wttr_memo_entries) memo.clear();
        memo[std::move(key)] = WttrMemoEntry{std::move(stamp), now + 60, document};
    }
    set_wttr_document(reply, job, std::move(document));
}

}  // namespace

// Parses and resolves the request into a job; an error when it cannot be answered.
Result<std::shared_ptr<WttrJob>> Dispatcher::wttr_job(std::string_view target) const {
    auto request = wttr::parse_wttr_target(target);
    if (!request) return tl::unexpected(request.error());
    auto job = std::make_shared<WttrJob>();
    job->request = std::move(*request);
    const auto& req = job->request;
    const auto name = req.format.value_or("");
    job->format = std::string(wttr::preset_format(name).value_or(name));
    job->json = name == "j1" || name == "j2";
    job->hourly = name == "j1";
    job->p1 = name == "p1";
    if (job->json && req.places.size() > 1)
        return fail(ErrorKind::invalid_input, fmt::format("format={} takes one place: ask /{} and /{} apart",
                                                          name, req.places[0], req.places[1]));
    if (!req.format) {
        const bool text_client = req.terminal || wttr::is_terminal_agent(m_user_agent);
        job->terminal = text_client || req.places.size() > 1;
        job->request.no_colour = req.no_colour || !text_client;
        job->page = !job->terminal;
    }
    job->wants_forecast = job->json || job->p1 || (job->terminal && req.days.value_or(3) > 0) ||
                          wttr::line_wants_forecast(job->format);
    if (req.lang) {
        auto language = parse_language(*req.lang);
        if (!language) return tl::unexpected(language.error());
        job->language = *language;
    } else {
        job->language = negotiate_language(m_accept_language);
    }
    if (req.places.empty()) job->places.push_back({});
    for (const auto& asked : req.places) {
        if (auto form = wttr::supported_place_form(asked); !form) return tl::unexpected(form.error());
        job->places.push_back({asked, {}, {}, {}});
    }
    for (auto& place : job->places) {
        PlaceRequest pr;
        if (!place.label.empty()) pr.place = place.label;
        auto query = m_state.service->resolve(pr);
        if (!query && job->page) job->page_error = query.error();
        if (!query) return job->page ? Result<std::shared_ptr<WttrJob>>(job) : tl::unexpected(query.error());
        place.query = std::move(*query);
    }
    return job;
}

// The memo lives beside the dispatcher (one a serving thread), as its other memoised documents.
static WttrThreadState& wttr_state_slot(std::shared_ptr<void>& slot) {
    if (!slot) slot = std::make_shared<WttrThreadState>();
    return *static_cast<WttrThreadState*>(slot.get());
}

Answered Dispatcher::wttr(std::string_view target, std::string_view client, Reply& reply,
                          const Resume& resume) {
    reply.route = static_cast<std::size_t>(RouteId::wttr);
    if (no_service(reply)) return Answered::now;
    auto& state = wttr_state_slot(m_wttr_memo);  // this thread's, as long as the dispatcher
    auto made =
        wttr_job_kept(state, target, m_user_agent, m_accept_language, [&] { return wttr_job(target); });
    if (!made) return wttr_bad_request(reply, made.error(), target);
    auto job = std::move(*made);
    if (wttr_page_chosen(*job, reply)) return Answered::now;
    auto* service = m_state.service;
    const Asking asking{false, std::string(client)};
    for (auto& place : job->places) {
        place.weather = service->cached<Weather>(place.query.location, asking);
        if (job->wants_forecast) place.forecast = service->cached<Forecast>(place.query.location, asking);
        job->pending += (place.weather ? 0U : 1U) + (job->wants_forecast && !place.forecast ? 1U : 0U);
    }
    if (job->pending == 0) {
        for (const auto& place : job->places)
            m_state.metrics.cache(m_worker, place.weather->status, AnswerKind::current);
        wttr_answer_job(*job, reply, now(), target, m_state.compressed, state.memo);
        return Answered::now;
    }
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    job->target = target;
    auto arrived = [this, job, id, &state] {
        if (--job->pending > 0) return;
        auto waiting = m_waiting.extract(id);
        if (waiting.empty()) return;
        wttr_answer_job(*job, *waiting.mapped().reply, now(), job->target, m_state.compressed, state.memo);
        waiting.mapped().resume();
    };
    for (std::size_t i = 0; i < job->places.size(); ++i) {
        const auto& location = job->places[i].query.location;
        if (!job->places[i].weather)
            service->ask<Weather>(
                location,
                [this, job, i, arrived](const Answer<Weather>& a) {
                    m_post([job, i, a, arrived] {
                        job->places[i].weather = a;
                        arrived();
                    });
                },
                asking);
        if (job->wants_forecast && !job->places[i].forecast)
            service->ask<Forecast>(
                location,
                [this, job, i, arrived](const Answer<Forecast>& a) {
                    m_post([job, i, a, arrived] {
                        job->places[i].forecast = a;
                        arrived();
                    });
                },
                asking);
    }
    return Answered::later;
}

}  // namespace tenki::server
