#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki {

struct FailoverStats;

// Where weather comes from. Implementations must be safe to call from several threads.
class Provider {
public:
    virtual ~Provider() = default;
    virtual Result<Weather> current(const Location& location) = 0;
    // Everything the provider forecasts (up to 48 hours of steps, up to 16 days); a face trims it
    // with forecast_window. A provider without forecasts answers internal.
    virtual Result<Forecast> forecast(const Location& /*location*/) {
        return fail(ErrorKind::internal, std::string(name()) + " gives no forecasts");
    }
    // The `source` its answers carry: "openweathermap", "open-meteo".
    virtual std::string_view name() const = 0;
    // Whether an answer with this `source` is one it gives (a cache's answer may stand for it).
    virtual bool gives(std::string_view source) const { return source == name(); }
    // Whether it can answer the place at all, offline (Open-Meteo: not a postal code outside the
    // US, which it has no coordinates for). A failover skips a provider that cannot.
    virtual bool can_answer(const Location& /*location*/) const { return true; }
    // A failover provider (tenki/providers/failover.hpp) adds its breakers and counts; others add nothing.
    virtual void failover_stats(FailoverStats& /*out*/) const {}

    // `observer` is called once for each request that goes to the network, never for a place
    // refused offline (a ZIP code the table does not know). Set it before any call of current().
    // A provider that wraps another passes it on.
    virtual void on_request(std::function<void()> observer) { m_on_request = std::move(observer); }

protected:
    void request_sent() const {
        if (m_on_request) m_on_request();
    }

private:
    std::function<void()> m_on_request;
};

}  // namespace tenki
