#pragma once

#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

// The OpenAPI schemas of the extra sources' answers (Alerts, Alert), and the `alerts` the v2
// weather document of `tenki weather --json` carries, added to `schemas` (components/schemas).
void add_extra_schemas(nlohmann::json& schemas);

}  // namespace tenki::server
