#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace tenki::test {

// A minimal stand-in for OpenWeatherMap, used until the transport branch's fake_owm.hpp lands:
// a real HTTP server on a free 127.0.0.1 port answering GET /data/2.5/weather?zip=...&appid=...
// with a documented current-weather body ("Testville"); zip 00000 is "city not found".
// Failures are scriptable and every request is counted. Its API follows the expected FakeOwm:
// base_url(), requests(), fail_with(), hold()/release().
class MiniOwm {
public:
    MiniOwm();
    ~MiniOwm();
    MiniOwm(const MiniOwm&) = delete;
    MiniOwm& operator=(const MiniOwm&) = delete;

    std::string base_url() const;  // "http://127.0.0.1:PORT"
    int requests() const;          // weather requests received so far
    // Every answer from now on has this status and body (e.g. 500, 429 with Retry-After: 7).
    void fail_with(int status, std::string body = R"({"cod":500,"message":"internal error"})");
    void succeed();
    // Requests wait (counted, unanswered) until release(): a slow or hung upstream.
    void hold();
    void release();
    // Waits until `n` requests have arrived; false on timeout.
    bool wait_for_requests(int n, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

    struct State;

private:
    std::unique_ptr<State> m_state;
};

}  // namespace tenki::test
