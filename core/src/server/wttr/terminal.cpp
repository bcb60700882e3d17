#include "server/wttr/terminal.hpp"

#include <algorithm>
#include <array>

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

// Whether some agent's name begins with this (lower-case) byte: the one pass below stops only there.
constexpr std::array<bool, 256> k_agent_first = [] {
    std::array<bool, 256> first{};
    for (auto agent : k_plain_text_agents) first[static_cast<unsigned char>(agent.front())] = true;
    return first;
}();

bool terminal_agent_at(std::string_view rest, std::string_view agent) {
    if (rest.size() < agent.size()) return false;
    for (std::size_t i = 1; i < agent.size(); ++i)
        if (terminal_fold(rest[i]) != agent[i]) return false;
    return true;
}

}  // namespace

// Called on every wttr.in request (the kept job's key): one pass over the header, ASCII case
// folded in place, trying the agents only where one's first letter stands. std::search a name at
// a time cost a hit ~2,900 instructions for ApacheBench's 15-byte header (callgrind).
bool is_terminal_agent(std::string_view user_agent) {
    for (std::size_t i = 0; i < user_agent.size(); ++i) {
        const char c = terminal_fold(user_agent[i]);
        if (!k_agent_first[static_cast<unsigned char>(c)]) continue;
        const auto rest = user_agent.substr(i);
        for (auto agent : k_plain_text_agents)
            if (agent.front() == c && terminal_agent_at(rest, agent)) return true;
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
