// SPDX-License-Identifier: BSL-1.0
// zlib at the byte level: compress, and inflate with a bound on what it may produce.
// Only the signing headers include this, so that the core needs no zlib.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::detail {

// A deflate stream at the default level, set up once per thread and reset for each use:
// setting one up allocates about 256 KB, which glibc maps afresh and returns every time, and
// that costs far more than compressing a UserSig.
class thread_deflate_stream {
public:
    thread_deflate_stream() noexcept : ready_(deflateInit(&zs_, Z_DEFAULT_COMPRESSION) == Z_OK) {}
    thread_deflate_stream(const thread_deflate_stream&) = delete;
    thread_deflate_stream& operator=(const thread_deflate_stream&) = delete;
    ~thread_deflate_stream() {
        if (ready_) deflateEnd(&zs_);
    }

    // The stream, reset; nullptr when zlib could not set it up (out of memory).
    z_stream* reset() noexcept { return ready_ && deflateReset(&zs_) == Z_OK ? &zs_ : nullptr; }

private:
    z_stream zs_{};
    bool ready_;
};

// `data` as one zlib stream at the default level, or nullopt when zlib fails (out of memory).
// The same bytes as compress2() at Z_DEFAULT_COMPRESSION: the same stream, fed the same way.
inline std::optional<std::string> zlib_compress(std::string_view data) {
    thread_local thread_deflate_stream stream;
    z_stream* zs = stream.reset();
    if (!zs) return std::nullopt;
    std::string out(compressBound(static_cast<uLong>(data.size())), '\0');
    // zlib counts in uInt: feed and drain at most that much per call, as compress2() does.
    constexpr std::size_t max_chunk = std::numeric_limits<uInt>::max();
    zs->next_in = const_cast<Bytef*>(reinterpret_cast<const Bytef*>(data.data()));
    zs->next_out = reinterpret_cast<Bytef*>(out.data());
    zs->avail_in = 0;
    zs->avail_out = 0;
    std::size_t in_left = data.size(), out_left = out.size();
    int rc = Z_OK;
    do {
        if (zs->avail_out == 0) {
            zs->avail_out = static_cast<uInt>(std::min(out_left, max_chunk));
            out_left -= zs->avail_out;
        }
        if (zs->avail_in == 0) {
            zs->avail_in = static_cast<uInt>(std::min(in_left, max_chunk));
            in_left -= zs->avail_in;
        }
        rc = deflate(zs, in_left != 0 ? Z_NO_FLUSH : Z_FINISH);
    } while (rc == Z_OK);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(static_cast<std::size_t>(zs->total_out));
    return out;
}

// The inflated bytes, or nullopt for anything but one whole zlib stream of at most max_size
// bytes. The bound stops a small input from inflating into gigabytes.
inline std::optional<std::string> zlib_decompress(std::string_view data, std::size_t max_size) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return std::nullopt;
    zs.next_in = const_cast<Bytef*>(reinterpret_cast<const Bytef*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    std::array<char, 4096> chunk;
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
        zs.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - zs.avail_out);
        if (out.size() > max_size) rc = Z_MEM_ERROR;
        else if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) rc = Z_BUF_ERROR;  // truncated
    }
    const bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
    inflateEnd(&zs);
    if (!whole) return std::nullopt;
    return out;
}

}  // namespace livemsg::detail
