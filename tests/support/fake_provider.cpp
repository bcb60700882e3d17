#include "support/fake_provider.hpp"

namespace tenki::test {

Weather sample_weather(const Location& location) {
    Weather w;
    w.location = location;
    w.place_name = "Testville " + location.postal_code;
    w.lat = 40.1;
    w.lon = -74.9;
    w.observed_at = 1700000000;
    w.condition = {800, "Clear", "clear sky", "01d"};
    w.temp = 293.15;
    w.feels_like = 292.5;
    w.humidity = 40;
    w.pressure = 1015;
    w.wind_speed = 3.6;
    return w;
}

Result<Weather> FakeProvider::current(const Location& location) {
    request_sent();  // every call stands for a request to the network
    std::unique_lock lock(m_mutex);
    ++m_calls;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return !m_held; });
    if (m_error) return tl::unexpected(*m_error);
    return sample_weather(location);
}

void FakeProvider::fail_with(Error error) {
    std::lock_guard lock(m_mutex);
    m_error = std::move(error);
}

void FakeProvider::succeed() {
    std::lock_guard lock(m_mutex);
    m_error.reset();
}

void FakeProvider::hold() {
    std::lock_guard lock(m_mutex);
    m_held = true;
}

void FakeProvider::release() {
    std::lock_guard lock(m_mutex);
    m_held = false;
    m_changed.notify_all();
}

int FakeProvider::calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
}

bool FakeProvider::wait_for_calls(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_calls >= n; });
}

ThreadExecutor::~ThreadExecutor() {
    std::lock_guard lock(m_mutex);
    for (auto& t : m_threads) t.join();
}

std::function<void(std::function<void()>)> ThreadExecutor::executor() {
    return [this](std::function<void()> work) {
        std::lock_guard lock(m_mutex);
        m_threads.emplace_back(std::move(work));
    };
}

}  // namespace tenki::test
