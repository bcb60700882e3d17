// The failover provider over fake providers: which failures fail over, the breaker skipping a
// failed provider and probing it again, places the fallback cannot answer, the counts and the
// events, and the breakers kept in a file between processes.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/fake_provider.hpp"
#include "support/temp_dir.hpp"
#include "tenki/providers/failover.hpp"

using tenki::BreakerState;
using tenki::Error;
using tenki::ErrorKind;
using tenki::FailoverEvent;
using tenki::FailoverOptions;
using tenki::FailoverStats;
using tenki::Location;
using tenki::Provider;
using tenki::test::FakeProvider;

namespace {

// A fake under a provider's name, its answers carrying it as their source; `keyless_places`: it
// answers only what Open-Meteo can (US ZIP codes and resolved places).
class FailoverFake final : public Provider {
public:
    FailoverFake(FakeProvider& inner, std::string name, bool us_only = false)
        : m_inner(inner), m_name(std::move(name)), m_us_only(us_only) {}
    tenki::Result<tenki::Weather> current(const Location& location) override {
        auto w = m_inner.current(location);
        if (w) w->source = m_name;
        return w;
    }
    tenki::Result<tenki::Forecast> forecast(const Location& location) override {
        auto f = m_inner.forecast(location);
        if (f) f->source = m_name;
        return f;
    }
    std::string_view name() const override { return m_name; }
    bool can_answer(const Location& location) const override {
        return !m_us_only || location.place || location.country == "us";
    }

private:
    FakeProvider& m_inner;
    std::string m_name;
    bool m_us_only;
};

struct FailoverRig {
    FakeProvider owm;
    FakeProvider meteo;
    std::int64_t now_ms = 1'700'000'000'000;
    std::vector<FailoverEvent> events;
    std::vector<std::string> openings;
    std::unique_ptr<Provider> provider;

    explicit FailoverRig(std::optional<std::filesystem::path> state_file = std::nullopt,
                         std::vector<std::string> upstreams = {}) {
        std::vector<std::unique_ptr<Provider>> chain;
        chain.push_back(std::make_unique<FailoverFake>(owm, "openweathermap"));
        chain.push_back(std::make_unique<FailoverFake>(meteo, "open-meteo", true));
        FailoverOptions options;
        options.clock = [this] { return now_ms; };
        options.on_failover = [this](const FailoverEvent& e) { events.push_back(e); };
        options.on_open = [this](std::string_view name, const Error&, std::chrono::milliseconds,
                                 std::string_view next) {
            openings.push_back(std::string(name) + ">" + std::string(next));
        };
        options.state_file = std::move(state_file);
        options.upstreams = std::move(upstreams);
        provider = tenki::make_failover_provider(std::move(chain), std::move(options));
    }

    FailoverStats stats() const {
        FailoverStats out;
        provider->failover_stats(out);
        return out;
    }
};

const Location k_failover_zip{"94107", "us", std::nullopt};
const Location k_failover_uk{"SW1A 1AA", "gb", std::nullopt};

}  // namespace

TEST_CASE("failover: the first provider answers while it can", "[failover]") {
    FailoverRig rig;
    auto w = rig.provider->current(k_failover_zip);
    REQUIRE(w);
    CHECK(w->source == "openweathermap");
    CHECK(rig.meteo.calls() == 0);
    CHECK(rig.events.empty());
    CHECK(rig.provider->name() == "openweathermap");
    CHECK(rig.provider->gives("open-meteo"));
    CHECK_FALSE(rig.provider->gives("fake"));
}

TEST_CASE("failover: each failure that is not the caller's is answered by the next provider", "[failover]") {
    for (auto kind : {ErrorKind::bad_response, ErrorKind::timeout, ErrorKind::rate_limited,
                      ErrorKind::unreachable, ErrorKind::unauthorized}) {
        CAPTURE(tenki::to_string(kind));
        FailoverRig rig;
        rig.owm.fail_with(Error{kind, "owm failed"});
        auto w = rig.provider->current(k_failover_zip);
        REQUIRE(w);
        CHECK(w->source == "open-meteo");
        REQUIRE(rig.events.size() == 1);
        CHECK(rig.events.at(0).from == "openweathermap");
        CHECK(rig.events.at(0).to == "open-meteo");
        CHECK(rig.events.at(0).reason.kind == kind);
        CHECK_FALSE(rig.events.at(0).skipped);
        CHECK(rig.openings == std::vector<std::string>{"openweathermap>open-meteo"});
        const auto stats = rig.stats();
        REQUIRE(stats.failovers.size() == 1);
        CHECK(stats.failovers.at(0).reason == tenki::to_string(kind));
        CHECK(stats.failovers.at(0).count == 1);
        CHECK(stats.breakers.at(0).state == BreakerState::open);
        CHECK(stats.breakers.at(1).state == BreakerState::closed);
    }
}

TEST_CASE("failover: the caller's failures do not fail over", "[failover]") {
    for (auto kind : {ErrorKind::not_found, ErrorKind::invalid_input}) {
        FailoverRig rig;
        rig.owm.fail_with(Error{kind, "no such place"});
        auto w = rig.provider->current(k_failover_zip);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == kind);
        CHECK(rig.meteo.calls() == 0);
        CHECK(rig.stats().breakers.at(0).state == BreakerState::closed);
    }
}

TEST_CASE("failover: an open breaker skips the failed provider until its back-off has passed", "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(Error{ErrorKind::timeout, "slow"});
    REQUIRE(rig.provider->current(k_failover_zip));
    REQUIRE(rig.owm.calls() == 1);
    rig.owm.succeed();

    auto skipped = rig.provider->forecast(k_failover_zip);
    REQUIRE(skipped);
    CHECK(skipped->source == "open-meteo");
    CHECK(rig.owm.calls() == 1);
    REQUIRE(rig.events.size() == 2);
    CHECK(rig.events.at(1).skipped);
    CHECK(rig.events.at(1).reason.kind == ErrorKind::timeout);

    rig.now_ms += 30'000;  // the documented first back-off
    CHECK(rig.stats().breakers.at(0).state == BreakerState::half_open);
    auto probed = rig.provider->current(k_failover_zip);
    REQUIRE(probed);
    CHECK(probed->source == "openweathermap");
    CHECK(rig.owm.calls() == 2);
    CHECK(rig.stats().breakers.at(0).state == BreakerState::closed);
    const auto counts = rig.stats().failovers;
    REQUIRE(counts.size() == 2);
    CHECK(counts.at(0).reason == "circuit_open");
    CHECK(counts.at(1).reason == "timeout");
}

TEST_CASE("failover: a place the fallback cannot answer keeps the first provider's error", "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(Error{ErrorKind::bad_response, "OpenWeatherMap answered HTTP 500"});
    auto w = rig.provider->current(k_failover_uk);
    REQUIRE_FALSE(w);
    CHECK(w.error().kind == ErrorKind::bad_response);
    CHECK(w.error().message == "OpenWeatherMap answered HTTP 500");
    CHECK_FALSE(w.error().next_try);
    CHECK(rig.meteo.calls() == 0);
    // No provider after it for this place: its breaker notice names none to ask.
    CHECK(rig.openings == std::vector<std::string>{"openweathermap>"});
    // Opened by an answer (a 500 costs no wait) and no other provider for the place: asked after all.
    rig.owm.succeed();
    REQUIRE(rig.provider->current(k_failover_uk));
    CHECK(rig.owm.calls() == 2);
}

TEST_CASE("failover: a dead network's open breaker, with no other provider for the place, is not asked",
          "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(
        Error{ErrorKind::timeout, "OpenWeatherMap did not answer within 4.0 s: try again later"});
    REQUIRE_FALSE(rig.provider->current(k_failover_uk));
    rig.owm.succeed();
    auto held = rig.provider->current(k_failover_uk);
    REQUIRE_FALSE(held);
    CHECK(held.error().kind == ErrorKind::timeout);
    CHECK(held.error().next_try == (rig.now_ms + 30'000) / 1000);
    CHECK(held.error().message.starts_with("OpenWeatherMap did not answer within 4.0 s; next try at "));
    CHECK(rig.owm.calls() == 1);
    rig.now_ms += 30'000;  // the back-off has passed: the probe answers
    REQUIRE(rig.provider->current(k_failover_uk));
    CHECK(rig.owm.calls() == 2);
}

TEST_CASE(
    "failover: when the fallback fails too, the error names both; with every breaker open, none is "
    "asked and the error says when the next try is",
    "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(
        Error{ErrorKind::timeout, "OpenWeatherMap did not answer within 1.0 s: try again later"});
    rig.meteo.fail_with(Error{ErrorKind::timeout, "Open-Meteo did not answer within 1.0 s: try again later"});
    auto w = rig.provider->current(k_failover_zip);
    REQUIRE_FALSE(w);
    CHECK(w.error().kind == ErrorKind::timeout);
    CHECK(w.error().message ==
          "OpenWeatherMap did not answer within 1.0 s; Open-Meteo did not answer within 1.0 s: try again "
          "later");
    CHECK(rig.openings == std::vector<std::string>{"openweathermap>open-meteo", "open-meteo>"});

    rig.owm.succeed();
    rig.meteo.succeed();
    rig.now_ms += 10'000;
    auto held = rig.provider->current(k_failover_zip);
    REQUIRE_FALSE(held);
    CHECK(held.error().kind == ErrorKind::timeout);
    CHECK(held.error().next_try == (rig.now_ms + 20'000) / 1000);
    CHECK(held.error().message.starts_with(
        "OpenWeatherMap did not answer within 1.0 s; Open-Meteo did not answer within 1.0 s; next try at "));
    CHECK(rig.owm.calls() == 1);
    CHECK(rig.meteo.calls() == 1);

    rig.now_ms += 20'000;  // both half-open: the first probe answers
    auto again = rig.provider->current(k_failover_zip);
    REQUIRE(again);
    CHECK(again->source == "openweathermap");
    CHECK(rig.owm.calls() == 2);
    CHECK(rig.stats().breakers.at(0).state == BreakerState::closed);
}

TEST_CASE("failover: an open breaker is asked after all when the providers asked failed", "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(Error{ErrorKind::bad_response, "OpenWeatherMap answered HTTP 500"});
    REQUIRE(rig.provider->current(k_failover_zip));  // from Open-Meteo; OpenWeatherMap's breaker opens
    rig.owm.succeed();
    rig.meteo.fail_with(Error{ErrorKind::unreachable, "Open-Meteo is down"});
    auto w = rig.provider->current(k_failover_zip);
    REQUIRE(w);
    CHECK(w->source == "openweathermap");
    CHECK(rig.owm.calls() == 2);
    CHECK(rig.meteo.calls() == 2);
}

TEST_CASE("failover note names both providers and the reason", "[failover]") {
    FailoverRig rig;
    rig.owm.fail_with(Error{ErrorKind::timeout, "slow"});
    REQUIRE(rig.provider->current(k_failover_zip));
    const auto stats = rig.stats();
    CHECK(tenki::failover_note(stats, "open-meteo") == "from Open-Meteo: OpenWeatherMap failed (timeout)");
    CHECK_FALSE(tenki::failover_note(stats, "openweathermap"));
    CHECK_FALSE(tenki::failover_note(FailoverStats{}, "open-meteo"));
}

TEST_CASE("failover note claims no failure the first provider has not had", "[failover]") {
    FailoverRig rig;
    // An answer from Open-Meteo (a run pinned to it cached one) while OpenWeatherMap never failed.
    const auto stats = rig.stats();
    REQUIRE_FALSE(stats.breakers.empty());
    CHECK(tenki::failover_note(stats, "open-meteo") == "from Open-Meteo");
}

TEST_CASE("failover breakers persist in a private file between processes", "[failover]") {
    tenki::test::TempDir dir("tenki-failover");
    const auto file = dir.path() / "cache" / "breakers.json";
    {
        FailoverRig first(file);
        first.owm.fail_with(Error{ErrorKind::bad_response, "500"});
        REQUIRE(first.provider->current(k_failover_zip));
    }
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(file.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);

    FailoverRig second(file);
    auto w = second.provider->current(k_failover_zip);
    REQUIRE(w);
    CHECK(w->source == "open-meteo");
    CHECK(second.owm.calls() == 0);
    CHECK(tenki::failover_note(second.stats(), "open-meteo") ==
          "from Open-Meteo: OpenWeatherMap failed (bad_response)");
}

TEST_CASE("failover: a breaker kept between processes holds back only the URL it measured", "[failover]") {
    tenki::test::TempDir dir("tenki-failover");
    const auto file = dir.path() / "cache" / "breakers.json";
    const std::string meteo_url = "https://api.open-meteo.com";
    {
        FailoverRig wrong(file, {"http://127.0.0.1:9", meteo_url});
        wrong.owm.fail_with(Error{ErrorKind::unreachable, "cannot connect"});
        REQUIRE(wrong.provider->current(k_failover_zip));
        REQUIRE(wrong.owm.calls() == 1);
    }
    FailoverRig right(file, {"https://api.openweathermap.org", meteo_url});
    auto w = right.provider->current(k_failover_zip);
    REQUIRE(w);
    CHECK(w->source == "openweathermap");
    CHECK(right.owm.calls() == 1);

    FailoverRig wrong_again(file, {"http://127.0.0.1:9", meteo_url});
    REQUIRE(wrong_again.provider->current(k_failover_zip));
    CHECK(wrong_again.owm.calls() == 0);  // its own record still holds it back
}

TEST_CASE("failover: a breakers.json that is a FIFO or a link to /dev/zero is no state, read at once",
          "[failover]") {
    tenki::test::TempDir dir("tenki-failover");
    const auto file = dir.path() / "breakers.json";
    const std::string row = R"({"openweathermap": {"failures": 1, "open_until_ms": 1, "backoff_ms": 1, )"
                            R"("last_failure": null, "last_message": ")";
    dir.write("breakers.json", row + "500\"}}");
    REQUIRE(tenki::read_breaker_file(file).size() == 1);  // the folder is trusted: what follows is read
    std::filesystem::remove(file);
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);  // no writer: reading it whole would wait forever
    CHECK(tenki::read_breaker_file(file).empty());
    std::filesystem::remove(file);
    std::filesystem::create_symlink("/dev/zero", file);
    CHECK(tenki::read_breaker_file(file).empty());
    std::filesystem::remove(file);
    dir.write("breakers.json", row + std::string(64 * 1024, 'x') + "\"}}");
    CHECK(tenki::read_breaker_file(file).empty());  // over its 64 KiB bound
}
