#include <fmt/format.h>
#include <algorithm>
#include <unordered_map>

#include "server/api/dispatch.hpp"
#include "server/wttr/j1.hpp"
#include "server/wttr/job.hpp"
#include "server/wttr/line.hpp"
#include "server/wttr/p1.hpp"
#include "server/wttr/place.hpp"
#include "server/wttr/request.hpp"
#include "server/wttr/terminal.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

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
    const auto format = wttr::query_format(target);
    wttr_text_error(reply, error, format == "j1" || format == "j2");
    reply.vary_user_agent = !format;  // a browser: the page
    return Answered::now;
}

// The answer's cache headers, folded over the places: the least fresh status, the shortest max-age,
// the oldest age; an error's answer when a place has one (then true).
template <typename T>
bool wttr_fold_answer(const Answer<T>& answer, Reply& reply, bool first, bool json) {
    const auto& entry = *answer.entry;
    if (entry.error) {
        // An error: what an earlier place's or the weather's answer folded (X-Cache, the stale
        // Warning, max-age, Age) is not this reply's, which no cache should keep (no-store).
        reply.x_cache = {};
        reply.stale = false;
        reply.max_age = -1;
        reply.age = -1;
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
bool wttr_fold_all(const WttrAnswers& got, Reply& reply) {
    const auto& job = *got.job;
    bool first = true;
    for (const auto& place : got.places) {
        if (wttr_fold_answer(*place.weather, reply, first, job.json)) return false;
        first = false;
        if (!place.forecast || (place.forecast->error() && !job.json && !job.p1)) continue;
        if (wttr_fold_answer(*place.forecast, reply, false, job.json)) return false;
    }
    return true;
}

const Forecast* wttr_forecast_of(const WttrPlaceAnswers& place) {
    return place.forecast && !place.forecast->error() ? place.forecast->value() : nullptr;
}

std::string wttr_label_of(const WttrPlace& place, const WttrPlaceAnswers& got) {
    return place.label.empty() ? wttr::answer_place(*got.weather->value()).name : place.label;
}

// The terminal view of each place, a blank line between them.
std::string wttr_terminal_body(const WttrAnswers& got, const Reply& reply, std::int64_t now) {
    const auto& job = *got.job;
    const auto& req = job.request;
    const wttr::TerminalOptions options{!req.no_colour, req.quiet, req.super_quiet, req.narrow,
                                        req.days.value_or(3)};
    const auto stale_age = reply.stale ? std::optional<std::int64_t>(reply.age) : std::nullopt;
    std::string body;
    for (std::size_t i = 0; i < got.places.size(); ++i) {
        const auto& place = got.places[i];
        if (!body.empty()) body += "\n";
        body += wttr::render_terminal({place.weather->value(), wttr_forecast_of(place),
                                       wttr_line_units(job, job.places[i].query), job.language, now,
                                       stale_age, options});
    }
    return body;
}

// The body of a folded answer: the terminal view, j1/j2's document (compact: clients parse JSON,
// and indented was twice the bytes a hit), p1's exposition, or a line a place.
std::string wttr_render_body(const WttrAnswers& got, const Reply& reply, std::int64_t now) {
    const auto& job = *got.job;
    if (job.terminal) return wttr_terminal_body(got, reply, now);
    if (job.json) {
        const auto& place = got.places.front();
        const auto stale_age = reply.stale ? std::optional<std::int64_t>(reply.age) : std::nullopt;
        return wttr::j1_document({place.weather->value(), wttr_forecast_of(place), job.places.front().label,
                                  job.language, now, job.hourly, stale_age})
                   .dump() +
               "\n";
    }
    if (job.p1) {
        std::vector<nlohmann::json> docs;
        docs.reserve(got.places.size());
        std::vector<wttr::P1Place> places;
        for (std::size_t i = 0; i < got.places.size(); ++i) {
            const auto label = wttr_label_of(job.places[i], got.places[i]);
            docs.push_back(wttr::j1_document({got.places[i].weather->value(),
                                              wttr_forecast_of(got.places[i]),
                                              label,
                                              Language::en,
                                              now,
                                              false,
                                              {}}));
            places.emplace_back(label, &docs.back());
        }
        return wttr::p1_exposition(places);
    }
    std::string body;
    for (std::size_t i = 0; i < got.places.size(); ++i) {
        const auto& place = got.places[i];
        auto line = wttr::render_line(
            job.format, {place.weather->value(), wttr_forecast_of(place), wttr_label_of(job.places[i], place),
                         wttr_line_units(job, job.places[i].query), job.language, now});
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
    std::string key;  // the jobs' key being looked up, its capacity kept: a hit allocates none
};

// The job for `target` from the thread's jobs (shared, never copied), else made (and kept when
// it could be).
template <typename Make>
Result<std::shared_ptr<const WttrJob>> wttr_job_kept(WttrThreadState& state, std::string_view target,
                                                     std::string_view user_agent,
                                                     std::string_view accept_language, Make make) {
    auto& key = state.key;
    key.assign(target);
    key += wttr::is_terminal_agent(user_agent) ? "\n1\n" : "\n0\n";
    key += accept_language;
    if (auto it = state.jobs.find(key); it != state.jobs.end()) return it->second;
    auto made = make();
    if (!made) return tl::unexpected(made.error());
    if (state.jobs.size() >= k_wttr_memo_entries) state.jobs.clear();
    std::shared_ptr<const WttrJob> job = std::move(*made);
    state.jobs.emplace(key, job);
    return job;
}

std::vector<const void*> wttr_answers_of(const WttrAnswers& got) {
    std::vector<const void*> out;
    for (const auto& place : got.places) {
        out.push_back(place.weather->entry.get());
        out.push_back(place.forecast ? place.forecast->entry.get() : nullptr);
    }
    return out;
}

// Whether a memoised answer was rendered from these very cache entries (compared in place).
bool wttr_same_answers(const std::vector<const void*>& kept, const WttrAnswers& got) {
    if (kept.size() != 2 * got.places.size()) return false;
    for (std::size_t i = 0; i < got.places.size(); ++i) {
        const auto& place = got.places[i];
        if (kept[2 * i] != place.weather->entry.get() ||
            kept[2 * i + 1] != (place.forecast ? place.forecast->entry.get() : nullptr))
            return false;
    }
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

// The reply to a request whose answers are all in: from the memo, or rendered (and memoised).
void wttr_answer_job(const WttrAnswers& got, Reply& reply, std::int64_t now, CompressedForms& compressed,
                     WttrMemo& memo) {
    const auto& job = *got.job;
    if (!wttr_fold_all(got, reply)) return;
    if (auto it = memo.find(job.memo_key); !reply.stale && it != memo.end() && now < it->second.until &&
                                           wttr_same_answers(it->second.answers, got)) {
        set_wttr_document(reply, job, it->second.document);
        return;
    }
    auto body = wttr_render_body(got, reply, now);
    auto etag = strong_etag(body);
    auto document = std::make_shared<const Document>(std::move(body), std::move(etag), compressed);
    if (!reply.stale && job.format.find("%T") == std::string::npos) {
        if (memo.size() >= k_wttr_memo_entries) memo.clear();
        memo[job.memo_key] = WttrMemoEntry{wttr_answers_of(got), now + 60, document};
    }
    set_wttr_document(reply, job, std::move(document));
}

// Asks the upstream for place i's answer of type T; the answer is posted to the serving thread
// (`post`, which outlives the request), into `slot` of the place's answers, where `arrived` counts it.
template <typename T, typename Arrived>
void wttr_ask_one(WeatherService& service, const Asking& asking, const std::shared_ptr<WttrAnswers>& waits,
                  const Post& post, const Arrived& arrived, std::size_t i,
                  std::optional<Answer<T>> WttrPlaceAnswers::*slot) {
    service.ask<T>(
        waits->job->places[i].query.location,
        [&post, waits, i, arrived, slot](const Answer<T>& a) {
            post([waits, i, a, arrived, slot] {
                waits->places[i].*slot = a;
                arrived();
            });
        },
        asking);
}

// Asks the upstream for each answer the cache did not have.
template <typename Arrived>
void wttr_ask_missing(WeatherService& service, const Asking& asking,
                      const std::shared_ptr<WttrAnswers>& waits, const Post& post, const Arrived& arrived) {
    const auto& job = *waits->job;
    for (std::size_t i = 0; i < job.places.size(); ++i) {
        if (!waits->places[i].weather)
            wttr_ask_one<Weather>(service, asking, waits, post, arrived, i, &WttrPlaceAnswers::weather);
        if (job.wants_forecast && !waits->places[i].forecast)
            wttr_ask_one<Forecast>(service, asking, waits, post, arrived, i, &WttrPlaceAnswers::forecast);
    }
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
    job->memo_key = fmt::format("{}|{}{}", target, language_info(job->language).tag,
                                job->terminal ? (job->request.no_colour ? "|tT" : "|t") : "|l");
    if (req.places.empty()) job->places.push_back({});
    for (const auto& asked : req.places) {
        if (auto form = wttr::supported_place_form(asked); !form) return tl::unexpected(form.error());
        job->places.push_back({asked, {}});
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
    const auto& job = **made;
    if (wttr_page_chosen(job, reply)) return Answered::now;
    auto* service = m_state.service;
    const Asking asking{false, std::string(client)};
    WttrAnswers got{std::move(*made), {}, 0};
    got.places.resize(job.places.size());
    for (std::size_t i = 0; i < job.places.size(); ++i) {
        auto& place = got.places[i];
        place.weather = service->cached<Weather>(job.places[i].query.location, asking);
        if (job.wants_forecast)
            place.forecast = service->cached<Forecast>(job.places[i].query.location, asking);
        got.pending += (place.weather ? 0U : 1U) + (job.wants_forecast && !place.forecast ? 1U : 0U);
    }
    if (got.pending == 0) {
        for (const auto& place : got.places)
            m_state.metrics.cache(m_worker, place.weather->status, AnswerKind::current);
        wttr_answer_job(got, reply, now(), m_state.compressed, state.memo);
        return Answered::now;
    }
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    auto waits = std::make_shared<WttrAnswers>(std::move(got));
    auto arrived = [this, waits, id, &state] {
        if (--waits->pending > 0) return;
        auto waiting = m_waiting.extract(id);
        if (waiting.empty()) return;
        wttr_answer_job(*waits, *waiting.mapped().reply, now(), m_state.compressed, state.memo);
        waiting.mapped().resume();
    };
    wttr_ask_missing(*service, asking, waits, m_post, arrived);
    return Answered::later;
}

}  // namespace tenki::server
