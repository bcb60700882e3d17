#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "tenki/error.hpp"
#include "tenki/providers/provider.hpp"

namespace tenki::test {

// A sample observation for a place, the same every time it is asked.
Weather sample_weather(const Location& location);

// A sample forecast for a place, the same every time it is asked: k_sample_forecast_hours hourly
// steps from k_sample_forecast_start (2023-11-14 22:00 UTC; the place keeps UTC) and
// k_sample_forecast_days daily rows from its date, each value different.
inline constexpr std::int64_t k_sample_forecast_start = 1699999200;
inline constexpr int k_sample_forecast_hours = 48;
inline constexpr int k_sample_forecast_days = 10;
Forecast sample_forecast(const Location& location);

// A Provider for unit tests: answers sample_weather (sample_forecast) or a scripted error, counts its calls,
// and can hold every call until released (condition variables, never sleeps).
class FakeProvider : public Provider {
public:
    Result<Weather> current(const Location& location) override;
    Result<Forecast> forecast(const Location& location) override;
    std::string_view name() const override { return "fake"; }

    void fail_with(Error error);
    void succeed();
    void hold();
    void release();
    int calls() const;
    // Waits until `n` calls have started; false on timeout.
    bool wait_for_calls(int n, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

private:
    std::optional<Error> call();  // counts a call, waits while held; the scripted error

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::optional<Error> m_error;
    bool m_held = false;
    int m_calls = 0;
};

// Hands a test's provider to an owner of a unique_ptr<Provider> (the service) while the test keeps
// steering it; `name` stands in for the inner one's when given.
class BorrowedProvider final : public Provider {
public:
    explicit BorrowedProvider(Provider& inner, std::string name = {})
        : m_inner(inner), m_name(std::move(name)) {}
    Result<Weather> current(const Location& location) override { return m_inner.current(location); }
    Result<Forecast> forecast(const Location& location) override { return m_inner.forecast(location); }
    std::string_view name() const override { return m_name.empty() ? m_inner.name() : m_name; }
    void on_request(std::function<void()> observer) override { m_inner.on_request(std::move(observer)); }

private:
    Provider& m_inner;
    std::string m_name;
};

// Runs each piece of work on its own thread, joined when the executor is destroyed.
class ThreadExecutor {
public:
    ~ThreadExecutor();
    std::function<void(std::function<void()>)> executor();

private:
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

}  // namespace tenki::test
