#include "support/fake_owm.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

namespace tenki::test {

namespace {

// Answers as api.openweathermap.org gives them for a zip query (its `id` is 0 for zip lookups).
const std::map<std::string, std::string, std::less<>>& places() {
    static const std::map<std::string, std::string, std::less<>> bodies = {
        {"94107,us",
         R"({"coord":{"lon":-122.3942,"lat":37.7697},"weather":[{"id":801,"main":"Clouds","description":"few clouds","icon":"02d"}],)"
         R"("base":"stations","main":{"temp":288.71,"feels_like":288.12,"temp_min":286.93,"temp_max":290.37,"pressure":1016,)"
         R"("humidity":72,"sea_level":1016,"grnd_level":1011},"visibility":10000,"wind":{"speed":5.14,"deg":270,"gust":8.23},)"
         R"("clouds":{"all":20},"dt":1717430400,"sys":{"type":2,"id":2007821,"country":"US","sunrise":1717418850,)"
         R"("sunset":1717471424},"timezone":-25200,"id":0,"name":"San Francisco","cod":200})"},
        {"10001,us",
         R"({"coord":{"lon":-73.9967,"lat":40.7484},"weather":[{"id":800,"main":"Clear","description":"clear sky","icon":"01d"}],)"
         R"("base":"stations","main":{"temp":297.15,"feels_like":297.02,"temp_min":295.37,"temp_max":298.71,"pressure":1014,)"
         R"("humidity":55,"sea_level":1014,"grnd_level":1013},"visibility":10000,"wind":{"speed":3.6,"deg":200,"gust":6.17},)"
         R"("clouds":{"all":0},"dt":1717430400,"sys":{"type":2,"id":2008101,"country":"US","sunrise":1717406719,)"
         R"("sunset":1717460687},"timezone":-14400,"id":0,"name":"New York","cod":200})"},
        {"19021,us",
         R"({"coord":{"lon":-74.8977,"lat":40.0912},"weather":[{"id":803,"main":"Clouds","description":"broken clouds","icon":"04d"}],)"
         R"("base":"stations","main":{"temp":293.98,"feels_like":293.84,"temp_min":292.59,"temp_max":295.37,"pressure":1015,)"
         R"("humidity":68,"sea_level":1015,"grnd_level":1013},"visibility":10000,"wind":{"speed":2.57,"deg":190,"gust":4.12},)"
         R"("clouds":{"all":75},"dt":1717430400,"sys":{"type":2,"id":2037437,"country":"US","sunrise":1717406936,)"
         R"("sunset":1717460983},"timezone":-14400,"id":0,"name":"Croydon","cod":200})"},
        {"SW1A,gb",
         R"({"coord":{"lon":-0.1416,"lat":51.501},"weather":[{"id":500,"main":"Rain","description":"light rain","icon":"10d"}],)"
         R"("base":"stations","main":{"temp":285.48,"feels_like":284.95,"temp_min":284.26,"temp_max":286.54,"pressure":1009,)"
         R"("humidity":87,"sea_level":1009,"grnd_level":1005},"visibility":9000,"wind":{"speed":4.63,"deg":230,"gust":9.77},)"
         R"("rain":{"1h":0.42},"clouds":{"all":75},"dt":1717430400,"sys":{"type":2,"id":2075535,"country":"GB",)"
         R"("sunrise":1717386340,"sunset":1717445655},"timezone":3600,"id":0,"name":"London","cod":200})"},
        {"44600,np",
         R"({"coord":{"lon":85.3206,"lat":27.7017},"weather":[{"id":802,"main":"Clouds","description":"scattered clouds","icon":"03d"}],)"
         R"("base":"stations","main":{"temp":291.27,"feels_like":290.69,"temp_min":291.27,"temp_max":291.27,"pressure":1019,)"
         R"("humidity":59},"visibility":8000,"wind":{"speed":1.54,"deg":270},"clouds":{"all":40},"dt":1717430400,)"
         R"("sys":{"type":1,"id":9201,"country":"NP","sunrise":1717370580,"sunset":1717420020},"timezone":20700,"id":0,)"
         R"("name":"Kathmandu","cod":200})"},
    };
    return bodies;
}

// "sw1a 1aa,GB" -> "SW1A 1AA,gb"; no country means us, as OpenWeatherMap documents.
std::string normalise_zip(const std::string& zip) {
    auto comma = zip.rfind(',');
    std::string code = zip.substr(0, comma);
    std::string country = comma == std::string::npos ? "us" : zip.substr(comma + 1);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : country) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return code + "," + country;
}

struct ForecastPlace {
    std::string_view zip;
    std::string_view weather_key;  // its current weather in places()
    std::string_view name;
    double lat, lon;
    std::int64_t timezone;
    double base_kelvin;
};

constexpr ForecastPlace k_forecast_places[] = {
    {"94107,us", "94107,us", "San Francisco", 37.7697, -122.3942, -28800, 288.0},
    {"10001,us", "10001,us", "New York", 40.7484, -73.9967, -18000, 280.0},
    {"19021,us", "19021,us", "Croydon", 40.0912, -74.8977, -18000, 279.0},
    {"SW1A 1AA,gb", "SW1A,gb", "London", 51.501, -0.1416, 0, 282.0},
    {"44600,np", "44600,np", "Kathmandu", 27.7017, 85.3206, 20700, 290.0},
};

nlohmann::json forecast_step(const ForecastPlace& place, std::int64_t dt) {
    const double local_hour = static_cast<double>(((dt + place.timezone) % 86400 + 86400) % 86400) / 3600.0;
    const bool wet = local_hour >= 12.0 && local_hour <= 18.0;
    const double temp =
        std::round((place.base_kelvin - 4.0 * std::cos((local_hour - 3.0) * M_PI / 12.0)) * 100) / 100;
    const bool day = local_hour >= 6.0 && local_hour < 20.0;
    nlohmann::json step = {
        {"dt", dt},
        {"main",
         {{"temp", temp},
          {"feels_like", temp - 1.2},
          {"temp_min", temp},
          {"temp_max", temp},
          {"pressure", 1015},
          {"sea_level", 1015},
          {"grnd_level", 1010},
          {"humidity", 70},
          {"temp_kf", 0}}},
        {"weather",
         {{{"id", wet ? 500 : 802},
           {"main", wet ? "Rain" : "Clouds"},
           {"description", wet ? "light rain" : "scattered clouds"},
           {"icon", std::string(wet ? "10" : "03") + (day ? "d" : "n")}}}},
        {"clouds", {{"all", wet ? 90 : 40}}},
        {"wind", {{"speed", wet ? 6.1 : 3.2}, {"deg", 240}, {"gust", wet ? 9.4 : 4.8}}},
        {"visibility", 10000},
        {"pop", wet ? 0.8 : 0.1},
        {"sys", {{"pod", day ? "d" : "n"}}},
    };
    if (wet) step["rain"] = {{"3h", 0.9}};
    return step;
}

// A query value as OpenWeatherMap reads a coordinate: a decimal number within [-limit, limit].
std::optional<double> owm_coordinate(const RecordedRequest& request, const char* key, double limit) {
    const auto it = request.query.find(key);
    if (it == request.query.end() || it->second.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(it->second.c_str(), &end);
    if (end != it->second.c_str() + it->second.size() || !std::isfinite(value) || std::fabs(value) > limit)
        return std::nullopt;
    return value;
}

double owm_rounded(double degrees) { return std::round(degrees * 10000) / 10000; }

// Within about 50 km a canned place names the point; farther, OpenWeatherMap's name is "" (as
// over open sea) and the nearest canned place's weather stands in.
constexpr double k_named_within_degrees = 0.5;

// lat=&lon=: the answer for the nearest canned place, with the coordinates asked (to 4 decimals,
// as OpenWeatherMap echoes them) and its name only when near; 400 "wrong latitude"/"wrong
// longitude" as the real API answers a value it cannot read or out of range.
Reply owm_by_coordinates(const RecordedRequest& request) {
    const auto lat = owm_coordinate(request, "lat", 90);
    if (!lat) return Reply::json(400, R"({"cod":"400","message":"wrong latitude"})");
    const auto lon = owm_coordinate(request, "lon", 180);
    if (!lon) return Reply::json(400, R"({"cod":"400","message":"wrong longitude"})");
    const ForecastPlace* nearest = nullptr;
    double best = 1e9;
    for (const auto& p : k_forecast_places) {
        const double d = std::hypot(p.lat - *lat, p.lon - *lon);
        if (d < best) {
            best = d;
            nearest = &p;
        }
    }
    const std::string name = best <= k_named_within_degrees ? std::string(nearest->name) : std::string();
    if (request.path == "/data/2.5/forecast") {
        auto doc = nlohmann::json::parse(FakeOwm::forecast_json(nearest->zip, std::time(nullptr)));
        doc["city"]["coord"] = {{"lat", owm_rounded(*lat)}, {"lon", owm_rounded(*lon)}};
        doc["city"]["name"] = name;
        return Reply::json(200, doc.dump());
    }
    auto doc = nlohmann::json::parse(FakeOwm::place_json(nearest->weather_key));
    doc["coord"] = {{"lon", owm_rounded(*lon)}, {"lat", owm_rounded(*lat)}};
    doc["name"] = name;
    return Reply::json(200, doc.dump());
}

Reply owm_protocol(const RecordedRequest& request, const std::string& key) {
    if (request.path != "/data/2.5/weather" && request.path != "/data/2.5/forecast")
        return Reply::json(404, R"({"cod":"404","message":"Internal error"})");
    auto appid = request.query.find("appid");
    if (appid == request.query.end() || appid->second != key) return FakeOwm::unauthorized();
    if (request.query.count("lat") != 0 || request.query.count("lon") != 0)
        return owm_by_coordinates(request);
    auto zip = request.query.find("zip");
    if (zip == request.query.end() || zip->second.empty())
        return Reply::json(400, R"({"cod":"400","message":"Nothing to geocode"})");
    std::string body = request.path == "/data/2.5/forecast"
                           ? FakeOwm::forecast_json(normalise_zip(zip->second), std::time(nullptr))
                           : FakeOwm::place_json(normalise_zip(zip->second));
    return body.empty() ? FakeOwm::not_found() : Reply::json(200, body);
}

}  // namespace

FakeOwm::FakeOwm(std::string api_key)
    : FakeHttpServer([key = api_key](const RecordedRequest& r) { return owm_protocol(r, key); }),
      m_api_key(std::move(api_key)) {}

std::string FakeOwm::place_json(std::string_view zip) {
    auto it = places().find(zip);
    return it == places().end() ? std::string() : it->second;
}

namespace {

std::string upper_country(std::string_view zip) {
    std::string country(zip.substr(zip.rfind(',') + 1));
    for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return country;
}

}  // namespace

std::string FakeOwm::forecast_json(std::string_view zip, std::int64_t now) {
    const ForecastPlace* place = nullptr;
    for (const auto& p : k_forecast_places) {
        if (p.zip == zip) place = &p;
    }
    if (place == nullptr) return "";
    constexpr std::int64_t k_step = 3 * 3600;
    nlohmann::json list = nlohmann::json::array();
    const std::int64_t first = now - now % k_step + k_step;
    for (int i = 0; i < 40; ++i) list.push_back(forecast_step(*place, first + i * k_step));
    const std::int64_t local_midnight = now - ((now + place->timezone) % 86400 + 86400) % 86400;
    const nlohmann::json doc = {
        {"cod", "200"},
        {"message", 0},
        {"cnt", 40},
        {"list", list},
        {"city",
         {{"id", 0},
          {"name", place->name},
          {"coord", {{"lat", place->lat}, {"lon", place->lon}}},
          {"country", upper_country(zip)},
          {"population", 0},
          {"timezone", place->timezone},
          {"sunrise", local_midnight + 7 * 3600 + 5 * 60},
          {"sunset", local_midnight + 17 * 3600 + 1 * 60}}},
    };
    return doc.dump();
}

std::string FakeOwm::step_local_date(std::int64_t dt, std::int64_t timezone) {
    const std::time_t local = dt + timezone;
    std::tm tm{};
    gmtime_r(&local, &tm);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
    return date;
}

Reply FakeOwm::unauthorized() {
    return Reply::json(
        401,
        R"({"cod":401,"message":"Invalid API key. Please see https://openweathermap.org/faq#error401 for more info."})");
}

Reply FakeOwm::not_found() { return Reply::json(404, R"({"cod":"404","message":"city not found"})"); }

Reply FakeOwm::rate_limited(int retry_after_seconds) {
    return Reply::
        json(429,
             R"({"cod":429,"message":"Your account is temporary blocked due to exceeding of requests limitation of your subscription type. Please choose the proper subscription https://openweathermap.org/price"})")
            .with_header("Retry-After", std::to_string(retry_after_seconds));
}

Reply FakeOwm::server_error(int status) {
    return Reply::json(status,
                       R"({"cod":)" + std::to_string(status) + R"(,"message":"Internal server error"})");
}

Reply FakeOwm::invalid_json() {
    const std::string whole = place_json("94107,us");
    return Reply::json(200, whole.substr(0, whole.size() / 2));
}

Reply FakeOwm::huge_body(std::size_t bytes) {
    std::string body = R"({"cod":200,"padding":")" + std::string(bytes, 'x') + R"("})";
    return Reply::json(200, std::move(body));
}

}  // namespace tenki::test
