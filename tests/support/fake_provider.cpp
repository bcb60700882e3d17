#include "support/fake_provider.hpp"

namespace tenki::test {

namespace {

// The sample weather and forecast for a location name the same place, as one provider's answers would.
template <typename Answer>
Answer at_sample_place(const Location& location) {
    Answer answer;
    answer.location = location;
    answer.place_name = "Testville " + location.postal_code;
    answer.lat = 40.1;
    answer.lon = -74.9;
    return answer;
}

}  // namespace

Weather sample_weather(const Location& location) {
    auto w = at_sample_place<Weather>(location);
    w.observed_at = 1700000000;
    w.condition = {ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
    w.temp = 293.15;
    w.feels_like = 292.5;
    w.humidity = 40;
    w.pressure = 1015;
    w.wind_speed = 3.6;
    w.source = "openweathermap";
    return w;
}

Forecast sample_forecast(const Location& location) {
    auto f = at_sample_place<Forecast>(location);
    f.timezone = "UTC";
    f.source = "fake";
    for (int h = 0; h < k_sample_forecast_hours; ++h) {
        ForecastStep s;
        s.time = k_sample_forecast_start + std::int64_t{h} * 3600;
        s.temp = 280.0 + h * 0.25;
        s.feels_like = 279.0 + h * 0.25;
        s.precipitation_probability = h % 100;
        s.precipitation = h % 3 == 0 ? 0.5 : 0.0;
        s.wind_speed = 3.0 + h * 0.1;
        s.wind_deg = (h * 15) % 360;
        s.condition = Condition{h % 2 == 0 ? ConditionKind::clear_sky : ConditionKind::light_rain,
                                h % 2 == 0 ? "Clear" : "Rain", h % 2 == 0 ? "clear sky" : "light rain",
                                h % 2 == 0 ? "01d" : "10d"};
        f.hourly.push_back(s);
    }
    for (int d = 0; d < k_sample_forecast_days; ++d) {
        ForecastDay day;
        day.date = local_date(k_sample_forecast_start + std::int64_t{d} * 86400, 0);
        day.temp_min = 275.0 + d;
        day.temp_max = 285.0 + d;
        day.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
        day.precipitation_sum = d * 0.5;
        day.precipitation_probability_max = d * 10;
        day.wind_speed_max = 5.0 + d;
        f.daily.push_back(day);
    }
    return f;
}

std::optional<Error> FakeProvider::call() {
    request_sent();  // every call stands for a request to the network
    std::unique_lock lock(m_mutex);
    ++m_calls;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return !m_held; });
    return m_error;
}

Result<Weather> FakeProvider::current(const Location& location) {
    if (auto error = call()) return tl::unexpected(*error);
    return sample_weather(location);
}

Result<Forecast> FakeProvider::forecast(const Location& location) {
    if (auto error = call()) return tl::unexpected(*error);
    return sample_forecast(location);
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
