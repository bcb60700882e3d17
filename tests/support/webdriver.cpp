#include "support/webdriver.hpp"

#include <curl/curl.h>

#include <array>
#include <fstream>
#include <memory>
#include <thread>
#include <utility>

namespace tenki::test {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::chrono::milliseconds k_command_timeout{30000};
// A new session starts a browser: the slowest step, on a busy machine too.
constexpr std::chrono::milliseconds k_session_timeout{60000};
constexpr std::chrono::milliseconds k_poll_interval{50};
constexpr const char* k_element_key = "element-6066-11e4-a52e-4f735466cecf";

struct HttpReply {
    long status = 0;
    std::string body;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// JSON over HTTP to the driver: one short-lived handle per request, which is plenty on loopback.
HttpReply http_json(const std::string& method, const std::string& url, const std::string* body,
                    std::chrono::milliseconds timeout, const std::string& step) {
    static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    std::unique_ptr<CURL, CurlDeleter> curl(initialized ? curl_easy_init() : nullptr);
    if (!curl) throw WebDriverError(step, "transport", "cannot initialise libcurl");
    std::unique_ptr<curl_slist, SlistDeleter> headers(
        curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8"));
    std::array<char, CURL_ERROR_SIZE> error{};
    HttpReply reply;
    CURLcode rc = CURLE_OK;
    auto set = [&rc](CURLcode r) {
        if (rc == CURLE_OK) rc = r;
    };
    // libcurl's type-checking macros use C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    set(curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str()));
    set(curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str()));
    set(curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get()));
    set(curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error.data()));
    set(curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count())));
    set(curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L));
    set(curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*"));
    set(curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body));
    set(curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.body));
    if (body) {
        set(curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body->c_str()));
        set(curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size())));
    }
    if (rc == CURLE_OK) rc = curl_easy_perform(curl.get());
    if (rc == CURLE_OK) rc = curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
#pragma GCC diagnostic pop
    if (rc != CURLE_OK) {
        throw WebDriverError(step, "transport",
                             method + " " + url + ": " + (error[0] ? error.data() : curl_easy_strerror(rc)));
    }
    return reply;
}

// The driver's "value", or the W3C error it reported as a WebDriverError.
json unwrap(const HttpReply& reply, const std::string& step) {
    json doc = json::parse(reply.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        throw WebDriverError(step, "bad response",
                             "HTTP " + std::to_string(reply.status) + ": " + reply.body.substr(0, 200));
    }
    json value = doc.value("value", json());
    if (reply.status >= 400 || (value.is_object() && value.contains("error"))) {
        std::string error = value.is_object() ? value.value("error", "unknown error") : "unknown error";
        std::string message = value.is_object() ? value.value("message", "") : reply.body;
        throw WebDriverError(step, error, message);
    }
    return value;
}

std::string as_string(const json& value, const std::string& step) {
    if (!value.is_string())
        throw WebDriverError(step, "bad response", "expected a string, got " + value.dump());
    return value.get<std::string>();
}

// A URL short enough for a message: data: pages can be long.
std::string shorten(const std::string& text) { return text.size() <= 80 ? text : text.substr(0, 77) + "..."; }

}  // namespace

WebDriverError::WebDriverError(std::string step, std::string error, const std::string& message)
    : std::runtime_error([&] {
          // chromedriver starts its message with the error code and ends it with session info.
          std::string first_line = message.substr(0, message.find('\n'));
          std::string text = step + ": ";
          if (first_line.rfind(error, 0) != 0) text += error + (first_line.empty() ? "" : ": ");
          return text + first_line;
      }()),
      m_step(std::move(step)),
      m_error(std::move(error)) {}

Element::Element(WebDriver& driver, std::string id, std::string selector)
    : m_driver(&driver), m_id(std::move(id)), m_selector(std::move(selector)) {}

std::string Element::text() const {
    const std::string step = "text of '" + m_selector + "'";
    return as_string(m_driver->command("GET", "/element/" + m_id + "/text", nullptr, step), step);
}

std::optional<std::string> Element::attribute(const std::string& name) const {
    json v = m_driver->command("GET", "/element/" + m_id + "/attribute/" + name, nullptr,
                               "attribute " + name + " of '" + m_selector + "'");
    if (v.is_null()) return std::nullopt;
    return v.is_string() ? v.get<std::string>() : v.dump();
}

json Element::property(const std::string& name) const {
    return m_driver->command("GET", "/element/" + m_id + "/property/" + name, nullptr,
                             "property " + name + " of '" + m_selector + "'");
}

void Element::clear() const {
    m_driver->command("POST", "/element/" + m_id + "/clear", json::object(), "clear '" + m_selector + "'");
}

void Element::send_keys(const std::string& keys) const {
    m_driver->command("POST", "/element/" + m_id + "/value", {{"text", keys}},
                      "type into '" + m_selector + "'");
}

void Element::click() const {
    m_driver->command("POST", "/element/" + m_id + "/click", json::object(), "click '" + m_selector + "'");
}

json Element::reference() const { return {{k_element_key, m_id}}; }

WebDriver::WebDriver(std::string base_url, const json& capabilities) : m_base(std::move(base_url)) {
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    const std::string step = "new session at " + m_base;
    const std::string body = json{{"capabilities", {{"alwaysMatch", capabilities}}}}.dump();
    json value = unwrap(http_json("POST", m_base + "/session", &body, k_session_timeout, step), step);
    if (!value.is_object() || !value.contains("sessionId") || !value["sessionId"].is_string()) {
        throw WebDriverError(step, "bad response", "no sessionId in " + value.dump());
    }
    m_session = value["sessionId"].get<std::string>();
    m_capabilities = value.value("capabilities", json::object());
}

WebDriver::~WebDriver() {
    try {
        http_json("DELETE", m_base + "/session/" + m_session, nullptr, k_command_timeout, "delete session");
    } catch (const std::exception&) {
        // The fixture that started the driver stops whatever this leaves behind.
    }
}

json WebDriver::command(const std::string& method, const std::string& path, const json& body,
                        const std::string& step) {
    const std::string url = m_base + "/session/" + m_session + path;
    if (method == "GET" || method == "DELETE") {
        return unwrap(http_json(method, url, nullptr, k_command_timeout, step), step);
    }
    const std::string text = body.is_null() ? "{}" : body.dump();
    return unwrap(http_json(method, url, &text, k_command_timeout, step), step);
}

void WebDriver::navigate(const std::string& url) {
    command("POST", "/url", {{"url", url}}, "navigate to " + shorten(url));
}

std::string WebDriver::current_url() {
    return as_string(command("GET", "/url", nullptr, "current url"), "current url");
}

std::string WebDriver::title() { return as_string(command("GET", "/title", nullptr, "title"), "title"); }

Element WebDriver::find(const std::string& css) {
    const std::string step = "find '" + css + "'";
    json v = command("POST", "/element", {{"using", "css selector"}, {"value", css}}, step);
    if (!v.is_object() || !v.contains(k_element_key)) {
        throw WebDriverError(step, "bad response", "no element reference in " + v.dump());
    }
    return Element(*this, v[k_element_key].get<std::string>(), css);
}

std::vector<Element> WebDriver::find_all(const std::string& css) {
    const std::string step = "find all '" + css + "'";
    json v = command("POST", "/elements", {{"using", "css selector"}, {"value", css}}, step);
    std::vector<Element> found;
    for (const auto& ref : v) {
        if (!ref.is_object() || !ref.contains(k_element_key)) {
            throw WebDriverError(step, "bad response", "no element reference in " + ref.dump());
        }
        found.push_back(Element(*this, ref[k_element_key].get<std::string>(), css));
    }
    return found;
}

json WebDriver::execute_script(const std::string& script, const json& args) {
    return command("POST", "/execute/sync", {{"script", script}, {"args", args}},
                   "execute script '" + shorten(script) + "'");
}

void WebDriver::wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
                           const std::string& description) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string last_error;
    for (;;) {
        try {
            if (predicate()) return;
        } catch (const WebDriverError& e) {
            last_error = e.what();
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw WebDriverError("wait until " + description, "timeout",
                                 "timed out after " + std::to_string(timeout.count()) + " ms" +
                                     (last_error.empty() ? "" : " (last error: " + last_error + ")"));
        }
        std::this_thread::sleep_for(k_poll_interval);
    }
}

void WebDriver::screenshot(const fs::path& path) {
    const std::string step = "screenshot to " + path.string();
    json v = command("GET", "/screenshot", nullptr, step);
    if (!v.is_string()) throw WebDriverError(step, "bad response", "not base64 text: " + shorten(v.dump()));
    std::string png;
    try {
        png = base64_decode(v.get<std::string>());
    } catch (const std::invalid_argument& e) {
        throw WebDriverError(step, "bad response", e.what());
    }
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(png.data(), static_cast<std::streamsize>(png.size()));
    if (!out.flush()) throw WebDriverError(step, "io", "cannot write the file");
}

std::vector<LogEntry> WebDriver::browser_log() {
    json v = command("POST", "/se/log", {{"type", "browser"}}, "read the browser log");
    std::vector<LogEntry> entries;
    for (const auto& e : v) {
        entries.push_back({e.value("level", ""), e.value("message", ""), e.value("source", "")});
    }
    return entries;
}

bool driver_ready(const std::string& base_url) {
    try {
        auto reply = http_json("GET", base_url + "/status", nullptr, std::chrono::seconds(5), "status");
        json v = unwrap(reply, "status");
        return v.is_object() && v.value("ready", false);
    } catch (const std::exception&) {
        return false;
    }
}

std::string base64_decode(const std::string& text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        int v = -1;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+')
            v = 62;
        else if (c == '/')
            v = 63;
        else if (c == '=')
            padding = true;
        else if (c == '\n' || c == '\r' || c == ' ')
            continue;
        else
            throw std::invalid_argument("base64: unexpected character");
        if (v < 0) continue;
        if (padding) throw std::invalid_argument("base64: data after padding");
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
        }
    }
    return out;
}

}  // namespace tenki::test
