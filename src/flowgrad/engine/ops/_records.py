"""TF's record files: TFRecord framing (core/lib/io/record_writer.cc) with optional
GZIP/ZLIB compression, and the plain readers TextLineDataset and
FixedLengthRecordDataset use.

A TFRecord is `uint64 length | uint32 masked_crc32c(length) | data |
uint32 masked_crc32c(data)`, little-endian. Reads are bounded: a length that runs
past the end of the file is a truncated record (DataLossError, as TF).
"""
from __future__ import annotations

import os
import struct
import zlib

import numpy as np

from ..framework import errors
from ..framework.crc32c import crc32c_each, crc32c_many, mask_many, masked_crc32c

__all__ = ["COMPRESSION", "TFRecordWriterRaw", "record_arg", "iter_fixed_length", "iter_lines",
           "iter_tfrecord_chunks", "iter_tfrecord_spans", "iter_tfrecords", "open_read",
           "read_blocks", "frame", "frame_many"]

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


_INFLATE_ERROR = "inflate() failed with error -3: incorrect header check"
_BLOCK = 16 << 20     # bytes read (or inflated) at a time
# TFRecord files are read a megabyte at a time: blocks this size are served from memory
# malloc keeps and reuses, where fresh 16 MB blocks cost a page fault per 4 KB (a third of
# the read time on a VM, measured)
_RECORD_BLOCK = 1 << 20


def _open(path):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None


def read_blocks(path, compression_type="", block=_BLOCK):
    """The file's bytes in pieces of at most about `block` bytes, inflated as
    `compression_type` says ('' / 'ZLIB' / 'GZIP'): memory stays bounded by the block
    size whatever the file's (or a corrupted stream's) size."""
    kind = _compression(compression_type)
    with _open(path) as f:
        if not kind:
            while True:
                piece = f.read(block)
                if not piece:
                    return
                yield piece
        z = zlib.decompressobj(31 if kind == "GZIP" else 15)
        try:
            while not z.eof:
                raw = f.read(block)
                if not raw:
                    break
                while raw:
                    out = z.decompress(raw, block)
                    raw = z.unconsumed_tail
                    if out:
                        yield out
                    if z.eof:
                        break
            tail = z.flush()
        except zlib.error:
            raise errors.DataLossError(None, None, _INFLATE_ERROR) from None
        if tail:
            yield tail


def open_read(path, compression_type=""):
    """The file's bytes, decompressed as `compression_type` says ('' / 'ZLIB' / 'GZIP')."""
    return b"".join(read_blocks(path, compression_type))


def _length_crcs(buf, heads, lens):
    """The masked CRCs of the records' 8-byte length fields: one CRC per distinct length
    (the fields hold `lens`), or all at once with NumPy when the lengths mostly differ."""
    n0 = lens[0]
    if (lens == n0).all():
        return np.full(len(lens), masked_crc32c(_U64.pack(int(n0))), dtype=np.uint32)
    uniq, inv = np.unique(lens, return_inverse=True)
    if len(uniq) > 64:
        return mask_many(crc32c_many(buf, heads, np.full(len(heads), 8)))
    table = np.array([masked_crc32c(_U64.pack(n)) for n in uniq.tolist()], dtype=np.uint32)
    return table[inv.reshape(-1)]


def _verify(buf, heads, lens, base):
    """The index of the first record whose length or data CRC is wrong (len(heads) if none)
    and the error for it."""
    k = len(heads)
    arr = np.frombuffer(buf, dtype=np.uint8)
    four = np.arange(4)
    stored_len = arr[(heads + 8)[:, None] + four].copy().view("<u4").reshape(k)
    stored_data = arr[(heads + 12 + lens)[:, None] + four].copy().view("<u4").reshape(k)
    ok_len = _length_crcs(buf, heads, lens) == stored_len
    bad_len = np.flatnonzero(~ok_len)
    limit = int(bad_len[0]) if len(bad_len) else k
    # the native CRC takes bytes: each record is sliced, checked and dropped in turn (the
    # slices reuse one piece of memory, still in cache)
    first = heads[:limit] + 12
    crcs = crc32c_each(map(buf.__getitem__, map(slice, first.tolist(),
                                                (first + lens[:limit]).tolist())), limit)
    if crcs is None:
        crcs = crc32c_many(buf, heads[:limit] + 12, lens[:limit])
    ok_data = mask_many(crcs) == stored_data[:limit]
    bad_data = np.flatnonzero(~ok_data)
    if len(bad_data):
        i = int(bad_data[0])
        return i, errors.DataLossError(None, None,
                                       f"corrupted record at {base + int(heads[i]) + 12}")
    if limit < k:
        return limit, errors.DataLossError(None, None,
                                           f"corrupted record at {base + int(heads[limit])}")
    return k, None


def _scan(buf, pos, end, first):
    """Header offsets and lengths of the whole records in buf[pos:end] (at most about
    `first` of them when `first`); one NumPy check for files of equal-sized records."""
    heads, lens = [], []
    unpack_len = _U64.unpack_from
    if end - pos >= 12:
        n0 = unpack_len(buf, pos)[0]
        stride = n0 + 16
        if 0 < stride <= end - pos:
            count = (end - pos) // stride
            if first:
                count = min(count, first)
            cand = pos + stride * np.arange(count, dtype=np.int64)
            arr = np.frombuffer(buf, dtype=np.uint8)
            got = arr[cand[:, None] + np.arange(8)].copy().view("<u8").reshape(count)
            same = got == n0
            if not same.all():
                count = int(np.argmin(same))
            if count:
                return pos + stride * np.arange(count, dtype=np.int64), \
                    np.full(count, n0, dtype=np.int64), pos + stride * count
    while end - pos >= 12 and not (first and len(heads) >= first):
        n = unpack_len(buf, pos)[0]
        if n > end - pos - 16:
            break
        heads.append(pos)
        lens.append(n)
        pos += n + 16
    return np.asarray(heads, dtype=np.int64), np.asarray(lens, dtype=np.int64), pos


def _check_header(buf, pos, base):
    n, stored = _U64.unpack_from(buf, pos)[0], _U32.unpack_from(buf, pos + 8)[0]
    if masked_crc32c(buf[pos:pos + 8]) != stored:
        raise errors.DataLossError(None, None, f"corrupted record at {base + pos}")
    return n


def iter_tfrecord_chunks(path, compression_type="", first=64, most=1 << 14):
    """Lists of the records of a TFRecord file (`iter_tfrecord_spans`' chunks sliced)."""
    for buf, starts, lens in iter_tfrecord_spans(path, compression_type, first, most):
        yield [buf[s:s + n] for s, n in zip(starts.tolist(), lens.tolist())]


def iter_tfrecord_spans(path, compression_type="", first=64, most=1 << 14):
    """Chunks of the records of a TFRecord file, in order, both CRCs of each checked (many
    records at once): (buf, starts, lens), record i being buf[starts[i]:starts[i] + lens[i]]
    (int64 arrays; no bytes object per record). Errors as TF's RecordReader: a partial
    header ends the file quietly; a bad length CRC is `corrupted record at <record
    offset>`, a bad data CRC `corrupted record at <data offset>`, a record running past the
    end `truncated record at <record offset>` (DataLossError), raised after the good
    records before it were yielded. Chunks start small (a first batch comes quickly) and
    grow to `most` records."""
    kind = _compression(compression_type)
    if kind:
        more = _inflated_source(path, kind)
    else:
        more = _plain_source(path)
    try:
        yield from _spans(more, first, most)
    finally:
        more.close()


class _plain_source:  # noqa: N801 - a small callable
    """An uncompressed file's bytes from a record's offset on: each buffer is read afresh
    from the file at the first unread record (no copy of the remainder into a new buffer:
    joined buffers defeat malloc's reuse, and each then costs page faults)."""

    def __init__(self, path):
        self.f = _open(path)
        self.size = os.fstat(self.f.fileno()).st_size

    def __call__(self, buf, pos, base, need):
        """(buffer, its file offset, whether it reaches the end of the file)."""
        offset = base + pos
        left = max(0, self.size - offset)
        want = min(max(_RECORD_BLOCK, need), left)
        self.f.seek(offset)
        data = self.f.read(want)
        return data, offset, len(data) < max(need, 1) or len(data) >= left

    def close(self):
        self.f.close()


class _inflated_source:  # noqa: N801 - a small callable
    """A compressed file's inflated bytes: the unread remainder joined with more blocks."""

    def __init__(self, path, kind):
        self.blocks = read_blocks(path, kind)

    def __call__(self, buf, pos, base, need):
        pieces = [buf[pos:]]
        have = len(pieces[0])
        eof = False
        while have < max(need, 1):
            piece = next(self.blocks, None)
            if piece is None:
                eof = True
                break
            pieces.append(piece)
            have += len(piece)
        data = b"".join(pieces) if len(pieces) > 1 or pos else pieces[0]
        return data, base + pos, eof

    def close(self):
        self.blocks.close()


def _spans(more, first, most):
    buf = b""
    base = 0        # the file offset of buf[0]
    start = 0       # the first unread byte of buf
    eof = False
    want = first
    while True:
        end = len(buf)
        heads, lens, pos = _scan(buf, start, end, want)
        if len(heads):
            good, err = _verify(buf, heads, lens, base)
            if good:
                yield buf, heads[:good] + 12, lens[:good]
            if err is not None:
                raise err
            want = min(most, want * 4)
            start = pos
            if end - pos >= 12 and _U64.unpack_from(buf, pos)[0] <= end - pos - 16:
                continue        # more whole records in this buffer
        rest = end - pos
        if rest >= 12:
            n = _check_header(buf, pos, base)
            need = n + 16
        else:
            need = 12
        if eof:
            if rest >= 12:
                raise errors.DataLossError(None, None, f"truncated record at {base + pos}")
            return      # as TF: a partial header reads as the end of the file
        buf, base, eof = more(buf, pos, base, need)
        start = 0


def iter_tfrecords(path, compression_type=""):
    """Yields the records of a TFRecord file, checking both CRCs of each."""
    for chunk in iter_tfrecord_chunks(path, compression_type):
        yield from chunk


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
    """FixedLengthRecordDataset's records: whole records between header and footer. An
    uncompressed body that is not a whole number of records is an InvalidArgumentError at
    the start; a compressed one (read as a stream, as TF) yields its whole records, then
    raises the same message as a DataLossError."""
    kind = _compression(compression_type)
    buf = open_read(path, kind)
    body = buf[header_bytes:len(buf) - footer_bytes if footer_bytes else len(buf)]
    whole = len(body) // record_bytes
    message = (f"Excluding the header ({header_bytes} bytes) and footer ({footer_bytes} "
               f"bytes), input file \"{path}\" has body length {len(body)} bytes, which is "
               f"not an exact multiple of the record length ({record_bytes} bytes).")
    if len(body) % record_bytes and not kind:
        raise errors.InvalidArgumentError(None, None, message)
    for i in range(whole):
        yield body[i * record_bytes:(i + 1) * record_bytes]
    if len(body) % record_bytes:
        raise errors.DataLossError(None, None, message)


def frame_many(records):
    """The TFRecords of `records`, all CRCs computed at once."""
    lens = [len(r) for r in records]
    heads = b"".join([_U64.pack(n) for n in lens])
    data = b"".join(records)
    k = len(records)
    hcrc = mask_many(crc32c_many(heads, np.arange(k) * 8, np.full(k, 8))).tolist()
    starts = np.zeros(k, dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    dcrc = mask_many(crc32c_many(data, starts, lens)).tolist()
    out = []
    pack = _U32.pack
    for i, r in enumerate(records):
        out += (heads[8 * i:8 * i + 8], pack(hcrc[i]), r, pack(dcrc[i]))
    return b"".join(out)


class _ZlibOutputBuffer:
    """TF 1.14's ZlibOutputBuffer (core/lib/io/zlib_outputbuffer.cc) with a flush mode
    other than Z_NO_FLUSH: appends go to an input buffer of `input_buffer_size` bytes;
    one that does not fit deflates the buffered bytes (then, if still too big, itself)
    with the flush mode. TF's output buffer (`output_buffer_size` bytes) is tracked: when
    a flushing deflate's output does not fit in what is left of it, zlib (called again by
    TF) writes further flush markers, which flowgrad does not reproduce
    (NotImplementedError)."""

    def __init__(self, z, f, flush_mode, in_cap, out_cap):
        self._z, self._f, self._mode = z, f, flush_mode
        self._in_cap, self._out_cap = in_cap, out_cap
        self._buf, self._avail, self._fill = [], 0, 0

    def _deflate(self, data, mode):
        if mode not in (zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH,
                        zlib.Z_BLOCK, zlib.Z_FINISH):
            raise errors.DataLossError(None, None, "deflate() failed with error -2")
        # no compress(b"") call: its deflate(Z_NO_FLUSH) would let a repeated flush of no
        # new input write a marker, where TF's deflate(flush_mode) writes nothing
        out = self._z.compress(data) if data else b""
        out += self._z.flush() if mode == zlib.Z_FINISH else self._z.flush(mode)
        if mode in (zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH) and self._out_cap - self._fill < 6:
            self._fill = 0          # TF writes its output buffer out first
        if mode in (zlib.Z_FINISH, zlib.Z_BLOCK):    # zlib adds nothing when called again
            self._fill = (self._fill + len(out)) % self._out_cap
        elif self._fill + len(out) < self._out_cap:
            self._fill += len(out)
        else:
            raise NotImplementedError(
                "flowgrad's TFRecordWriter with a flush_mode whose flushed output "
                f"({len(out)} bytes) does not fit in what is left of output_buffer_size "
                f"({self._out_cap - self._fill} bytes): zlib then repeats flush markers")
        self._f.write(out)

    def _deflate_buffered(self, mode):
        self._deflate(b"".join(self._buf), mode)
        self._buf, self._avail = [], 0

    def append(self, data):
        if len(data) <= self._in_cap - self._avail:
            self._buf.append(data)
            self._avail += len(data)
            return
        self._deflate_buffered(self._mode)
        if len(data) <= self._in_cap:
            self._buf.append(data)
            self._avail = len(data)
            return
        self._deflate(data, self._mode)

    def flush(self):
        self._deflate_buffered(self._mode)

    def close(self):
        self._deflate_buffered(zlib.Z_FINISH)


_ZLIB_DEFAULTS = {"flush_mode": zlib.Z_NO_FLUSH, "input_buffer_size": 256 << 10,
                  "output_buffer_size": 256 << 10, "window_bits": 15,
                  "compression_level": -1, "compression_method": zlib.DEFLATED,
                  "mem_level": 9, "compression_strategy": zlib.Z_DEFAULT_STRATEGY}


def record_arg(record):
    """A record passed to TF 1.14's TFRecordWriter.write, as its SWIG StringPiece typemap
    takes it: bytes (or a subclass), None as an empty record; anything else (str,
    bytearray, an array) is a TypeError naming the type as CPython's tp_name does."""
    if record is None:
        return b""
    if isinstance(record, bytes):
        return bytes(record)
    t = type(record)
    heap = t.__flags__ & (1 << 9)      # Py_TPFLAGS_HEAPTYPE: tp_name is the bare name
    name = t.__name__ if heap or t.__module__ == "builtins" else \
        f"{t.__module__}.{t.__name__}"
    raise TypeError(f"expected bytes, {name} found")


class TFRecordWriterRaw:
    """Writes framed records to `path` (compressed as asked); `flush` and `close` write out
    what is pending (records are framed many at a time: their CRCs in one pass).
    `zlib_options` holds TFRecordOptions' zlib knobs (None: TF's defaults), applied as TF
    1.14's RecordWriterOptions does (window_bits replaces GZIP's 15 + 16 as well)."""

    _PENDING_RECORDS = 512
    _PENDING_BYTES = 4 << 20

    def __init__(self, path, compression_type="", compression_level=-1, zlib_options=None):
        kind = _compression(compression_type)
        o = dict(_ZLIB_DEFAULTS, window_bits=31 if kind == "GZIP" else 15)
        o.update({k: v for k, v in (zlib_options or {}).items() if v is not None})
        if compression_level not in (None, -1):
            o["compression_level"] = compression_level
        self._z = self._zbuf = None
        if kind:
            if int(o["output_buffer_size"]) <= 1:
                raise errors.InvalidArgumentError(
                    None, None, "output_buffer_bytes should be greater than 1")
            if int(o["input_buffer_size"]) < 0 or o["flush_mode"] == zlib.Z_FINISH:
                raise NotImplementedError(
                    "flowgrad's TFRecordWriter with a negative input_buffer_size or "
                    "flush_mode Z_FINISH (TF 1.14 aborts the process)")
            try:
                self._z = zlib.compressobj(
                    int(o["compression_level"]), int(o["compression_method"]),
                    int(o["window_bits"]), int(o["mem_level"]),
                    int(o["compression_strategy"]))
            except (ValueError, zlib.error):
                raise errors.InvalidArgumentError(
                    None, None, "deflateInit failed with status-2") from None
        # compression_level 0: zlib's stored blocks are cut by the output space of each
        # deflate call, which Python's zlib does not let flowgrad set as TF's buffers do;
        # streams this short come out as TF's (checked against TF 1.14 up to 32 KB)
        self._stored_left = 16000 if kind and int(o["compression_level"]) == 0 else None
        self._f = open(path, "wb")
        self._kind = kind
        self._pending = []
        self._pending_bytes = 0
        if self._z is not None and o["flush_mode"] != zlib.Z_NO_FLUSH:
            self._zbuf = _ZlibOutputBuffer(self._z, self._f, int(o["flush_mode"]),
                                           int(o["input_buffer_size"]),
                                           int(o["output_buffer_size"]))

    def write(self, record: bytes):
        self._check_open()
        record = bytes(record)
        if self._stored_left is not None:
            if len(record) + 16 > self._stored_left:
                raise NotImplementedError(
                    "flowgrad's TFRecordWriter with compression_level 0 writes at most "
                    "16000 bytes of framed records (zlib's stored blocks would differ "
                    "from TF's)")
            self._stored_left -= len(record) + 16
        if self._zbuf is not None:      # TF appends header, data and footer in turn
            framed = frame(record)
            for piece in (framed[:12], framed[12:-4], framed[-4:]):
                self._zbuf.append(piece)
            return
        self._pending.append(record)
        self._pending_bytes += len(record)
        if len(self._pending) >= self._PENDING_RECORDS or \
                self._pending_bytes >= self._PENDING_BYTES:
            self._drain()

    def _drain(self):
        if not self._pending:
            return
        data = frame_many(self._pending)
        self._pending = []
        self._pending_bytes = 0
        self._f.write(self._z.compress(data) if self._z is not None else data)

    def _check_open(self):
        # TF's PyRecordWriter after Close (a second Close is a no-op)
        if getattr(self, "_f", None) is None:
            raise errors.FailedPreconditionError(
                None, None, "Writer not initialized or previously closed")

    def flush(self):
        """As TF 1.14: the buffered bytes are deflated with the flush mode (Z_NO_FLUSH by
        default, so a compressed file is not readable to its end before close)."""
        self._check_open()
        if self._zbuf is not None:
            self._zbuf.flush()
        else:
            self._drain()
        self._f.flush()

    def __del__(self):     # as TF's writer: what was written reaches the file
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown or a closed file system
            pass

    def close(self):
        if getattr(self, "_f", None) is None:
            return
        if self._zbuf is not None:
            self._zbuf.close()
        else:
            self._drain()
            if self._z is not None:
                self._f.write(self._z.flush())
        self._f.close()
        self._f = None
