#include <unistd.h>

#include <fmt/format.h>

#include "server/dispatch.hpp"

namespace tenki::server {

namespace {

constexpr std::size_t k_max_logged_target = 512;

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text.substr(0, k_max_logged_target)) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '"' || c == '\\')
            fmt::format_to(std::back_inserter(out), "\\x{:02x}", u);
        else
            out.push_back(c);
    }
    if (text.size() > k_max_logged_target) out += "...";
}

}  // namespace

void write_access_log(std::string& scratch, std::string_view remote, std::string_view method,
                      std::string_view target, int status, std::size_t bytes, std::string_view x_cache,
                      std::chrono::nanoseconds duration) {
    scratch.clear();
    scratch += remote;
    scratch += " \"";
    append_escaped(scratch, method);
    scratch += ' ';
    append_escaped(scratch, target);
    fmt::format_to(std::back_inserter(scratch), "\" {} {} {:.3f}ms {}\n", status, bytes,
                   std::chrono::duration<double, std::milli>(duration).count(),
                   x_cache.empty() ? "-" : x_cache);
    // One write per line, so lines from several threads never interleave.
    [[maybe_unused]] auto written = ::write(2, scratch.data(), scratch.size());
}

}  // namespace tenki::server
