// Content codings: negotiation by Accept-Encoding and compression, by zlib and libbrotlienc.
#include "server/api/content_coding.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <new>
#include <stdexcept>

#include "util/ascii.hpp"

namespace tenki::server {

namespace {

constexpr std::array<std::string_view, k_content_coding_count> k_names{"", "gzip", "br"};
constexpr std::array<std::string_view, k_content_coding_count> k_etag_suffixes{"", "-gzip", "-br"};

// A q-value (RFC 9110 12.4.2: "0" to "1" with up to three decimals); nullopt when malformed.
std::optional<double> parse_qvalue(std::string_view text) {
    if (text.empty() || text.size() > 5 || (text.front() != '0' && text.front() != '1')) return std::nullopt;
    double q = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
    if (ec != std::errc{} || end != text.data() + text.size() || q > 1) return std::nullopt;
    return q;
}

}  // namespace

std::string_view content_coding_name(ContentCoding coding) {
    return k_names.at(static_cast<std::size_t>(coding));
}

ContentCoding negotiate_coding(std::string_view accept_encoding) {
    std::optional<double> gzip, br, any;
    while (!accept_encoding.empty()) {
        const auto comma = accept_encoding.find(',');
        auto member = accept_encoding.substr(0, comma);
        accept_encoding.remove_prefix(comma == std::string_view::npos ? accept_encoding.size() : comma + 1);
        const auto semicolon = member.find(';');
        const auto coding = util::trim(member.substr(0, semicolon));
        double q = 1;
        bool valid = true;
        if (semicolon != std::string_view::npos) {
            auto params = member.substr(semicolon + 1);
            // Only the weight is defined for Accept-Encoding: "q=0.5" (the name case-insensitive).
            auto param = util::trim(params.substr(0, params.find(';')));
            const auto eq = param.find('=');
            if (eq == std::string_view::npos || !util::iequals(util::trim(param.substr(0, eq)), "q")) {
                valid = false;
            } else if (auto parsed = parse_qvalue(util::trim(param.substr(eq + 1)))) {
                q = *parsed;
            } else {
                valid = false;
            }
        }
        if (!valid || coding.empty()) continue;
        if (util::iequals(coding, "gzip") || util::iequals(coding, "x-gzip"))
            gzip = q;
        else if (util::iequals(coding, "br"))
            br = q;
        else if (coding == "*")
            any = q;
    }
    const double q_gzip = gzip.value_or(any.value_or(0));
    const double q_br = br.value_or(any.value_or(0));
    if (q_br > 0 && q_br >= q_gzip) return ContentCoding::br;
    if (q_gzip > 0) return ContentCoding::gzip;
    return ContentCoding::identity;
}

std::string gzip_compress(std::string_view bytes) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's; memLevel 9: the best.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::bad_alloc();
    std::string out(deflateBound(&stream, bytes.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));  // zlib's API is not const
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish in deflateBound's space");
    return out;
}

std::string brotli_compress(std::string_view bytes) {
    std::size_t size = BrotliEncoderMaxCompressedSize(bytes.size());
    if (size == 0) size = bytes.size() + 1024;  // 0: the input is too large to bound
    std::string out(size, '\0');
    if (BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, bytes.size(),
                              reinterpret_cast<const std::uint8_t*>(bytes.data()), &size,
                              reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_FALSE)
        throw std::runtime_error("brotli: BrotliEncoderCompress failed");
    out.resize(size);
    return out;
}

namespace {

// The form in `coding`, or null when it would not be smaller (or the body is under the threshold).
std::shared_ptr<const std::string> compressed_form(ContentCoding coding, std::string_view identity) {
    if (identity.size() < k_min_compressed_bytes) return nullptr;
    auto compressed = coding == ContentCoding::gzip ? gzip_compress(identity) : brotli_compress(identity);
    if (compressed.size() >= identity.size()) return nullptr;
    // Made in a buffer of the worst case (about the identity's size): keep only what is used, or a
    // kept form costs as much as its identity (bench/forecast_memory_bench.cpp).
    compressed.shrink_to_fit();
    return std::make_shared<const std::string>(std::move(compressed));
}

}  // namespace

CompressedForms::Form CompressedForms::get(std::string_view etag, ContentCoding coding,
                                           std::string_view identity) {
    std::string key(etag);
    key += content_coding_name(coding);
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard lock(m_mutex);
        auto& found = m_slots[key];
        if (found) {
            slot = found;
        } else {
            slot = found = std::make_shared<Slot>();
            m_order.push_back(key);
            trim();
        }
    }
    // Outside the lock: other bodies are compressed meanwhile; askers of this one wait.
    Form form;
    std::call_once(slot->once, [&] {
        slot->body = compressed_form(coding, identity);
        form.made_now = identity.size() >= k_min_compressed_bytes;
        if (form.made_now)
            m_compressions.at(static_cast<std::size_t>(coding)).fetch_add(1, std::memory_order_relaxed);
    });
    form.body = slot->body;
    if (form.made_now && form.body) {
        std::lock_guard lock(m_mutex);
        if (auto kept = m_slots.find(key); kept != m_slots.end() && kept->second == slot) {
            slot->bytes = form.body->size() + 2 * key.size();  // the map's key and the order's
            m_bytes += slot->bytes;
            trim();
        }
    }
    return form;
}

void CompressedForms::trim() {
    while (!m_order.empty() && (m_slots.size() > m_max_forms || (m_max_bytes > 0 && m_bytes > m_max_bytes))) {
        if (auto it = m_slots.find(m_order.front()); it != m_slots.end()) {
            m_bytes -= std::min(m_bytes, it->second->bytes);
            m_slots.erase(it);
        }
        m_order.pop_front();
    }
}

Document::Document(std::string body, std::string etag, bool compress_now) : m_identity(std::move(body)) {
    m_identity.shrink_to_fit();  // a rendered body grew by doubling: up to twice what it holds
    m_etag[0] = std::move(etag);
    m_made[0] = true;
    if (compress_now) {
        make(ContentCoding::gzip);
        make(ContentCoding::br);
    }
}

Document::Document(std::string body, std::string etag, CompressedForms& shared)
    : Document(std::move(body), std::move(etag)) {
    m_shared = &shared;
}

bool Document::make(ContentCoding coding) const {
    const auto i = static_cast<std::size_t>(coding);
    if (m_made.at(i)) return *m_made.at(i);
    if (m_identity.size() < k_min_compressed_bytes) {
        m_made.at(i) = false;
        return false;
    }
    if (m_shared) {
        auto form = m_shared->get(m_etag[0], coding, m_identity);
        m_forms.at(i) = std::move(form.body);
        m_compressions += form.made_now ? 1 : 0;
    } else {
        m_forms.at(i) = compressed_form(coding, m_identity);
        ++m_compressions;
    }
    const bool worth = m_forms.at(i) != nullptr;
    if (worth) {
        auto tag = m_etag[0];
        if (tag.size() >= 2 && tag.back() == '"') tag.insert(tag.size() - 1, k_etag_suffixes.at(i));
        m_etag.at(i) = std::move(tag);
    }
    m_made.at(i) = worth;
    return worth;
}

std::string_view Document::body(ContentCoding& coding) const {
    if (coding != ContentCoding::identity && !make(coding)) coding = ContentCoding::identity;
    if (coding == ContentCoding::identity) return m_identity;
    return *m_forms.at(static_cast<std::size_t>(coding));
}

std::string_view Document::etag(ContentCoding coding) const {
    return m_etag.at(static_cast<std::size_t>(coding));
}

}  // namespace tenki::server
