#include "support/decompress.hpp"

#include <brotli/decode.h>
#include <zlib.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace tenki::test {

std::string gunzip(std::string_view compressed) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    std::array<char, 16384> chunk{};
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - stream.avail_out);
    }
    const bool whole = status == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    if (!whole)
        throw std::runtime_error("zlib: not one whole gzip stream (inflate: " + std::to_string(status) + ")");
    return out;
}

std::string unbrotli(std::string_view compressed) {
    auto* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (state == nullptr) throw std::runtime_error("brotli: cannot create a decoder");
    const auto* next_in = reinterpret_cast<const std::uint8_t*>(compressed.data());
    std::size_t avail_in = compressed.size();
    std::string out;
    std::array<std::uint8_t, 16384> chunk{};
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        auto* next_out = chunk.data();
        std::size_t avail_out = chunk.size();
        result = BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
        out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - avail_out);
    }
    const std::string error = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state));
    BrotliDecoderDestroyInstance(state);
    if (result != BROTLI_DECODER_RESULT_SUCCESS || avail_in != 0)
        throw std::runtime_error("brotli: not one whole stream (" + error + ")");
    return out;
}

}  // namespace tenki::test
