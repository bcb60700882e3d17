#pragma once

#include <string>

// wttr.in's /:help page, as tenki serve implements the URL language.
namespace tenki::wttr {

// The text of GET /:help (text/plain, UTF-8, in English as wttr.in's own): the place forms and
// those tenki does not support, the views and their options, units, lang=, the presets and every
// % code (read from line_codes() and preset_format(), so the page cannot drift from the
// renderer), j1/j2/p1. The same bytes every call.
const std::string& help_text();

}  // namespace tenki::wttr
