#include <catch2/catch.hpp>

#include <set>

#include "providers/owm/owm.hpp"
#include "tenki/domain/condition.hpp"

using namespace tenki;

TEST_CASE("every condition id OpenWeatherMap documents maps to a kind of its own with that id", "[owm]") {
    // openweathermap.org/weather-conditions
    const int ids[] = {200, 201, 202, 210, 211, 212, 221, 230, 231, 232, 300, 301, 302, 310,
                       311, 312, 313, 314, 321, 500, 501, 502, 503, 504, 511, 520, 521, 522,
                       531, 600, 601, 602, 611, 612, 613, 615, 616, 620, 621, 622, 701, 711,
                       721, 731, 741, 751, 761, 762, 771, 781, 800, 801, 802, 803, 804};
    std::set<ConditionKind> kinds;
    for (int id : ids) {
        INFO("OpenWeatherMap id " << id);
        const auto kind = owm_condition_kind(id);
        CHECK(kind != ConditionKind::unknown);
        CHECK(condition_info(kind).owm_id == id);
        CHECK(kinds.insert(kind).second);
    }
    CHECK(owm_condition_kind(500) == ConditionKind::light_rain);
    CHECK(owm_condition_kind(804) == ConditionKind::overcast_clouds);
}

TEST_CASE("an id OpenWeatherMap does not document is unknown: no code is made up", "[owm]") {
    for (int id : {0, 199, 299, 505, 800 + 5, 900, -1}) {
        INFO(id);
        CHECK(owm_condition_kind(id) == ConditionKind::unknown);
    }
}
