"""TF's record files: TFRecord framing (core/lib/io/record_writer.cc) with optional
GZIP/ZLIB compression, and the plain readers TextLineDataset and
FixedLengthRecordDataset use.

A TFRecord is `uint64 length | uint32 masked_crc32c(length) | data |
uint32 masked_crc32c(data)`, little-endian. Reads are bounded: a length that runs
past the end of the file is a truncated record (DataLossError, as TF).
"""
from __future__ import annotations

import gzip
import struct
import zlib

from ..framework import errors
from ..framework import crc32c as _crc32c_mod
from ..framework.crc32c import mask, masked_crc32c

__all__ = ["COMPRESSION", "TFRecordWriterRaw", "iter_fixed_length", "iter_lines",
           "iter_tfrecords", "open_read", "frame"]

# TFRecordCompressionType: NONE=0, ZLIB=1, GZIP=2; the strings TF's readers take.
COMPRESSION = {None: "", "": "", "NONE": "", "ZLIB": "ZLIB", "GZIP": "GZIP",
               0: "", 1: "ZLIB", 2: "GZIP"}

_U64 = struct.Struct("<Q")
_U32 = struct.Struct("<I")


def frame(data: bytes) -> bytes:
    """One TFRecord: length, its masked CRC32C, the data, its masked CRC32C."""
    n = _U64.pack(len(data))
    return b"".join((n, _U32.pack(masked_crc32c(n)), data, _U32.pack(masked_crc32c(data))))


def _compression(kind):
    try:
        return COMPRESSION[kind]
    except KeyError:
        raise errors.InvalidArgumentError(
            None, None, f"Unsupported compression_type: {kind}.") from None


def open_read(path, compression_type=""):
    """The file's bytes, decompressed as `compression_type` says ('' / 'ZLIB' / 'GZIP')."""
    kind = _compression(compression_type)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None
    if kind == "GZIP":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise errors.DataLossError(None, None, "inflate() failed with error -3: "
                                       "incorrect header check") from None
    if kind == "ZLIB":
        try:
            return zlib.decompress(raw)
        except zlib.error:
            raise errors.DataLossError(None, None, "inflate() failed with error -3: "
                                       "incorrect header check") from None
    return raw


def iter_tfrecords(path, compression_type="", check_crc=True):
    """Yields the records of a TFRecord file, checking both CRCs of each."""
    buf = open_read(path, compression_type)
    end = len(buf)
    pos = 0
    unpack_len = _U64.unpack_from
    unpack_crc = _U32.unpack_from
    native = _crc32c_mod._native_extend
    crc = (lambda d: mask(native(0, d))) if native is not None else masked_crc32c
    while pos < end:
        if end - pos < 12:
            return          # as TF: a partial header reads as the end of the file
        n = unpack_len(buf, pos)[0]
        if check_crc and unpack_crc(buf, pos + 8)[0] != crc(buf[pos:pos + 8]):
            raise errors.DataLossError(None, None, f"corrupted record at {pos}")
        start = pos + 12
        if n > end - start - 4:
            raise errors.DataLossError(None, None, f"truncated record at {pos}")
        data = buf[start:start + n]
        if check_crc and unpack_crc(buf, start + n)[0] != crc(data):
            raise errors.DataLossError(None, None, f"corrupted record at {start}")
        yield data
        pos = start + n + 4


def iter_lines(path, compression_type=""):
    """TextLineDataset's lines: split on '\\n', a trailing '\\r' dropped, no empty last line."""
    buf = open_read(path, compression_type)
    lines = buf.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        yield line[:-1] if line.endswith(b"\r") else line


def iter_fixed_length(path, record_bytes, header_bytes=0, footer_bytes=0,
                      compression_type=""):
    """FixedLengthRecordDataset's records: whole records between header and footer."""
    buf = open_read(path, compression_type)
    body = buf[header_bytes:len(buf) - footer_bytes if footer_bytes else len(buf)]
    if len(body) % record_bytes:
        raise errors.InvalidArgumentError(
            None, None, f"Excluding the header ({header_bytes} bytes) and footer "
            f"({footer_bytes} bytes), input file \"{path}\" has body length {len(body)} bytes, "
            f"which is not an exact multiple of the record length ({record_bytes} bytes).")
    for i in range(len(body) // record_bytes):
        yield body[i * record_bytes:(i + 1) * record_bytes]


class TFRecordWriterRaw:
    """Writes framed records to `path` (compressed as asked); `close` flushes."""

    def __init__(self, path, compression_type="", compression_level=-1):
        kind = _compression(compression_type)
        self._f = open(path, "wb")
        self._kind = kind
        level = 6 if compression_level in (None, -1) else int(compression_level)
        if kind == "GZIP":
            self._z = zlib.compressobj(level, zlib.DEFLATED, 31, 9)
        elif kind == "ZLIB":
            self._z = zlib.compressobj(level, zlib.DEFLATED, 15, 9)
        else:
            self._z = None

    def write(self, record: bytes):
        data = frame(record)
        self._f.write(self._z.compress(data) if self._z is not None else data)

    def flush(self):
        if self._z is not None:
            self._f.write(self._z.flush(zlib.Z_SYNC_FLUSH))
        self._f.flush()

    def close(self):
        if self._f is None:
            return
        if self._z is not None:
            self._f.write(self._z.flush())
        self._f.close()
        self._f = None
