#pragma once

#include <array>
#include <stdexcept>
#include <string>

#include <curl/curl.h>

namespace tenki::http {

// libcurl's entry points, loaded with dlopen on first use: tenki links no libcurl, so the runs
// that never make a request (--version, bad input, a cache hit) do not load and relocate libcurl
// and its dozens of dependencies, which is most of a process start.
struct CurlApi {
    CURLcode (*global_init)(long);
    CURL* (*easy_init)();
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    CURLcode (*easy_perform)(CURL*);
    void (*easy_cleanup)(CURL*);
    const char* (*easy_strerror)(CURLcode);
    time_t (*getdate)(const char*, const time_t*);
};

// Loads libcurl and initialises it once per process, from whichever thread gets here first;
// throws std::runtime_error when libcurl is not installed.
const CurlApi& curl_api();

// A move-only owner of one easy handle. A failed setopt is a bug in tenki, not an expected
// failure, so it throws; the error buffer holds libcurl's own detail of the last transfer.
class CurlHandle {
public:
    CurlHandle();
    ~CurlHandle();
    CurlHandle(CurlHandle&& other) noexcept;
    CurlHandle& operator=(CurlHandle&& other) noexcept;
    CurlHandle(const CurlHandle&) = delete;
    CurlHandle& operator=(const CurlHandle&) = delete;

    template <typename T>
    void set(CURLoption option, T value) {
        if (m_api->easy_setopt(m_handle, option, value) != CURLE_OK)
            throw std::logic_error("curl_easy_setopt failed for option " + std::to_string(option));
    }

    template <typename T>
    T info(CURLINFO what) const {
        T value{};
        if (m_api->easy_getinfo(m_handle, what, &value) != CURLE_OK) return T{};
        return value;
    }

    CURLcode perform() {
        m_error.front() = '\0';
        return m_api->easy_perform(m_handle);
    }

    std::string error_detail() const { return std::string(m_error.data()); }

private:
    const CurlApi* m_api;  // loaded before any handle exists
    CURL* m_handle = nullptr;
    std::array<char, CURL_ERROR_SIZE> m_error{};
};

}  // namespace tenki::http
