// `tenki check`'s findings as text for people and as one JSON document for CI.
#include <fmt/format.h>

#include "tenki/check/check.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

struct Counts {
    int error = 0, warning = 0, info = 0;
};

Counts count(const std::vector<Finding>& findings) {
    Counts c;
    for (const auto& f : findings) {
        if (f.level == CheckLevel::error) ++c.error;
        if (f.level == CheckLevel::warning) ++c.warning;
        if (f.level == CheckLevel::info) ++c.info;
    }
    return c;
}

std::string plural(int n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The sentence ends once: a message already ending in a full stop keeps it.
std::string sentence(std::string text) {
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

}  // namespace

std::string format_findings(const std::vector<Finding>& findings, bool deploy) {
    std::string out;
    for (const auto& f : findings) {
        out += fmt::format("{} {}: {}", util::upper(to_string(f.level)), f.id, sentence(f.message));
        if (!f.hint.empty()) out += " Hint: " + f.hint;
        out += '\n';
    }
    const auto c = count(findings);
    out += fmt::format("tenki check: {}, {}, {} info{}\n", plural(c.error, "error", "errors"),
                       plural(c.warning, "warning", "warnings"), c.info, deploy ? " (with --deploy)" : "");
    return out;
}

std::string findings_json(const std::vector<Finding>& findings, bool deploy) {
    auto list = nlohmann::json::array();
    for (const auto& f : findings)
        list.push_back(
            {{"id", f.id}, {"level", to_string(f.level)}, {"message", f.message}, {"hint", f.hint}});
    const auto c = count(findings);
    nlohmann::json doc = {{"findings", list},
                          {"summary",
                           {{"error", c.error},
                            {"warning", c.warning},
                            {"info", c.info},
                            {"deploy", deploy},
                            {"checks", checks().size()}}}};
    return doc.dump(2);
}

}  // namespace tenki
