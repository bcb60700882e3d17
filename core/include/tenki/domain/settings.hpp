#pragma once

#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// The original's settings classes: DevConfig, TestConfig, ProdConfig.
enum class Environment { dev, test, prod };

struct Settings {
    Environment env = Environment::dev;
    std::string default_postal_code = "19021";
    std::string default_country = "us";
    // Prefix of shared cache keys, so environments sharing a Redis never mix (the original's KEY_BASE).
    std::string cache_key_prefix;
};

Result<Environment> parse_environment(std::string_view name);
std::string_view to_string(Environment env);
Settings settings_for(Environment env);

}  // namespace tenki
