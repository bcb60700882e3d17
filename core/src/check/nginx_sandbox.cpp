// --nginx-conf: nginx -t in a private mount namespace, and its verdict without nginx's quotes.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <sstream>

#include "check/nginx.hpp"
#include "util/ascii.hpp"

namespace tenki::check_detail {

namespace {

// Run by sh inside `unshare --mount`: $1 stays writable (a bind mount of itself), every other
// mount of the new namespace is made read-only, then the rest of the arguments run. A mount that
// cannot be made read-only stops it (exit 97) before nginx runs. Mount points in mountinfo have
// octal escapes (\040 for a space), which printf %b reads as \0040.
constexpr std::string_view k_sandbox_script = R"sh(set -eu
keep="$1"; shift
mount --bind "$keep" "$keep"
awk '{print $5}' /proc/self/mountinfo | while read -r escaped; do
  point=$(printf '%b' "$(printf '%s' "$escaped" | sed 's/\\\([0-7][0-7][0-7]\)/\\0\1/g')")
  [ "$point" = "$keep" ] && continue
  mount -o remount,bind,ro "$point" 2>/dev/null || { echo "tenki-sandbox: cannot make $point read-only" >&2; exit 97; }
done
exec "$@")sh";

// The words nginx's own error messages are made of (src/core/ngx_conf_file.c and the modules'
// ngx_conf_log_error calls) and strerror's: a message made only of these, numbers and
// punctuation cannot carry a word of the config.
constexpr std::array k_nginx_words{
    "a",          "allowed",   "an",        "are",       "argument",      "arguments",
    "be",         "can",       "cannot",    "conf",      "configuration", "conflicting",
    "denied",     "directive", "directory", "duplicate", "end",           "events",
    "expecting",  "failed",    "file",      "for",       "found",         "has",
    "here",       "host",      "http",      "in",        "invalid",       "is",
    "it",         "load",      "location",  "log",       "long",          "must",
    "no",         "not",       "number",    "of",        "off",           "on",
    "only",       "open",      "opening",   "or",        "parameter",     "permission",
    "port",       "read",      "section",   "server",    "such",          "system",
    "terminated", "the",       "there",     "too",       "unexpected",    "unknown",
    "upstream",   "value",     "variable",  "zone"};

bool known_word(std::string word) {
    word.erase(std::remove_if(word.begin(), word.end(),
                              [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }),
               word.end());
    if (word.empty() || util::all_digits(word)) return true;
    word = util::lower(word);
    return std::find(k_nginx_words.begin(), k_nginx_words.end(), word) != k_nginx_words.end();
}

// The kind of error a message names, its quoted parts left out ("unknown directive"), as a
// quoted word may be anything of the config, a secret included; a quoted `{`, `}` or `;` alone
// is kept (`unexpected "}"`). A fixed phrase when any other word is not nginx's own.
std::string error_kind(const std::string& message) {
    static const std::regex quoted(R"("[^"]*\"?)");
    std::string kept;
    auto rest = message.cbegin();
    for (std::sregex_iterator it(message.cbegin(), message.cend(), quoted), end; it != end; ++it) {
        kept.append(rest, (*it)[0].first);
        const auto text = it->str();
        kept += text == "\"{\"" || text == "\"}\"" || text == "\";\"" ? text : std::string(" ");
        rest = (*it)[0].second;
    }
    kept.append(rest, message.cend());
    std::istringstream words(kept);
    std::string kind, word;
    while (words >> word) {
        if (!known_word(word)) return "an error nginx -t explains itself";
        kind += (kind.empty() ? "" : " ") + word;
    }
    return kind.empty() ? "an error nginx -t explains itself" : kind;
}

}  // namespace

std::vector<std::string> sandboxed(const std::filesystem::path& keep, std::vector<std::string> argv) {
    std::vector<std::string> out{"unshare", "--mount", "--propagation", "private"};
    // Without root, a user namespace (as root in it) is what lets tenki make a mount namespace.
    if (::geteuid() != 0) out.insert(out.end(), {"--user", "--map-root-user"});
    out.insert(out.end(), {"--", "sh", "-c", std::string(k_sandbox_script), "sh", keep.string()});
    out.insert(out.end(), std::make_move_iterator(argv.begin()), std::make_move_iterator(argv.end()));
    return out;
}

std::string nginx_verdict(std::string_view errors) {
    // "nginx: [emerg] MESSAGE in FILE:LINE", or an error log line "DATE TIME [emerg] PID#TID: MESSAGE".
    static const std::regex line(R"(\[(\w+)\] (?:\d+#\d+: )?(.*?)(?: in ([^"\s][^"]*):(\d+))?$)");
    std::string verdict;
    std::istringstream in{std::string(errors)};
    for (std::string text; std::getline(in, text);) {
        std::smatch m;
        if (!std::regex_search(text, m, line)) {
            if (text.find("configuration file") == std::string::npos && !util::trim(text).empty())
                verdict +=
                    (verdict.empty() ? "" : "\n") + std::string("nginx -t failed without saying where");
            continue;  // "configuration file ... test failed"
        }
        const std::string level = m[1], message = m[2];
        if (level == "warn" || level == "notice" || level == "info" || level == "debug") continue;
        if (message.ends_with(k_read_only_error)) continue;  // what the sandbox kept nginx from creating
        verdict += (verdict.empty() ? "[" : "\n[") + level + "] " + error_kind(message);
        if (m[3].matched) verdict += " in " + m[3].str() + ":" + m[4].str();
    }
    return verdict;
}

}  // namespace tenki::check_detail
