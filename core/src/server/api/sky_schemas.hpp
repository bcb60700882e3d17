#pragma once

#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

// The OpenAPI schema of the sky (Astronomy: `tenki moon --json`'s document, tenki/astronomy/sky.hpp's
// to_json), added to `schemas` (components/schemas), and the `astronomy` of the v2 weather document
// and of each forecast day that refer to it.
void add_sky_schemas(nlohmann::json& schemas);

}  // namespace tenki::server
