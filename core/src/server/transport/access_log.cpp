// The access log: nginx's combined format or JSON lines, one write(2) a line.
#include "server/transport/access_log.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <iterator>
#include <random>

#include <fmt/format.h>

#include "util/ascii.hpp"

namespace tenki::server {

namespace {

constexpr std::size_t k_max_logged_field = 512;

// Query parameters whose values could be an API key: never written.
constexpr std::array<std::string_view, 4> k_secret_parameters{"appid", "api_key", "apikey", "key"};

bool secret_parameter(std::string_view name) {
    for (auto secret : k_secret_parameters)
        if (util::iequals(name, secret)) return true;
    return false;
}

// The target with the value of every secret-looking query parameter replaced by REDACTED.
std::string key_free(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::string(target);
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    bool first = true;
    while (true) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        if (!first) out += '&';
        first = false;
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && secret_parameter(pair.substr(0, eq))) {
            out.append(pair.substr(0, eq + 1));
            out += "REDACTED";
        } else {
            out.append(pair);
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return out;
}

// Control characters, quotes and backslashes as \xHH (combined) or JSON escapes (json); cut long.
void append_escaped(std::string& out, std::string_view text, LogFormat format) {
    for (char c : text.substr(0, k_max_logged_field)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f && c != '"' && c != '\\')
            out.push_back(c);
        else if (format == LogFormat::json)
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
        else
            fmt::format_to(std::back_inserter(out), "\\x{:02x}", u);
    }
    if (text.size() > k_max_logged_field) out += "...";
}

void append_field(std::string& out, std::string_view text, LogFormat format) {
    if (text.empty())
        out += '-';
    else
        append_escaped(out, text, format);
}

std::tm utc(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    return tm;
}

void write_combined(std::string& out, const AccessRecord& r) {
    const auto tm = utc(r.time);
    std::array<char, 40> time{};
    const auto n = std::strftime(time.data(), time.size(), "%d/%b/%Y:%H:%M:%S +0000", &tm);
    append_field(out, r.client, LogFormat::combined);
    out += " - - [";
    out.append(time.data(), n);
    out += "] \"";
    if (r.method.empty() && r.target.empty()) {
        out += '-';  // nginx's way of saying no request line could be read
    } else {
        append_escaped(out, r.method, LogFormat::combined);
        out += ' ';
        append_escaped(out, key_free(r.target), LogFormat::combined);
        out += r.version == 10 ? " HTTP/1.0" : " HTTP/1.1";
    }
    fmt::format_to(std::back_inserter(out), "\" {} {} \"", r.status, r.bytes);
    append_field(out, r.referer, LogFormat::combined);
    out += "\" \"";
    append_field(out, r.user_agent, LogFormat::combined);
    fmt::format_to(std::back_inserter(out), "\" {:.3f} {} ",
                   std::chrono::duration<double>(r.duration).count(), r.x_cache.empty() ? "-" : r.x_cache);
    append_field(out, r.request_id, LogFormat::combined);
    out += '\n';
}

void json_string(std::string& out, std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
    if (value.empty()) {
        out += "null";
        return;
    }
    out += '"';
    append_escaped(out, value, LogFormat::json);
    out += '"';
}

// {"time":"2026-12-01T06:55:00.123Z" (RFC 3339, UTC), without the closing brace.
void open_json(std::string& out, std::chrono::system_clock::time_point time) {
    const auto tm = utc(time);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
    fmt::format_to(std::back_inserter(out), "{{\"time\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\"",
                   tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void write_json(std::string& out, const AccessRecord& r) {
    open_json(out, r.time);
    json_string(out, "client", r.client);
    json_string(out, "method", r.method);
    json_string(out, "path", key_free(r.target));
    fmt::format_to(std::back_inserter(out), ",\"status\":{},\"bytes\":{},\"duration_ms\":{:.3f}", r.status,
                   r.bytes, std::chrono::duration<double, std::milli>(r.duration).count());
    json_string(out, "cache", r.x_cache);
    json_string(out, "error", r.error_code);
    json_string(out, "request_id", r.request_id);
    json_string(out, "referer", r.referer);
    json_string(out, "user_agent", r.user_agent);
    out += "}\n";
}

}  // namespace

Result<LogFormat> parse_log_format(std::string_view text) {
    if (text == "combined") return LogFormat::combined;
    if (text == "json") return LogFormat::json;
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown log format '{}': use combined or json", text.substr(0, 40)));
}

void write_access_log(std::string& scratch, LogFormat format, const AccessRecord& record) {
    scratch.clear();
    if (format == LogFormat::json)
        write_json(scratch, record);
    else
        write_combined(scratch, record);
    [[maybe_unused]] auto written = ::write(2, scratch.data(), scratch.size());
}

void log_line(LogFormat format, std::string_view event, std::string_view text) {
    std::string line;
    line.reserve(text.size() + 64);
    if (format == LogFormat::json) {
        open_json(line, std::chrono::system_clock::now());
        json_string(line, "event", event);
        json_string(line, "message", text);
        line += "}\n";
    } else {
        line += "tenki serve: ";
        line += text;
        line += '\n';
    }
    [[maybe_unused]] auto written = ::write(2, line.data(), line.size());
}

void log_upstream_failure(LogFormat format, std::string_view provider, std::string_view answer,
                          std::string_view place, const Error& error) {
    std::string line;
    if (format == LogFormat::json) {
        open_json(line, std::chrono::system_clock::now());
        line += ",\"event\":\"upstream_failure\"";
        json_string(line, "provider", provider);
        json_string(line, "answer", answer);
        json_string(line, "place", place);
        json_string(line, "error", to_string(error.kind));
        json_string(line, "message", error.message);
        line += "}\n";
    } else {
        line = "tenki serve: upstream failure: ";
        append_escaped(line, provider, LogFormat::combined);
        line += ' ';
        append_escaped(line, answer, LogFormat::combined);
        line += ' ';
        append_escaped(line, place, LogFormat::combined);
        line += ": ";
        line += to_string(error.kind);
        line += ": ";
        append_escaped(line, error.message, LogFormat::combined);
        line += '\n';
    }
    [[maybe_unused]] auto written = ::write(2, line.data(), line.size());
}

bool acceptable_request_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    for (char c : id) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view("-_.:@+=/").find(c) == std::string_view::npos) return false;
    }
    return true;
}

RequestIds::RequestIds() {
    std::random_device seed;
    for (auto& word : m_state) word = (std::uint64_t{seed()} << 32) | seed();
}

// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
// a bijection of its counter, so a thread's ids never repeat before 2^64 of them, and a tenth of
// mt19937_64's cost a call (callgrind).
std::uint64_t RequestIds::next_bits(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

namespace {

// The 8 hex digits of `v`, most significant first: its nibbles spread a byte each, then
// '0'..'9' or 'a'..'f' added to all eight at once.
void hex8(std::uint32_t v, char* out) {
    std::uint64_t x = v;
    x = ((x & 0xffff0000ULL) << 16) | (x & 0xffffULL);
    x = ((x & 0x0000ff000000ff00ULL) << 8) | (x & 0x000000ff000000ffULL);
    x = ((x & 0x00f000f000f000f0ULL) << 4) | (x & 0x000f000f000f000fULL);
    const std::uint64_t letters = ((x + 0x0606060606060606ULL) >> 4) & 0x0101010101010101ULL;
    x += 0x3030303030303030ULL + letters * ('a' - '0' - 10);
    x = __builtin_bswap64(x);  // the most significant nibble is in the top byte: first in memory
    std::memcpy(out, &x, sizeof x);
}

}  // namespace

// By hand into the session's reused string: a digit at a time from mt19937_64 cost a cache hit
// 440 instructions, a twentieth of it (callgrind).
void RequestIds::next(std::string& out) {
    out.resize(32);
    char* at = out.data();
    for (auto& state : m_state) {
        const std::uint64_t bits = next_bits(state);
        hex8(static_cast<std::uint32_t>(bits >> 32), at);
        hex8(static_cast<std::uint32_t>(bits), at + 8);
        at += 16;
    }
}

}  // namespace tenki::server
