#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tenki::test {

// A WebDriver step that failed. what() names the step and carries the driver's own words:
// "find '#result': no such element: Unable to locate element: ...".
class WebDriverError : public std::runtime_error {
public:
    WebDriverError(std::string step, std::string error, const std::string& message);
    const std::string& step() const { return m_step; }
    // The W3C error code ("no such element", "timeout", ...), or "transport" when HTTP itself failed.
    const std::string& error() const { return m_error; }

private:
    std::string m_step;
    std::string m_error;
};

// One entry of the browser's console log.
struct LogEntry {
    std::string level;  // "SEVERE" for console.error and failed loads, "WARNING", "INFO", ...
    std::string message;
    std::string source;  // "console-api", "network", "javascript", ...
};

class WebDriver;

// A handle to an element on the current page; stale once the page changes.
class Element {
public:
    std::string text() const;
    // The HTML attribute as written in the page, nullopt when absent.
    std::optional<std::string> attribute(const std::string& name) const;
    // The live DOM property (an input's current "value", "checked", ...).
    nlohmann::json property(const std::string& name) const;
    void clear() const;
    void send_keys(const std::string& keys) const;
    void click() const;
    // The W3C element reference, to pass an element to execute_script.
    nlohmann::json reference() const;

private:
    friend class WebDriver;
    Element(WebDriver& driver, std::string id, std::string selector);
    WebDriver* m_driver;
    std::string m_id;
    std::string m_selector;  // how it was found, for error messages
};

// A W3C WebDriver session over HTTP (chromedriver, or any remote driver), deleted on destruction.
// Every failure throws WebDriverError naming the step.
class WebDriver {
public:
    // Opens a new session at base_url ("http://127.0.0.1:9515") with these W3C capabilities.
    WebDriver(std::string base_url, const nlohmann::json& capabilities);
    ~WebDriver();
    WebDriver(const WebDriver&) = delete;
    WebDriver& operator=(const WebDriver&) = delete;

    const std::string& session_id() const { return m_session; }
    // What the driver returned for the new session (browserVersion, goog:processID, ...).
    const nlohmann::json& capabilities() const { return m_capabilities; }

    void navigate(const std::string& url);
    std::string current_url();
    std::string title();
    Element find(const std::string& css);
    std::vector<Element> find_all(const std::string& css);
    // Runs a script in the page ("return ..." to get a value); args appear as arguments[i].
    nlohmann::json execute_script(const std::string& script,
                                  const nlohmann::json& args = nlohmann::json::array());
    // Polls until the predicate holds; a WebDriverError inside it counts as "not yet". On timeout,
    // throws "wait until <description>: timed out after N ms" with the last error seen.
    void wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
                    const std::string& description);
    // Writes a PNG of the viewport.
    void screenshot(const std::filesystem::path& path);
    // The browser console since the last call (chromedriver's log endpoint drains it).
    std::vector<LogEntry> browser_log();

    // One command: method and path below the session ("/url"), a JSON body for POST;
    // returns the response's "value". Public so a test can use an endpoint not wrapped here.
    nlohmann::json command(const std::string& method, const std::string& path, const nlohmann::json& body,
                           const std::string& step);

private:
    friend class Element;
    std::string m_base;
    std::string m_session;
    nlohmann::json m_capabilities;
};

// Whether the driver at base_url answers GET /status with "ready": true.
bool driver_ready(const std::string& base_url);

// Decodes standard base64 (as in W3C screenshots); throws std::invalid_argument on bad input.
std::string base64_decode(const std::string& text);

}  // namespace tenki::test
