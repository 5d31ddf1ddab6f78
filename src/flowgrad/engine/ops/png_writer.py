"""PNG files byte for byte as TF 1.14's encoder (libpng 1.6 through tensorflow/core/lib/png/
png_io.cc) writes them: IHDR, IDAT chunks of at most 8192 bytes, IEND.

What libpng does that a plain encoder does not:
- the filter of each row chosen among None, Sub, Up, Average and Paeth (all five for
  8- and 16-bit images; Sub/Average/Paeth left out for a one-pixel-wide image,
  Up/Average/Paeth for a one-row image) by the smallest sum of the filtered bytes read as
  signed (v < 128 ? v : 256 - v), the first filter in that order on a tie;
- zlib at TF's level (Z_DEFAULT_COMPRESSION unless given), memLevel 9 (TF's
  MAX_MEM_LEVEL), strategy Z_FILTERED when rows are filtered, and a window no larger than
  the image data needs; the zlib header then names the smallest window that holds the
  data (libpng's optimize_cmf).
"""
from __future__ import annotations

import struct
import zlib

import numpy as np

_COLOR_TYPES = {1: 0, 2: 4, 3: 2, 4: 6}   # channels -> gray, gray+alpha, RGB, RGBA
_IDAT_SIZE = 8192                        # libpng's PNG_ZBUF_SIZE


def _signed_sums(rows):
    """libpng's filter cost of each row: the bytes as signed magnitudes, summed."""
    r = rows.astype(np.int64)
    return np.where(r < 128, r, 256 - r).sum(axis=1)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


def _filtered(raw, bpp, allowed):
    """Each row of `raw` (uint8 [h, rowbytes]) with its filter-type byte first, filtered
    as libpng's png_write_find_filter chooses."""
    h, n = raw.shape
    x = raw.astype(np.int32)
    up = np.vstack([np.zeros((1, n), np.int32), x[:-1]])           # previous row, 0 first
    left = np.hstack([np.zeros((h, bpp), np.int32), x[:, :-bpp]])  # bytes one pixel left
    upleft = np.hstack([np.zeros((h, bpp), np.int32), up[:, :-bpp]])
    candidates = {0: x, 1: x - left, 2: x - up, 3: x - ((left + up) >> 1),
                  4: x - _paeth(left, up, upleft)}
    kinds = [k for k in range(5) if k in allowed]
    outs = [(candidates[k] & 0xFF).astype(np.uint8) for k in kinds]
    if len(kinds) == 1:
        choice = np.zeros(h, np.int64)
    else:
        choice = np.argmin(np.stack([_signed_sums(o) for o in outs]), axis=0)
    out = np.empty((h, n + 1), np.uint8)
    for i, k in enumerate(kinds):
        sel = choice == i
        out[sel, 0] = k
        out[sel, 1:] = outs[i][sel]
    return out


def _window_bits(data_size):
    """libpng's png_deflate_claim: 15, lowered while the data (+262) fits half a window."""
    bits = 15
    if data_size <= 16384:
        half = 1 << (bits - 1)
        while data_size + 262 <= half:
            half >>= 1
            bits -= 1
    return max(bits, 9)   # zlib makes 8 into 9


def _optimize_cmf(data, data_size):
    """libpng's optimize_cmf: the zlib header names the smallest window holding the data."""
    if data_size > 16384 or len(data) < 2:
        return data
    cmf = data[0]
    if (cmf & 0x0F) != 8 or (cmf & 0xF0) > 0x70:
        return data
    cinfo = cmf >> 4
    half = 1 << (cinfo + 7)
    if data_size > half:
        return data
    while True:
        half >>= 1
        cinfo -= 1
        if not (cinfo > 0 and data_size <= half):
            break
    cmf = (cmf & 0x0F) | (cinfo << 4)
    flg = data[1] & 0xE0
    flg += 0x1F - ((cmf << 8) + flg) % 0x1F
    return bytes([cmf, flg]) + data[2:]


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def encode_png(image, compression=-1):
    """The PNG bytes TF 1.14 writes for a uint8 or uint16 [height, width, channels] array
    (channels 1-4); `compression` is zlib's level, -1 for its default."""
    a = np.asarray(image)
    h, w, c = a.shape
    depth = 16 if a.dtype == np.uint16 else 8
    raw = (a.astype(">u2") if depth == 16 else a.astype(np.uint8)).reshape(h, -1)
    raw = raw.view(np.uint8).reshape(h, -1) if depth == 16 else raw
    allowed = set(range(5))
    if h == 1:
        allowed -= {2, 3, 4}
    if w == 1:
        allowed -= {1, 3, 4}
    if not allowed:
        allowed = {0}
    bpp = c * depth // 8
    rows = _filtered(raw, bpp, allowed) if h and w else np.zeros((h, 0), np.uint8)
    data_size = rows.size
    z = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION if compression < 0 else int(compression),
                         zlib.DEFLATED, _window_bits(data_size), 9,
                         zlib.Z_FILTERED if allowed != {0} else zlib.Z_DEFAULT_STRATEGY)
    stream = z.compress(rows.tobytes()) + z.flush()
    stream = _optimize_cmf(stream, data_size)
    ihdr = struct.pack(">IIBBBBB", w, h, depth, _COLOR_TYPES[c], 0, 0, 0)
    idat = b"".join(_chunk(b"IDAT", stream[i:i + _IDAT_SIZE])
                    for i in range(0, len(stream), _IDAT_SIZE))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + idat + _chunk(b"IEND", b"")
