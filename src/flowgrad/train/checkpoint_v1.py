"""TensorFlow's V1 checkpoint format (`tf.train.Saver(write_version=SaverDef.V1)`), read and
written without TensorFlow.

A V1 checkpoint `P` is one file named P (a sharded Saver's are `P-SSSSS-of-NNNNN`, named
by the pattern `P-?????-of-NNNNN`): a table in LevelDB's SSTable layout (the layout of a V2
index, tensor_bundle.py) whose key "" holds a SavedTensorSlices message with the meta
(each tensor's name, shape, dtype and saved slices; the checkpoint version) and whose other
keys, checkpoint::EncodeTensorNameSlice(name, slice), hold one SavedSlice each: the slice's
values in the TensorProto field of its dtype (float_val, int_val, string_val, ...). See
TF's core/util/tensor_slice_writer.h, tensor_slice_reader.cc, saved_tensor_slice.proto.

Reading trusts nothing: files are opened without following links and must be regular
files; a sharded pattern names its files from P and the shard count only; the footer, the
index block and each block read are bounded by the file's size and checksummed; a data
block is read only when a tensor in it is asked for. Damage is DataLossError naming the
file. Writing produces the bytes TF 1.14's SaveSlices writes (one file), atomically.
"""
from __future__ import annotations

import os
import re

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors, file_io
from . import tensor_bundle as _tb

__all__ = ["V1Reader", "v1_files", "write_v1"]

_CHECKPOINT_VERSION = 1     # TF_CHECKPOINT_VERSION
_MAX_BLOCK = 1 << 31        # a block of a table TF wrote is far smaller
_SHARDED = re.compile(r"^(.*)-\?\?\?\?\?-of-(\d{5})$")

# dtype enum -> (TensorProto field, how its values are stored, NumPy dtype): what
# SaveTypeTraits (core/util/saved_tensor_slice_util.h) writes for each dtype.
_FIELDS = {1: (5, "f32", "<f4"), 2: (6, "f64", "<f8"), 3: (7, "varint", "<i4"),
           4: (7, "varint", "u1"), 5: (7, "varint", "<i2"), 6: (7, "varint", "i1"),
           7: (8, "bytes", None), 8: (9, "f32", "<c8"), 9: (10, "varint", "<i8"),
           10: (11, "varint", "?"), 17: (7, "varint", "<u2"), 18: (12, "f64", "<c16"),
           19: (13, "varint", "<f2")}


def v1_files(prefix):
    """The files of V1 checkpoint `prefix` (a file, or a `P-?????-of-NNNNN` pattern), [] if
    there is none; never a file outside the prefix's directory."""
    prefix = os.fspath(prefix)
    m = _SHARDED.match(prefix)
    if m:
        n = int(m.group(2))
        names = [f"{m.group(1)}-{i:05d}-of-{n:05d}" for i in range(n)]
        return names if n and all(os.path.lexists(f) for f in names) else []
    if os.path.lexists(prefix) and not os.path.isdir(prefix):
        return [prefix]
    return []


def _corrupt(path, what):
    return errors.DataLossError(
        None, None, f"Unable to read file ({path}) as a TensorFlow V1 checkpoint (an SSTable "
        f"of SavedTensorSlices). Perhaps the file is corrupt or was produced by a newer version "
        f"of TensorFlow with format changes ({what})")


def _pread(fd, offset, n, path):
    data = os.pread(fd, n, offset)
    if len(data) != n:
        raise _corrupt(path, "truncated while reading")
    return data


class _Table:
    """An SSTable read lazily: the footer and index block at once, data blocks on demand."""

    def __init__(self, path):
        self.path = path
        try:
            fd, st = file_io.open_regular(path, follow_symlinks=False)
        except FileNotFoundError:
            raise errors.NotFoundError(None, None, f"{path}; No such file or directory") \
                from None
        except file_io.NotRegularFileError as e:
            raise errors.DataLossError(None, None, f"Unable to read file ({path}): it is a "
                                       f"{e.kind}, not a regular file") from None
        try:
            self.size = st.st_size
            if self.size < _tb._FOOTER:
                raise _corrupt(path, "file is too short to be an sstable")
            footer = _pread(fd, self.size - _tb._FOOTER, _tb._FOOTER, path)
            if int.from_bytes(footer[40:48], "little") != _tb._MAGIC:
                raise _corrupt(path, "not an sstable (bad magic number)")
            try:
                meta_off, meta_size, pos = _tb._handle(footer, 0, 40)
                index_off, index_size, _ = _tb._handle(footer, pos, 40)
            except ValueError:
                raise _corrupt(path, "bad block handle") from None
            canonical = _tb._encode_handle((meta_off, meta_size)) + _tb._encode_handle(
                (index_off, index_size))
            if bytes(footer[:40]) != canonical + b"\x00" * (40 - len(canonical)):
                raise _corrupt(path, "bad footer (non-canonical block handles or padding)")
            self._check_handle(meta_off, meta_size)
            self._check_handle(index_off, index_size)
            self._entries(fd, meta_off, meta_size)   # checked, though TF skips it
            self.blocks = []
            for sep, handle in self._entries(fd, index_off, index_size):
                try:
                    off, size, _ = _tb._handle(handle, 0, len(handle))
                except ValueError:
                    raise _corrupt(path, "bad block handle") from None
                self._check_handle(off, size)
                self.blocks.append((sep, off, size))
        finally:
            os.close(fd)
        self._cache = {}

    def _check_handle(self, off, size):
        if size > _MAX_BLOCK or off + size + 5 > self.size - _tb._FOOTER:
            raise _corrupt(self.path, f"block handle ({off}, {size}) outside the file")

    def _entries(self, fd, off, size):
        raw = _pread(fd, off, size + 5, self.path)
        try:
            return _tb._block_entries(_tb._block(raw, 0, size, len(raw)))
        except _tb._TableError as e:
            raise _corrupt(self.path, str(e)) from None

    def get(self, key):
        """The value of `key`, or None."""
        for i, (sep, off, size) in enumerate(self.blocks):
            if key <= sep:
                entries = self._cache.get(i)
                if entries is None:
                    fd, st = file_io.open_regular(self.path, follow_symlinks=False)
                    try:
                        if st.st_size != self.size:
                            raise _corrupt(self.path, "the file changed while being read")
                        entries = dict(self._entries(fd, off, size))
                    finally:
                        os.close(fd)
                    self._cache = {i: entries}   # one block at a time in memory
                return entries.get(key)
        return None


# field numbers of the messages read, and whether each is length-delimited (bytes) or a
# number: a value of the other wire type is damage, not something to decode
_SCHEMA = {"SavedTensorSlices": {1: bytes, 2: bytes},
           "SavedTensorSliceMeta": {1: bytes, 2: bytes},
           "versions": {1: int, 2: int, 3: int},
           "SavedSliceMeta": {1: bytes, 2: bytes, 3: int, 4: bytes},
           "SavedSlice": {1: bytes, 2: bytes, 3: bytes},
           "slice": {1: bytes}, "slice extent": {1: int, 2: int},
           "shape": {2: bytes, 3: int}, "dimension": {1: int, 2: bytes}}


def _msg(buf, path, what):
    try:
        m = _tb._parse_message(buf)
    except ValueError as e:
        raise _corrupt(path, f"{what}: {e}") from None
    for field, kind in _SCHEMA.get(what, {}).items():
        if any(not isinstance(v, kind) for v in m.get(field, [])):
            raise _corrupt(path, f"{what}: field {field} has the wrong wire type")
    return m


def _extents(slice_proto, path):
    """[(start, length)] of a TensorSliceProto (length -1: the whole dimension)."""
    out = []
    for e in _msg(slice_proto, path, "slice").get(1, []):
        m = _msg(e, path, "slice extent")
        out.append((_tb._signed(m.get(1, [0])[-1]), _tb._signed(m[2][-1]) if 2 in m else -1))
    return out


def _shape(shape_proto, path):
    m = _msg(shape_proto, path, "shape")
    if m.get(3, [0])[-1]:
        raise _corrupt(path, "a tensor of unknown rank")
    dims = [_tb._signed(_msg(d, path, "dimension").get(1, [0])[-1]) for d in m.get(2, [])]
    if any(d < 0 for d in dims):
        raise _corrupt(path, f"dimension sizes {dims}")
    return tuple(dims)


class V1Reader:
    """A V1 checkpoint (one file or a sharded pattern): `entries` {name: (DType, shape)};
    `get_tensor(name)` assembles the tensor from its saved slices."""

    def __init__(self, prefix):
        self.prefix = os.fspath(prefix)
        files = v1_files(self.prefix)
        if not files:
            raise errors.NotFoundError(None, None, "Unsuccessful TensorSliceReader "
                                       f"constructor: Failed to find any matching files for "
                                       f"{self.prefix}")
        self.entries, self._slices = {}, {}
        for path in files:
            table = _Table(path)
            raw = table.get(b"")
            if raw is None:
                raise _corrupt(path, "no meta entry (key '')")
            meta = _msg(raw, path, "SavedTensorSlices").get(1)
            if not meta:
                raise _corrupt(path, "the entry of key '' has no meta")
            m = _msg(meta[-1], path, "SavedTensorSliceMeta")
            versions = _msg(m.get(2, [b""])[-1], path, "versions")
            if versions.get(2, [0])[-1] > _CHECKPOINT_VERSION:
                raise _corrupt(path, f"checkpoint min_consumer {versions[2][-1]} is newer "
                                     f"than this reader ({_CHECKPOINT_VERSION})")
            for t in m.get(1, []):
                self._add(table, _msg(t, path, "SavedSliceMeta"), path)

    def _add(self, table, t, path):
        try:
            name = t.get(1, [b""])[-1].decode("utf-8")
        except UnicodeDecodeError:
            raise _corrupt(path, "a tensor name is not UTF-8") from None
        enum = t.get(3, [0])[-1]
        if enum not in _FIELDS:
            raise errors.UnimplementedError(None, None, f"Reading V1 checkpoint {path}: tensor "
                                            f"{name} has dtype enum {enum}, which V1 "
                                            "checkpoints do not hold")
        shape = _shape(t.get(2, [b""])[-1], path)
        dtype = _dt.as_dtype(enum)
        old = self.entries.get(name)
        if old is not None and old != (dtype, shape):
            raise _corrupt(path, f"tensor {name} is saved as {old} and as {(dtype, shape)}")
        self.entries[name] = (dtype, shape)
        for s in t.get(4, []):
            ext = _extents(s, path)
            if len(ext) != len(shape):
                raise _corrupt(path, f"a slice of {name} has {len(ext)} extents for a "
                                     f"shape {list(shape)}")
            for (start, length), dim in zip(ext, shape):
                if start < 0 or length < -1 or (length >= 0 and start + length > dim) \
                        or (length == -1 and start != 0):
                    raise _corrupt(path, f"slice {ext} of {name} is outside its shape")
            self._slices.setdefault(name, []).append((table, ext))

    def num_slices(self, name):
        return len(self._slices.get(name, []))

    def check_readable(self, name):
        """UnimplementedError where TF 1.14's NewCheckpointReader cannot return a V1 tensor
        (its TensorSliceReader::GetTensor): a partitioned one, or a dtype outside float,
        double, int8/16/32/64, uint8 and string. Restoring reads them all."""
        dtype, shape = self.entries[name]
        full = [(0, -1)] * len(shape)
        if any(ext != full for _, ext in self._slices.get(name, [])):
            raise errors.UnimplementedError(None, None, "Sliced checkpoints are not supported")
        if dtype.as_datatype_enum not in (1, 2, 3, 4, 5, 6, 7, 9):
            raise errors.UnimplementedError(None, None, "Data type not supported")

    def get_tensor(self, name):
        if name not in self.entries:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        dtype, shape = self.entries[name]
        enum = dtype.as_datatype_enum
        out = np.full(shape, b"", dtype=object) if enum == 7 else \
            np.zeros(shape, np.dtype(_FIELDS[enum][2]).newbyteorder("="))
        for table, ext in self._slices.get(name, []):
            key = _tb._slice_key(name.encode("utf-8"), ext)
            raw = table.get(key)
            if raw is None:
                raise _corrupt(table.path, f"the data of slice {ext} of {name} is missing")
            data = _msg(raw, table.path, "SavedTensorSlices").get(2)
            if not data:
                raise _corrupt(table.path, f"slice {ext} of {name} has no data")
            saved = _msg(data[-1], table.path, "SavedSlice")
            if saved.get(1, [b""])[-1] != name.encode("utf-8") or \
                    _extents(saved.get(2, [b""])[-1], table.path) != ext:
                raise _corrupt(table.path, f"the entry of slice {ext} of {name} names "
                                           "another tensor or slice")
            index = tuple(slice(s, s + n) if n >= 0 else slice(0, d)
                          for (s, n), d in zip(ext, shape))
            want = tuple(ix.stop - ix.start for ix in index)
            values = _values(_msg(saved.get(3, [b""])[-1], table.path, "TensorProto"), enum,
                             int(np.prod(want, dtype=np.int64)), table.path, name)
            out[index] = values.reshape(want)
        return out


def _unpack(raws, kind, path, name):
    """The values of one repeated TensorProto field, packed or not."""
    out = []
    for raw in raws:
        if isinstance(raw, int):
            if kind == "bytes":
                raise _corrupt(path, f"a string of {name} is not length-delimited")
            out.append(raw)
            continue
        if kind == "bytes":
            out.append(raw)
        elif kind == "f32":
            if len(raw) % 4:
                raise _corrupt(path, f"packed floats of {name} are not whole")
            out.extend(np.frombuffer(raw, "<u4").tolist())
        elif kind == "f64":
            if len(raw) % 8:
                raise _corrupt(path, f"packed doubles of {name} are not whole")
            out.extend(np.frombuffer(raw, "<u8").tolist())
        else:
            pos = 0
            while pos < len(raw):
                try:
                    v, pos = _tb._get_varint(raw, pos, len(raw))
                except ValueError:
                    raise _corrupt(path, f"packed varints of {name} are malformed") from None
                out.append(v)
    return out


def _values(proto, enum, count, path, name):
    field, kind, np_dtype = _FIELDS[enum]
    raws = proto.get(field, [])
    if kind in ("f32", "f64") and raws and all(isinstance(r, bytes) for r in raws):
        width = 4 if kind == "f32" else 8     # packed floats: no per-value Python work
        data = b"".join(raws)
        per = 2 if enum in (8, 18) else 1
        if len(data) != count * per * width:
            raise _corrupt(path, f"slice of {name} holds {len(data) // width} values, its "
                                 f"shape {count * per}")
        return np.frombuffer(data, np.dtype(np_dtype)).astype(
            np.dtype(np_dtype).newbyteorder("="))
    items = _unpack(raws, kind, path, name)
    per = 2 if enum in (8, 18) else 1
    if len(items) != count * per:
        raise _corrupt(path, f"slice of {name} holds {len(items)} values, its shape "
                             f"{count * per}")
    if kind == "bytes":
        arr = np.empty(count, dtype=object)
        arr[:] = items
        return arr
    if kind == "f32":
        return np.array(items, np.uint32).view("<f4").astype("=f4").view(
            np.dtype(np_dtype).newbyteorder("="))
    if kind == "f64":
        return np.array(items, np.uint64).view("<f8").astype("=f8").view(
            np.dtype(np_dtype).newbyteorder("="))
    if enum == 19:
        return np.array(items, np.uint64).astype(np.uint16).view(np.float16)
    if enum == 10:
        return np.array(items, np.uint64) != 0
    signed = np.array(items, np.uint64).view(np.int64)
    return signed.astype(np.dtype(np_dtype).newbyteorder("="))


# ---------------------------------------------------------------------------------------
# Writing (SaveSlices)
# ---------------------------------------------------------------------------------------
def _slice_proto(ext):
    out = bytearray()
    for start, length in ext:
        e = bytearray()
        if start:
            _tb._field(e, 1, 0, start)
        if length >= 0:
            _tb._field(e, 2, 0, length)
        _tb._field(out, 1, 2, e)
    return bytes(out)


def _packed_varints(values):
    out = bytearray()
    for v in values:
        _tb._put_varint(out, int(v))
    return bytes(out)


def _tensor_proto(enum, arr):
    field, kind, _ = _FIELDS[enum]
    flat = arr.reshape(-1)
    out = bytearray()
    if not flat.size:
        return b""
    if kind == "bytes":
        for v in flat:
            _tb._field(out, field, 2, v if isinstance(v, bytes) else str(v).encode("utf-8"))
        return bytes(out)
    if kind == "f32":
        payload = np.ascontiguousarray(flat.view(np.float32) if enum == 8 else flat,
                                       dtype="<f4").tobytes()
    elif kind == "f64":
        payload = np.ascontiguousarray(flat.view(np.float64) if enum == 18 else flat,
                                       dtype="<f8").tobytes()
    elif enum == 19:
        payload = _packed_varints(flat.astype(np.float16).view(np.uint16).tolist())
    else:
        payload = _packed_varints(flat.astype(np.int64).tolist())
    _tb._field(out, field, 2, payload)
    return bytes(out)


def write_v1(path, tensors):
    """Writes [(name, DType, array, part)] as V1 checkpoint file `path`, as TF 1.14's
    SaveSlices: the meta lists tensors in the given order, each slice's data under its
    key. `part`: None for a whole tensor (saved with extents of length -1), else
    ([(start, length)], full shape) of a partition. A missing directory is NotFoundError,
    as TF."""
    path = os.fspath(path)
    meta_entries, order, data = [], [], {}
    for name, dtype, arr, ext in tensors:
        enum = _dt.as_dtype(dtype).base_dtype.as_datatype_enum
        if enum not in _FIELDS:
            raise errors.UnimplementedError(None, None, f"Saving data type "
                                            f"{_dt.as_dtype(enum).name} not yet supported")
        arr = np.asarray(arr)
        full = tuple(arr.shape) if ext is None else tuple(ext[1])
        ext = [(0, -1)] * arr.ndim if ext is None else list(ext[0])
        if name not in order:
            order.append(name)
            meta_entries.append([name, full, enum, []])
        entry = meta_entries[order.index(name)]
        entry[3].append(ext)
        saved = bytearray()
        _tb._field(saved, 1, 2, name.encode("utf-8"))
        _tb._field(saved, 2, 2, _slice_proto(ext))
        _tb._field(saved, 3, 2, _tensor_proto(enum, arr))
        value = bytearray()
        _tb._field(value, 2, 2, saved)
        data[_tb._slice_key(name.encode("utf-8"), ext)] = bytes(value)
    meta = bytearray()
    for name, full, enum, slices in meta_entries:
        t = bytearray()
        _tb._field(t, 1, 2, name.encode("utf-8"))
        _tb._field(t, 2, 2, _tb._shape_proto(full))
        _tb._field(t, 3, 0, enum)
        for ext in slices:
            _tb._field(t, 4, 2, _slice_proto(ext))
        _tb._field(meta, 1, 2, t)
    versions = bytearray()
    _tb._field(versions, 1, 0, _CHECKPOINT_VERSION)
    _tb._field(meta, 2, 2, versions)
    head = bytearray()
    _tb._field(head, 1, 2, meta)
    entries = [(b"", bytes(head))] + sorted(data.items())
    d = os.path.dirname(path) or "."
    if not os.path.isdir(d):
        raise errors.NotFoundError(None, None, f"{path}.tempstate; No such file or directory")
    file_io.atomic_write(path, _tb._build_table(entries), "v1")
