#include "tenki/format/fields.hpp"

#include <array>
#include <cmath>

#include "format/presentation.hpp"
#include "tenki/lang/translate.hpp"

namespace tenki {
namespace {

constexpr double k_dew_zero_celsius = 273.15;
// Alduchov and Eskridge (1996), their recommended AERK coefficients.
constexpr double k_magnus_a = 17.625;
constexpr double k_magnus_b = 243.04;  // °C

// The WHO's exposure categories by their highest whole index; above the last, k_uv_extreme. The
// English words (the JSON's `uv_label`), marked for the translation.
struct UvBand {
    double highest;
    std::string_view word;
};
constexpr std::array<UvBand, 4> k_uv_bands{
    {{2, N_("low")}, {5, N_("moderate")}, {7, N_("high")}, {10, N_("very high")}}};
constexpr std::string_view k_uv_extreme = N_("extreme");

// wttr.in's WIND_DIRECTION: the arrow of a wind from N, NE, E, SE, S, SW, W, NW.
constexpr std::array<std::string_view, 8> k_arrows_to = {"↓", "↙", "←", "↖", "↑", "↗", "→", "↘"};

std::size_t wind_sector(int degrees_from) {
    const int normalised = ((degrees_from % 360) + 360) % 360;
    // int(((deg + 22.5) % 360) / 45), in halves of a degree to stay in integers.
    return static_cast<std::size_t>(((normalised * 2 + 45) % 720) / 90);
}

}  // namespace

std::optional<std::string_view> uv_band(double index) {
    if (!std::isfinite(index) || index < 0) return std::nullopt;
    const double whole = std::floor(index + 0.5);
    for (const auto& band : k_uv_bands)
        if (whole <= band.highest) return band.word;
    return k_uv_extreme;
}

std::string_view to_string(DewPointSource source) {
    return source == DewPointSource::computed ? "computed" : "provider";
}

std::optional<double> magnus_dew_point(double kelvin, double relative_humidity) {
    if (!(relative_humidity > 0 && relative_humidity <= 100) || !std::isfinite(kelvin)) return std::nullopt;
    const double celsius = kelvin - k_dew_zero_celsius;
    const double gamma = std::log(relative_humidity / 100.0) + k_magnus_a * celsius / (k_magnus_b + celsius);
    return format::rounded(k_magnus_b * gamma / (k_magnus_a - gamma) + k_dew_zero_celsius, 2);
}

std::optional<DewPoint> dew_point(const Weather& w) {
    if (w.dew_point) return DewPoint{*w.dew_point, DewPointSource::provider};
    if (!w.humidity) return std::nullopt;
    const auto computed = magnus_dew_point(w.temp, *w.humidity);
    if (!computed) return std::nullopt;
    return DewPoint{*computed, DewPointSource::computed};
}

std::string_view wind_arrow(int degrees_from) { return k_arrows_to[wind_sector(degrees_from)]; }

std::string_view wind_arrow_from(int degrees_from) {
    return k_arrows_to[(wind_sector(degrees_from) + 4) % k_arrows_to.size()];
}

}  // namespace tenki
