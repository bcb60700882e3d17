#include "support/fake_nws.hpp"

#include <ctime>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tenki::test {

namespace {

std::int64_t now_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

}  // namespace

FakeNws::FakeNws() : m_server([this](const RecordedRequest& r) { return respond(r); }) {}

std::string FakeNws::eastern(std::int64_t unix_s) {
    const auto local = static_cast<std::time_t>(unix_s - 5 * 3600);
    std::tm tm{};
    gmtime_r(&local, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}-05:00", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void FakeNws::set_alerts(std::vector<FakeAlert> alerts) {
    std::lock_guard lock(m_mutex);
    m_alerts = std::move(alerts);
}

void FakeNws::answer_block_page() {
    m_server.always(Reply::text(403,
                                "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>"
                                "You don't have permission to access \"/alerts/active\" on this server.<P>"
                                "Reference&#32;#18&#46;abc</BODY></HTML>",
                                "text/html"));
}

Reply FakeNws::respond(const RecordedRequest& request) const {
    if (request.path != "/alerts/active" || !request.query.count("point"))
        return Reply::text(
            400, R"({"title":"Bad Request","status":400,"detail":"Parameter \"point\" is invalid"})",
            "application/problem+json");
    auto features = nlohmann::json::array();
    std::lock_guard lock(m_mutex);
    for (const auto& a : m_alerts) {
        const auto expires = a.expires.value_or(now_s() + 86400);
        features.push_back({{"type", "Feature"},
                            {"properties",
                             {{"@type", "wx:Alert"},
                              {"areaDesc", a.area},
                              {"sent", eastern(now_s() - 3600)},
                              {"effective", eastern(now_s() - 3600)},
                              {"onset", eastern(a.onset.value_or(now_s() - 1800))},
                              {"expires", eastern(expires)},
                              {"ends", a.ends ? nlohmann::json(eastern(*a.ends)) : nlohmann::json(nullptr)},
                              {"status", "Actual"},
                              {"messageType", "Alert"},
                              {"severity", a.severity},
                              {"certainty", "Likely"},
                              {"urgency", "Expected"},
                              {"event", a.event},
                              {"senderName", a.sender},
                              {"headline", a.headline},
                              {"description", "* WHAT...Heavy snow."},
                              {"instruction", "Travel could be very difficult."}}}});
    }
    nlohmann::json doc{{"type", "FeatureCollection"},
                       {"features", features},
                       {"title", "Current watches, warnings, and advisories"}};
    auto reply = Reply::json(200, doc.dump());
    reply.content_type = "application/geo+json";
    return reply;
}

}  // namespace tenki::test
