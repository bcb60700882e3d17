#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "http/deadline.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "tenki/http/http.hpp"
#include "tenki/version.hpp"

using namespace tenki;
using namespace std::chrono_literals;
using tenki::test::FakeOwm;
using tenki::test::Reply;

namespace {

std::string weather_url(const FakeOwm& fake, const std::string& key = std::string(FakeOwm::k_api_key)) {
    return fake.base_url() + "/data/2.5/weather?zip=94107,us&appid=" + key;
}

HttpRequest request_for(std::string url) {
    HttpRequest request;
    request.url = std::move(url);
    // Room for 50 requests at once on a busy machine; the timeout tests set their own.
    request.connect_timeout = 5s;
    request.total_timeout = 10s;
    request.secrets = {std::string(FakeOwm::k_api_key)};  // as the OpenWeatherMap provider passes its key
    return request;
}

// The error, checked to be one line that names neither the key nor the query.
Error failure(const Result<HttpResponse>& result) {
    REQUIRE_FALSE(result);
    const auto& message = result.error().message;
    CHECK(message.find(FakeOwm::k_api_key) == std::string::npos);
    CHECK(message.find("appid") == std::string::npos);
    CHECK(message.find('?') == std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    return result.error();
}

std::string capture_stderr(const std::function<void()>& body) {
    tenki::test::TempDir dir;
    const auto path = dir / "stderr";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
    body();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t count(const std::string& text, const std::string& word) {
    std::size_t n = 0;
    for (auto pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("http_get returns the status, body and content type, as tenki/<version>", "[integration][http]") {
    FakeOwm fake;
    auto response = http_get(request_for(weather_url(fake)));
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == FakeOwm::place_json("94107,us"));
    CHECK(response->content_type == "application/json; charset=utf-8");
    CHECK_FALSE(response->retry_after);

    REQUIRE(fake.request_count() == 1);
    auto sent = fake.requests().front();
    CHECK(sent.method == "GET");
    CHECK(sent.target == "/data/2.5/weather?zip=94107,us&appid=" + std::string(FakeOwm::k_api_key));
    CHECK(sent.header("User-Agent") == "tenki/" + std::string(version()));
}

TEST_CASE("error statuses are answers, not transport errors; Retry-After is read", "[integration][http]") {
    FakeOwm fake;
    for (int status : {401, 404, 500, 503}) {
        fake.next(Reply::json(status, "{}"));
        auto response = http_get(request_for(weather_url(fake)));
        REQUIRE(response);
        CHECK(response->status == status);
    }
    fake.next(FakeOwm::rate_limited(7));
    auto limited = http_get(request_for(weather_url(fake)));
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(limited->retry_after == 7);
    // An HTTP date is the seconds until it; years of waiting are an hour (tenki/http/retry_after.hpp).
    fake.next(Reply::json(429, "{}").with_header("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"));
    CHECK(http_get(request_for(weather_url(fake)))->retry_after == 3600);
    fake.next(Reply::json(429, "{}").with_header("Retry-After", "99999999"));
    CHECK(http_get(request_for(weather_url(fake)))->retry_after == 3600);
}

TEST_CASE("a redirect is returned as its status, never followed", "[integration][http]") {
    FakeOwm fake;
    fake.route("/moved", Reply::redirect(302, weather_url(fake)));
    auto response = http_get(request_for(fake.base_url() + "/moved"));
    REQUIRE(response);
    CHECK(response->status == 302);
    CHECK(fake.request_count() == 1);
}

TEST_CASE("an upstream slower than the total timeout is a timeout, quickly, not retried",
          "[integration][http]") {
    FakeOwm fake;
    fake.always(Reply::json(200, FakeOwm::place_json("94107,us")).with_delay(10s));
    auto request = request_for(weather_url(fake));
    request.total_timeout = 200ms;
    const auto start = std::chrono::steady_clock::now();
    auto error = failure(http_get(request));
    CHECK(error.kind == ErrorKind::timeout);
    // The time really waited, to a tenth of a second: at least the timeout (more on a busy machine).
    CHECK(std::regex_search(error.message,
                            std::regex("did not answer within (0\\.[2-9]|[1-9][0-9]*\\.[0-9]) s")));
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    CHECK(fake.request_count() == 1);
}

TEST_CASE("a timeout names the service asked, not its host, and the time really waited",
          "[integration][http]") {
    FakeOwm fake;
    fake.hold();
    auto request = request_for(weather_url(fake));
    request.service = "OpenWeatherMap";
    request.total_timeout = 300ms;
    const auto error = failure(http_get(request));
    CHECK(error.kind == ErrorKind::timeout);
    CHECK(std::regex_match(
        error.message, std::regex("OpenWeatherMap did not answer within (0\\.[3-9]|[1-9][0-9]*\\.[0-9]) s: "
                                  "try again later")));
    CHECK(error.message.find("127.0.0.1") == std::string::npos);
}

TEST_CASE("a thread's deadline cuts every call's timeouts to what is left, and a call past it is not sent",
          "[integration][http]") {
    FakeOwm fake;
    fake.hold();
    auto request = request_for(weather_url(fake));
    request.total_timeout = 10s;
    {
        const auto start = std::chrono::steady_clock::now();
        http::DeadlineScope scope(start + 300ms);
        const auto error = failure(http_get(request));
        CHECK(error.kind == ErrorKind::timeout);
        // Ended by the deadline, not by the request's own 10 s.
        CHECK(std::chrono::steady_clock::now() - start < 5s);
        CHECK(std::regex_search(error.message, std::regex("within (0\\.[3-9]|[1-9][0-9]*\\.[0-9]) s")));
        CHECK(fake.request_count() == 1);
    }
    {
        http::DeadlineScope passed(std::chrono::steady_clock::now() - 1ms);
        const auto error = failure(http_get(request));
        CHECK(error.kind == ErrorKind::timeout);
        CHECK(fake.request_count() == 1);  // not sent
    }
    CHECK_FALSE(http::current_deadline());
}

TEST_CASE("a slow trickle of bytes is a timeout, not a hang", "[integration][http]") {
    FakeOwm fake;
    fake.always(Reply::json(200, FakeOwm::place_json("94107,us")).with_trickle(50ms, 16));
    auto request = request_for(weather_url(fake));
    request.total_timeout = 300ms;
    const auto start = std::chrono::steady_clock::now();
    CHECK(failure(http_get(request)).kind == ErrorKind::timeout);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    CHECK(fake.request_count() == 1);  // bytes arrived: never retried
}

TEST_CASE("a refused connection is unreachable, after exactly one retry", "[integration][http]") {
    auto request = request_for("http://127.0.0.1:" + std::to_string(tenki::test::free_port()) +
                               "/data/2.5/weather?zip=94107,us&appid=" + std::string(FakeOwm::k_api_key));
    request.verbose = true;
    Result<HttpResponse> result;
    const auto start = std::chrono::steady_clock::now();
    auto trace = capture_stderr([&] { result = http_get(request); });
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    auto error = failure(result);
    CHECK(error.kind == ErrorKind::unreachable);
    CHECK(error.message.find("127.0.0.1:") != std::string::npos);
    INFO(trace);
    CHECK(count(trace, "Trying 127.0.0.1") == 2);  // the attempt and its one retry
}

TEST_CASE("a connection closed or reset before the whole answer is unreachable", "[integration][http]") {
    FakeOwm fake;
    fake.next(Reply::close_without_answer());
    CHECK(failure(http_get(request_for(weather_url(fake)))).kind == ErrorKind::unreachable);
    fake.next(Reply::reset_mid_body(FakeOwm::place_json("94107,us")));
    CHECK(failure(http_get(request_for(weather_url(fake)))).kind == ErrorKind::unreachable);
    CHECK(fake.request_count() == 2);  // neither was retried: the request had been sent
}

TEST_CASE("a body over max_body is refused as bad_response, with or without Content-Length",
          "[integration][http]") {
    FakeOwm fake;
    auto request = request_for(weather_url(fake));
    request.max_body = 1024;
    for (const auto& reply :
         {FakeOwm::huge_body(1 << 20), FakeOwm::huge_body(1 << 20).without_content_length()}) {
        fake.next(reply);
        auto error = failure(http_get(request));
        CHECK(error.kind == ErrorKind::bad_response);
        CHECK(error.message.find("larger than 1024 bytes") != std::string::npos);
    }
    fake.next(FakeOwm::huge_body(900));  // under the cap is fine
    CHECK(http_get(request));
}

TEST_CASE("only http and https URLs are fetched", "[integration][http]") {
    for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/x?appid=abc", "gopher://127.0.0.1/"}) {
        INFO(url);
        CHECK(failure(http_get(request_for(url))).kind == ErrorKind::invalid_input);
    }
}

TEST_CASE("an invalid URL's message names the variable that set it, or none", "[integration][http]") {
    auto request = request_for("ftp://127.0.0.1/x");
    request.url_env = "TENKI_OPENMETEO_URL";
    auto named = failure(http_get(request));
    CHECK(named.kind == ErrorKind::invalid_input);
    CHECK_THAT(named.message, Catch::EndsWith("check TENKI_OPENMETEO_URL"));
    CHECK_THAT(named.message, Catch::StartsWith("the URL ftp://127.0.0.1 is not a valid http or https URL"));
    auto keyed = failure(http_get(request_for("ftp://user:secret@127.0.0.1:21/x?appid=abc")));
    CHECK_THAT(keyed.message, Catch::StartsWith("the URL ftp://127.0.0.1:21 is not"));
    auto unnamed = failure(http_get(request_for("ftp://127.0.0.1/x")));
    CHECK_THAT(unnamed.message, Catch::EndsWith("check the URL"));
    CHECK_THAT(unnamed.message, !Catch::Contains("TENKI_OWM_URL"));
}

TEST_CASE("the verbose trace goes to stderr with the key redacted", "[integration][http]") {
    FakeOwm fake;
    auto request = request_for(weather_url(fake));
    request.verbose = true;
    Result<HttpResponse> result;
    auto trace = capture_stderr([&] { result = http_get(request); });
    REQUIRE(result);
    CHECK(trace.find("> GET /data/2.5/weather?zip=94107,us&appid=REDACTED HTTP/1.1") != std::string::npos);
    CHECK(trace.find("< HTTP/1.1 200 OK") != std::string::npos);
    CHECK(trace.find(FakeOwm::k_api_key) == std::string::npos);
}

TEST_CASE("http_get may be called from many threads at once", "[integration][http]") {
    FakeOwm fake;
    std::vector<long> statuses(50);
    std::vector<std::thread> threads;
    for (auto& status : statuses) {
        threads.emplace_back([&] {
            auto response = http_get(request_for(weather_url(fake)));
            status = response ? response->status : 0;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(std::count(statuses.begin(), statuses.end(), 200L) == 50);
    CHECK(fake.request_count() == 50);
}
