#pragma once

#include <string>
#include <string_view>

namespace tenki::test {

// The bytes a gzip (RFC 1952) or a brotli (RFC 7932) stream decodes to, by zlib and
// libbrotlidec, independent of tenki's encoders. Throws std::runtime_error naming the decoder's
// complaint for a stream that is not valid or not whole.
std::string gunzip(std::string_view compressed);
std::string unbrotli(std::string_view compressed);

}  // namespace tenki::test
