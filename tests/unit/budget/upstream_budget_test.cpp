#include <catch2/catch.hpp>

#include "tenki/budget/upstream_budget.hpp"

using namespace tenki;
using namespace std::chrono_literals;

namespace {

// A budget on a clock the test moves by hand.
struct Clocked {
    explicit Clocked(RateLimit global, RateLimit per_client, std::size_t max_clients = 100000)
        : budget(make_local_budget({global, per_client, max_clients, [this] { return now; }})) {}
    std::unique_ptr<UpstreamBudget> budget;
    std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
};

}  // namespace

TEST_CASE("parse_rate_limit reads calls per time and reads back what to_string writes", "[budget]") {
    CHECK(parse_rate_limit("60/min") == RateLimit{60, 60s});
    CHECK(parse_rate_limit("600/m") == RateLimit{600, 60s});
    CHECK(parse_rate_limit("10/s") == RateLimit{10, 1s});
    CHECK(parse_rate_limit("1000/h") == RateLimit{1000, 3600s});
    CHECK(parse_rate_limit("5/30s") == RateLimit{5, 30s});
    CHECK(parse_rate_limit("off")->calls == 0);
    CHECK(parse_rate_limit("0")->calls == 0);
    for (auto text : {"60/min", "5/30s", "10/s", "1000/h", "off"})
        CHECK(to_string(*parse_rate_limit(text)) == text);
    for (auto text : {"", "60", "/min", "0/min", "-1/min", "60/fortnight", "60/0s", "x/min", "60/min "}) {
        INFO(text);
        auto parsed = parse_rate_limit(text);
        if (std::string_view(text) == "60/min ") {
            CHECK(parsed);  // surrounding blanks are trimmed
            continue;
        }
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
    }
}

TEST_CASE("the published limits: OpenWeatherMap's free tier 60/min, Open-Meteo's fair use 600/min",
          "[budget]") {
    CHECK(published_rate_limit("owm") == RateLimit{60, 60s});
    CHECK(published_rate_limit("open-meteo") == RateLimit{600, 60s});
    // As the providers name themselves (Provider::name()), and in any case.
    CHECK(published_rate_limit("openweathermap") == RateLimit{60, 60s});
    CHECK(published_rate_limit("Open-Meteo") == RateLimit{600, 60s});
    CHECK(default_client_limit(RateLimit{60, 60s}).calls < 60);
    CHECK(default_client_limit(RateLimit{600, 60s}).calls < 600);
    CHECK(default_client_limit(RateLimit{1, 60s}).calls == 1);
}

TEST_CASE("the global budget refuses the call past the limit until the oldest leaves the window",
          "[budget]") {
    Clocked c({3, 60s}, {0, 60s});
    for (int i = 0; i < 3; ++i) {
        CHECK(c.budget->decide("owm", "10.0.0." + std::to_string(i)));
        c.now += 10s;
    }
    auto refused = c.budget->decide("owm", "10.0.0.9");
    REQUIRE_FALSE(refused);
    CHECK(refused.refused == BudgetRefusal::global);
    CHECK(refused.retry_after == 30s);  // the first call, at 0 s, leaves at 60 s; now is 30 s
    c.now += 29s;
    CHECK_FALSE(c.budget->decide("owm", "10.0.0.9"));
    c.now += 1s;
    CHECK(c.budget->decide("owm", "10.0.0.9"));
    // Each provider has its own budget.
    CHECK(c.budget->decide("open-meteo", "10.0.0.9"));
}

TEST_CASE("a sliding window: a burst at the turn of a window makes no more than the limit", "[budget]") {
    Clocked c({2, 60s}, {0, 60s});
    c.now += 59s;
    CHECK(c.budget->decide("owm", "a"));
    CHECK(c.budget->decide("owm", "a"));
    c.now += 2s;  // a fixed window would have started a new minute here
    CHECK_FALSE(c.budget->decide("owm", "a"));
}

TEST_CASE("a client over its share gets 429's refusal while others still call", "[budget]") {
    Clocked c({10, 60s}, {2, 60s});
    CHECK(c.budget->decide("owm", "198.51.100.1"));
    CHECK(c.budget->decide("owm", "198.51.100.1"));
    auto refused = c.budget->decide("owm", "198.51.100.1");
    CHECK(refused.refused == BudgetRefusal::client);
    CHECK(refused.retry_after == 60s);
    CHECK(c.budget->decide("owm", "198.51.100.2"));
}

TEST_CASE("a refused call is counted in neither budget", "[budget]") {
    Clocked c({3, 60s}, {1, 60s});
    CHECK(c.budget->decide("owm", "a"));
    for (int i = 0; i < 10; ++i) CHECK(c.budget->decide("owm", "a").refused == BudgetRefusal::client);
    // The client's refusals spent nothing of the global budget: two more clients still call.
    CHECK(c.budget->decide("owm", "b"));
    CHECK(c.budget->decide("owm", "c"));
    // Over the global budget, the client's own share is not spent either.
    CHECK(c.budget->decide("owm", "d").refused == BudgetRefusal::global);
    c.now += 60s;
    CHECK(c.budget->decide("owm", "d"));
}

TEST_CASE("the clients remembered are bounded, and forgetting one never lets it exceed its share",
          "[budget]") {
    Clocked c({0, 60s}, {1, 60s}, 2);
    CHECK(c.budget->decide("owm", "a"));
    c.now += 1s;
    CHECK(c.budget->decide("owm", "b"));
    c.now += 61s;  // both idle now: forgetting them changes nothing
    CHECK(c.budget->decide("owm", "c"));
    CHECK(c.budget->decide("owm", "d"));
    CHECK(c.budget->decide("owm", "c").refused == BudgetRefusal::client);
}

TEST_CASE("no limit at all: every call is allowed", "[budget]") {
    Clocked c({0, 60s}, {0, 60s});
    for (int i = 0; i < 1000; ++i) REQUIRE(c.budget->decide("owm", "a"));
}

TEST_CASE("a provider's 429 holds every call to it for its Retry-After, then calls go ahead", "[budget]") {
    Clocked c({0, 60s}, {0, 60s});
    c.budget->provider_refused("owm", 30);
    auto held = c.budget->decide("owm", "a");
    CHECK(held.refused == BudgetRefusal::global);
    CHECK(held.retry_after == 30s);
    CHECK(c.budget->decide("open-meteo", "a"));  // another provider is not held
    c.now += 10s;
    CHECK(c.budget->decide("owm", "b").retry_after == 20s);
    c.budget->provider_refused("owm", 5);  // a shorter hold never shortens the one in force
    CHECK(c.budget->decide("owm", "b").retry_after == 20s);
    c.now += 20s;
    CHECK(c.budget->decide("owm", "b"));
}

TEST_CASE("a 429 without Retry-After holds for a minute; a huge one for an hour at most", "[budget]") {
    CHECK(provider_hold(std::nullopt) == 60s);
    CHECK(provider_hold(1'000'000) == 3600s);
    CHECK(provider_hold(0) == 1s);
    CHECK(provider_hold(7) == 7s);
    Clocked c({0, 60s}, {0, 60s});
    c.budget->provider_refused("owm", std::nullopt);
    CHECK(c.budget->decide("owm", "a").retry_after == 60s);
}

TEST_CASE("a refusal's error says whose budget is spent and the wait", "[budget]") {
    auto client = refusal_error({BudgetRefusal::client, 42s});
    CHECK(client.kind == ErrorKind::too_many_requests);
    CHECK(client.message.find("this client") != std::string::npos);
    CHECK(client.retry_after == 42);
    CHECK(client.message.find("42 s") != std::string::npos);
    auto global = refusal_error({BudgetRefusal::global, 7s});
    CHECK(global.kind == ErrorKind::rate_limited);
    CHECK(global.retry_after == 7);
    CHECK(global.message.find("7 s") != std::string::npos);
}

TEST_CASE("a call no client asked for (refresh ahead) is counted in the provider's budget only", "[budget]") {
    Clocked c({3, 60s}, {1, 60s});
    CHECK(c.budget->decide("owm", ""));
    CHECK(c.budget->decide("owm", ""));
    // No client's share was spent by them...
    CHECK(c.budget->decide("owm", "10.0.0.1"));
    // ...but the provider's was: three calls in the window.
    auto refused = c.budget->decide("owm", "");
    REQUIRE_FALSE(refused);
    CHECK(refused.refused == BudgetRefusal::global);
}

TEST_CASE("the reserve is a third of the global budget, when both budgets are on", "[budget]") {
    CHECK(budget_reserve({60, 60s}, {10, 60s}) == 20);
    CHECK(budget_reserve({12, 60s}, {2, 60s}) == 4);
    CHECK(budget_reserve({10, 60s}, {2, 60s}) == 4);  // rounded up: at least a third
    CHECK(budget_reserve({2, 60s}, {1, 60s}) == 1);
    CHECK(budget_reserve({1, 60s}, {1, 60s}) == 0);   // one call cannot be split
    CHECK(budget_reserve({60, 60s}, {0, 60s}) == 0);  // no client budget: no client is told apart
    CHECK(budget_reserve({0, 60s}, {10, 60s}) == 0);
}

TEST_CASE("six clients spending their shares leave a third of the global budget to new clients", "[budget]") {
    Clocked c({12, 60s}, {2, 60s});
    int allowed = 0;
    for (int client = 1; client <= 6; ++client)
        for (int call = 0; call < 2; ++call) {
            const auto decision = c.budget->decide("owm", "198.51.100." + std::to_string(client));
            allowed += static_cast<bool>(decision);
            if (!decision) CHECK(decision.refused == BudgetRefusal::client);  // it had its turn
        }
    CHECK(allowed == 10);  // 4 clients twice, 2 only their first call: the last 4 are the reserve's
    // A client's later call waits until the unreserved part has room: the oldest of it leaves.
    auto second = c.budget->decide("owm", "198.51.100.1");
    CHECK(second.refused == BudgetRefusal::client);  // its own share is spent too
    auto fifth_again = c.budget->decide("owm", "198.51.100.5");
    CHECK(fifth_again.refused == BudgetRefusal::client);
    CHECK(fifth_again.retry_after == 60s);
    CHECK(c.budget->decide("owm", "203.0.113.1"));  // a newcomer's first call
    CHECK(c.budget->decide("owm", "203.0.113.2"));
    CHECK(c.budget->decide("owm", "203.0.113.3").refused == BudgetRefusal::global);  // all 12 spent
    // A call no client asked for (refresh ahead) never takes the reserve.
    Clocked d({3, 60s}, {1, 60s});
    CHECK(d.budget->decide("owm", ""));
    CHECK(d.budget->decide("owm", ""));
    CHECK(d.budget->decide("owm", "").refused == BudgetRefusal::client);
    CHECK(d.budget->decide("owm", "a"));
}

TEST_CASE("an IPv6 client is counted by its /64", "[budget]") {
    CHECK(budget_client("2001:db8:1:2::7") == "2001:db8:1:2::/64");
    CHECK(budget_client("2001:db8:1:2:a:b:c:d") == "2001:db8:1:2::/64");
    CHECK(budget_client("2001:db8:1:3::1") == "2001:db8:1:3::/64");
    CHECK(budget_client("198.51.100.7") == "198.51.100.7");
    CHECK(budget_client("::ffff:198.51.100.7") == "198.51.100.7");
    CHECK(budget_client("not an address") == "not an address");
    Clocked c({60, 60s}, {2, 60s});
    CHECK(c.budget->decide("owm", "2001:db8:1:2::1"));
    CHECK(c.budget->decide("owm", "2001:db8:1:2:ffff::2"));
    CHECK(c.budget->decide("owm", "2001:db8:1:2::3").refused == BudgetRefusal::client);
    CHECK(c.budget->decide("owm", "2001:db8:1:3::1"));
}
