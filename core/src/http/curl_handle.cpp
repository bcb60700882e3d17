#include "http/curl_handle.hpp"

#include <mutex>
#include <utility>

namespace tenki::http {

void ensure_curl_global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl could not be initialised");
    });
}

CurlHandle::CurlHandle() {
    ensure_curl_global_init();
    m_handle = curl_easy_init();
    if (m_handle == nullptr) throw std::runtime_error("curl_easy_init failed");
    set(CURLOPT_ERRORBUFFER, m_error.data());
}

CurlHandle::~CurlHandle() {
    if (m_handle != nullptr) curl_easy_cleanup(m_handle);
}

// The error buffer lives inside the object, so a moved-to handle points libcurl at its own.
CurlHandle::CurlHandle(CurlHandle&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_error(other.m_error) {
    if (m_handle != nullptr) curl_easy_setopt(m_handle, CURLOPT_ERRORBUFFER, m_error.data());
}

CurlHandle& CurlHandle::operator=(CurlHandle&& other) noexcept {
    if (this != &other) {
        if (m_handle != nullptr) curl_easy_cleanup(m_handle);
        m_handle = std::exchange(other.m_handle, nullptr);
        m_error = other.m_error;
        if (m_handle != nullptr) curl_easy_setopt(m_handle, CURLOPT_ERRORBUFFER, m_error.data());
    }
    return *this;
}

}  // namespace tenki::http
