#include "http/curl_handle.hpp"

#include <dlfcn.h>

#include <mutex>
#include <utility>

namespace tenki::http {

namespace {

template <typename F>
void load(void* lib, const char* name, F& target) {
    void* symbol = ::dlsym(lib, name);
    if (symbol == nullptr) throw std::runtime_error(std::string("libcurl lacks ") + name);
    target = reinterpret_cast<F>(symbol);
}

// RTLD_DEEPBIND: libcurl and its dependencies (all bound at load, BIND_NOW) look their symbols up
// in their own scope first, rather than through tenki's libraries: a `tenki weather --refresh`
// ran 25.5 M instructions, 20.7 M with it (callgrind). The sanitizers' runtimes refuse it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int k_curl_scope = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr int k_curl_scope = 0;
#else
constexpr int k_curl_scope = RTLD_DEEPBIND;
#endif
#else
constexpr int k_curl_scope = RTLD_DEEPBIND;
#endif

CurlApi load_curl() {
    void* lib = ::dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL | k_curl_scope);
    if (lib == nullptr)
        throw std::runtime_error("libcurl is not installed (Debian package libcurl4): " +
                                 std::string(::dlerror()));
    CurlApi api{};
    load(lib, "curl_global_init", api.global_init);
    load(lib, "curl_easy_init", api.easy_init);
    load(lib, "curl_easy_setopt", api.easy_setopt);
    load(lib, "curl_easy_getinfo", api.easy_getinfo);
    load(lib, "curl_easy_perform", api.easy_perform);
    load(lib, "curl_easy_cleanup", api.easy_cleanup);
    load(lib, "curl_easy_strerror", api.easy_strerror);
    load(lib, "curl_getdate", api.getdate);
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        throw std::runtime_error("libcurl could not be initialised");
    return api;  // the library stays loaded for the life of the process
}

}  // namespace

const CurlApi& curl_api() {
    static const CurlApi api = load_curl();  // thread-safe; a failure is retried on the next call
    return api;
}

CurlHandle::CurlHandle() : m_api(&curl_api()) {
    m_handle = m_api->easy_init();
    if (m_handle == nullptr) throw std::runtime_error("curl_easy_init failed");
    set(CURLOPT_ERRORBUFFER, m_error.data());
}

CurlHandle::~CurlHandle() {
    if (m_handle != nullptr) m_api->easy_cleanup(m_handle);
}

// The error buffer lives inside the object, so a moved-to handle points libcurl at its own.
CurlHandle::CurlHandle(CurlHandle&& other) noexcept
    : m_api(other.m_api), m_handle(std::exchange(other.m_handle, nullptr)), m_error(other.m_error) {
    if (m_handle != nullptr) m_api->easy_setopt(m_handle, CURLOPT_ERRORBUFFER, m_error.data());
}

CurlHandle& CurlHandle::operator=(CurlHandle&& other) noexcept {
    if (this != &other) {
        if (m_handle != nullptr) m_api->easy_cleanup(m_handle);
        m_api = other.m_api;
        m_handle = std::exchange(other.m_handle, nullptr);
        m_error = other.m_error;
        if (m_handle != nullptr) m_api->easy_setopt(m_handle, CURLOPT_ERRORBUFFER, m_error.data());
    }
    return *this;
}

}  // namespace tenki::http
