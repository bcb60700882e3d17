// REDIS_URL: redis://[[user]:password@]host[:port][/db], parsed and shown without its password.
#include <charconv>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "tenki/cache/redis_cache.hpp"

namespace tenki::cache {

namespace {

constexpr std::string_view k_scheme = "redis://";

// The URL as typed, minus what may be a password: everything between the scheme and the last '@'.
std::string shown_url(std::string_view text) {
    const auto at = text.rfind('@');
    if (at == std::string_view::npos) return std::string(text);
    auto scheme = text.find("://");
    const std::size_t from = scheme != std::string_view::npos && scheme < at ? scheme + 3 : 0;
    return std::string(text.substr(0, from)) + "***" + std::string(text.substr(at));
}

Result<RedisUrl> bad_url(std::string_view text, std::string_view why) {
    return fail(ErrorKind::invalid_input,
                fmt::format("the Redis URL '{}' {}: use redis://127.0.0.1:6379/0", shown_url(text), why));
}

template <typename Int>
bool parse_url_number(std::string_view text, Int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string RedisUrl::display() const {
    auto auth = password.empty() ? (user.empty() ? "" : user + "@") : user + ":***@";
    auto shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return fmt::format("redis://{}{}:{}/{}", auth, shown_host, port, db);
}

Result<RedisUrl> parse_redis_url(std::string_view text) {
    if (text.substr(0, k_scheme.size()) != k_scheme) return bad_url(text, "does not start with redis://");
    auto rest = text.substr(k_scheme.size());
    RedisUrl url;
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        auto userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
            url.user = userinfo.substr(0, colon);
            url.password = userinfo.substr(colon + 1);
        } else {
            url.password = userinfo;  // redis://secret@host, as older clients wrote it
        }
    }
    std::string_view path;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        path = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        if (close == std::string_view::npos) return bad_url(text, "has an unclosed [");
        url.host = rest.substr(1, close - 1);
        auto after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':') return bad_url(text, "has junk after its host");
        if (!after.empty()) port = after.substr(1);
    } else if (auto colon = rest.find(':'); colon != std::string_view::npos) {
        url.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    } else {
        url.host = rest;
    }
    if (url.host.empty()) return bad_url(text, "has no host");
    if (port.data() && !port.empty()) {
        unsigned value = 0;
        if (!parse_url_number(port, value) || value == 0 || value > 65535)
            return bad_url(text, "has a port that is not 1-65535");
        url.port = static_cast<std::uint16_t>(value);
    } else if (port.data() && rest.back() == ':') {
        return bad_url(text, "has an empty port");
    }
    if (!path.empty() && (!parse_url_number(path, url.db) || url.db < 0))
        return bad_url(text, "has a database that is not a number");
    return url;
}

}  // namespace tenki::cache
