#include <catch2/catch.hpp>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tenki/domain/condition.hpp"

using namespace tenki;

TEST_CASE("the vocabulary has one row per kind, each named once, with an OpenWeatherMap-style id and icon",
          "[condition]") {
    std::set<std::string> names;
    for (std::size_t i = 0; i < conditions().size(); ++i) {
        const auto& row = conditions()[i];
        INFO(row.name);
        CHECK(static_cast<std::size_t>(row.kind) == i);
        CHECK(&condition_info(row.kind) == &row);
        CHECK(names.insert(std::string(row.name)).second);
        CHECK(condition_named(row.name) == row.kind);
        CHECK_FALSE(row.description.empty());
        CHECK_FALSE(row.main.empty());
        if (row.kind == ConditionKind::unknown) {
            CHECK(row.owm_id == 0);
            CHECK(row.icon.empty());
        } else {
            CHECK(row.owm_id >= 200);
            CHECK(row.owm_id <= 804);
            CHECK(row.icon.size() == 2);
        }
    }
    CHECK_FALSE(condition_named("raining_frogs"));
    CHECK_FALSE(condition_named(""));
}

TEST_CASE("intensities are their own entries where the sources tell them apart", "[condition]") {
    CHECK(condition_info(ConditionKind::light_rain).intensity == Intensity::light);
    CHECK(condition_info(ConditionKind::moderate_rain).intensity == Intensity::moderate);
    CHECK(condition_info(ConditionKind::heavy_rain).intensity == Intensity::heavy);
    CHECK(condition_info(ConditionKind::extreme_rain).intensity == Intensity::extreme);
    CHECK(condition_info(ConditionKind::clear_sky).intensity == Intensity::none);
}

TEST_CASE("the documents' code is the kind's OpenWeatherMap-style id, none for unknown", "[condition]") {
    CHECK(owm_condition_id(Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"}) == 800);
    CHECK(owm_condition_id(Condition{ConditionKind::rime_fog, "Fog", "depositing rime fog", "50d"}) == 741);
    CHECK(owm_condition_id(Condition{ConditionKind::thunderstorm_with_heavy_hail, "", "", ""}) == 202);
    CHECK_FALSE(owm_condition_id(Condition{}));
    CHECK(Condition{}.kind == ConditionKind::unknown);
}

TEST_CASE("a condition's record names its kind and keeps the source's words", "[condition]") {
    const Condition c{ConditionKind::light_rain, "Rain", "light rain", "10n"};
    const nlohmann::json j = c;
    CHECK(j == nlohmann::json{
                   {"kind", "light_rain"}, {"main", "Rain"}, {"description", "light rain"}, {"icon", "10n"}});
    CHECK(j.get<Condition>() == c);
    auto unknown = j;
    unknown["kind"] = "raining_frogs";
    CHECK_THROWS_AS(unknown.get<Condition>(), nlohmann::json::exception);
    auto coded = j;
    coded.erase("kind");
    coded["code"] = 500;
    CHECK_THROWS_AS(coded.get<Condition>(), nlohmann::json::exception);
}
