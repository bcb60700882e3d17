// GET /api/openapi.json: made from the route table, linted by Redocly's CLI, and real answers
// validated against its schemas by Ajv (npm packages in tests/tools, from scripts/install-deps.sh).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"
#include "tenki/server/api/routes.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_openapi_key = "k3y-for-openapi-tests-7";

// The test tools' folder; fails (never skips) with what to run when they are not installed.
fs::path openapi_tools() {
    const fs::path tools = fs::path(TENKI_SOURCE_DIR) / "tests" / "tools";
    INFO("the npm test tools are missing: run scripts/install-deps.sh (npm ci in tests/tools)");
    REQUIRE(fs::exists(tools / "node_modules" / ".bin" / "redocly"));
    REQUIRE(fs::exists(tools / "node_modules" / "ajv"));
    return tools;
}

struct OpenApiServer : ServedTenki {
    OpenApiServer() : ServedTenki({{"-q"}, k_openapi_key, 1}) {}

    fs::path save(const std::string& name, const std::string& body) const {
        const auto path = dir.path() / name;
        std::ofstream(path) << body;
        return path;
    }
};

tenki::util::RunOutput run_node_tool(const std::vector<std::string>& argv) {
    // No telemetry and no update check: a test run talks to nothing but its own servers.
    tenki::util::RunOptions options;
    options.env = {{"REDOCLY_TELEMETRY", "off"}, {"REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"}};
    auto run = tenki::util::run_capture(argv, options);
    REQUIRE(run);
    return *run;
}

}  // namespace

TEST_CASE("GET /api/openapi.json describes every route of the table", "[integration][server][openapi]") {
    OpenApiServer s;
    auto answer = http_get(s.port, "/api/openapi.json");
    REQUIRE(answer.status == 200);
    CHECK(answer.header("content-type") == "application/json");
    const auto doc = json::parse(answer.body);
    CHECK(doc["openapi"] == "3.1.0");
    for (const auto& route : tenki::server::routes()) {
        INFO(route.rule);
        const std::string rule(route.rule);
        REQUIRE(doc["paths"].contains(rule));
        const auto& get = doc["paths"][rule]["get"];
        CHECK(get["operationId"] == std::string(route.endpoint));
        const auto parameters = get.value("parameters", json::array());
        REQUIRE(parameters.size() == route.parameters.size());
        for (std::size_t i = 0; i < parameters.size(); ++i)
            CHECK(parameters.at(i)["name"] == std::string(route.parameters[i].name));
    }
    CHECK(doc["paths"].size() == tenki::server::routes().size());
    json days;
    for (const auto& p : doc["paths"]["/api/v2/forecast"]["get"]["parameters"])
        if (p["name"] == "days") days = p;
    CHECK(days["schema"]["minimum"] == 1);
    CHECK(days["schema"]["maximum"] == 16);
    CHECK(doc["paths"]["/api/v2/weather"]["get"]["responses"].contains("429"));
    CHECK(s.owm.request_count() == 0);
    // The page links to it.
    CHECK(http_get(s.port, "/").body.find("href=\"/api/openapi.json\"") != std::string::npos);
}

TEST_CASE("the OpenAPI document passes redocly lint", "[integration][server][openapi]") {
    const auto tools = openapi_tools();
    OpenApiServer s;
    const auto path = s.save("openapi.json", http_get(s.port, "/api/openapi.json").body);
    auto lint = run_node_tool({(tools / "node_modules" / ".bin" / "redocly").string(), "lint", "--config",
                               (tools / "redocly.yaml").string(), path.string()});
    INFO(lint.output << lint.errors);
    CHECK(lint.status == 0);
    const auto said = lint.output + lint.errors;
    CHECK(said.find("Woohoo! Your API description is valid.") != std::string::npos);
    CHECK(said.find("You have") == std::string::npos);  // "You have N warnings": none
}

TEST_CASE("real answers are valid against the document's schemas", "[integration][server][openapi]") {
    const auto tools = openapi_tools();
    OpenApiServer s;
    const auto openapi = s.save("openapi.json", http_get(s.port, "/api/openapi.json").body);
    const auto validate = (tools / "validate_schema.mjs").string();
    struct Sample {
        const char* target;
        const char* schema;
        int status;
    };
    for (const auto& [target, schema, status] :
         {Sample{"/api/v1/weather?postalcode=94107", "WeatherV1", 200},
          Sample{"/api/v2/weather?postalcode=94107&units=metric", "WeatherV2", 200},
          Sample{"/api/v2/weather?postalcode=10001&units=imperial", "WeatherV2", 200},
          Sample{"/api/v2/forecast?postalcode=94107&days=3&hours=6", "Forecast", 200},
          Sample{"/healthz", "Health", 200}, Sample{"/api/v2/weather?postalcode=abc", "Error", 400},
          Sample{"/api/v2/weather?q=Springfield", "Error", 400},
          Sample{"/api/v2/weather?q=Londno", "Error", 404},
          Sample{"/api/v2/weather?q=Paris,FR&units=metric", "WeatherV2", 200},
          Sample{"/api/v2/forecast?lat=37.7749&lon=-122.4194&days=2&hours=3", "Forecast", 200},
          Sample{"/api/v2/forecast?postalcode=94107&days=99", "Error", 400},
          Sample{"/no/where", "Error", 404}}) {
        INFO(target);
        auto answer = http_get(s.port, target);
        REQUIRE(answer.status == status);
        const auto body = s.save("answer.json", answer.body);
        auto run = run_node_tool({"node", validate, openapi.string(), schema, body.string()});
        INFO(run.output << run.errors);
        CHECK(run.status == 0);
    }
    // The validator does catch a document that breaks the schema.
    auto v2 = json::parse(http_get(s.port, "/api/v2/weather?postalcode=94107").body);
    v2["observed_at"] = 1700000000;
    v2.erase("condition");
    const auto broken = s.save("broken.json", v2.dump());
    auto run = run_node_tool({"node", validate, openapi.string(), "WeatherV2", broken.string()});
    CHECK(run.status == 1);
    CHECK(run.output.find("condition") != std::string::npos);
    // A forecast day's astronomy is held to the Astronomy schema: a sky without its sun fails.
    auto days =
        json::parse(http_get(s.port, "/api/v2/forecast?lat=37.7749&lon=-122.4194&days=2&hours=0").body);
    REQUIRE(days.at("daily").at(0).at("astronomy").is_object());
    days["daily"][0]["astronomy"].erase("sun");
    const auto sunless = s.save("sunless.json", days.dump());
    auto sky_run = run_node_tool({"node", validate, openapi.string(), "Forecast", sunless.string()});
    CHECK(sky_run.status == 1);
    CHECK(sky_run.output.find("sun") != std::string::npos);
}
