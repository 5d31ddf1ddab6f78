"""Checkpoint files: writing them atomically and reading them back without trusting them.

A checkpoint with prefix P is two files written by `write_checkpoint`:

- `P.data-00000-of-00001`: the tensors, as one safetensors file (a JSON
  header and raw little-endian bytes; loading it never runs code).
- `P.index`: a small JSON document naming the data file, its size and CRC-32,
  every saved tensor's dtype and shape, and (format version 2) the CRC-32 of
  the index itself, so a flipped bit anywhere is found, as TF's block
  checksums find it.

The index is the commit point: both files are written to temporaries in the
same directory, fsync'ed and renamed into place, data first, index last, so
a crash leaves either the previous checkpoint or the new one, never a mix.
When P already exists the new data goes to the other of the two data names
(`P.data-00000-of-00001` / `P.data-00000-of-00001.1`) so that the old index
keeps pointing at intact data until the new index replaces it.

Reading trusts nothing in the files (they may be damaged, or planted):
- files are opened without following symbolic links and must be regular
  files (checked on the opened descriptor; a FIFO cannot block the open);
- the data file the index names must be one of P's two data names, so no
  file outside P's directory is ever opened or deleted because of an index;
- at most the declared number of bytes is read, and only once the file is
  known to hold them;
- every field of the index is type-checked, the index is checked against the
  data's own header, and the data's CRC is checked before anything is
  decoded.
Errors are TF 1.14's for the analogous case: NotFoundError for a missing file,
FailedPreconditionError for a directory, OutOfRangeError for a data file
shorter than declared ("Read less bytes than requested"), DataLossError for
anything damaged, each naming the file and what was found.
"""
from __future__ import annotations

import json
import math
import os
import zlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework import file_io

__all__ = ["CheckpointReader", "NewCheckpointReader", "read_for_restore", "write_checkpoint"]

FORMAT = "flowgrad-checkpoint"
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


def _current_data_name(prefix):
    """The data name the existing index of `prefix` uses, or None (absent or damaged)."""
    try:
        return _read_index(prefix)["data_file"]
    except errors.OpError:
        return None


def write_checkpoint(prefix, tensors):
    """Writes `tensors` ({name: (DType, ndarray)}) as checkpoint `prefix`, atomically.

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
    data_name = second if _current_data_name(prefix) == first else first
    other = first if data_name == second else second
    file_io.atomic_write(os.path.join(d, data_name), data, "data")
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "data_file": data_name,
           "data_size": len(data), "data_crc32": zlib.crc32(data), "tensors": index}
    file_io.atomic_write(_index_path(prefix), _index_bytes(doc), "index")
    try:  # the data of the replaced index (or a leftover of a killed save)
        os.unlink(os.path.join(d, other))
    except OSError:
        pass
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


def _read_index(prefix):
    path = _index_path(prefix)
    if os.path.lexists(path) or not os.path.exists(prefix):
        missing = errors.NotFoundError(
            None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
            f"matching files for {prefix}")
    else:
        missing = errors.DataLossError(
            None, None, f"Unable to open table file {prefix}: it is not a flowgrad checkpoint "
            f"(no {path}); perhaps your file is in a different file format")
    fd, st = _open(path, missing)
    try:
        if st.st_size > MAX_INDEX_BYTES:
            raise _corrupt(path, f"{st.st_size} bytes, more than an index can have "
                                 f"({MAX_INDEX_BYTES})")
        raw = file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)
    return _parse_index(raw, path, prefix)


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


class CheckpointReader:
    """Reads one checkpoint (TF's `pywrap_tensorflow.NewCheckpointReader`).

    The index is read (and checked) at once; the data on the first get_tensor.
    """

    def __init__(self, prefix):
        self._prefix = os.fspath(prefix)
        self._doc = _read_index(self._prefix)
        self._values = None

    def _all(self):
        if self._values is None:
            self._values = _read_data(self._prefix, self._doc)
        return self._values

    def has_tensor(self, name):
        return name in self._doc["tensors"]

    def get_tensor(self, name):
        """The saved value of `name` (NotFoundError if it is not in the checkpoint)."""
        if isinstance(name, bytes):
            name = name.decode()
        if name not in self._doc["tensors"]:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        v = self._all()[name]
        return v.copy() if isinstance(v, np.ndarray) else v

    def get_variable_to_shape_map(self):
        return {k: list(e["shape"]) for k, e in self._doc["tensors"].items()}

    def get_variable_to_dtype_map(self):
        return {k: _dt.as_dtype(e["dtype"]) for k, e in self._doc["tensors"].items()}

    def debug_string(self):
        return "".join(f"{k} ({e['dtype']}) {e['shape']}\n"
                       for k, e in sorted(self._doc["tensors"].items())).encode()

    def _entries(self):
        return self._doc["tensors"]

    def _values_checked(self):
        return self._all()


NewCheckpointReader = CheckpointReader


def read_for_restore(prefix, names, dtypes, shapes, reshape=False):
    """The values of `names`, all validated before any is returned.

    The files are checked first (a damaged checkpoint is DataLossError, never
    a graph mismatch); then NotFoundError for a missing key,
    InvalidArgumentError for a dtype or shape mismatch (naming the tensor and
    both dtypes/shapes).
    """
    doc = _read_index(prefix)
    values = _read_data(prefix, doc)
    entries = doc["tensors"]
    for name, dtype, shape in zip(names, dtypes, shapes):
        e = entries.get(name)
        if e is None:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        if e["dtype"] != dtype.name:
            raise errors.InvalidArgumentError(
                None, None, f"tensor_name = {name}; expected dtype {_c_name(dtype)} does not "
                f"equal original dtype {_c_name(_dt.as_dtype(e['dtype']))}")
        if shape is not None:
            got = list(e["shape"])
            want = list(shape)
            bad = (math.prod(got) != math.prod(want)) if reshape else got != want
            if bad:
                raise errors.InvalidArgumentError(
                    None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                    f"{_shape_str(want)} rhs shape= {_shape_str(got)} (variable {name}: shape "
                    f"{_shape_str(want)} in the graph, {_shape_str(got)} in checkpoint {prefix})")
    out = []
    for name, shape in zip(names, shapes):
        v = values[name]
        if reshape and shape is not None:
            v = v.reshape(shape)
        out.append(v)
    return out


def _shape_str(s):
    return "[" + ",".join(str(d) for d in s) + "]"


_C_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _c_name(dtype):
    return _C_NAMES.get(dtype.name, dtype.name)
