#include "server/wttr/terminal.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/translate.hpp"

namespace tenki::wttr {
namespace {

constexpr std::array<std::string_view, 14> k_plain_text_agents{
    "curl",  "httpie",  "lwp-request", "wget", "python-requests", "python-httpx", "openbsd ftp", "powershell",
    "fetch", "aiohttp", "http_get",    "xh",   "nushell",         "zig"};

Units terminal_units(LineUnits units) { return units == LineUnits::uscs ? Units::imperial : Units::metric; }

// The report's first line (the place) under the title the options keep: "Weather report: Paris".
std::string terminal_now(const TerminalInput& in) {
    const TextStyle style{in.options.colour, true, in.language, IconSet::emoji};
    auto report = render_text(*in.weather, terminal_units(in.units), style);
    const auto end = report.find('\n');
    const auto place = report.substr(0, end);
    const auto rest = end == std::string::npos ? std::string() : report.substr(end + 1);
    if (in.options.super_quiet) return rest;
    if (in.options.quiet) return report;
    return fmt::format(fmt::runtime(tr(in.language, "Weather report: {}")), place) + "\n" + rest;
}

}  // namespace

namespace {

constexpr char terminal_fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

static_assert(k_plain_text_agents.size() <= 16);

// By (lower-case) byte, the agents whose name begins with it, a bit each (k_plain_text_agents'
// order): the one pass below tries only those.
constexpr std::array<std::uint16_t, 256> agents_by_first() {
    std::array<std::uint16_t, 256> first{};
    std::size_t bit = 0;
    for (auto agent : k_plain_text_agents)
        first[static_cast<unsigned char>(agent.front())] |= static_cast<std::uint16_t>(1U << bit++);
    return first;
}

constexpr auto k_agents_by_first = agents_by_first();

bool terminal_agent_at(std::string_view rest, std::string_view agent) {
    if (rest.size() < agent.size()) return false;
    for (std::size_t i = 1; i < agent.size(); ++i)
        if (terminal_fold(rest[i]) != agent[i]) return false;
    return true;
}

}  // namespace

// Called on every wttr.in request (the kept job's key): one pass over the header, ASCII case
// folded in place, trying only the agents whose first letter stands there. std::search a name at
// a time cost a hit ~2,900 instructions for ApacheBench's 15-byte header (callgrind).
bool is_terminal_agent(std::string_view user_agent) {
    for (std::size_t i = 0; i < user_agent.size(); ++i) {
        unsigned agents = k_agents_by_first[static_cast<unsigned char>(terminal_fold(user_agent[i]))];
        for (std::size_t a = 0; agents != 0; ++a, agents >>= 1U)
            if ((agents & 1U) != 0 && terminal_agent_at(user_agent.substr(i), k_plain_text_agents[a]))
                return true;
    }
    return false;
}

std::string render_terminal(const TerminalInput& in) {
    auto out = terminal_now(in);
    if (in.stale_age) out = with_stale_note(std::move(out), *in.stale_age, in.language);
    const int days = std::clamp(in.options.days, 0, 3);
    if (in.forecast && days > 0) {
        const auto window = forecast_window(*in.forecast, in.now, days, 0);
        if (!window.daily.empty()) {
            ForecastStyle style{in.options.colour, true, in.language};
            style.range_bar = !in.options.narrow;
            auto days_text = render_forecast_days(window, terminal_units(in.units), style);
            // Q: no place line anywhere, so not the days' heading either (it names the place).
            if (in.options.super_quiet) days_text.erase(0, days_text.find('\n') + 1);
            out += "\n" + days_text;
        }
    }
    return out;
}

}  // namespace tenki::wttr
