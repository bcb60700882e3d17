#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/dispatch.hpp"
#include "support/fake_provider.hpp"
#include "tenki/format.hpp"

using namespace tenki;
using namespace tenki::server;

namespace {

ServiceOptions service_options(cache::MemoryCacheOptions cache_options) {
    ServiceOptions o;
    o.current = std::move(cache_options);
    return o;
}

// A dispatcher over the service (in-process cache, a fake provider), answering misses inline.
struct Harness {
    explicit Harness(cache::MemoryCacheOptions cache_options = {})
        : service(std::make_unique<WeatherService>(service_options(std::move(cache_options)),
                                                   std::make_unique<test::BorrowedProvider>(provider))) {}

    ServerOptions options;
    test::FakeProvider provider;
    Metrics metrics{1};
    std::unique_ptr<WeatherService> service;
    ServerState state{options, service.get(), metrics};
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
          to_v2_json(test::sample_weather(us), Units::metric, false).dump());
    CHECK(h.ask("/api/v2/weather?postalcode=94107").body ==
          to_v2_json(test::sample_weather(us), Units::imperial, false).dump());
    CHECK(h.reply.x_cache == "HIT");  // units are applied on the way out
    CHECK(h.provider.calls() == 1);
    CHECK(h.ask("/api/v2/weather?postalcode=94107&units=kelvin").status == 400);
}

TEST_CASE("a stale v2 answer carries the stale flag and a header", "[server][dispatch]") {
    // TTL 0: every request goes upstream, and an expired entry may answer when it fails.
    Harness stale_h({std::chrono::seconds(0), std::chrono::seconds(3600)});
    const Location place{"19021", "us"};
    CHECK(stale_h.ask("/api/v2/weather?units=metric").x_cache == "MISS");
    stale_h.provider.fail_with({ErrorKind::unreachable, "connection refused"});
    auto& r = stale_h.ask("/api/v2/weather?units=metric");
    CHECK(r.status == 200);
    CHECK(r.x_cache == "STALE");
    CHECK(r.stale);
    CHECK(r.max_age == 0);
    CHECK(r.body == to_v2_json(test::sample_weather(place), Units::metric, true).dump());
}

TEST_CASE("weather errors become JSON errors with a fitting status", "[server][dispatch]") {
    Harness h;
    CHECK(h.ask("/api/v1/weather?postalcode=").status == 400);
    CHECK(error_code(h.reply) == "invalid_input");
    CHECK(h.ask("/api/v1/weather?postalcode=%zz").status == 400);
    CHECK(h.provider.calls() == 0);  // invalid input never reaches the upstream

    h.provider.fail_with({ErrorKind::not_found, "city not found"});
    CHECK(h.ask("/api/v1/weather?postalcode=00000").status == 404);
    CHECK(error_code(h.reply) == "not_found");
    CHECK(h.ask("/api/v1/weather?postalcode=00000").x_cache == "HIT");
    CHECK(h.reply.max_age > 0);

    h.provider.fail_with({ErrorKind::timeout, "too slow"});
    CHECK(h.ask("/api/v1/weather?postalcode=10002").status == 504);
    h.provider.fail_with({ErrorKind::bad_response, "garbage"});
    CHECK(h.ask("/api/v1/weather?postalcode=10003").status == 502);
    h.provider.fail_with({ErrorKind::rate_limited, "slow down", 30});
    CHECK(h.ask("/api/v1/weather?postalcode=10001").status == 503);
    CHECK(h.reply.retry_after == 30);
    CHECK(error_code(h.reply) == "rate_limited");
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
    CHECK(h.ask("/nothing").status == 404);
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
    ServerOptions options;
    Metrics metrics{1};
    ServerState state{options, service.get(), metrics};
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
