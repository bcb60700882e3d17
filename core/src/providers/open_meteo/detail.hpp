#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/util/nlohmann_json.hpp"

// What Open-Meteo's current-weather and forecast readers share (core/src/providers/open_meteo/current.cpp).
namespace tenki::open_meteo_detail {

// obj[key] when it is a number; nullopt when absent, null or another type.
std::optional<double> number(const nlohmann::json& obj, const char* key);
// A number as an int (percentages, degrees, codes); nullopt when not finite or far outside int.
std::optional<int> rounded(std::optional<double> value);
// doc[section][key] ("current_units", "hourly_units", "daily_units"), "" when absent.
std::string unit_of(const nlohmann::json& doc, const char* key, const char* section = "current_units");

// To SI from the unit Open-Meteo names; nullopt for a unit tenki does not know.
std::optional<double> to_kelvin(double value, std::string_view unit);             // °C, °F
std::optional<double> to_metres_per_second(double value, std::string_view unit);  // km/h, m/s, mph, kn
std::optional<double> to_millimetres(double value, std::string_view unit);        // mm, inch
std::optional<double> to_centimetres(double value, std::string_view unit);        // cm, inch

// "2024-05-01T10:15" or "2024-05-01T10:15:30" read as UTC, in unix seconds.
std::optional<std::int64_t> parse_iso_minutes(std::string_view text);

Error malformed_answer(std::string_view what);

// What every Open-Meteo answer says of its place: the place asked, and the name and coordinates
// tenki asked Open-Meteo by (the offline table's, or its geocoding's); its source, "open-meteo".
// For a Weather or a Forecast.
template <typename Answer>
void name_place(Answer& answer, const Location& asked, const ZipInfo& place) {
    answer.location = asked;
    answer.place_name = std::string(place.place);
    answer.lat = place.lat;
    answer.lon = place.lon;
    answer.source = "open-meteo";
}

// The answer's JSON object, or the error it stands for: an HTTP error status (429 rate_limited,
// others bad_response, with Open-Meteo's reason), not JSON, or {"error": true} with a 200.
// `endpoint` ("base", "geocoding"): the provider table's endpoint asked, whose variable an answer
// that is not Open-Meteo's tells the user to check.
Result<nlohmann::json> read_document(long http_status, std::string_view body, std::optional<int> retry_after,
                                     std::string_view endpoint = "base");

}  // namespace tenki::open_meteo_detail
