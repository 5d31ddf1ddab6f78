"""Checkpoint files: TF's V2 format by default, flowgrad's safetensors format too, both
written atomically and read back without trusting them.

Two formats, told apart by the content of `P.index` (never by a flag), and TF's V1
format (no `P.index`; P itself an SSTable of SavedTensorSlices, train/checkpoint_v1.py),
read by every reader and restore, written by `tf.train.Saver(write_version=V1)`:

- **TF's V2 format** (the tensor bundle, train/tensor_bundle.py): `P.index` is
  an SSTable of BundleEntryProtos, `P.data-SSSSS-of-NNNNN` the shards. This is
  what `tf.train.Saver` writes (TF 1.14 reads flowgrad's run directories and
  the reverse).
- **flowgrad's safetensors format** (what flowgrad wrote before; still read,
  and written on request: `write_checkpoint(..., format="safetensors")`,
  `convert_checkpoint`): `P.data-00000-of-00001` is one safetensors file and
  `P.index` a JSON document naming the data file, its size and CRC-32, every
  tensor's dtype and shape, and the CRC-32 of the index itself.

Saving is atomic: the data files, then the index (the commit point), are
written to fsync'ed temporaries in the same directory and renamed into place,
so a crash leaves the previous checkpoint or the new one, never a mix. When P
already exists, the new data goes to names the old index does not use (for a
TF bundle, a different shard count N in `-of-NNNNN`, shards without tensors
having no file; for safetensors, the alternate name `...-of-00001.1`), so the
old index keeps pointing at intact data until the new index replaces it; the
old data files are deleted after. Only files named from P itself are ever
written or deleted.

Reading trusts nothing in the files (they may be damaged, or planted):
- files are opened without following symbolic links and must be regular
  files (checked on the opened descriptor; a FIFO cannot block the open);
- the data files are named by P and the shard numbers only (for safetensors,
  the index's data_file must be one of P's two data names), so no file
  outside P's directory is ever opened or deleted because of an index;
- at most the declared number of bytes is read, and only once the file is
  known to hold them; a TF bundle is read one tensor at a time;
- every block and tensor checksum is verified before anything is decoded.
Errors are TF 1.14's for the analogous case: NotFoundError for a missing file,
FailedPreconditionError for a directory, OutOfRangeError for a data file
shorter than declared ("Read less bytes than requested"), DataLossError for
anything damaged, each naming the file and the format found.
"""
from __future__ import annotations

import json
import math
import os
import re
import stat as _stat
import zlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework import file_io
from . import checkpoint_v1 as _v1
from . import tensor_bundle as _tb
from .unordered_map import unordered_map_order

__all__ = ["CheckpointReader", "NewCheckpointReader", "convert_checkpoint", "read_for_restore",
           "write_checkpoint"]

FORMAT = "flowgrad-checkpoint"   # the safetensors format's index
TF_FORMAT = "tf"
V1_FORMAT = "tf_v1"
SAFETENSORS_FORMAT = "safetensors"
FORMAT_VERSION = 2   # 2 adds index_crc32; version 1 indexes are still read
DATA_SUFFIX = ".data-00000-of-00001"
MAX_INDEX_BYTES = 1 << 30   # an index describes tensors; it is never near this large

_INDEX_KEYS = {"format", "version", "data_file", "data_size", "data_crc32", "tensors"}
_ENTRY_KEYS = {"dtype", "shape", "encoding"}


def _safetensors():
    try:
        import safetensors.numpy as st  # lazy: optional dependency (the 'checkpoint' extra)
    except ImportError:
        raise ImportError("tf.train.Saver needs the 'safetensors' package: "
                          "pip install 'flowgrad[checkpoint]'") from None
    return st


def _index_path(prefix):
    return prefix + ".index"


def _data_names(prefix):
    """The two names P's data file may have (the second while replacing the first)."""
    base = os.path.basename(prefix) + DATA_SUFFIX
    return (base, base + ".1")


# ---------------------------------------------------------------------------------------
# Encoding tensors for safetensors (which knows numbers only)
# ---------------------------------------------------------------------------------------
def _encode(name, arr, dtype):
    """Storage tensors and the index entry for one checkpoint tensor."""
    entry = {"dtype": dtype.name, "shape": list(arr.shape)}
    if dtype is _dt.string:
        flat = [x if isinstance(x, bytes) else str(x).encode() for x in arr.reshape(-1)]
        lengths = np.array([len(x) for x in flat], dtype=np.int64)
        data = np.frombuffer(b"".join(flat), dtype=np.uint8).copy()
        entry["encoding"] = "bytes"
        return {name: data, name + "\x00lengths": lengths}, entry
    # np.require keeps 0-d arrays 0-d (np.ascontiguousarray would make them 1-d).
    arr = np.require(arr, dtype=dtype.as_numpy_dtype, requirements="C")
    if dtype.is_complex:
        entry["encoding"] = "complex"
        real = np.stack([arr.real, arr.imag], axis=-1)
        return {name: real}, entry
    entry["encoding"] = "raw"
    return {name: arr}, entry


def _stored_names(name, entry):
    return (name, name + "\x00lengths") if entry["encoding"] == "bytes" else (name,)


def _decode(name, entry, stored):
    """The tensor `name` from the loaded safetensors dict; ValueError if it disagrees."""
    dtype = _dt.as_dtype(entry["dtype"])
    shape = tuple(entry["shape"])
    count = math.prod(shape)
    enc = entry["encoding"]
    if enc == "bytes":
        data, lengths = stored[name], stored[name + "\x00lengths"]
        if data.dtype != np.uint8 or data.ndim != 1 or lengths.dtype != np.int64 or \
                lengths.shape != (count,) or (lengths < 0).any() or \
                int(lengths.sum()) != data.size:
            raise ValueError(f"stored as {data.dtype}{list(data.shape)} with lengths "
                             f"{lengths.dtype}{list(lengths.shape)}, which is not {count} "
                             "strings")
        data = data.tobytes()
        ends = np.cumsum(lengths)
        starts = ends - lengths
        out = np.empty(count, dtype=object)
        out[:] = [data[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
        return out.reshape(shape)
    arr = stored[name]
    want = np.dtype(dtype.as_numpy_dtype)
    if enc == "complex":
        real = np.dtype(dtype.real_dtype.as_numpy_dtype)
        if arr.dtype != real or arr.shape != shape + (2,):
            raise ValueError(f"stored as {arr.dtype}{list(arr.shape)}, index says "
                             f"{dtype.name}{list(shape)}")
        return (arr[..., 0] + 1j * arr[..., 1]).astype(want)
    if arr.shape != shape or arr.dtype != want:
        raise ValueError(f"stored as {arr.dtype}{list(arr.shape)}, index says "
                         f"{dtype.name}{list(shape)}")
    return arr


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------
def _index_bytes(doc):
    """The index file for `doc` (version 2: its own CRC-32 as the last field)."""
    body = json.dumps(doc, indent=1)
    return json.dumps(dict(doc, index_crc32=zlib.crc32(body.encode())), indent=1).encode()


def _data_in_use(prefix):
    """Base names of the data files the existing index of `prefix` uses (empty if none or
    damaged: then nothing intact can be broken by writing over them)."""
    try:
        kind, obj = _open_checkpoint(prefix)
    except errors.OpError:
        return set()
    if kind == SAFETENSORS_FORMAT:
        return {obj["data_file"]}
    return {os.path.basename(n) for n in _tb.data_file_names(prefix, obj.num_shards)}


_DATA_NAME = re.compile(r"\.data-\d{5}-of-(\d{5})(\.1)?")


def _remove_unused_data(prefix, keep):
    """Deletes P's data files (by P's naming pattern, in P's directory) not in `keep`."""
    d = os.path.dirname(prefix) or "."
    base = os.path.basename(prefix)
    try:
        names = os.listdir(d)
    except OSError:
        return
    for name in names:
        if name.startswith(base) and name not in keep and \
                _DATA_NAME.fullmatch(name[len(base):]):
            try:
                os.unlink(os.path.join(d, name))  # a link is removed, never its target
            except OSError:
                pass


def write_checkpoint(prefix, tensors, format=TF_FORMAT, shard_ids=None):
    """Writes `tensors` ({name: (DType, ndarray)}) as checkpoint `prefix`, atomically.

    `format`: "tf" (TF's V2 tensor bundle, what tf.train.Saver writes) or
    "safetensors" (flowgrad's format). `shard_ids` ({name: shard}) spreads a TF
    bundle over several data files, as a sharded save.
    """
    prefix = os.fspath(prefix)
    if format == SAFETENSORS_FORMAT:
        return _write_safetensors(prefix, tensors)
    if format != TF_FORMAT:
        raise ValueError(f"Unknown checkpoint format {format!r}: 'tf' or 'safetensors'")
    in_use = _data_in_use(prefix)
    n = max((shard_ids or {}).values(), default=0) + 1
    while {os.path.basename(x) for x in _tb.data_file_names(prefix, n)} & in_use:
        n += 1  # the old index's data stays intact until the new index replaces it
    _tb.write_bundle(prefix, tensors, shard_ids, n)
    _remove_unused_data(prefix, {os.path.basename(x) for x in _tb.data_file_names(prefix, n)})
    return prefix


def _write_safetensors(prefix, tensors):
    """Writes `tensors` ({name: (DType, ndarray)}) as a safetensors checkpoint, atomically.

    Only P's own two data names are ever written or deleted; what an existing
    index says is used only to pick the name it does not use.
    """
    st = _safetensors()
    stored, index = {}, {}
    for name in sorted(tensors):
        dtype, arr = tensors[name]
        parts, entry = _encode(name, np.asarray(arr), dtype)
        stored.update(parts)
        index[name] = entry
    data = st.save(stored)
    d = os.path.dirname(prefix)
    if d:
        os.makedirs(d, exist_ok=True)  # TF's SaveV2 creates the directory too
    first, second = _data_names(prefix)
    data_name = second if first in _data_in_use(prefix) else first
    file_io.atomic_write(os.path.join(d, data_name), data, "data")
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "data_file": data_name,
           "data_size": len(data), "data_crc32": zlib.crc32(data), "tensors": index}
    file_io.atomic_write(_index_path(prefix), _index_bytes(doc), "index")
    # The data of the replaced index (or leftovers of a killed save).
    _remove_unused_data(prefix, {data_name})
    return prefix


# ---------------------------------------------------------------------------------------
# Reading, bounded and validated
# ---------------------------------------------------------------------------------------
def _corrupt(path, what):
    return errors.DataLossError(
        None, None, f"Unable to read file ({path}). Perhaps the file is corrupt or was produced "
        f"by a newer version of flowgrad with format changes ({what})")


def _open(path, missing):
    """(fd, stat) of checkpoint file `path`, or the OpError TF raises for what is there.

    `missing` is the error to raise when there is no file.
    """
    try:
        return file_io.open_regular(path, follow_symlinks=False)
    except FileNotFoundError:
        raise missing from None
    except file_io.NotRegularFileError as e:
        if e.kind == "directory":
            raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None
        raise errors.DataLossError(
            None, None, f"Unable to read file ({path}): it is a {e.kind}, not a regular file; "
            "checkpoint files must be regular files") from None
    except PermissionError:
        raise errors.PermissionDeniedError(None, None, f"{path}; Permission denied") from None
    except OSError as e:
        raise errors.UnknownError(None, None, f"{path}; {e.strerror or e}") from None


def _is_int(x, lo=0, hi=None):
    return type(x) is int and x >= lo and (hi is None or x < hi)


def _check_entry(name, e):
    """Why index entry `e` for tensor `name` is malformed, or None."""
    if not isinstance(e, dict) or not {"dtype", "shape"} <= set(e) <= _ENTRY_KEYS:
        return f"entry for tensor {name!r} is not a dict of {sorted(_ENTRY_KEYS)}"
    try:
        dtype = _dt.as_dtype(e["dtype"]) if isinstance(e["dtype"], str) else None
    except TypeError:
        dtype = None
    if dtype is None or dtype.name != e["dtype"] or dtype.is_ref_dtype or not (
            dtype is _dt.string or np.dtype(dtype.as_numpy_dtype).kind in "biufc"):
        return f"tensor {name!r} has dtype {e['dtype']!r}, which a checkpoint cannot hold"
    shape = e["shape"]
    if not isinstance(shape, list) or len(shape) > 254 or \
            not all(_is_int(s) for s in shape):
        return f"tensor {name!r} has shape {shape!r}, which is not a list of sizes"
    enc = e.get("encoding", "raw")
    want = "bytes" if dtype is _dt.string else "complex" if dtype.is_complex else "raw"
    if enc != want:
        return f"tensor {name!r} of dtype {dtype.name} has encoding {enc!r}"
    e.setdefault("encoding", enc)
    return None


def _parse_index(raw, path, prefix):
    """The validated index document in `raw` (the bytes of `path`)."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _corrupt(path, "not a JSON document") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _corrupt(path, "not a flowgrad checkpoint index")
    version = doc.get("version")
    if not _is_int(version, 1):
        raise _corrupt(path, f"format version {version!r}")
    if version > FORMAT_VERSION:
        raise _corrupt(path, f"format version {version}; this flowgrad reads up to "
                             f"{FORMAT_VERSION}")
    if version >= 2:
        crc = doc.pop("index_crc32", None)
        if not _is_int(crc, 0, 1 << 32) or \
                zlib.crc32(json.dumps(doc, indent=1).encode()) != crc:
            raise _corrupt(path, "index checksum mismatch")
    if set(doc) != _INDEX_KEYS:
        raise _corrupt(path, f"fields {sorted(doc)}, expected {sorted(_INDEX_KEYS)}")
    name = doc["data_file"]
    try:
        file_io.check_basename(name)
    except ValueError as e:
        raise _corrupt(path, f"data_file: {e}") from None
    if name not in _data_names(prefix):
        raise _corrupt(path, f"data_file {name!r} is not a data file of this checkpoint "
                             f"(expected one of {list(_data_names(prefix))})")
    if not _is_int(doc["data_size"]) or not _is_int(doc["data_crc32"], 0, 1 << 32):
        raise _corrupt(path, f"data_size {doc['data_size']!r} / data_crc32 "
                             f"{doc['data_crc32']!r} are not sizes")
    tensors = doc["tensors"]
    if not isinstance(tensors, dict):
        raise _corrupt(path, "tensors is not a dict")
    for tname, entry in tensors.items():
        why = _check_entry(tname, entry)
        if why:
            raise _corrupt(path, why)
    return doc


_SSTABLE_FOOTER = 48   # leveldb's Footer::kEncodedLength
_SSTABLE_MAGIC = (0xdb4775248b80fb57).to_bytes(8, "little")


def _not_a_table(prefix, path):
    """The DataLossError for a prefix that exists with no `P.index`: TF 1.14 then opens P
    itself as a V1 (SSTable) checkpoint and reports why it is none."""
    st = os.stat(prefix)
    magic = None
    if _stat.S_ISREG(st.st_mode) and st.st_size >= _SSTABLE_FOOTER:
        with open(prefix, "rb") as f:   # a regular file: no read can block
            f.seek(st.st_size - 8)
            magic = f.read(8)
    if _stat.S_ISDIR(st.st_mode):
        why = f"Failed precondition: {prefix}; Is a directory"
    elif _stat.S_ISREG(st.st_mode) and st.st_size < _SSTABLE_FOOTER:
        why = "Data loss: file is too short to be an sstable"
    elif magic is not None and magic != _SSTABLE_MAGIC:
        why = "Data loss: not an sstable (bad magic number)"
    else:   # a table flowgrad does not read here, or no regular file (a FIFO: not opened)
        return errors.DataLossError(
            None, None, f"Unable to open table file {prefix}: it is not a V2 checkpoint "
            f"(no {path}); perhaps your file is in a different file format")
    return errors.DataLossError(
        None, None, f"Unable to open table file {prefix}: {why}: perhaps your file is in a "
        "different file format and you need to use a different restore operator?")


def _read_index_bytes(prefix):
    """(raw bytes, path) of `P.index`, bounded; NotFoundError / DataLossError as TF."""
    path = _index_path(prefix)
    if os.path.lexists(path) or not os.path.exists(prefix):
        missing = errors.NotFoundError(
            None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
            f"matching files for {prefix}")
    else:
        missing = _not_a_table(prefix, path)
    fd, st = _open(path, missing)
    try:
        if st.st_size > MAX_INDEX_BYTES:
            raise _corrupt(path, f"{st.st_size} bytes, more than an index can have "
                                 f"({MAX_INDEX_BYTES})")
        raw = file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)
    return raw, path


def _describe(raw):
    """What the first bytes of a file look like, for an error message."""
    head = bytes(raw[:16])
    if not raw:
        return "an empty file"
    if head.startswith(b"{"):
        return "a JSON document"
    if head.startswith(b"\n") or head[:1] in (b"\x08", b"\x12"):
        return f"binary data starting {head!r} (a protocol buffer?)"
    return f"{len(raw)} bytes starting {head!r}"


def _open_checkpoint(prefix):
    """(format, index) of checkpoint `prefix`: ("tf", BundleReader) or ("safetensors", doc).

    The format is told by content: a JSON document is flowgrad's safetensors
    index, anything else must be TF's SSTable (the error names the file and
    what was found).
    """
    raw, path = _read_index_bytes(prefix)
    if raw.lstrip()[:1] == b"{":
        return SAFETENSORS_FORMAT, _parse_index(raw, path, prefix)
    if len(raw) >= 8 and int.from_bytes(raw[-8:], "little") == _tb._MAGIC:
        return TF_FORMAT, _tb.BundleReader(prefix, raw=raw)
    if len(raw) >= 48 and b"flowgrad" not in raw[:64]:
        # Long enough for a table's footer, but without its magic number.
        raise _corrupt(path, "not a TensorFlow V2 checkpoint index (no SSTable magic number "
                             "at its end) nor a flowgrad safetensors index (not a JSON "
                             f"document): {_describe(raw)}")
    # Short: a table cut anywhere (or a tiny stray file).
    return TF_FORMAT, _tb.BundleReader(prefix, raw=raw)


def _read_index(prefix):
    """The validated safetensors index of `prefix` (DataLossError for any other format)."""
    kind, obj = _open_checkpoint(prefix)
    if kind != SAFETENSORS_FORMAT:
        raise _corrupt(_index_path(prefix), "a TensorFlow V2 checkpoint index, not a flowgrad "
                                            "safetensors index")
    return obj


def _read_data(prefix, doc):
    """All tensors of checkpoint `prefix`, after checking size, CRC, header and entries."""
    st = _safetensors()
    path = os.path.join(os.path.dirname(prefix), doc["data_file"])
    size = doc["data_size"]
    fd, stat = _open(path, errors.NotFoundError(None, None,
                                                f"{path}; No such file or directory"))
    try:
        if stat.st_size < size:
            raise errors.OutOfRangeError(
                None, None, f"Read less bytes than requested: data file {path} has "
                f"{stat.st_size} bytes, its index {_index_path(prefix)} says {size} (truncated)")
        data = file_io.read_fd(fd, size)  # a longer file is read up to `size`, as TF reads
    finally:
        os.close(fd)
    if len(data) != size:  # it shrank while being read
        raise errors.OutOfRangeError(
            None, None, f"Read less bytes than requested: data file {path} gave {len(data)} "
            f"of {size} bytes (truncated while reading)")
    crc = zlib.crc32(data)
    if crc != doc["data_crc32"]:
        raise errors.DataLossError(
            None, None, f"Checksum does not match: stored {doc['data_crc32']} vs. calculated on "
            f"the restored bytes {crc} (data file {path})")
    try:
        stored = st.load(data)
    except Exception as e:  # noqa: BLE001 - safetensors raises its own error types
        raise errors.DataLossError(None, None, f"Unable to read file ({path}): not a "
                                   f"safetensors file ({e})") from None
    expected = {s for n, e in doc["tensors"].items() for s in _stored_names(n, e)}
    if set(stored) != expected:
        extra = sorted(set(stored) - expected)
        lost = sorted(expected - set(stored))
        raise errors.DataLossError(None, None, f"Data file {path} does not match its index "
                                   f"{_index_path(prefix)}: tensors only in the data "
                                   f"{extra}, only in the index {lost}")
    out = {}
    for name, entry in doc["tensors"].items():
        try:
            out[name] = _decode(name, entry, stored)
        except ValueError as e:
            raise errors.DataLossError(None, None, f"Data file {path} does not match its index "
                                       f"{_index_path(prefix)}: tensor {name} is {e}") from None
    return out


class _SafetensorsCheckpoint:
    """flowgrad's safetensors format: the data is checked (CRC, header) and read whole."""

    format = SAFETENSORS_FORMAT

    def __init__(self, prefix, doc):
        self.prefix = prefix
        self.doc = doc
        self._values = None
        self.entries = {k: (_dt.as_dtype(e["dtype"]), tuple(e["shape"]))
                        for k, e in doc["tensors"].items()}

    def read(self, names):
        if self._values is None:
            self._values = _read_data(self.prefix, self.doc)
        return [self._values[n] for n in names]

    def debug_entries(self):
        return [(k.encode(), d, s) for k, (d, s) in sorted(self.entries.items())]


class _BundleCheckpoint:
    """TF's V2 format: each tensor is read (and its checksum checked) on its own."""

    format = TF_FORMAT

    def __init__(self, reader):
        self.prefix = reader.prefix
        self.reader = reader
        self.entries = reader.entries

    def read(self, names):
        return [self.reader.get_tensor(n) for n in names]

    def debug_entries(self):
        """(key, DType, shape) of every entry as TF lists them: a partitioned variable's
        slices under their own keys, its whole-tensor entry left out."""
        return [(k, e["dtype"], e["shape"]) for k, e in sorted(self.reader._raw_entries.items())
                if not e["slices"]]


class _V1Checkpoint:
    """TF's V1 format (one SSTable file of SavedTensorSlices, train/checkpoint_v1.py)."""

    format = V1_FORMAT

    def __init__(self, reader):
        self.prefix = reader.prefix
        self.reader = reader
        self.entries = reader.entries

    def read(self, names):
        return [self.reader.get_tensor(n) for n in names]

    def debug_entries(self):
        return [(k.encode(), d, s) for k, (d, s) in sorted(self.entries.items())]

    def debug_suffix(self, key):
        n = self.reader.num_slices(key.decode("utf-8"))
        return f", {n} slices" if n > 1 else ""


def _is_v1(prefix):
    """Whether `prefix` names a V1 checkpoint: no `P.index`, and P (or the shards of a
    `P-?????-of-NNNNN` pattern) a regular file ending in the SSTable magic number."""
    if os.path.lexists(_index_path(prefix)):
        return False
    files = _v1.v1_files(prefix)
    if not files:
        return False
    try:
        fd, st = file_io.open_regular(files[0], follow_symlinks=False)
    except file_io.NotRegularFileError:
        return True    # a link or a FIFO where a V1 file would be: V1Reader says what it is
    except OSError:
        return len(files) > 1   # a shard that cannot be opened: V1Reader says why
    try:
        return st.st_size >= 48 and int.from_bytes(os.pread(fd, 8, st.st_size - 8),
                                                   "little") == _tb._MAGIC
    finally:
        os.close(fd)


def open_checkpoint(prefix):
    """The checkpoint `prefix` in whichever format it is (`.entries`, `.read(names)`)."""
    prefix = os.fspath(prefix)
    if _is_v1(prefix):
        return _V1Checkpoint(_v1.V1Reader(prefix))
    kind, obj = _open_checkpoint(prefix)
    if kind == SAFETENSORS_FORMAT:
        return _SafetensorsCheckpoint(prefix, obj)
    return _BundleCheckpoint(obj)


_DT_NAMES = {"float32": "DT_FLOAT", "float64": "DT_DOUBLE", "float16": "DT_HALF"}


def _dt_enum_name(dtype):
    return _DT_NAMES.get(dtype.name, "DT_" + dtype.name.upper())


class CheckpointReader:
    """Reads one checkpoint (TF's `pywrap_tensorflow.NewCheckpointReader`), either format.

    The index is read (and checked) at once; the data on each get_tensor.
    """

    def __init__(self, prefix):
        self._prefix = os.fspath(prefix)
        self._ckpt = open_checkpoint(self._prefix)

    @property
    def format(self):
        """"tf" (TF's V2 tensor bundle), "tf_v1" (TF's V1 format) or "safetensors"
        (flowgrad's format)."""
        return self._ckpt.format

    def has_tensor(self, name):
        if isinstance(name, bytes):
            name = name.decode()
        return name in self._ckpt.entries

    def get_tensor(self, name):
        """The saved value of `name` (NotFoundError if it is not in the checkpoint).

        A scalar is returned as a NumPy scalar (a 0-d string as bytes), as TF does.
        """
        if isinstance(name, bytes):
            name = name.decode()
        if name not in self._ckpt.entries:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        if self._ckpt.format == V1_FORMAT:
            self._ckpt.reader.check_readable(name)  # TF's V1 reader's limits
        elif self._ckpt.format == TF_FORMAT:
            self._ckpt.reader.check_whole(name)  # TF's V2 reader's slice coverage
        v = self._ckpt.read([name])[0]
        v = v.copy() if isinstance(v, np.ndarray) and not v.flags.writeable else v
        if isinstance(v, np.ndarray) and v.ndim == 0:
            return v.item() if v.dtype == object else v[()]
        return v

    def _map_order(self):
        """The keys in the order of TF's dicts: for a V2 checkpoint, that of the C++
        unordered_map TF fills with the sorted keys (train/unordered_map.py)."""
        entries = self._ckpt.entries
        if self._ckpt.format != TF_FORMAT:
            return list(entries)
        return unordered_map_order(sorted(entries, key=lambda k: k.encode()))

    def get_variable_to_shape_map(self):
        """{name: shape as a list}, in TF 1.14's order (see _map_order)."""
        entries = self._ckpt.entries
        return {k: list(entries[k][1]) for k in self._map_order()}

    def get_variable_to_dtype_map(self):
        """{name: DType}, in TF 1.14's order (see _map_order)."""
        entries = self._ckpt.entries
        return {k: entries[k][0] for k in self._map_order()}

    def debug_string(self):
        """b"name (DT_FLOAT) [2,3]\\n" per entry, sorted by key, as TF's (which lists the
        keys of a partitioned variable's slices too, as raw bytes)."""
        suffix = getattr(self._ckpt, "debug_suffix", lambda k: "")
        return b"".join(k + f" ({_dt_enum_name(d)}) {_shape_str(s)}{suffix(k)}\n".encode()
                        for k, d, s in self._ckpt.debug_entries())


def NewCheckpointReader(filepattern):  # noqa: N802 - TF's name
    """A CheckpointReader of checkpoint `filepattern` (TF's pywrap_tensorflow signature)."""
    return CheckpointReader(filepattern)


def convert_checkpoint(src_prefix, dst_prefix, format=TF_FORMAT):
    """Copies checkpoint `src_prefix` (either format) to `dst_prefix` in `format`.

    `format="safetensors"` exports a TF-format checkpoint to flowgrad's
    safetensors format; `format="tf"` imports a safetensors one into TF's.
    Every tensor is read and checked first. Returns `dst_prefix`.
    """
    ckpt = open_checkpoint(src_prefix)
    names = sorted(ckpt.entries)
    values = ckpt.read(names)
    return write_checkpoint(os.fspath(dst_prefix),
                            {n: (ckpt.entries[n][0], v) for n, v in zip(names, values)},
                            format=format)


def parse_slice_spec(spec):
    """TF's shape_and_slice string ("10 2 0,5:-") as (full shape, tuple of slices);
    ValueError if malformed."""
    parts = spec.split(" ")
    if len(parts) < 2:
        raise ValueError(f"Expected a full shape and a slice: {spec!r}")
    full = [int(d) for d in parts[:-1]]
    extents = parts[-1].split(":")
    if len(extents) != len(full) or any(d < 0 for d in full):
        raise ValueError(f"Slice {parts[-1]!r} does not match the full shape {full}")
    index = []
    for ext, dim in zip(extents, full):
        if ext == "-":
            index.append(slice(0, dim))
            continue
        start, length = (int(x) for x in ext.split(","))
        if start < 0 or length < 0 or start + length > dim:
            raise ValueError(f"Slice {ext!r} is outside a dimension of size {dim}")
        index.append(slice(start, start + length))
    return full, tuple(index)


def read_for_restore(prefix, names, dtypes, shapes, reshape=False, slices=None):
    """The values of `names`, all validated before any is returned.

    The files are checked first (a damaged checkpoint is DataLossError, never
    a graph mismatch); then NotFoundError for a missing key,
    InvalidArgumentError for a dtype or shape mismatch (TF's messages: the tensor
    and both dtypes; both shapes, as the Assign TF's restore runs).
    """
    ckpt = open_checkpoint(prefix)
    entries = ckpt.entries
    cuts = {}
    for i, (name, spec) in enumerate(zip(names, slices or ())):
        if spec:  # a partition of a variable: `full shape` then its slice
            try:
                cuts[i] = parse_slice_spec(spec)
            except ValueError as e:
                raise errors.InvalidArgumentError(None, None, f"Invalid shape_and_slice "
                                                  f"{spec!r} for {name}: {e}") from None
    present = [n for n in dict.fromkeys(names) if n in entries]
    values = dict(zip(present, ckpt.read(present)))  # every checksum, before any key check
    for i, (name, dtype, shape) in enumerate(zip(names, dtypes, shapes)):
        e = entries.get(name)
        if e is None:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        if e[0].name != dtype.name:
            raise errors.InvalidArgumentError(
                None, None, f"tensor_name = {name}; expected dtype {_c_name(dtype)} does not "
                f"equal original dtype {_c_name(e[0])}")
        if i in cuts:
            full, index = cuts[i]
            if list(e[1]) != full:
                raise errors.InvalidArgumentError(
                    None, None, f"tensor_name = {name}; shape in shape_and_slice spec "
                    f"{_shape_str(full)} does not match the shape stored in checkpoint: "
                    f"{_shape_str(e[1])}")
            got = [s.stop - s.start for s in index]
        else:
            got = list(e[1])
        if shape is not None:
            want = list(shape)
            bad = (math.prod(got) != math.prod(want)) if reshape else got != want
            if bad:
                err = errors.InvalidArgumentError(
                    None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                    f"{_shape_str(want)} rhs shape= {_shape_str(got)}")
                err._assign_of_output = i   # (TF's error is the Assign's reading output i)
                raise err
    out = []
    for i, (name, shape) in enumerate(zip(names, shapes)):
        v = values[name]
        if i in cuts:
            v = np.ascontiguousarray(v[cuts[i][1]])
        if reshape and shape is not None:
            v = v.reshape(shape)
        out.append(v)
    return out


def _shape_str(s):
    return "[" + ",".join(str(d) for d in s) + "]"


_C_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _c_name(dtype):
    return _C_NAMES.get(dtype.name, dtype.name)
