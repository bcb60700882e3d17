#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "server/api/content_coding.hpp"
#include "server/api/dispatch.hpp"
#include "support/decompress.hpp"

using namespace tenki::server;

namespace {

// A JSON body like a weather answer, long enough to be worth compressing.
std::string coding_sample_body() {
    std::string body = "{\"location\":{\"postal_code\":\"94107\",\"country\":\"us\"},\"hourly\":[";
    for (int i = 0; i < 24; ++i)
        body += "{\"temperature\":" + std::to_string(280 + i % 5) + ",\"wind\":3.5},";
    body.back() = ']';
    return body + "}";
}

}  // namespace

TEST_CASE("Accept-Encoding picks the coding with the highest q-value, br on a tie", "[server][coding]") {
    using C = ContentCoding;
    CHECK(negotiate_coding("") == C::identity);
    CHECK(negotiate_coding("gzip") == C::gzip);
    CHECK(negotiate_coding("x-gzip") == C::gzip);
    CHECK(negotiate_coding("GZIP") == C::gzip);  // codings are case-insensitive
    CHECK(negotiate_coding("br") == C::br);
    CHECK(negotiate_coding("gzip, deflate, br, zstd") == C::br);  // what browsers send
    CHECK(negotiate_coding("gzip;q=1.0, br;q=0.5") == C::gzip);
    CHECK(negotiate_coding("br;q=0.8,gzip;q=0.9") == C::gzip);
    CHECK(negotiate_coding("gzip;q=0, br;q=0") == C::identity);
    CHECK(negotiate_coding("br;q=0, gzip") == C::gzip);
    CHECK(negotiate_coding("*") == C::br);
    CHECK(negotiate_coding("gzip, *;q=0") == C::gzip);
    CHECK(negotiate_coding("*;q=0") == C::identity);
    CHECK(negotiate_coding("identity, deflate, compress") == C::identity);
    CHECK(negotiate_coding("gzip ; Q=0.5 , br;q=0.4") == C::gzip);
    // Malformed members are skipped, the rest still counts.
    CHECK(negotiate_coding("br;q=2, gzip") == C::gzip);
    CHECK(negotiate_coding("br;q=abc, gzip;q=0.1") == C::gzip);
    CHECK(negotiate_coding("br;level=5") == C::identity);
    CHECK(negotiate_coding(",,;,") == C::identity);
}

TEST_CASE("gzip and brotli round-trip through independent decoders", "[server][coding]") {
    const auto body = coding_sample_body();
    const auto gz = gzip_compress(body);
    CHECK(gz.size() < body.size());
    CHECK(static_cast<unsigned char>(gz.at(0)) == 0x1f);  // gzip's magic bytes (RFC 1952 2.3.1)
    CHECK(static_cast<unsigned char>(gz.at(1)) == 0x8b);
    CHECK(tenki::test::gunzip(gz) == body);
    const auto br = brotli_compress(body);
    CHECK(br.size() < body.size());
    CHECK(tenki::test::unbrotli(br) == body);
    CHECK(tenki::test::gunzip(gzip_compress("")).empty());
    CHECK(tenki::test::unbrotli(brotli_compress("")).empty());
    CHECK_THROWS(tenki::test::gunzip(gz.substr(0, gz.size() - 4)));  // the decoders do catch a cut
}

TEST_CASE("a document compresses each coding once, on first demand, with its own ETag", "[server][coding]") {
    const Document document(coding_sample_body(), "\"0123456789abcdef\"");
    CHECK(document.compressions() == 0);
    auto coding = ContentCoding::gzip;
    const auto first = document.body(coding);
    CHECK(coding == ContentCoding::gzip);
    CHECK(tenki::test::gunzip(first) == document.identity());
    CHECK(document.etag(ContentCoding::gzip) == "\"0123456789abcdef-gzip\"");
    const auto again = document.body(coding);
    CHECK(again.data() == first.data());  // the same bytes, kept
    CHECK(document.compressions() == 1);

    coding = ContentCoding::br;
    CHECK(tenki::test::unbrotli(document.body(coding)) == document.identity());
    CHECK(document.etag(ContentCoding::br) == "\"0123456789abcdef-br\"");
    CHECK(document.compressions() == 2);
    coding = ContentCoding::identity;
    CHECK(document.body(coding) == document.identity());
    CHECK(document.etag(ContentCoding::identity) == "\"0123456789abcdef\"");
}

TEST_CASE("a body under the threshold stays identity, and so does one compression does not shrink",
          "[server][coding]") {
    const Document small(std::string(k_min_compressed_bytes - 1, 'a'), "\"1\"");
    auto coding = ContentCoding::gzip;
    CHECK(small.body(coding) == small.identity());
    CHECK(coding == ContentCoding::identity);
    CHECK(small.compressions() == 0);

    // Random-looking bytes: gzip's framing makes them longer, so they are sent as they are.
    std::string noise;
    unsigned state = 12345;
    for (std::size_t i = 0; i < 600; ++i) {
        state = state * 1103515245U + 12345U;
        noise.push_back(static_cast<char>(state >> 16));
    }
    const Document incompressible(noise, "\"2\"");
    coding = ContentCoding::gzip;
    CHECK(incompressible.body(coding) == noise);
    CHECK(coding == ContentCoding::identity);
    CHECK(incompressible.etag(ContentCoding::identity) == "\"2\"");
    CHECK(incompressible.compressions() == 1);
    CHECK(incompressible.body(coding) == noise);
    CHECK(incompressible.compressions() == 1);  // not tried again
}

TEST_CASE("the page and the OpenAPI document are compressed once, up front", "[server][coding]") {
    for (const Document* document : {&index_document(), &openapi_document()}) {
        CHECK(document->compressions() == 2);
        auto coding = ContentCoding::br;
        CHECK(tenki::test::unbrotli(document->body(coding)) == document->identity());
        coding = ContentCoding::gzip;
        CHECK(tenki::test::gunzip(document->body(coding)) == document->identity());
        CHECK(document->compressions() == 2);
    }
    CHECK(index_document().identity() == index_page());
}

TEST_CASE("documents on several threads share each compressed form: one compression in the process",
          "[server][coding]") {
    CompressedForms shared;
    const auto body = coding_sample_body();
    const std::string etag = "\"abc\"";
    // Each serving thread memoises its own Document of the same cached body.
    std::vector<Document> documents;
    for (int i = 0; i < 8; ++i) documents.emplace_back(body, etag, shared);
    std::vector<std::string_view> served(documents.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < documents.size(); ++i)
        threads.emplace_back([&, i] {
            auto coding = ContentCoding::br;
            served[i] = documents[i].body(coding);
        });
    for (auto& t : threads) t.join();
    CHECK(shared.compressions(ContentCoding::br) == 1);
    CHECK(shared.compressions(ContentCoding::gzip) == 0);
    std::size_t made = 0;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        CHECK(served[i].data() == served[0].data());  // the very same bytes, not a copy
        CHECK(documents[i].etag(ContentCoding::br) == "\"abc-br\"");
        made += documents[i].compressions();
    }
    CHECK(made == 1);
    CHECK(tenki::test::unbrotli(served[0]) == body);

    // A body under the threshold is never compressed nor kept.
    Document small("{}", "\"s\"", shared);
    auto coding = ContentCoding::gzip;
    CHECK(small.body(coding) == "{}");
    CHECK(coding == ContentCoding::identity);
    CHECK(shared.compressions(ContentCoding::gzip) == 0);
}

TEST_CASE("the shared forms keep at most their bound, dropping the oldest first", "[server][coding]") {
    CompressedForms shared(2);
    const auto body = coding_sample_body();
    auto gzip_of = [&](const std::string& etag) {
        Document document(body, etag, shared);
        auto coding = ContentCoding::gzip;
        return std::string(document.body(coding));
    };
    gzip_of("\"1\"");
    gzip_of("\"2\"");
    gzip_of("\"1\"");  // still kept
    CHECK(shared.compressions(ContentCoding::gzip) == 2);
    gzip_of("\"3\"");  // drops "1", the oldest
    gzip_of("\"2\"");  // still kept
    CHECK(shared.compressions(ContentCoding::gzip) == 3);
    CHECK(tenki::test::gunzip(gzip_of("\"1\"")) == body);  // made again
    CHECK(shared.compressions(ContentCoding::gzip) == 4);
}

TEST_CASE("the shared forms keep at most their bytes, dropping the oldest first", "[server][coding]") {
    const auto body = coding_sample_body();
    const auto one_form = gzip_compress(body).size() + 2 * std::string("\"1\"gzip").size();
    CompressedForms shared(100, one_form * 2 + one_form / 2);  // two forms fit, not three
    auto gzip_of = [&](const std::string& etag) {
        Document document(body, etag, shared);
        auto coding = ContentCoding::gzip;
        return std::string(document.body(coding));
    };
    gzip_of("\"1\"");
    gzip_of("\"2\"");
    gzip_of("\"1\"");  // still kept
    CHECK(shared.compressions(ContentCoding::gzip) == 2);
    gzip_of("\"3\"");  // drops "1", the oldest
    gzip_of("\"2\"");  // still kept
    CHECK(shared.compressions(ContentCoding::gzip) == 3);
    CHECK(tenki::test::gunzip(gzip_of("\"1\"")) == body);  // made again
    CHECK(shared.compressions(ContentCoding::gzip) == 4);
}
