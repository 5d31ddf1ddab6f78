"""TensorFlow's V2 checkpoint format (the tensor bundle), read and written without TensorFlow.

A bundle with prefix P is:

- `P.index`: a table in LevelDB's SSTable layout (tensorflow/core/lib/io/table*):
  data blocks of prefix-compressed (key, value) entries with restart points,
  an empty metaindex block, an index block of (separator key, block handle),
  every block followed by a type byte and a masked CRC32C, and a 48-byte
  footer ending in the table magic number. Key "" holds a BundleHeaderProto
  (num_shards, endianness, version); every other key a BundleEntryProto
  (dtype, shape, shard_id, offset, size, masked CRC32C of the bytes, slices).
- `P.data-SSSSS-of-NNNNN`: the tensors' bytes, one file per shard.
  Numbers are raw little-endian; a string tensor is the varint64 lengths,
  a masked CRC32C of the lengths (as uint32s), then the bytes.

The reader trusts nothing in the files: they are opened without following
links and must be regular files; the data files are named by the prefix and
the shard numbers only; every block's and tensor's checksum is verified;
every offset and size is checked against the file before anything is read,
and at most the declared bytes are read. Errors are TF's (DataLossError for
damage, NotFoundError for a missing file or key), naming the file.

The writer produces the bytes TF 1.14's SaveV2 writes for the same tensors
(one shard), through fsync'ed temporaries renamed into place, data first.

tf.train.Saver writes this format by default (train/checkpoint_io.py chooses the
file names so that saving over a checkpoint never breaks it). CRC32C:
engine/framework/crc32c.py.
"""
from __future__ import annotations

import os
import struct
import tempfile

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors, file_io
from ..engine.framework.crc32c import crc32c, mask, unmask  # noqa: F401 - re-exported
from ..engine.framework.variant import VariantTensorData

__all__ = ["BundleReader", "read_bundle", "write_bundle"]

_MAGIC = 0xdb4775248b80fb57
_FOOTER = 48
_BLOCK_SIZE = 262144        # table::Options defaults, as TF writes them
_RESTART_INTERVAL = 16
_MAX_INDEX_BYTES = 1 << 31
_HEADER_KEY = b""
_VARIANT = 21
_BUNDLE_VERSION = 1


# ---------------------------------------------------------------------------------------
# Varints and the protobuf wire format (only what the bundle messages need)
# ---------------------------------------------------------------------------------------
def _put_varint(out, v):
    v &= 0xFFFFFFFFFFFFFFFF
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def _get_varint(buf, pos, end):
    """(value, new pos); ValueError past `end` or beyond 10 bytes."""
    result = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise ValueError("truncated or overlong varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _parse_message(buf):
    """{field number: [raw values]} of a serialized message (ValueError if malformed).

    Varints come as ints, fixed32/fixed64 as ints, length-delimited as bytes.
    """
    out = {}
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _get_varint(buf, pos, end)
        field, wire = key >> 3, key & 7
        if field == 0:
            raise ValueError("field number 0")
        if wire == 0:
            value, pos = _get_varint(buf, pos, end)
        elif wire == 1:
            if pos + 8 > end:
                raise ValueError("truncated fixed64")
            value = int.from_bytes(buf[pos:pos + 8], "little")
            pos += 8
        elif wire == 2:
            n, pos = _get_varint(buf, pos, end)
            if pos + n > end:
                raise ValueError("truncated length-delimited field")
            value = bytes(buf[pos:pos + n])
            pos += n
        elif wire == 5:
            if pos + 4 > end:
                raise ValueError("truncated fixed32")
            value = int.from_bytes(buf[pos:pos + 4], "little")
            pos += 4
        else:
            raise ValueError(f"wire type {wire}")
        out.setdefault(field, []).append(value)
    return out


def _signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def _field(out, number, wire, payload):
    _put_varint(out, (number << 3) | wire)
    if wire == 2:
        _put_varint(out, len(payload))
        out += payload
    elif wire == 5:
        out += struct.pack("<I", payload)
    else:
        _put_varint(out, payload)


def _shape_proto(shape):
    out = bytearray()
    for d in shape:
        dim = bytearray()
        if d:
            _field(dim, 1, 0, d)
        _field(out, 2, 2, dim)
    return bytes(out)


def _entry_proto(dtype_enum, shape, offset, size, crc, shard=0):
    out = bytearray()
    _field(out, 1, 0, dtype_enum)
    _field(out, 2, 2, _shape_proto(shape))
    if shard:
        _field(out, 3, 0, shard)
    if offset:
        _field(out, 4, 0, offset)
    if size:
        _field(out, 5, 0, size)
    if crc:
        _field(out, 6, 5, crc)
    return bytes(out)


def _header_proto(num_shards=1):
    version = bytearray()
    _field(version, 1, 0, _BUNDLE_VERSION)
    out = bytearray()
    _field(out, 1, 0, num_shards)
    _field(out, 3, 2, version)      # endianness LITTLE is the default (0): omitted
    return bytes(out)


# ---------------------------------------------------------------------------------------
# The SSTable
# ---------------------------------------------------------------------------------------
class _TableError(Exception):
    """Damage found in a table; the reader turns it into DataLossError naming the file."""


def _block(data, offset, size, file_size):
    """The contents of the block at (offset, size), after its type byte and CRC are checked."""
    if offset + size + 5 > file_size:
        raise _TableError("truncated block read")
    contents = data[offset:offset + size]
    kind = data[offset + size]
    stored = int.from_bytes(data[offset + size + 1:offset + size + 5], "little")
    if unmask(stored) != crc32c(data[offset:offset + size + 1]):
        raise _TableError("block checksum mismatch")
    if kind != 0:
        raise _TableError(f"block compression type {kind} (only uncompressed tables are read)")
    return contents


def _block_entries(block):
    """(key, value) of each entry of a block, keys rebuilt from their shared prefixes."""
    if len(block) < 4:
        raise _TableError("bad block contents")
    restarts = int.from_bytes(block[-4:], "little")
    limit = len(block) - 4 - 4 * restarts
    if restarts < 1 or limit < 0:
        raise _TableError("bad block contents")
    out = []
    key = b""
    pos = 0
    while pos < limit:
        try:
            shared, pos = _get_varint(block, pos, limit)
            unshared, pos = _get_varint(block, pos, limit)
            vlen, pos = _get_varint(block, pos, limit)
        except ValueError:
            raise _TableError("bad entry in block") from None
        if shared > len(key) or pos + unshared + vlen > limit:
            raise _TableError("bad entry in block")
        key = key[:shared] + bytes(block[pos:pos + unshared])
        pos += unshared
        out.append((key, bytes(block[pos:pos + vlen])))
        pos += vlen
    return out


def _handle(buf, pos, end):
    offset, pos = _get_varint(buf, pos, end)
    size, pos = _get_varint(buf, pos, end)
    return offset, size, pos


def _read_table(data):
    """Every (key, value) of the table in `data`, in order (_TableError if damaged)."""
    n = len(data)
    if n < _FOOTER:
        raise _TableError("file is too short to be an sstable")
    footer = data[n - _FOOTER:]
    if int.from_bytes(footer[40:48], "little") != _MAGIC:
        raise _TableError("not an sstable (bad magic number)")
    try:
        meta_offset, meta_size, pos = _handle(footer, 0, 40)
        index_offset, index_size, _ = _handle(footer, pos, 40)
    except ValueError:
        raise _TableError("bad block handle") from None
    # The footer has no checksum: it must be exactly what a writer produces for these
    # handles (canonical varints, zero padding), so a flipped bit there is found too.
    canonical = _encode_handle((meta_offset, meta_size)) + _encode_handle(
        (index_offset, index_size))
    if bytes(footer[:40]) != canonical + b"\x00" * (40 - len(canonical)):
        raise _TableError("bad footer (non-canonical block handles or padding)")
    _block_entries(_block(data, meta_offset, meta_size, n))  # checked, though TF skips it
    out = []
    last = None
    for _, handle in _block_entries(_block(data, index_offset, index_size, n)):
        try:
            offset, size, _ = _handle(handle, 0, len(handle))
        except ValueError:
            raise _TableError("bad block handle") from None
        for key, value in _block_entries(_block(data, offset, size, n)):
            if last is not None and key <= last:
                raise _TableError("keys out of order")
            last = key
            out.append((key, value))
    return out


def _shortest_separator(start, limit):
    """LevelDB's BytewiseComparator::FindShortestSeparator."""
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i < n:
        b = start[i]
        if b < 0xff and b + 1 < limit[i]:
            return start[:i] + bytes([b + 1])
    return start


def _short_successor(key):
    """LevelDB's BytewiseComparator::FindShortSuccessor."""
    for i, b in enumerate(key):
        if b != 0xff:
            return key[:i] + bytes([b + 1])
    return key


class _BlockBuilder:
    def __init__(self, restart_interval):
        self.interval = restart_interval
        self.reset()

    def reset(self):
        self.buf = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last = b""

    def add(self, key, value):
        shared = 0
        if self.counter < self.interval:
            n = min(len(self.last), len(key))
            while shared < n and self.last[shared] == key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buf))
            self.counter = 0
        _put_varint(self.buf, shared)
        _put_varint(self.buf, len(key) - shared)
        _put_varint(self.buf, len(value))
        self.buf += key[shared:]
        self.buf += value
        self.last = key
        self.counter += 1

    def size_estimate(self):
        return len(self.buf) + 4 * len(self.restarts) + 4

    def empty(self):
        return not self.buf

    def finish(self):
        out = bytes(self.buf) + b"".join(struct.pack("<I", r) for r in self.restarts) + \
            struct.pack("<I", len(self.restarts))
        self.reset()
        return out


def _encode_handle(h):
    b = bytearray()
    _put_varint(b, h[0])
    _put_varint(b, h[1])
    return bytes(b)


def _build_table(entries):
    """The SSTable bytes of sorted (key, value) pairs, as TF's table::TableBuilder."""
    out = bytearray()

    def write_block(contents):
        handle = (len(out), len(contents))
        trailer = b"\x00"
        out.extend(contents)
        out.extend(trailer)
        out.extend(struct.pack("<I", mask(crc32c(contents + trailer))))
        return handle

    data = _BlockBuilder(_RESTART_INTERVAL)
    index = _BlockBuilder(1)
    pending = None
    last = b""
    for key, value in entries:
        if pending is not None:
            index.add(_shortest_separator(last, key), _encode_handle(pending))
            pending = None
        data.add(key, value)
        last = key
        if data.size_estimate() >= _BLOCK_SIZE:
            pending = write_block(data.finish())
    if not data.empty():
        pending = write_block(data.finish())
    meta = write_block(_BlockBuilder(_RESTART_INTERVAL).finish())
    if pending is not None:
        index.add(_short_successor(last), _encode_handle(pending))
    idx = write_block(index.finish())
    footer = bytearray(_encode_handle(meta) + _encode_handle(idx))
    footer += b"\x00" * (40 - len(footer))
    footer += struct.pack("<Q", _MAGIC)
    out += footer
    return bytes(out)


# ---------------------------------------------------------------------------------------
# Tensor slices: the keys TF gives the pieces of a partitioned variable (OrderedCode)
# ---------------------------------------------------------------------------------------
def _num_increasing(v):
    b = v.to_bytes((v.bit_length() + 7) // 8, "big") if v else b""
    return bytes([len(b)]) + b


def _signed_num_increasing(v):
    x = ~v if v < 0 else v
    if x < 64:
        return bytes([(0x80 ^ v) & 0xFF])
    length = min(x.bit_length() // 7 + 1, 10)
    raw = bytearray((v & ((1 << 80) - 1)).to_bytes(10, "big"))[10 - length:]
    headers = {2: (0xc0, 0), 3: (0xe0, 0), 4: (0xf0, 0), 5: (0xf8, 0), 6: (0xfc, 0),
               7: (0xfe, 0), 8: (0xff, 0), 9: (0xff, 0x80), 10: (0xff, 0xc0)}
    h0, h1 = headers[length]
    raw[0] ^= h0
    raw[1] ^= h1
    return bytes(raw)


def _slice_key(name, extents):
    """checkpoint::EncodeTensorNameSlice(name, slice): the key of one slice's entry."""
    out = bytearray(_num_increasing(0))
    out += name.replace(b"\xff", b"\xff\x00").replace(b"\x00", b"\x00\xff") + b"\x00\x01"
    out += _num_increasing(len(extents))
    for start, length in extents:
        out += _signed_num_increasing(start) + _signed_num_increasing(length)
    return bytes(out)


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------
def _data_name(prefix, shard, num_shards):
    return f"{prefix}.data-{shard:05d}-of-{num_shards:05d}"


def _open(path, missing):
    try:
        return file_io.open_regular(path, follow_symlinks=False)
    except FileNotFoundError:
        raise missing from None
    except file_io.NotRegularFileError as e:
        if e.kind == "directory":
            raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None
        raise errors.DataLossError(None, None, f"Unable to read file ({path}): it is a "
                                   f"{e.kind}, not a regular file") from None


def _corrupt(path, what):
    return errors.DataLossError(
        None, None, f"Unable to read file ({path}). Perhaps the file is corrupt or was produced "
        f"by a newer version of TensorFlow with format changes ({what})")


_NP = {1: "<f4", 2: "<f8", 3: "<i4", 4: "u1", 5: "<i2", 6: "i1", 9: "<i8", 10: "?",
       8: "<c8", 18: "<c16", 17: "<u2", 19: "<f2", 22: "<u4", 23: "<u8", 14: "<u2"}


class BundleReader:
    """A TF V2 checkpoint (tensor bundle), read with every check TF makes and more.

    `entries` maps each tensor name to (DType, shape); `get_tensor(name)` reads
    one tensor (NotFoundError if absent).
    """

    def __init__(self, prefix, raw=None):
        """`raw`: the index's bytes when the caller has already read them (bounded)."""
        self.prefix = os.fspath(prefix)
        path = self.prefix + ".index"
        if raw is None:
            fd, st = _open(path, errors.NotFoundError(
                None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
                f"matching files for {self.prefix}"))
            try:
                if st.st_size > _MAX_INDEX_BYTES:
                    raise _corrupt(path, f"{st.st_size} bytes, more than an index can have")
                raw = file_io.read_fd(fd, st.st_size)
            finally:
                os.close(fd)
        if len(raw) < _FOOTER:
            raise _corrupt(path, "file is too short to be an sstable (truncated)")
        try:
            table = _read_table(memoryview(raw))
        except _TableError as e:
            raise _corrupt(path, f"failed to read the table: {e}") from None
        if not table or table[0][0] != _HEADER_KEY:
            raise _corrupt(path, "failed to seek to header entry")
        try:
            header = _parse_message(table[0][1])
            self.num_shards = header.get(1, [1])[-1]
            endianness = header.get(2, [0])[-1]
            version = _parse_message(header.get(3, [b""])[-1])
        except ValueError as e:
            raise _corrupt(path, f"unable to parse header: {e}") from None
        if endianness != 0:
            raise _corrupt(path, "big-endian bundles are not read")
        if not 1 <= self.num_shards <= 1 << 20:
            raise _corrupt(path, f"num_shards {self.num_shards}")
        if version.get(2, [0])[-1] > _BUNDLE_VERSION or _BUNDLE_VERSION in version.get(3, []):
            raise _corrupt(path, f"checkpoint version {version} is not supported")
        self._raw_entries = {}
        self.entries = {}
        for key, value in table[1:]:
            try:
                self._raw_entries[key] = self._entry(key, value)
            except ValueError as e:
                raise errors.DataLossError(
                    None, None, f"Entry for key {key!r} not parseable in {path}: {e}") from None
        for key, e in self._raw_entries.items():
            if not key.startswith(b"\x00"):
                self.entries[key.decode("utf-8", "replace")] = (e["dtype"], e["shape"])
        self._path = path

    def _entry(self, key, value):
        m = _parse_message(value)
        dtype_enum = m.get(1, [0])[-1]
        if dtype_enum not in _NP and dtype_enum not in (7, _VARIANT):
            raise ValueError(f"unsupported dtype enum {dtype_enum}")
        dtype = _dt.as_dtype(dtype_enum)
        dims = []
        shape = _parse_message(m.get(2, [b""])[-1])
        if shape.get(3, [0])[-1]:
            raise ValueError("unknown rank")
        for d in shape.get(2, []):
            size = _signed(_parse_message(d).get(1, [0])[-1])
            if size < 0:
                raise ValueError(f"dimension size {size}")
            dims.append(size)
        slices = []
        for s in m.get(7, []):
            ext = []
            for e in _parse_message(s).get(1, []):
                em = _parse_message(e)
                ext.append((_signed(em.get(1, [0])[-1]), _signed(em[2][-1]) if 2 in em else -1))
            slices.append(ext)
        out = {"dtype": dtype, "enum": dtype_enum, "shape": tuple(dims),
               "shard": m.get(3, [0])[-1], "offset": m.get(4, [0])[-1],
               "size": m.get(5, [0])[-1], "crc": m.get(6, [0])[-1], "slices": slices}
        if out["shard"] >= self.num_shards:
            raise ValueError(f"shard_id {out['shard']} of {self.num_shards} shards")
        return out

    def get_tensor(self, name):
        key = name.encode("utf-8") if isinstance(name, str) else name
        e = self._raw_entries.get(key)
        if e is None or key.startswith(b"\x00"):
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        if not e["slices"]:
            return self._read(key, e)
        full = self._empty(e)
        for ext in e["slices"]:
            if len(ext) != len(e["shape"]):
                raise _corrupt(self._path, f"slice of {name} has {len(ext)} extents")
            ext = [(s, n if n >= 0 else dim) for (s, n), dim in zip(ext, e["shape"])]
            if any(s < 0 or n < 0 or s + n > dim for (s, n), dim in zip(ext, e["shape"])):
                raise _corrupt(self._path, f"slice {ext} of {name} is outside its shape")
            index = tuple(slice(s, s + n) for s, n in ext)
            part_key = _slice_key(key, ext)
            part = self._raw_entries.get(part_key)
            want = tuple(n for _, n in ext)
            if part is None or part["shape"] != want or part["enum"] != e["enum"]:
                raise _corrupt(self._path, f"slice {ext} of {name} is missing or malformed")
            full[index] = self._read(part_key, part)
        return full

    def data_offset(self, name):
        """Where the bytes of `name` (of its first slice, for a tensor saved in slices)
        start in its data file."""
        key = name.encode("utf-8")
        e = self._raw_entries[key]
        if not e["slices"]:
            return e["offset"]
        parts = [self._raw_entries.get(_slice_key(key, [(s, n if n >= 0 else dim) for (s, n), dim
                                                         in zip(ext, e["shape"])]))
                 for ext in e["slices"]]
        return min((part["offset"] for part in parts if part is not None), default=0)

    def saved_slices(self, name):
        """The slices `name` was saved as, as a Sliced (None for a tensor saved whole):
        MergeV2Checkpoints keeps them, as TF's MergeOneBundle copies each entry."""
        key = name.encode("utf-8")
        e = self._raw_entries.get(key)
        if e is None or not e["slices"]:
            return None
        parts = []
        for ext in e["slices"]:
            full = [(s, n if n >= 0 else dim) for (s, n), dim in zip(ext, e["shape"])]
            part_key = _slice_key(key, ext)
            if part_key not in self._raw_entries:
                part_key = _slice_key(key, full)
            part = self._raw_entries.get(part_key)
            if part is None:
                raise _corrupt(self._path, f"slice {full} of {name} is missing or malformed")
            parts.append((ext, self._read(part_key, part)))
        return Sliced(e["shape"], parts)

    def check_whole(self, name):
        """TF's BundleReader asked for the whole of `name`: the InvalidArgumentError it
        raises when the saved slices do not cover the tensor (a slot of a partitioned
        variable is saved as a slice of a tensor named by TF's slot_creator)."""
        e = self._raw_entries.get(name.encode("utf-8"))
        if e is None or not e["slices"]:
            return
        covered = np.zeros(e["shape"], bool)
        for ext in e["slices"]:
            covered[tuple(slice(s, s + n if n >= 0 else None) for s, n in ext)] = True
        if not covered.all():
            spec = ":".join("-" for _ in e["shape"])
            raise errors.InvalidArgumentError(
                None, None, f"Does not have sufficient slices for partitioned tensor {name} "
                f"to restore in slice_spec: {spec}")

    @staticmethod
    def _empty(e):
        if e["enum"] == 7:
            return np.full(e["shape"], b"", dtype=object)
        return np.zeros(e["shape"], np.dtype(e["dtype"].as_numpy_dtype))

    def _read(self, key, e):
        path = _data_name(self.prefix, e["shard"], self.num_shards)
        offset, size = e["offset"], e["size"]
        kname = key.decode("utf-8", "replace")
        count = int(np.prod(e["shape"], dtype=object))
        if e["enum"] not in (7, _VARIANT):
            itemsize = np.dtype(_NP[e["enum"]]).itemsize
            if size != count * itemsize:
                raise errors.DataLossError(
                    None, None, f"Invalid size in bundle entry: key {kname}; stored size "
                    f"{size}; expected size {count * itemsize} ({self._path})")
        fd, st = _open(path, errors.NotFoundError(None, None,
                                                  f"{path}; No such file or directory"))
        try:
            if offset + size > st.st_size:
                raise errors.OutOfRangeError(
                    None, None, f"Read less bytes than requested: {path} has {st.st_size} "
                    f"bytes, entry {key.decode('utf-8', 'replace')} needs [{offset}, "
                    f"{offset + size}) (truncated)")
            if e["enum"] in (7, _VARIANT):
                os.lseek(fd, offset, os.SEEK_SET)
                data = file_io.read_fd(fd, size)
                got = len(data)
            else:  # straight into the array: one copy from the page cache, none after
                data = np.empty(count, dtype=_NP[e["enum"]])
                got = _pread_into(fd, memoryview(data).cast("B"), offset)
        finally:
            os.close(fd)
        if got != size:
            raise errors.OutOfRangeError(
                None, None, f"Read less bytes than requested: {path} gave {got} of {size} "
                "bytes (truncated while reading)")
        if e["enum"] == 7:
            return self._strings(key, e, data, count, path)
        if e["enum"] == _VARIANT:
            return self._variants(key, e, data, count, path)
        crc = crc32c(data)
        if crc != unmask(e["crc"]):
            raise errors.DataLossError(
                None, None, f"Checksum does not match: stored {unmask(e['crc'])} vs. calculated "
                f"on the restored bytes {crc} ({path}, tensor {key.decode('utf-8', 'replace')})")
        arr = data.reshape(e["shape"])
        if e["enum"] == 14:  # bfloat16: the upper half of a float32
            return (arr.astype(np.uint32) << 16).view(np.float32)
        return arr if arr.dtype.isnative else arr.astype(arr.dtype.newbyteorder("="))

    def _variants(self, key, e, data, count, path):
        """A variant tensor: per element a varint length, a VariantTensorDataProto and
        the masked CRC32C of (length as 8 bytes, proto), as TF's WriteVariantTensor."""
        kname = key.decode("utf-8", "replace")
        out = np.empty(count, dtype=object)
        pos, crc = 0, 0
        try:
            for i in range(count):
                n, pos = _get_varint(data, pos, len(data))
                if pos + n + 4 > len(data):
                    raise ValueError("truncated")
                crc = crc32c(struct.pack("<Q", n), crc)
                elem = bytes(data[pos:pos + n])
                crc = crc32c(elem, crc)
                check = data[pos + n:pos + n + 4]
                if int.from_bytes(check, "little") != mask(crc):
                    raise ValueError("element checksum does not match")
                crc = crc32c(check, crc)
                pos += n + 4
                out[i] = VariantTensorData.decode(elem, f"{path} (tensor {kname})")
        except ValueError as err:
            raise errors.DataLossError(None, None, f"Variant tensor {kname} in {path} is "
                                       f"damaged: {err}") from None
        if pos != len(data) or crc != unmask(e["crc"]):
            raise errors.DataLossError(
                None, None, f"Checksum does not match: stored {unmask(e['crc'])} vs. calculated "
                f"on the restored bytes {crc} ({path}, tensor {kname})")
        return out.reshape(e["shape"])

    def _strings(self, key, e, data, count, path):
        lengths, pos = [], 0
        crc = 0
        try:
            for _ in range(count):
                n, pos = _get_varint(data, pos, len(data))
                lengths.append(n)
                crc = crc32c(struct.pack("<I", n) if n <= 0xFFFFFFFF else struct.pack("<Q", n),
                             crc)
        except ValueError:
            raise errors.DataLossError(None, None, f"String lengths longer than expected in "
                                       f"{path} (tensor {key.decode('utf-8', 'replace')})") \
                from None
        if not data:
            return np.empty(e["shape"], dtype=object)
        if pos + 4 > len(data):
            raise errors.DataLossError(None, None, f"String tensor truncated in {path}")
        raw = data[pos:pos + 4]
        if unmask(int.from_bytes(raw, "little")) != crc:
            raise errors.DataLossError(None, None, "The length checksum does not match "
                                       f"({path}, tensor {key.decode('utf-8', 'replace')})")
        crc = crc32c(raw, crc)
        pos += 4
        if pos + sum(lengths) != len(data):
            raise errors.DataLossError(None, None, f"String tensor sizes do not add up in {path}")
        out = np.empty(count, dtype=object)
        for i, n in enumerate(lengths):
            out[i] = data[pos:pos + n]
            pos += n
        crc = crc32c(data[len(data) - sum(lengths):], crc)
        if crc != unmask(e["crc"]):
            raise errors.DataLossError(
                None, None, f"Checksum does not match: stored {unmask(e['crc'])} vs. calculated "
                f"on the restored bytes {crc} ({path}, tensor {key.decode('utf-8', 'replace')})")
        return out.reshape(e["shape"])


def _pread_into(fd, buf, offset):
    """Fills `buf` from `fd` at `offset`; the number of bytes read (short only at EOF)."""
    got, n = 0, len(buf)
    while got < n:
        k = os.preadv(fd, [buf[got:got + (1 << 30)]], offset + got) if hasattr(os, "preadv") \
            else _pread_fallback(fd, buf[got:got + (1 << 30)], offset + got)
        if k <= 0:
            break
        got += k
    return got


def _pread_fallback(fd, view, offset):
    os.lseek(fd, offset, os.SEEK_SET)
    chunk = os.read(fd, len(view))
    view[:len(chunk)] = chunk
    return len(chunk)


def read_bundle(prefix):
    """{name: ndarray} of every tensor of the TF V2 checkpoint `prefix`."""
    r = BundleReader(prefix)
    return {name: r.get_tensor(name) for name in r.entries}


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------
def _tensor_bytes(dtype, arr):
    """(bytes, masked crc) of one tensor as TF's BundleWriter::Add writes it."""
    if dtype is _dt.string:
        flat = [x if isinstance(x, bytes) else str(x).encode() for x in arr.reshape(-1)]
        lengths = bytearray()
        crc = 0
        for s in flat:
            _put_varint(lengths, len(s))
            crc = crc32c(struct.pack("<I", len(s)) if len(s) <= 0xFFFFFFFF
                         else struct.pack("<Q", len(s)), crc)
        check = struct.pack("<I", mask(crc))
        crc = crc32c(check, crc)
        body = b"".join(flat)
        return bytes(lengths) + check + body, mask(crc32c(body, crc))
    enum = dtype.as_datatype_enum
    if enum == _VARIANT:
        return _variant_bytes(arr)
    if enum not in _NP:
        raise errors.UnimplementedError(None, None, f"Writing {dtype.name} tensors to a TF "
                                        "checkpoint is not supported yet")
    if enum == 14:  # bfloat16: float32 rounded to nearest even, upper half kept
        bits = np.ascontiguousarray(arr, dtype="<f4").view("<u4").astype(np.uint64)
        bits = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        data = bits.astype("<u2").tobytes()
    else:
        data = np.ascontiguousarray(arr, dtype=np.dtype(_NP[enum]))
        data = memoryview(data.reshape(-1)).cast("B")  # the array's own buffer, no copy
    return data, mask(crc32c(data))


def _variant_bytes(arr):
    """A variant tensor's bytes and masked crc as TF's WriteVariantTensor writes them."""
    out = bytearray()
    crc = 0
    for el in np.asarray(arr, dtype=object).reshape(-1):
        if not isinstance(el, VariantTensorData):
            raise errors.UnimplementedError(None, None, "Writing a variant tensor to a TF "
                                            f"checkpoint needs VariantTensorData, got {el!r}")
        b = el.encode()
        _put_varint(out, len(b))
        crc = crc32c(struct.pack("<Q", len(b)), crc)
        out += b
        crc = crc32c(b, crc)
        check = struct.pack("<I", mask(crc))
        out += check
        crc = crc32c(check, crc)
    return bytes(out), mask(crc)


def _write_file(path, chunks, step):
    """Writes the byte chunks to `path` through a fsync'ed temporary renamed into place.

    The chunks are written one by one (a tensor's buffer, never the whole file in
    memory). `step` names the write for file_io's test hook, as file_io.atomic_write.
    """
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tempstate", dir=d)
    try:
        file_io.default_mode(fd)
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        file_io._hook(step + "_tmp")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    file_io._fsync_dir(d)
    file_io._hook(step)


def data_file_names(prefix, num_shards):
    """The data files of a bundle with `num_shards` shards."""
    return [_data_name(prefix, i, num_shards) for i in range(num_shards)]


def write_bundle(prefix, tensors, shard_ids=None, num_shards=None):
    """Writes {name: (DType, ndarray)} as TF V2 checkpoint `prefix`, atomically per file.

    Tensors go to the data file in the dict's order (SaveV2's input order), the
    index in key order: with one shard the files are byte for byte what TF
    1.14's SaveV2 writes for the same tensors. `shard_ids` ({name: shard})
    spreads the tensors over `num_shards` data files as a sharded save does
    (TF's MergeV2Checkpoints result); `num_shards` may exceed the shards used
    (a shard with no tensors has no file: TF opens a data file only to read an
    entry of it). Each data file and then the index are written through a
    fsync'ed temporary renamed into place; tensors are streamed, never joined.
    """
    prefix = os.fspath(prefix)
    d = os.path.dirname(prefix)
    if d:
        os.makedirs(d, exist_ok=True)
    shard_ids = shard_ids or {}
    used = max(shard_ids.values(), default=0) + 1
    num_shards = max(num_shards or 1, used)
    per_shard = [[] for _ in range(num_shards)]
    offsets = [0] * num_shards
    entries = []
    sliced = {}
    for name, (dtype, arr) in _flatten_slices(tensors, sliced):  # data in SaveV2's order
        shard = shard_ids.get(name if isinstance(name, str) else name[0], 0)
        if not isinstance(name, str):   # one slice of a partitioned tensor: its own key
            name, extents = name
            entries.append((_slice_key(name.encode("utf-8"), extents), None))
        arr = np.asarray(arr)
        data, crc = _tensor_bytes(dtype, arr)
        proto = _entry_proto(dtype.as_datatype_enum, arr.shape, offsets[shard], len(data), crc,
                             shard)
        if entries and entries[-1][1] is None:
            entries[-1] = (entries[-1][0], proto)
        else:
            entries.append((name.encode("utf-8"), proto))
        per_shard[shard].append(data)
        offsets[shard] += len(data)
    for name, (dtype, full_shape, extents) in sliced.items():
        entries.append((name.encode("utf-8"), _full_entry_proto(dtype.as_datatype_enum,
                                                                full_shape, extents)))
    entries.sort()  # the index in key order
    for shard in range(num_shards):
        if shard < used:
            _write_file(_data_name(prefix, shard, num_shards), per_shard[shard], "data")
    table = _build_table([(_HEADER_KEY, _header_proto(num_shards))] + entries)
    file_io.atomic_write(prefix + ".index", table, "index")
    return prefix


class Sliced:
    """The slices of one tensor to write under one key (a partitioned variable's parts, as
    TF's BundleWriter::AddSlice): `parts` is [(extents [(start, length), ...], ndarray)]."""

    def __init__(self, full_shape, parts):
        self.full_shape = list(full_shape)
        self.parts = list(parts)


def _flatten_slices(tensors, sliced):
    """(name, (dtype, array)) per data block in order; a slice's name is (name, extents),
    and `sliced` collects each sliced tensor's full entry."""
    for name, (dtype, arr) in tensors.items():
        if isinstance(arr, Sliced):
            sliced[name] = (dtype, arr.full_shape, [e for e, _ in arr.parts])
            for extents, part in arr.parts:
                yield (name, extents), (dtype, part)
        else:
            yield name, (dtype, arr)


def _full_entry_proto(dtype_enum, shape, slices):
    """The entry of a sliced tensor: dtype, full shape and its slices, no data."""
    out = bytearray()
    _field(out, 1, 0, dtype_enum)
    _field(out, 2, 2, _shape_proto(shape))
    for extents in slices:
        sl = bytearray()
        for start, length in extents:
            ext = bytearray()
            if length >= 0:
                if start:
                    _field(ext, 1, 0, start)
                _field(ext, 2, 0, length)
            _field(sl, 1, 2, ext)
        _field(out, 7, 2, sl)
    return bytes(out)
