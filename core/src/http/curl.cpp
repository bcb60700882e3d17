#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "http/curl_handle.hpp"
#include "http/deadline.hpp"
#include "tenki/http/http.hpp"
#include "tenki/http/retry_after.hpp"
#include "tenki/providers/api_key.hpp"
#include "tenki/version.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

using http::CurlHandle;

// What one transfer collected; reset before a retry.
struct Transfer {
    std::size_t max_body = 0;
    std::string body;
    bool too_large = false;
    bool got_bytes = false;
    std::optional<int> retry_after;
};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (util::to_lower(a[i]) != util::to_lower(b[i])) return false;
    return true;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    transfer->got_bytes = true;
    if (transfer->body.size() + n > transfer->max_body) {
        transfer->too_large = true;
        return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
    }
    transfer->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    transfer->got_bytes = true;
    if (line.starts_with("HTTP/")) {
        transfer->retry_after.reset();  // a new (final or interim) response starts
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        if (iequals(util::trim(line.substr(0, colon)), "retry-after"))
            transfer->retry_after = parse_retry_after(line.substr(colon + 1),
                                                      std::chrono::duration_cast<std::chrono::seconds>(
                                                          std::chrono::system_clock::now().time_since_epoch())
                                                          .count());
    }
    return line.size();
}

// The text with every secret, in every spelling an upstream may echo it, and every appid=
// value replaced by REDACTED: tenki::redact decides what a secret looks like.
std::string redact_secrets(std::string_view text, const std::vector<std::string>& secrets) {
    std::string out = redact(text, {});
    for (const auto& secret : secrets)
        if (!secret.empty()) out = redact(out, secret);
    return out;
}

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
    const char* prefix = type == CURLINFO_TEXT         ? "* "
                         : type == CURLINFO_HEADER_IN  ? "< "
                         : type == CURLINFO_HEADER_OUT ? "> "
                                                       : nullptr;
    if (prefix == nullptr) return 0;  // bodies and TLS records are not traced
    const auto* secrets = static_cast<const std::vector<std::string>*>(user);
    const std::string text = redact_secrets(std::string_view(data, size), *secrets);
    std::string out;
    std::string_view rest = text;
    while (!rest.empty()) {
        auto eol = rest.find('\n');
        auto line = util::trim(rest.substr(0, eol));
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
        if (line.empty()) continue;
        out.append(prefix).append(line).push_back('\n');
    }
    std::fwrite(out.data(), 1, out.size(), stderr);  // one write per call: threads do not interleave lines
    return 0;
}

// "host[:port]" of a URL: error messages name the server, never the path or query (the key).
std::string host_of(std::string_view url) {
    if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    return url.empty() ? std::string("the server") : std::string(url);
}

// libcurl's own detail, minus anything that looks like a query string or a key.
std::string safe_detail(const std::string& detail, const std::vector<std::string>& secrets) {
    std::string text = redact_secrets(detail, secrets);
    for (auto q = text.find('?'); q != std::string::npos; q = text.find('?', q + 1)) {
        auto end = text.find_first_of(" '\"", q);
        text.erase(q, end == std::string::npos ? std::string::npos : end - q);
    }
    return text;
}

// "ftp://host[:port]": the scheme as typed (what makes it invalid) and the server, never the
// path, query or user part; host_of alone without a scheme.
std::string scheme_and_host(std::string_view url) {
    const auto scheme = url.find("://");
    const auto host = host_of(url);
    if (scheme == std::string_view::npos ||
        url.substr(0, scheme).find_first_of("/?#@") != std::string_view::npos)
        return host;
    return std::string(url.substr(0, scheme + 3)) + host;
}

// The time really waited, to the nearest tenth of a second: "1.0 s".
std::string describe(std::chrono::milliseconds ms) {
    const auto tenths = (ms.count() + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

// What the messages call the server: the provider's title, else the URL's host.
std::string who_of(const HttpRequest& request) {
    return request.service.empty() ? host_of(request.url) : request.service;
}

Error transfer_error(CURLcode code, const Transfer& transfer, const HttpRequest& request,
                     const CurlHandle& handle, std::chrono::milliseconds waited) {
    const std::string host = host_of(request.url);
    const std::string who = who_of(request);
    const std::string detail = safe_detail(handle.error_detail(), request.secrets);
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return {ErrorKind::unreachable, "cannot resolve " + host + ": check the URL and your network"};
        case CURLE_COULDNT_CONNECT:
            return {ErrorKind::unreachable,
                    "cannot connect to " + who + ": check your network or try again later"};
        case CURLE_OPERATION_TIMEDOUT:
            if (handle.info<curl_off_t>(CURLINFO_CONNECT_TIME_T) == 0)
                return {ErrorKind::timeout,
                        "could not connect to " + who + " within " + describe(waited) + ": try again later"};
            return {ErrorKind::timeout,
                    who + " did not answer within " + describe(waited) + ": try again later"};
        case CURLE_FILESIZE_EXCEEDED:
            return {ErrorKind::bad_response,
                    who + " sent an answer larger than " + std::to_string(request.max_body) + " bytes"};
        case CURLE_WRITE_ERROR:
            if (transfer.too_large)
                return {ErrorKind::bad_response,
                        who + " sent an answer larger than " + std::to_string(request.max_body) + " bytes"};
            break;
        case CURLE_GOT_NOTHING:
            return {ErrorKind::unreachable,
                    who + " closed the connection without answering: try again later"};
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_PARTIAL_FILE:
            return {ErrorKind::unreachable,
                    "the connection to " + who + " broke before the answer was complete: try again later"};
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
            return {ErrorKind::unreachable, "TLS with " + host + " failed (" + detail +
                                                "): check the system clock and CA certificates"};
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
            return {ErrorKind::invalid_input,
                    "the URL " + scheme_and_host(request.url) + " is not a valid http or https URL: check " +
                        (request.url_env.empty() ? std::string("the URL") : request.url_env)};
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
            return {ErrorKind::bad_response, who + " answered something that is not HTTP"};
        default: break;
    }
    return {ErrorKind::unreachable, "the request to " + who + " failed (" +
                                        http::curl_api().easy_strerror(code) + "): try again later"};
}

void configure(CurlHandle& handle, const HttpRequest& request, Transfer& transfer) {
    static const std::string user_agent = "tenki/" + std::string(version());
    handle.set(CURLOPT_URL, request.url.c_str());
    handle.set(CURLOPT_HTTPGET, 1L);
    handle.set(CURLOPT_NOSIGNAL, 1L);
    handle.set(CURLOPT_PROTOCOLS_STR, "http,https");
    handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    handle.set(CURLOPT_FOLLOWLOCATION, 0L);
    handle.set(CURLOPT_SSL_VERIFYPEER, 1L);
    handle.set(CURLOPT_SSL_VERIFYHOST, 2L);
    handle.set(CURLOPT_USERAGENT,
               request.user_agent.empty() ? user_agent.c_str() : request.user_agent.c_str());
    handle.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    handle.set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    handle.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body));
    handle.set(CURLOPT_WRITEFUNCTION, &on_body);
    handle.set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
    handle.set(CURLOPT_HEADERFUNCTION, &on_header);
    handle.set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
    if (request.verbose) {
        handle.set(CURLOPT_DEBUGFUNCTION, &on_debug);
        handle.set(CURLOPT_DEBUGDATA, static_cast<const void*>(&request.secrets));
        handle.set(CURLOPT_VERBOSE, 1L);
    }
}

// The request's timeouts cut to what the thread's deadline leaves (http/deadline.hpp).
Result<HttpRequest> within_deadline(const HttpRequest& request) {
    const auto deadline = http::current_deadline();
    if (!deadline) return request;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds(0))
        return fail(ErrorKind::timeout,
                    who_of(request) + " was not asked: no time was left: try again later");
    HttpRequest bounded = request;
    bounded.total_timeout = std::min(request.total_timeout, left);
    bounded.connect_timeout = std::min(request.connect_timeout, left);
    return bounded;
}

Result<HttpResponse> perform(const HttpRequest& asked) {
    auto bounded = within_deadline(asked);
    if (!bounded) return tl::unexpected(bounded.error());
    const HttpRequest& request = *bounded;
    CurlHandle handle;
    Transfer transfer;
    configure(handle, request, transfer);
    CURLcode code = CURLE_OK;
    // One retry, and only when the connection itself failed: nothing was sent, so nothing repeats.
    // Both attempts together take total_timeout at most: the retry gets what the first left.
    const auto started = std::chrono::steady_clock::now();
    const auto waited = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                     started);
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0) {
            const auto left = request.total_timeout - waited();
            if (left <= std::chrono::milliseconds(0)) break;
            handle.set(CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
            handle.set(CURLOPT_CONNECTTIMEOUT_MS,
                       static_cast<long>(std::min(left, request.connect_timeout).count()));
        }
        transfer = Transfer{request.max_body};
        code = handle.perform();
        if (code != CURLE_COULDNT_CONNECT || transfer.got_bytes) break;
    }
    if (code != CURLE_OK) return tl::unexpected(transfer_error(code, transfer, request, handle, waited()));

    HttpResponse response;
    response.status = handle.info<long>(CURLINFO_RESPONSE_CODE);
    response.body = std::move(transfer.body);
    if (const char* type = handle.info<const char*>(CURLINFO_CONTENT_TYPE)) response.content_type = type;
    response.retry_after = transfer.retry_after;
    return response;
}

}  // namespace

Result<HttpResponse> http_get(const HttpRequest& request) {
    try {
        http::curl_api();
    } catch (const std::exception& e) {
        return fail(ErrorKind::io, std::string("cannot make HTTP requests: ") + e.what());
    }
    try {
        return perform(request);
    } catch (const std::exception& e) {
        return fail(ErrorKind::internal, "cannot make an HTTP request to " + host_of(request.url) + ": " +
                                             e.what() + " (a bug in tenki: please report it)");
    }
}

}  // namespace tenki
