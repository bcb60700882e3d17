#include "server/wttr/help.hpp"

#include <fmt/format.h>

#include "server/wttr/line.hpp"

namespace tenki::wttr {
namespace {

constexpr std::string_view k_help_head = R"(tenki serve: wttr.in's URL language, as tenki answers it

Places
    /Paris                a city (a space as + or %20: /São+Paulo, /New+York)
    /Paris,FR             a city and its country
    /94107  /10115,DE     a US ZIP code; a postal code and its country
    /48.85,2.35           coordinates: latitude, longitude
    /Paris:London         several places, one answer each
    /                     the server's default place (tenki does no IP geolocation)
  Not supported (404 and a sentence): landmarks (/~Eiffel+Tower), airport codes (/muc; a
  city of three letters takes its country: /Ulm,DE), domains (/@github.com), and the place of
  the client's IP address. The server's own paths win over place names: /api/..., /metrics,
  /healthz, /:help; ask for a place named like one with its country (/Metrics,US).

Views (no format=)
    curl, Wget, HTTPie, xh, PowerShell and other text clients, or ?A: the terminal view,
    the weather now and the days ahead as text (tenki's report, not wttr.in's ASCII art).
    A browser gets the page; /Paris:London gets the terminal view from any client.
    ?T    no ANSI colour
    ?q    quiet: no "Weather report:" title (the place line stays)
    ?Q    quieter: no title and no place line
    ?n    narrow: the days without their temperature bar
    ?0 .. ?3   days shown: 0 the weather now only, 3 (the default) today and two more
  Options combine: /Paris?0Tq.

Units
    ?m    metric (°C, km/h)
    ?u    USCS (°F, mph)
    ?M    metric, the wind in m/s
  Default: USCS for US places, metric elsewhere. The terminal view's wind is m/s in metric.

Language
    lang=de    the condition's words and the terminal view's labels; else Accept-Language

One-line formats
)";

constexpr std::string_view k_help_tail =
    R"(  + is a space, \n a new line; an unknown code stays as written; a value the weather
  service did not give is empty. A preset ends in a new line, a custom format in none.

Documents
    format=j1   wttr.in's JSON document (current_condition, nearest_area, request, weather)
    format=j2   j1 without the hourly steps
    format=p1   Prometheus text, a location label on every series; several places in one
  j1 and j2 take one place; what the weather services do not give is "" or synthesised
  (README lists each field).

Failures
  An unknown place is 404 (a line of text; JSON for j1), an ambiguous one lists the
  candidates; when the weather service fails, the last good answer with its Age, else 503 and
  Retry-After.
)";

std::string render_help() {
    std::string out(k_help_head);
    for (const auto* name : {"1", "2", "3", "4"})
        out += fmt::format("    format={}    {}\n", name, preset_format(name).value_or(""));
    out += "    format=%l:+%c+%t    % codes:\n";
    for (const auto& code : line_codes()) out += fmt::format("      %{}   {}\n", code.code, code.meaning);
    out += k_help_tail;
    return out;
}

}  // namespace

const std::string& help_text() {
    static const std::string text = render_help();
    return text;
}

}  // namespace tenki::wttr
