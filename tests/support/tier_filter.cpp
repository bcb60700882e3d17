#include "support/tier_filter.hpp"

namespace tenki::test {

tl::expected<std::string, std::string> tier_spec(const std::string& tier) {
    if (tier == "unit") return std::string("~[integration]~[web]");
    if (tier == "integration") return std::string("[integration]");
    if (tier == "web") return std::string("[web]");
    return tl::unexpected("unknown tier '" + tier + "': use unit, integration or web");
}

tl::expected<std::vector<std::string>, std::string> apply_tier(const std::string& tier,
                                                               const std::vector<std::string>& specs) {
    auto t = tier_spec(tier);
    if (!t) return tl::unexpected(t.error());
    std::vector<std::string> out{*t + " "};
    for (const auto& spec : specs) {
        std::string rewritten;
        bool quoted = false;
        bool escaped = false;
        int bracket = 0;
        for (char c : spec) {
            rewritten += c;
            if (escaped) {
                escaped = false;
                continue;
            }
            if (c == '\\')
                escaped = true;
            else if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == '[')
                ++bracket;
            else if (!quoted && c == ']' && bracket > 0)
                --bracket;
            else if (!quoted && bracket == 0 && c == ',')
                rewritten += " " + *t + " ";
        }
        out.push_back(rewritten);
    }
    return out;
}

}  // namespace tenki::test
