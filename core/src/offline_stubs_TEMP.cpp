// TEMPORARY stand-in for http_get (owned by the transport branch), so the offline branch links
// and its [integration] tests can talk to the fake Open-Meteo. Delete this file at merge.
#include <curl/curl.h>

#include <string>

#include "tenki/http.hpp"

namespace tenki {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

}  // namespace

Result<HttpResponse> http_get(const HttpRequest& request) {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return fail(ErrorKind::internal, "curl_easy_init failed");
    HttpResponse response;
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OPERATION_TIMEDOUT) return fail(ErrorKind::timeout, curl_easy_strerror(rc));
    if (rc != CURLE_OK) return fail(ErrorKind::unreachable, curl_easy_strerror(rc));
    return response;
}

}  // namespace tenki
