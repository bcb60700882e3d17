#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/wttr/line.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/lang/language.hpp"

// wttr.in's terminal view, in tenki's own look: what a curl-like client (or ?A) gets for /{place}
// or / without format=. Not wttr.in's ASCII-art panels: tenki's text report (`tenki weather`)
// and its forecast's days (`tenki forecast`), one renderer for the CLI and the server.
namespace tenki::wttr {

// Whether a User-Agent asks for text, as wttr.in decides (chubin/wttr.in lib/globals.py's
// PLAIN_TEXT_AGENTS: curl, httpie, lwp-request, wget, python-requests, python-httpx, openbsd
// ftp, powershell, fetch, aiohttp, http_get, xh, nushell, zig), each looked for anywhere in the
// lowercased header ("curl/8.5.0", "Wget/1.21", "HTTPie/3.2"). An empty header is no client's.
bool is_terminal_agent(std::string_view user_agent);

// The view's options, wttr.in's valueless parameters: T no colour, q no "Weather report:" title
// (the place line stays), Q neither (nor the days' heading, which names the place), n narrow (the
// days without their range bar), 0 to 3 days (today the first; default 3).
struct TerminalOptions {
    bool colour = true;
    bool quiet = false;
    bool super_quiet = false;
    bool narrow = false;
    int days = 3;
};

struct TerminalInput {
    const Weather* weather = nullptr;       // never null
    const Forecast* forecast = nullptr;     // the whole forecast (cut here to the days); null: no days
    LineUnits units = LineUnits::metric;    // uscs: tenki's imperial; metric and metric_ms: metric (m/s)
    Language language = Language::en;       // the labels', weekdays' and conditions' (tr())
    std::int64_t now = 0;                   // unix seconds: the days start at the place's today then
    std::optional<std::int64_t> stale_age;  // seconds: a stale answer, noted on the first line
    TerminalOptions options;
};

// The weather now (render_text: condition, temperature, wind, visibility, precipitation, ...)
// under "Weather report: {place}", then a blank line and the days (render_forecast_days), each
// line ending in "\n". ANSI colour only with options.colour.
std::string render_terminal(const TerminalInput& input);

}  // namespace tenki::wttr
