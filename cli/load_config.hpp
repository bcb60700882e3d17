#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"
#include "tenki/config/config.hpp"

namespace tenki::cli {

// Command-line values of config keys, by key name ("units"), for the precedence.
using OptionValues = std::map<std::string, std::string, std::less<>>;

// The config file --config / TENKI_CONFIG / the XDG default names, read and checked, with the
// environment and `options` applied over it. Any problem in the file (broken TOML, an unknown key,
// a wrong type, a place that cannot be one) is invalid_input naming its line. `used`: the keys the
// command reads (empty: all), the only ones whose bad environment variable fails it.
Result<Config> load_config(const Context& ctx, const OptionValues& options = {},
                           std::span<const std::string_view> used = {});

// What `tenki config` shows: every setting it can (resolve_config_listing), and every problem
// of the file (each with its line) and of the options and variables (line 0), in that order.
struct ListedConfig {
    Config config;
    std::vector<ConfigProblem> problems;
};

// load_config for `tenki config`: a bad value or key is a problem beside the rest, not the error;
// broken TOML, an unreadable file or a named file missing still are.
Result<ListedConfig> load_config_listing(const Context& ctx, const OptionValues& options = {});

// The keys a command reads, for load_config's `used`: every key but the other face's twin of a
// variable both faces read (TENKI_CACHE_TTL: cache_ttl for weather and forecast, serve.cache_ttl
// for serve). So the variable is read for the command's own key only: `TENKI_CACHE_TTL=abc tenki
// weather --cache-ttl 5m` runs (the option overrides it), and a bad one names the key the
// command reads.
std::vector<std::string_view> command_keys(bool serve);

// The environment, as the config's precedence reads it.
std::optional<std::string> env_lookup(std::string_view name);

}  // namespace tenki::cli
