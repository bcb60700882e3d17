#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// wttr.in's format=p1: its JSON's numbers as a Prometheus text exposition (chubin/wttr.in
// internal/renderer/renderer_p1.go's metric names and "forecast" label), with a "location" label on
// every series so that several places make one exposition.
namespace tenki::wttr {

// One place: its label (the place as asked) and its j1 document (j1_document).
using P1Place = std::pair<std::string, const nlohmann::json*>;

// Each metric family once (# HELP, # TYPE gauge, then its series, places in order, forecast
// "current", "0d", "1d", "2d"); a word (weather_desc, winddir_16_point, astronomy_moon_phase) is a
// "description" label on a series of value 1, as wttr.in's; times of day are minutes since
// midnight; a value the document has as "" is left out.
std::string p1_exposition(const std::vector<P1Place>& places);

}  // namespace tenki::wttr
