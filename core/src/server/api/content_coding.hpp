#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tenki::server {

// The content codings tenki answers in (RFC 9110 8.4.1): identity, gzip (RFC 1952, by zlib) and
// br (RFC 7932, by libbrotlienc). The values index Document's variants.
enum class ContentCoding { identity, gzip, br };
inline constexpr std::size_t k_content_coding_count = 3;

// The coding's token as Content-Encoding names it ("" for identity).
std::string_view content_coding_name(ContentCoding coding);

// Bodies shorter than this stay uncompressed: gzip's framing alone is 18 bytes and a short JSON
// error gains little. 256 bytes, a common threshold (Cloudflare, Fastly); every weather, forecast
// and page body is over it.
inline constexpr std::size_t k_min_compressed_bytes = 256;

// Which coding to answer an Accept-Encoding field value in (RFC 9110 12.5.3): the acceptable
// coding with the highest q-value among br and gzip ("*" stands for those not listed, "x-gzip"
// for gzip), br on a tie because it is smaller; identity when the field is empty, names neither
// or gives both q=0. Malformed members are ignored, not an error.
ContentCoding negotiate_coding(std::string_view accept_encoding);

// gzip at zlib's best compression (level 9), as `gzip -9` makes a gzip_static file.
std::string gzip_compress(std::string_view bytes);
// Brotli at its best quality (11), in its text mode.
std::string brotli_compress(std::string_view bytes);

// The compressed forms of response bodies, shared by every serving thread: each body (known by
// its identity's strong ETag) is compressed once per coding in the process, by whichever thread
// asks first, while the others asking at the same time wait for it; each thread's Document then
// keeps a reference. Holds at most `max_forms` forms and `max_bytes` of them (0: no byte bound),
// dropping the oldest first (a form dropped and asked again is made again). Thread-safe.
class CompressedForms {
public:
    explicit CompressedForms(std::size_t max_forms = 20000, std::size_t max_bytes = 0)
        : m_max_forms(max_forms), m_max_bytes(max_bytes) {}
    CompressedForms(const CompressedForms&) = delete;
    CompressedForms& operator=(const CompressedForms&) = delete;

    struct Form {
        std::shared_ptr<const std::string> body;  // null: compression does not make it smaller
        bool made_now = false;                    // this call compressed it
    };
    // `identity` (whose strong tag is `etag`) in `coding`, gzip or br.
    Form get(std::string_view etag, ContentCoding coding, std::string_view identity);

    // Compressions made so far in `coding` (/metrics tenki_compressions_total).
    std::uint64_t compressions(ContentCoding coding) const {
        return m_compressions.at(static_cast<std::size_t>(coding)).load(std::memory_order_relaxed);
    }

private:
    struct Slot {
        std::once_flag once;
        std::shared_ptr<const std::string> body;
        std::size_t bytes = 0;  // the form's and its key's, once made; under m_mutex
    };
    void trim();  // drops the oldest forms while over a bound; m_mutex held

    const std::size_t m_max_forms;
    const std::size_t m_max_bytes;
    std::size_t m_bytes = 0;  // under m_mutex
    std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<Slot>> m_slots;  // etag + coding's name
    std::deque<std::string> m_order;                                 // the keys, oldest first
    std::array<std::atomic<std::uint64_t>, k_content_coding_count> m_compressions{};
};

// One response body as served, with its compressed forms made the first time a client asks for
// one and kept beside it: never compressed per request. Each form has its own strong ETag (the
// identity tag with "-gzip"/"-br" inside the quotes), as different representations must. Not
// thread-safe when lazy: a Document is either made whole (`compress_now`) and then shared, or
// touched by one thread only (a dispatcher's memoised documents, whose forms come from the
// threads' shared CompressedForms, so that each is made once in the process).
class Document {
public:
    Document() = default;
    Document(std::string body, std::string etag, bool compress_now = false);
    Document(std::string body, std::string etag, CompressedForms& shared);

    const std::string& identity() const { return m_identity; }
    const std::string& identity_etag() const { return m_etag[0]; }

    // The body and tag in `coding`; the identity's when the body is shorter than
    // k_min_compressed_bytes or the coding would not make it smaller. `coding` is then identity.
    std::string_view body(ContentCoding& coding) const;
    std::string_view etag(ContentCoding coding) const;

    // How many compressions were made for this document (tests: a cached body is compressed once).
    std::size_t compressions() const { return m_compressions; }

private:
    bool make(ContentCoding coding) const;  // false: not worth it (stays identity)

    std::string m_identity;
    CompressedForms* m_shared = nullptr;
    mutable std::array<std::shared_ptr<const std::string>, k_content_coding_count> m_forms;  // [0] unused
    mutable std::array<std::string, k_content_coding_count> m_etag;
    mutable std::array<std::optional<bool>, k_content_coding_count> m_made;  // nullopt: not tried
    mutable std::size_t m_compressions = 0;
};

}  // namespace tenki::server
