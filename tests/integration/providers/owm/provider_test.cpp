#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "providers/owm/provider.hpp"
#include "providers/provider_setup.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "tenki/providers/table.hpp"
#include "tenki/version.hpp"

using namespace tenki;
using namespace std::chrono_literals;
using tenki::test::FakeOwm;
using tenki::test::Reply;

namespace {

const Location k_sf{"94107", "us"};

std::unique_ptr<Provider> owm_provider_for(const FakeOwm& fake,
                                           std::string key = std::string(FakeOwm::k_api_key)) {
    OwmConfig config;
    config.base_url = fake.base_url();
    config.api_key = std::move(key);
    // Room for 100 callers at once on a busy machine; the timeout tests set their own.
    config.connect_timeout = 5s;
    config.total_timeout = 10s;
    return make_owm_provider(std::move(config));
}

// The error of a failed call, checked never to carry the key.
Error owm_failure(const Result<Weather>& result, const std::string& key = std::string(FakeOwm::k_api_key)) {
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find(key) == std::string::npos);
    return result.error();
}

}  // namespace

TEST_CASE("the provider asks exactly the documented query and parses the answer", "[integration][owm]") {
    FakeOwm fake;
    auto provider = owm_provider_for(fake);
    CHECK(provider->name() == "openweathermap");
    auto weather = provider->current(k_sf);
    REQUIRE(weather);
    CHECK(weather->location == k_sf);
    CHECK(weather->place_name == "San Francisco");
    CHECK(weather->temp == Approx(288.71));
    CHECK(weather->condition.description == "few clouds");

    REQUIRE(fake.request_count() == 1);
    const auto sent = fake.requests().front();
    CHECK(sent.method == "GET");
    CHECK(sent.path == "/data/2.5/weather");
    CHECK(sent.query == std::map<std::string, std::string>{{"zip", "94107,us"}, {"appid", fake.api_key()}});
    CHECK(sent.header("user-agent") == "tenki/" + std::string(version()));
}

TEST_CASE("a UK postcode is asked by the outward code OpenWeatherMap knows", "[integration][owm]") {
    FakeOwm fake;
    auto weather = owm_provider_for(fake)->current({"SW1A 1AA", "gb"});
    REQUIRE(weather);
    CHECK(weather->place_name == "London");
    CHECK(weather->location == Location{"SW1A 1AA", "gb"});
    CHECK(weather->area == "SW1A");
    CHECK(fake.requests().front().query.at("zip") == "SW1A,gb");
}

TEST_CASE("upstream refusals map to error kinds", "[integration][owm]") {
    FakeOwm fake;
    CHECK(owm_failure(owm_provider_for(fake, "wrong-key")->current(k_sf), "wrong-key").kind ==
          ErrorKind::unauthorized);
    auto provider = owm_provider_for(fake);
    CHECK(owm_failure(provider->current({"99999", "us"})).kind == ErrorKind::not_found);

    fake.next(FakeOwm::rate_limited(30));
    auto limited = owm_failure(provider->current(k_sf));
    CHECK(limited.kind == ErrorKind::rate_limited);
    CHECK(limited.retry_after == 30);

    for (int status : {500, 502, 503}) {
        fake.next(FakeOwm::server_error(status));
        CHECK(owm_failure(provider->current(k_sf)).kind == ErrorKind::bad_response);
    }
    fake.next(FakeOwm::invalid_json());
    CHECK(owm_failure(provider->current(k_sf)).kind == ErrorKind::bad_response);
    fake.next(FakeOwm::huge_body(2 * 1024 * 1024));
    CHECK(owm_failure(provider->current(k_sf)).kind == ErrorKind::bad_response);
}

TEST_CASE("transport failures reach the caller as unreachable or timeout, fast", "[integration][owm]") {
    FakeOwm fake;
    OwmConfig config;
    config.base_url = fake.base_url();
    config.api_key = fake.api_key();
    config.total_timeout = 200ms;
    const auto start = std::chrono::steady_clock::now();

    fake.next(FakeOwm::server_error(200).with_delay(10s));
    CHECK(owm_failure(make_owm_provider(config)->current(k_sf)).kind == ErrorKind::timeout);
    // The faults that are not a timeout, with room to be told apart from one on a busy machine.
    config.total_timeout = 2s;
    auto provider = make_owm_provider(config);
    fake.next(Reply::close_without_answer());
    CHECK(owm_failure(provider->current(k_sf)).kind == ErrorKind::unreachable);
    fake.next(Reply::reset_mid_body(FakeOwm::place_json("94107,us")));
    CHECK(owm_failure(provider->current(k_sf)).kind == ErrorKind::unreachable);

    config.base_url = "http://127.0.0.1:" + std::to_string(tenki::test::free_port());
    CHECK(owm_failure(make_owm_provider(config)->current(k_sf)).kind == ErrorKind::unreachable);
    CHECK(std::chrono::steady_clock::now() - start < 5s);  // never the 10 s delay
}

TEST_CASE("one provider serves 100 concurrent callers", "[integration][owm]") {
    FakeOwm fake;
    auto provider = owm_provider_for(fake);
    std::vector<std::string> names(100);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < names.size(); ++i) {
        threads.emplace_back([&, i] {
            const Location where = i % 2 == 0 ? k_sf : Location{"10001", "us"};
            auto weather = provider->current(where);
            names[i] = weather ? weather->place_name : weather.error().message;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(std::count(names.begin(), names.end(), "San Francisco") == 50);
    CHECK(std::count(names.begin(), names.end(), "New York") == 50);
    CHECK(fake.request_count() == 100);
}

TEST_CASE("a URL that is not http names TENKI_OWM_URL", "[integration][owm]") {
    ProviderSetup setup;
    setup.requested = "owm";
    setup.key_lookup.env_value = std::string(FakeOwm::k_api_key);
    setup.urls["TENKI_OWM_URL"] = "ftp://127.0.0.1/owm";
    auto configured = make_provider(setup);
    REQUIRE(configured);
    const auto error = owm_failure(configured->provider->current(k_sf));
    CHECK(error.kind == ErrorKind::invalid_input);
    CHECK_THAT(error.message, Catch::EndsWith("check TENKI_OWM_URL"));
}
