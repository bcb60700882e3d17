#include "tenki/domain/settings.hpp"

#include <string>

namespace tenki {

Result<Environment> parse_environment(std::string_view name) {
    if (name == "dev") return Environment::dev;
    if (name == "test") return Environment::test;
    if (name == "prod") return Environment::prod;
    return fail(ErrorKind::invalid_input,
                "unknown environment '" + std::string(name) + "': use dev, test or prod");
}

std::string_view to_string(Environment env) {
    switch (env) {
        case Environment::dev: return "dev";
        case Environment::test: return "test";
        case Environment::prod: return "prod";
    }
    return "dev";
}

Settings settings_for(Environment env) {
    Settings s;
    s.env = env;
    switch (env) {
        case Environment::dev: s.cache_key_prefix = "dev-"; break;
        case Environment::test: s.cache_key_prefix = "test-"; break;
        case Environment::prod: s.cache_key_prefix = ""; break;
    }
    return s;
}

}  // namespace tenki
