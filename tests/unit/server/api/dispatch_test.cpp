#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "server/api/dispatch.hpp"
#include "support/decompress.hpp"
#include "support/fake_provider.hpp"
#include "support/http_client.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/format/formats.hpp"

using namespace tenki;
using namespace tenki::server;

namespace {

ServiceOptions service_options(cache::MemoryCacheOptions cache_options) {
    ServiceOptions o;
    o.current = cache_options;
    o.forecast = std::move(cache_options);
    return o;
}

// A dispatcher over the service (in-process cache, a fake provider), answering misses inline.
struct Harness {
    explicit Harness(cache::MemoryCacheOptions cache_options = {})
        : service(std::make_unique<WeatherService>(service_options(std::move(cache_options)),
                                                   std::make_unique<test::BorrowedProvider>(provider))) {}

    ApiOptions options;
    test::FakeProvider provider;
    Metrics metrics{1};
    std::unique_ptr<WeatherService> service;
    ApiState state{options, service.get(), metrics};
    Dispatcher dispatcher{state, 0, [](std::function<void()> work) { work(); }};
    Reply reply;
    bool resumed = false;

    // The answer to a request, as the server gets it: at once, or through `resume`.
    const Reply& ask(std::string_view target, std::string_view method = "GET") {
        resumed = false;
        const Resume resume{std::shared_ptr<void>(&resumed, [](void*) {}),
                            [](void* flag) { *static_cast<bool*>(flag) = true; }};
        if (dispatcher.handle(method, target, "127.0.0.1", reply, resume) == Answered::later)
            REQUIRE(resumed);
        return reply;
    }
};

std::string error_code(const Reply& r) { return nlohmann::json::parse(r.body)["error"]["code"]; }

// Asks for `target` twice, the upstream unreachable the second time: with a TTL of 0 the entry the
// first ask stored is expired by then, and answers as stale. The weather and forecast routes alike.
const Reply& ask_when_stale(Harness& h, const std::string& target) {
    INFO(target);
    CHECK(h.ask(target).x_cache == "MISS");
    h.provider.fail_with({ErrorKind::unreachable, "connection refused"});
    const auto& r = h.ask(target);
    CHECK(r.status == 200);
    CHECK(r.x_cache == "STALE");
    CHECK(r.stale);
    return r;
}

// The weather and forecast routes answer the upstream's failures alike. A place it does not know is
// 404 not_found, and cached like an answer so that the next asker does not call again.
void check_not_found_is_cached(Harness& h, const std::string& target) {
    INFO(target);
    h.provider.fail_with({ErrorKind::not_found, "city not found"});
    CHECK(h.ask(target).status == 404);
    CHECK(error_code(h.reply) == "not_found");
    CHECK(h.ask(target).x_cache == "HIT");
    CHECK(h.reply.max_age > 0);
}

// A garbled answer is 502; a refusal is 503 rate_limited with the upstream's Retry-After. Asked for
// places the route has not answered yet (`route` ends in "postalcode="), so that none is cached.
void check_bad_response_and_rate_limit(Harness& h, const std::string& route) {
    INFO(route);
    h.provider.fail_with({ErrorKind::bad_response, "garbage"});
    CHECK(h.ask(route + "10003").status == 502);
    h.provider.fail_with({ErrorKind::rate_limited, "slow down", 30});
    CHECK(h.ask(route + "10001").status == 503);
    CHECK(h.reply.retry_after == 30);
    CHECK(error_code(h.reply) == "rate_limited");
}

}  // namespace

TEST_CASE("v1 answers the original's JSON, for the default postal code when none is given",
          "[server][dispatch]") {
    Harness h;
    const Location place{"19021", "us"};
    auto& miss = h.ask("/api/v1/weather");
    CHECK(miss.status == 200);
    CHECK(miss.x_cache == "MISS");
    CHECK(miss.max_age == 300);
    CHECK(miss.body == to_v1_json(test::sample_weather(place)).dump());
    CHECK(h.service->cached_current(place));

    auto& hit = h.ask("/api/v1/weather?postalcode=19021");
    CHECK(hit.x_cache == "HIT");
    CHECK(hit.body == to_v1_json(test::sample_weather(place)).dump());
    CHECK(h.provider.calls() == 1);
}

TEST_CASE("v2 answers tenki weather --json in the asked or the usual units", "[server][dispatch]") {
    Harness h;
    const Location us{"94107", "us"};
    CHECK(h.ask("/api/v2/weather?postalcode=94107&units=metric").body ==
          to_v2_json(test::sample_weather(us), Units::metric).dump());
    CHECK(h.ask("/api/v2/weather?postalcode=94107").body ==
          to_v2_json(test::sample_weather(us), Units::imperial).dump());
    CHECK(h.reply.x_cache == "HIT");  // units are applied on the way out
    CHECK(h.provider.calls() == 1);
    CHECK(h.ask("/api/v2/weather?postalcode=94107&units=kelvin").status == 400);
}

TEST_CASE("a GET target asked again is answered as the first time, its place and units remembered",
          "[server][dispatch]") {
    Harness h;
    const Location sf{"94107", "us"}, ny{"10001", "us"};
    const std::string metric = "/api/v2/weather?postalcode=94107&units=metric";
    const auto first = h.ask(metric).body;
    CHECK(first == to_v2_json(test::sample_weather(sf), Units::metric).dump());
    for (int i = 0; i < 3; ++i) {
        CHECK(h.ask(metric).body == first);
        CHECK(h.reply.status == 200);
        CHECK(h.reply.x_cache == "HIT");
        CHECK(h.reply.route == static_cast<std::size_t>(RouteId::weather_v2));
    }
    // Another target is its own question: another place, other units, v1, HEAD and POST.
    CHECK(h.ask("/api/v2/weather?postalcode=10001&units=metric").body ==
          to_v2_json(test::sample_weather(ny), Units::metric).dump());
    CHECK(h.ask("/api/v2/weather?postalcode=94107").body ==
          to_v2_json(test::sample_weather(sf), Units::imperial).dump());
    CHECK(h.ask("/api/v1/weather?postalcode=94107").body == to_v1_json(test::sample_weather(sf)).dump());
    CHECK(h.ask(metric, "HEAD").status == 200);
    CHECK(h.ask(metric, "POST").status == 405);
    CHECK(h.ask(metric).body == first);
    // A target that failed to resolve stays an error each time.
    CHECK(h.ask("/api/v2/weather?postalcode=94107&units=kelvin").status == 400);
    CHECK(h.ask("/api/v2/weather?postalcode=94107&units=kelvin").status == 400);
    CHECK(h.provider.calls() == 2);
    // A forecast target is remembered as a forecast question, its window as asked.
    h.dispatcher.set_clock([] { return test::k_sample_forecast_start + 600; });
    const std::string days = "/api/v2/forecast?postalcode=94107&units=metric&days=2&hours=3";
    const auto forecast = h.ask(days).body;
    CHECK(h.ask(days).body == forecast);
    CHECK(h.reply.route == static_cast<std::size_t>(RouteId::forecast_v2));
    CHECK(nlohmann::json::parse(forecast)["hourly"].size() == 3);
    CHECK(nlohmann::json::parse(h.ask("/api/v2/forecast?postalcode=94107&days=2&hours=4").body)["hourly"]
              .size() == 4);
    CHECK(h.ask(metric).body == first);
}

TEST_CASE("the memo keeps a document per served weather format and units, rendered once an entry",
          "[server][dispatch]") {
    Harness h;
    const auto w = test::sample_weather({"94107", "us"});
    std::set<const Document*> documents;
    for (auto units : {Units::standard, Units::metric, Units::imperial}) {
        auto& r = h.ask("/api/v2/weather?postalcode=94107&units=" + std::string(to_string(units)));
        CHECK(r.body == to_v2_json(w, units).dump());
        CHECK(r.content_type == format_info(OutputFormat::v2_json).media_type);
        documents.insert(r.document);
    }
    auto& v1 = h.ask("/api/v1/weather?postalcode=94107");
    CHECK(v1.body == to_v1_json(w).dump());
    CHECK(v1.content_type == format_info(OutputFormat::v1_json).media_type);
    const Document* v1_document = v1.document;
    documents.insert(v1_document);
    CHECK(documents.size() == memo_slots());  // one entry: each (format, units) its own document
    CHECK(h.provider.calls() == 1);
    // Asked again, the same document answers: kept, not rendered anew.
    CHECK(h.ask("/api/v1/weather?postalcode=94107").document == v1_document);
    CHECK(documents.count(h.ask("/api/v2/weather?postalcode=94107&units=metric").document) == 1);
}

TEST_CASE("the documents answered last are taken again only for the same entry and language",
          "[server][dispatch]") {
    auto now = cache::Clock::now();
    cache::MemoryCacheOptions cache_options;
    cache_options.now = [&now] { return now; };
    Harness h(cache_options);
    const std::string sf = "/api/v2/weather?postalcode=94107&units=metric";
    const std::string english(h.ask(sf).body);
    const Document* document = h.reply.document;
    CHECK(h.ask(sf).document == document);
    const std::string french(h.ask(sf + "&lang=fr").body);
    CHECK(french != english);
    CHECK(h.ask(sf).body == english);
    CHECK(h.ask(sf + "&lang=fr").body == french);
    CHECK(h.ask("/api/v2/weather?postalcode=10001&units=metric").body != english);
    CHECK(h.ask(sf).body == english);
    CHECK(h.reply.document == document);
    CHECK(h.provider.calls() == 2);
    // A newer entry for the place has documents of its own.
    now += std::chrono::seconds(301);
    CHECK(h.ask(sf).x_cache == "MISS");
    CHECK(h.reply.document != document);
    CHECK(h.reply.body == english);
    CHECK(h.provider.calls() == 3);
}

TEST_CASE("the forecast window answered last is taken again only for the same span, units and language",
          "[server][dispatch][forecast]") {
    Harness h;
    std::int64_t clock = test::k_sample_forecast_start + 600;
    h.dispatcher.set_clock([&clock] { return clock; });
    const std::string two_days = "/api/v2/forecast?postalcode=94107&units=metric&days=2&hours=3";
    const std::string first(h.ask(two_days).body);
    const Document* document = h.reply.document;
    CHECK(h.ask(two_days).document == document);
    CHECK(nlohmann::json::parse(std::string(h.ask(two_days + "&lang=fr").body)) !=
          nlohmann::json::parse(first));
    CHECK(nlohmann::json::parse(std::string(
              h.ask("/api/v2/forecast?postalcode=94107&units=metric&days=2&hours=4").body))["hourly"]
              .size() == 4);
    CHECK(h.ask("/api/v2/forecast?postalcode=94107&units=imperial&days=2&hours=3").body != first);
    CHECK(h.ask(two_days).body == first);
    CHECK(h.reply.document == document);
    // The window moves on with the clock: a day later it is cut anew.
    clock += 86400;
    CHECK(h.ask(two_days).document != document);
    CHECK(h.reply.body != first);
}

TEST_CASE("a stale v2 answer carries the stale flag and a header", "[server][dispatch]") {
    // TTL 0: every request goes upstream, and an expired entry may answer when it fails.
    Harness stale_h({std::chrono::seconds(0), std::chrono::seconds(3600)});
    const Location place{"19021", "us"};
    auto& r = ask_when_stale(stale_h, "/api/v2/weather?units=metric");
    CHECK(r.max_age == 0);
    // Its age, as the CLI's --json says it: the seconds the Age header says.
    CHECK(r.body == to_v2_json(test::sample_weather(place), Units::metric, r.age).dump());
    CHECK(nlohmann::json::parse(r.body).at("age_s") == r.age);
}

TEST_CASE("weather errors become JSON errors with a fitting status", "[server][dispatch]") {
    Harness h;
    CHECK(h.ask("/api/v1/weather?postalcode=").status == 400);
    CHECK(error_code(h.reply) == "invalid_input");
    CHECK(h.ask("/api/v1/weather?postalcode=%zz").status == 400);
    CHECK(h.provider.calls() == 0);  // invalid input never reaches the upstream

    check_not_found_is_cached(h, "/api/v1/weather?postalcode=00000");
    // Before the rate limit below, which would answer this place 503 too.
    h.provider.fail_with({ErrorKind::timeout, "too slow"});
    CHECK(h.ask("/api/v1/weather?postalcode=10002").status == 504);
    check_bad_response_and_rate_limit(h, "/api/v1/weather?postalcode=");
    const int calls = h.provider.calls();
    CHECK(h.ask("/api/v1/weather?postalcode=10002").status == 503);  // backing off: every key
    CHECK(h.reply.retry_after > 0);
    CHECK(h.reply.retry_after <= 30);
    CHECK(h.provider.calls() == calls);
}

TEST_CASE("without a provider the weather routes answer 503 no_api_key", "[server][dispatch]") {
    Harness h;
    h.state.service = nullptr;
    CHECK(h.ask("/api/v1/weather").status == 503);
    CHECK(error_code(h.reply) == "no_api_key");
    CHECK(h.ask("/healthz").status == 200);
    CHECK(nlohmann::json::parse(h.reply.body) == nlohmann::json{{"status", "ok"}});
    h.state.service = h.service.get();
    CHECK(h.ask("/healthz").status == 200);
    auto health = nlohmann::json::parse(h.reply.body);
    CHECK(health["status"] == "ok");
    CHECK(health["cache"]["backend"] == "memory");
    CHECK_FALSE(health["cache"].contains("redis"));
}

TEST_CASE("unknown routes are 404, other methods 405 with Allow, and the page is HTML",
          "[server][dispatch]") {
    Harness h;
    // One segment is wttr.in's /{place} (issue 28); two, or anything under /api, is no route.
    CHECK(h.ask("/no/thing").status == 404);
    CHECK(error_code(h.reply) == "unknown_route");
    CHECK(h.ask("/api/nothing").status == 404);
    CHECK(error_code(h.reply) == "unknown_route");
    CHECK(h.ask("/api/v1/weather", "DELETE").status == 405);
    CHECK(h.reply.allow == "GET, HEAD");
    CHECK(h.ask("/", "HEAD").status == 200);
    CHECK(h.reply.content_type.find("text/html") == 0);
    CHECK(h.reply.body.find("<form") != std::string_view::npos);
    CHECK(h.ask("/metrics").body.find("tenki_http_requests_total") != std::string_view::npos);
}

TEST_CASE("a session that waits for the upstream is let go on its serving thread, never the upstream's",
          "[server][dispatch]") {
    // The serving thread is this one; upstream calls run on the service's own thread. Each post
    // waits until this thread has run the work, so the upstream thread's callback is still alive
    // after the answer is written: if it held the session, it would let go of it last, there.
    ServiceOptions threaded;
    threaded.upstream_threads = 1;
    test::FakeProvider provider;
    auto service =
        std::make_unique<WeatherService>(threaded, std::make_unique<test::BorrowedProvider>(provider));
    ApiOptions options;
    Metrics metrics{1};
    ApiState state{options, service.get(), metrics};
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::function<void()>> queue;
    bool ran = false;
    Dispatcher dispatcher{state, 0, [&](std::function<void()> work) {
                              std::unique_lock lock(mutex);
                              queue.push_back(std::move(work));
                              changed.notify_all();
                              changed.wait(lock, [&] { return ran; });
                          }};

    std::thread::id released_on;
    bool resumed = false;
    Reply reply;
    {
        const Resume resume{
            std::shared_ptr<void>(&resumed, [&](void*) { released_on = std::this_thread::get_id(); }),
            [](void* flag) { *static_cast<bool*>(flag) = true; }};
        REQUIRE(dispatcher.handle("GET", "/api/v2/weather?postalcode=94107", "127.0.0.1", reply, resume) ==
                Answered::later);
    }
    std::function<void()> work;
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty(); });
        work = std::move(queue.front());
        queue.pop_front();
    }
    work();
    work = nullptr;
    {
        std::lock_guard lock(mutex);
        ran = true;
    }
    changed.notify_all();
    service->wait_idle();
    CHECK(resumed);
    CHECK(reply.status == 200);
    CHECK(released_on == std::this_thread::get_id());
}

TEST_CASE("days and hours are whole numbers in range, else invalid_input naming the parameter",
          "[server][dispatch][forecast]") {
    auto span = parse_forecast_span(std::nullopt, std::nullopt);
    REQUIRE(span);
    CHECK(span->days == 7);
    CHECK(span->hours == 24);
    span = parse_forecast_span("1", "0");
    REQUIRE(span);
    CHECK(span->days == 1);
    CHECK(span->hours == 0);
    span = parse_forecast_span("16", "48");
    REQUIRE(span);
    CHECK(span->days == 16);
    CHECK(span->hours == 48);
    CHECK(parse_forecast_span("007", std::nullopt)->days == 7);

    for (std::string_view bad : {"0", "17", "-1", "+3", " 3", "3 ", "3x", "abc", "", "2.5", "99999999999"}) {
        INFO("days=" << bad);
        auto refused = parse_forecast_span(bad, std::nullopt);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == ErrorKind::invalid_input);
        CHECK(refused.error().message.find("days must be a whole number from 1 to 16") == 0);
    }
    for (std::string_view bad : {"-1", "49", "1e1", "24h"}) {
        INFO("hours=" << bad);
        auto refused = parse_forecast_span(std::nullopt, bad);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.find("hours must be a whole number from 0 to 48") == 0);
    }
    // What is echoed is cut short.
    const auto message = parse_forecast_span(std::string(200, '9'), std::nullopt).error().message;
    CHECK(message.size() < 80);
}

TEST_CASE("a forecast window lasts until its first step is over or the local date turns",
          "[server][dispatch][forecast]") {
    auto f = test::sample_forecast(Location{"94107", "us"});
    const std::int64_t now = test::k_sample_forecast_start + 600;  // 22:10 UTC, the 22:00 step under way
    // The step at 22:00 is under way until 23:00, when the window moves on to the next one.
    CHECK(forecast_window_until(forecast_window(f, now, 7, 24), now) == test::k_sample_forecast_start + 3600);
    // Without steps: the next midnight at the place, UTC here, then 08:00 UTC for UTC-08:00.
    const std::int64_t midnight = test::k_sample_forecast_start + 2 * 3600;
    CHECK(forecast_window_until(forecast_window(f, now, 7, 0), now) == midnight);
    f.timezone_offset = -8 * 3600;
    CHECK(forecast_window_until(forecast_window(f, now, 7, 0), now) == midnight + 8 * 3600);
    f.timezone_offset = 5 * 3600 + 45 * 60;  // 03:55 local, next midnight 18:15 UTC
    CHECK(forecast_window_until(forecast_window(f, now, 7, 0), now) ==
          midnight + 24 * 3600 - 5 * 3600 - 45 * 60);
}

namespace {

// The document the route should answer at `now`, made the way `tenki forecast --json` makes it.
std::string expected_forecast(const Location& place, std::int64_t now, int days, int hours, Units units,
                              std::optional<std::int64_t> stale_age_s = std::nullopt) {
    return to_forecast_json(forecast_window(test::sample_forecast(place), now, days, hours), units,
                            stale_age_s)
        .dump();
}

}  // namespace

TEST_CASE("the forecast route answers tenki forecast --json's document for the window asked",
          "[server][dispatch][forecast]") {
    Harness h;
    std::int64_t now = test::k_sample_forecast_start + 600;
    h.dispatcher.set_clock([&now] { return now; });
    const Location us{"94107", "us"};

    auto& miss = h.ask("/api/v2/forecast?postalcode=94107&units=metric&days=3&hours=5");
    CHECK(miss.status == 200);
    CHECK(miss.x_cache == "MISS");
    CHECK(miss.max_age == 300);
    CHECK(miss.body == expected_forecast(us, now, 3, 5, Units::metric));
    const auto doc = nlohmann::json::parse(miss.body);
    CHECK(doc["daily"].size() == 3);
    CHECK(doc["hourly"].size() == 5);

    // Defaults: 7 days, 24 hours, the place's usual units; one cache entry serves every window.
    CHECK(h.ask("/api/v2/forecast?postalcode=94107").body ==
          expected_forecast(us, now, 7, 24, Units::imperial));
    CHECK(h.reply.x_cache == "HIT");
    CHECK(h.ask("/api/v2/forecast?postalcode=94107&days=16&hours=48&units=standard").body ==
          expected_forecast(us, now, 16, 48, Units::standard));
    CHECK(nlohmann::json::parse(h.reply.body)["daily"].size() == test::k_sample_forecast_days);
    CHECK(h.provider.calls() == 1);

    // The same question again is the memoised bytes; an hour later the window has moved on.
    const auto* bytes = h.ask("/api/v2/forecast?postalcode=94107&days=3&hours=5").body.data();
    CHECK(h.ask("/api/v2/forecast?postalcode=94107&days=3&hours=5").body.data() == bytes);
    now += 3600;
    CHECK(h.ask("/api/v2/forecast?postalcode=94107&days=3&hours=5").body ==
          expected_forecast(us, now, 3, 5, Units::imperial));
    CHECK(h.reply.body != expected_forecast(us, now - 3600, 3, 5, Units::imperial));
    // Past the place's midnight, today's row is the next date's.
    now += 2 * 3600;
    CHECK(nlohmann::json::parse(
              h.ask("/api/v2/forecast?postalcode=94107&days=3&hours=5").body)["daily"][0]["date"] ==
          "2023-11-15");

    CHECK(h.ask("/api/v2/forecast?postalcode=94107", "HEAD").status == 200);
    CHECK(h.ask("/api/v2/forecast?postalcode=94107", "POST").status == 405);
    CHECK(h.reply.allow == "GET, HEAD");

    // The forecast's cache counts apart from the current weather's.
    const auto metrics = std::string(h.ask("/metrics").body);
    CHECK(test::prometheus_value(metrics, "tenki_cache_misses_total{kind=\"forecast\"}") == 1);
    CHECK(test::prometheus_value(metrics, "tenki_cache_hits_total{kind=\"forecast\"}") == 7);
    CHECK(test::prometheus_value(metrics, "tenki_cache_hits_total") == 0);
    CHECK(test::prometheus_value(metrics, "tenki_cache_entries{kind=\"forecast\"}") == 1);
}

TEST_CASE("forecast errors are the weather routes' errors", "[server][dispatch][forecast]") {
    Harness h;
    for (std::string_view bad : {"days=0", "days=17", "days=3x", "days=", "hours=49", "hours=-1",
                                 "units=kelvin", "postalcode=not*a*code"}) {
        INFO(bad);
        CHECK(h.ask("/api/v2/forecast?" + std::string(bad) + "&postalcode=94107").status == 400);
        CHECK(error_code(h.reply) == "invalid_input");
    }
    CHECK(nlohmann::json::parse(h.ask("/api/v2/forecast?days=99").body)["error"]["message"] ==
          "days must be a whole number from 1 to 16, not '99'");
    CHECK(h.provider.calls() == 0);  // invalid input never reaches the upstream

    check_not_found_is_cached(h, "/api/v2/forecast?postalcode=60601");
    check_bad_response_and_rate_limit(h, "/api/v2/forecast?postalcode=");

    h.state.service = nullptr;
    CHECK(h.ask("/api/v2/forecast?postalcode=94107").status == 503);
    CHECK(error_code(h.reply) == "no_api_key");
}

TEST_CASE("a stale forecast carries the stale flag and a header", "[server][dispatch][forecast]") {
    Harness h({std::chrono::seconds(0), std::chrono::seconds(3600)});
    const std::int64_t now = test::k_sample_forecast_start + 600;
    h.dispatcher.set_clock([now] { return now; });
    auto& r = ask_when_stale(h, "/api/v2/forecast?postalcode=19021&units=metric&days=2");
    CHECK(r.body == expected_forecast(Location{"19021", "us"}, now, 2, 24, Units::metric, r.age));
    CHECK(nlohmann::json::parse(r.body).at("age_s") == r.age);
}

TEST_CASE("a strong ETag is FNV-1a 64 of the bytes, the same in every instance", "[server]") {
    // The published FNV-1a 64 values of "" (the offset basis) and "a".
    CHECK(tenki::server::strong_etag("") == "\"cbf29ce484222325\"");
    CHECK(tenki::server::strong_etag("a") == "\"af63dc4c8601ec8c\"");
    CHECK(tenki::server::strong_etag("{\"temp\":280}") != tenki::server::strong_etag("{\"temp\":281}"));
}

TEST_CASE("a cached answer is compressed once and kept beside it for every request after",
          "[server][dispatch][coding]") {
    Harness h;
    const Location us{"94107", "us"};
    const auto target = "/api/v2/weather?postalcode=94107&units=metric";
    const auto identity = to_v2_json(test::sample_weather(us), Units::metric).dump();
    h.ask(target);
    REQUIRE(h.reply.document != nullptr);
    CHECK(h.reply.vary_encoding);
    const std::string identity_etag(h.reply.etag);
    choose_coding(h.reply, ContentCoding::gzip);
    CHECK(h.reply.coding == ContentCoding::gzip);
    CHECK(tenki::test::gunzip(h.reply.body) == identity);
    CHECK(h.reply.etag == identity_etag.substr(0, identity_etag.size() - 1) + "-gzip\"");
    const auto* document = h.reply.document;

    h.ask(target);
    choose_coding(h.reply, ContentCoding::gzip);
    CHECK(h.reply.x_cache == "HIT");
    CHECK(h.reply.document == document);
    CHECK(document->compressions() == 1);

    h.ask(target);
    choose_coding(h.reply, ContentCoding::identity);
    CHECK(h.reply.coding == ContentCoding::identity);
    CHECK(h.reply.body == identity);
    CHECK(h.reply.etag == identity_etag);

    // An error has no document: never compressed, and not said to vary.
    h.ask("/api/v2/weather?postalcode=abc");
    choose_coding(h.reply, ContentCoding::br);
    CHECK(h.reply.status == 400);
    CHECK(h.reply.coding == ContentCoding::identity);
    CHECK_FALSE(h.reply.vary_encoding);
}
