"""Checkpoint files: the on-disk format, the `checkpoint` state file, and readers.

A checkpoint with prefix P is two files written by `write_checkpoint`:

- `P.data-00000-of-00001`: the tensors, as one safetensors file (a JSON
  header and raw little-endian bytes; loading it never runs code).
- `P.index`: a small JSON document naming the data file, its size and CRC-32,
  and every saved tensor's dtype and shape.

The index is the commit point: both files are written to temporaries in the
same directory, fsync'ed and renamed into place, data first, index last, so
a crash leaves either the previous checkpoint or the new one, never a mix.
When P already exists the new data goes to a second name
(`P.data-00000-of-00001.1`) so that the old index keeps pointing at intact
data until the new index replaces it. `checkpoint_exists(P)` is TF's rule:
`P.index` exists (or, for TF's V1 format, P itself).

The `checkpoint` state file is TF's text format (`model_checkpoint_path:
"..."` lines), written atomically after the checkpoint it names.
"""
from __future__ import annotations

import glob
import json
import logging
import os
import re
import tempfile
import zlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors

__all__ = [
    "CheckpointReader",
    "CheckpointState",
    "NewCheckpointReader",
    "checkpoint_exists",
    "generate_checkpoint_state_proto",
    "get_checkpoint_mtimes",
    "get_checkpoint_state",
    "latest_checkpoint",
    "list_variables",
    "load_checkpoint",
    "load_variable",
    "meta_graph_filename",
    "remove_checkpoint",
    "update_checkpoint_state",
]

_log = logging.getLogger("flowgrad")

FORMAT = "flowgrad-checkpoint"
FORMAT_VERSION = 1
DATA_SUFFIX = ".data-00000-of-00001"

# Test seam: called with the name of each step of a write ("data_tmp", "data",
# "index_tmp", "index", "state_tmp"), so a test can kill the writer between steps.
_WRITE_HOOK = None


def _hook(step):
    if _WRITE_HOOK is not None:
        _WRITE_HOOK(step)


def _safetensors():
    try:
        import safetensors.numpy as st
    except ImportError:
        raise ImportError("tf.train.Saver needs the 'safetensors' package: "
                          "pip install 'flowgrad[checkpoint]'") from None
    return st


# ---------------------------------------------------------------------------------------
# Atomic file writes
# ---------------------------------------------------------------------------------------
def _fsync_dir(path):
    try:
        fd = os.open(path or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path, data: bytes, step=None):
    """Writes `data` to `path` through a fsync'ed temporary in the same directory."""
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tempstate", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if step:
            _hook(step + "_tmp")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(d)
    if step:
        _hook(step)


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


def _decode(name, entry, stored):
    dtype = _dt.as_dtype(entry["dtype"])
    shape = tuple(entry["shape"])
    enc = entry.get("encoding", "raw")
    if enc == "bytes":
        data = stored[name].tobytes()
        lengths = stored[name + "\x00lengths"]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        out = np.empty(len(lengths), dtype=object)
        out[:] = [data[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
        return out.reshape(shape)
    arr = stored[name]
    if enc == "complex":
        arr = (arr[..., 0] + 1j * arr[..., 1]).astype(dtype.as_numpy_dtype)
    if arr.shape != shape or arr.dtype != np.dtype(dtype.as_numpy_dtype):
        raise errors.DataLossError(None, None, f"Checkpoint tensor {name} is stored as "
                                   f"{arr.dtype}{list(arr.shape)} but its index says "
                                   f"{dtype.name}{list(shape)}")
    return arr


# ---------------------------------------------------------------------------------------
# Writing and reading a checkpoint
# ---------------------------------------------------------------------------------------
def _index_path(prefix):
    return prefix + ".index"


def write_checkpoint(prefix, tensors):
    """Writes `tensors` ({name: (DType, ndarray)}) as checkpoint `prefix`, atomically."""
    st = _safetensors()
    stored, index = {}, {}
    for name in sorted(tensors):
        dtype, arr = tensors[name]
        parts, entry = _encode(name, np.asarray(arr), dtype)
        stored.update(parts)
        index[name] = entry
    data = st.save(stored)
    d, base = os.path.split(prefix)
    if d:
        os.makedirs(d, exist_ok=True)  # TF's SaveV2 creates the directory too
    data_name = base + DATA_SUFFIX
    old_data = None
    if os.path.exists(_index_path(prefix)):
        try:
            old_data = _read_index(prefix).get("data_file")
        except errors.OpError:
            old_data = None
        if old_data == data_name:
            data_name = base + DATA_SUFFIX + ".1"
    atomic_write(os.path.join(d, data_name), data, "data")
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "data_file": data_name,
           "data_size": len(data), "data_crc32": zlib.crc32(data), "tensors": index}
    atomic_write(_index_path(prefix), json.dumps(doc, indent=1).encode(), "index")
    if old_data and old_data != data_name:
        try:
            os.unlink(os.path.join(d, old_data))
        except OSError:
            pass
    return prefix


def _read_index(prefix):
    path = _index_path(prefix)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        if os.path.exists(prefix):
            raise errors.DataLossError(
                None, None, f"Unable to open table file {prefix}: it is not a flowgrad checkpoint "
                f"(no {path}); perhaps your file is in a different file format") from None
        raise errors.NotFoundError(
            None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any matching "
            f"files for {prefix}") from None
    except IsADirectoryError:
        raise errors.DataLossError(None, None, f"Unable to open table file {path}: "
                                   "Is a directory") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
        ok = (isinstance(doc, dict) and doc.get("format") == FORMAT
              and isinstance(doc.get("tensors"), dict) and isinstance(doc.get("data_file"), str))
    except (UnicodeDecodeError, ValueError):
        ok = False
    if not ok:
        raise errors.DataLossError(None, None, f"Unable to open table file {path}: the index is "
                                   "truncated, corrupted or not a flowgrad checkpoint index")
    if doc.get("version", 0) > FORMAT_VERSION:
        raise errors.DataLossError(None, None, f"Checkpoint {prefix} has format version "
                                   f"{doc['version']}; this flowgrad reads up to {FORMAT_VERSION}")
    return doc


def _read_data(prefix, doc):
    """All tensors of checkpoint `prefix`, after checking size, CRC and header."""
    st = _safetensors()
    d = os.path.dirname(prefix)
    path = os.path.join(d, os.path.basename(doc["data_file"]))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise errors.DataLossError(None, None, f"Checkpoint {prefix}: data file {path} is "
                                   "missing") from None
    if len(data) != doc.get("data_size"):
        raise errors.DataLossError(None, None, f"Checkpoint {prefix}: data file {path} has "
                                   f"{len(data)} bytes, the index says {doc.get('data_size')} "
                                   "(truncated or overwritten)")
    if zlib.crc32(data) != doc.get("data_crc32"):
        raise errors.DataLossError(None, None, f"Checkpoint {prefix}: checksum mismatch in data "
                                   f"file {path} (corrupted)")
    try:
        stored = st.load(data)
    except Exception as e:  # noqa: BLE001 - safetensors raises its own error types
        raise errors.DataLossError(None, None, f"Checkpoint {prefix}: unreadable safetensors data "
                                   f"in {path}: {e}") from None
    out = {}
    for name, entry in doc["tensors"].items():
        try:
            out[name] = _decode(name, entry, stored)
        except (KeyError, ValueError, TypeError) as e:
            raise errors.DataLossError(None, None, f"Checkpoint {prefix}: tensor {name} is "
                                       f"damaged: {e}") from None
    return out


class CheckpointReader:
    """Reads one checkpoint (TF's `pywrap_tensorflow.NewCheckpointReader`).

    >>> r = tf.train.load_checkpoint("/tmp/model")
    >>> r.get_tensor("w")
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

    Raises NotFoundError for a missing key, InvalidArgumentError for a dtype or
    shape mismatch (naming the tensor and both dtypes/shapes), DataLossError for
    damaged files.
    """
    doc = _read_index(prefix)
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
            bad = (int(np.prod(got)) != int(np.prod(want))) if reshape else got != want
            if bad:
                raise errors.InvalidArgumentError(
                    None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                    f"{_shape_str(want)} rhs shape= {_shape_str(got)} (variable {name}: shape "
                    f"{_shape_str(want)} in the graph, {_shape_str(got)} in checkpoint {prefix})")
    values = _read_data(prefix, doc)
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


# ---------------------------------------------------------------------------------------
# Checkpoint state (the `checkpoint` file)
# ---------------------------------------------------------------------------------------
def _escape(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ch < 32 or ch >= 127:
            out.append("\\%03o" % ch)
        else:
            out.append(c)
    return "".join(out)


_ESC = re.compile(rb"\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)")
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\", b'"': b'"', b"'": b"'",
           b"a": b"\a", b"b": b"\b", b"f": b"\f", b"v": b"\v", b"?": b"?"}


def _unescape(s):
    def sub(m):
        g = m.group(1)
        if g[:1] in b"01234567" and g[:1].isdigit():
            return bytes([int(g, 8) & 0xFF])
        if g[:1] == b"x":
            return bytes([int(g[1:], 16)])
        if g in _SIMPLE:
            return _SIMPLE[g]
        raise ValueError(f"invalid escape \\{g.decode(errors='replace')}")
    return _ESC.sub(sub, s.encode("utf-8")).decode("utf-8")


class CheckpointState:
    """TF's CheckpointState proto: the latest checkpoint and the ones still kept."""

    def __init__(self, model_checkpoint_path="", all_model_checkpoint_paths=None):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths or [])

    def __str__(self):
        lines = [f'model_checkpoint_path: "{_escape(self.model_checkpoint_path)}"']
        lines += [f'all_model_checkpoint_paths: "{_escape(p)}"'
                  for p in self.all_model_checkpoint_paths]
        return "\n".join(lines) + "\n"

    def __repr__(self):
        return str(self)

    def __eq__(self, other):
        return (isinstance(other, CheckpointState)
                and self.model_checkpoint_path == other.model_checkpoint_path
                and self.all_model_checkpoint_paths == other.all_model_checkpoint_paths)

    @classmethod
    def parse(cls, text):
        """Parses the text format; ValueError on anything else."""
        st = cls()
        line_re = re.compile(r'^\s*(\w+)\s*:\s*"((?:[^"\\]|\\.)*)"\s*$')
        for line in text.splitlines():
            if not line.strip() or line.strip().startswith("#"):
                continue
            m = line_re.match(line)
            if not m:
                raise ValueError(f"cannot parse checkpoint state line {line!r}")
            key, val = m.group(1), _unescape(m.group(2))
            if key == "model_checkpoint_path":
                st.model_checkpoint_path = val
            elif key == "all_model_checkpoint_paths":
                st.all_model_checkpoint_paths.append(val)
            elif key not in ("all_model_checkpoint_timestamps", "last_preserved_timestamp"):
                raise ValueError(f"unknown field {key!r} in checkpoint state")
        return st


def _state_path(save_dir, latest_filename):
    return os.path.join(save_dir, latest_filename or "checkpoint")


def generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                    all_model_checkpoint_paths=None):
    """A CheckpointState; paths are made relative when `save_dir` is relative (as TF)."""
    paths = list(all_model_checkpoint_paths or [])
    if not paths or paths[-1] != model_checkpoint_path:
        paths.append(model_checkpoint_path)
    if not os.path.isabs(save_dir):
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [os.path.relpath(p, save_dir) if not os.path.isabs(p) else p for p in paths]
    return CheckpointState(model_checkpoint_path, paths)


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None, all_model_checkpoint_timestamps=None,
                            last_preserved_timestamp=None, save_relative_paths=False):
    """Writes the `checkpoint` state file in `save_dir` atomically.

    Raises:
      RuntimeError: the state file would have the checkpoint's own name.
    """
    path = _state_path(save_dir, latest_filename)
    if save_relative_paths:
        if os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        all_model_checkpoint_paths = [
            os.path.relpath(p, save_dir) if os.path.isabs(p) else p
            for p in (all_model_checkpoint_paths or [])]
    ckpt = generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                           all_model_checkpoint_paths)
    if path == ckpt.model_checkpoint_path:
        raise RuntimeError(f"Save path '{model_checkpoint_path}' conflicts with path used for "
                           "checkpoint state.  Please use a different save path.")
    atomic_write(path, str(ckpt).encode("utf-8"), "state")


update_checkpoint_state_internal = update_checkpoint_state


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The CheckpointState in `checkpoint_dir`, or None if there is none.

    Relative paths in the file are joined to `checkpoint_dir`, as TF does.
    """
    path = _state_path(os.fspath(checkpoint_dir), latest_filename)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            ckpt = CheckpointState.parse(f.read())
    except (OSError, ValueError, UnicodeDecodeError) as e:
        _log.warning("%s: %s", type(e).__name__, e)
        _log.warning("%s: Checkpoint ignored", path)
        return None
    if not ckpt.model_checkpoint_path:
        raise ValueError(f"Invalid checkpoint state loaded from {checkpoint_dir}")
    if not os.path.isabs(ckpt.model_checkpoint_path):
        ckpt.model_checkpoint_path = os.path.join(checkpoint_dir, ckpt.model_checkpoint_path)
    ckpt.all_model_checkpoint_paths = [
        p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)
        for p in ckpt.all_model_checkpoint_paths]
    return ckpt


def checkpoint_exists(checkpoint_prefix):
    """True if `checkpoint_prefix` names a checkpoint (`<prefix>.index` or V1 file).

    Raises:
      NotFoundError: the prefix's directory does not exist (as TF's glob does).
    """
    prefix = os.fspath(checkpoint_prefix)
    d = os.path.dirname(prefix)
    if d and not os.path.isdir(d) and not glob.has_magic(d):
        raise errors.NotFoundError(None, None, f"{d}; No such file or directory")
    if glob.glob(_index_path(prefix)) or glob.glob(prefix):
        return True
    return False


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint recorded in `checkpoint_dir`, or None."""
    ckpt = get_checkpoint_state(checkpoint_dir, latest_filename)
    if ckpt and ckpt.model_checkpoint_path:
        p = ckpt.model_checkpoint_path
        if glob.glob(_index_path(p)) or glob.glob(p):
            return p
        _log.error("Couldn't match files for checkpoint %s", p)
    return None


def get_checkpoint_mtimes(checkpoint_prefixes):
    """Modification times of the checkpoints' index files (missing ones skipped)."""
    out = []
    for p in checkpoint_prefixes:
        for f in (_index_path(p), p):
            if os.path.exists(f):
                out.append(os.path.getmtime(f))
                break
    return out


def _files_of(prefix, meta_graph_suffix="meta"):
    files = [_index_path(prefix), f"{prefix}.{meta_graph_suffix}"]
    files += glob.glob(glob.escape(prefix) + ".data-*")
    return files


def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=None,
                      meta_graph_suffix="meta"):
    """Deletes a checkpoint's files: the index first, so a half-deleted one is gone."""
    for f in _files_of(checkpoint_prefix, meta_graph_suffix):
        try:
            os.unlink(f)
        except FileNotFoundError:
            pass


def meta_graph_filename(checkpoint_filename, meta_graph_suffix="meta"):
    """`model.ckpt-123` → `model.ckpt-123.meta` (a sharded `-?????-of-…` suffix is dropped)."""
    basename = re.sub(r"-[\d\?]+-of-\d+$", "", checkpoint_filename)
    return f"{basename}.{meta_graph_suffix}"


# ---------------------------------------------------------------------------------------
# checkpoint_utils
# ---------------------------------------------------------------------------------------
def load_checkpoint(ckpt_dir_or_file):
    """A CheckpointReader for a checkpoint prefix or the latest one in a directory.

    Raises:
      ValueError: a directory without checkpoints.
    """
    filename = _get_checkpoint_filename(ckpt_dir_or_file)
    if filename is None:
        raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given directory "
                         f"{ckpt_dir_or_file}")
    return CheckpointReader(filename)


def _get_checkpoint_filename(ckpt_dir_or_file):
    ckpt_dir_or_file = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(ckpt_dir_or_file):
        return latest_checkpoint(ckpt_dir_or_file)
    return ckpt_dir_or_file


def load_variable(ckpt_dir_or_file, name):
    """The value of variable `name` (a trailing ':0' is ignored) in a checkpoint."""
    name = name.removesuffix(":0")
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


def list_variables(ckpt_dir_or_file):
    """Sorted (name, shape) pairs of the tensors in a checkpoint."""
    reader = load_checkpoint(ckpt_dir_or_file)
    shapes = reader.get_variable_to_shape_map()
    return [(n, shapes[n]) for n in sorted(shapes)]
