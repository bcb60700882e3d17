#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>

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

// The environment, as the config's precedence reads it.
std::optional<std::string> env_lookup(std::string_view name);

}  // namespace tenki::cli
