#pragma once

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

// Small helpers every subcommand reads its environment and its timeouts with.
namespace tenki::cli {

// An environment variable's value; unset and empty are the same (as NO_COLOR's rule has it).
inline std::optional<std::string> env(std::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

// Colour and symbols only on a terminal that shows them: not when stdout is not a terminal, not
// with NO_COLOR (no-color.org), not with TERM=dumb (a terminal that knows no escape sequences).
inline bool styled_output(bool stdout_is_terminal) {
    const auto term = env("TERM");
    return stdout_is_terminal && !env("NO_COLOR") && term != "dumb";
}

// A timeout given in (fractional) seconds on the command line, to the nearest millisecond.
inline std::chrono::milliseconds millis(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0 + 0.5));
}

}  // namespace tenki::cli
