// zlib at the byte level: compress, and inflate with a bound on what it may produce.
// Only the signing headers include this, so that the core needs no zlib.
#pragma once

#include <zlib.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::detail {

// `data` as one zlib stream at the default level, or nullopt when zlib fails (out of memory).
inline std::optional<std::string> zlib_compress(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        return std::nullopt;
    out.resize(size);
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
