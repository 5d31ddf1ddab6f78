"""Lookup tables as graph ops: TF 1.14's HashTableV2, MutableHashTableV2 and the ops that
take their resource handle (LookupTableFindV2, InsertV2, ImportV2, ExportV2, SizeV2,
InitializeTableV2, InitializeTableFromTextFileV2); MutableDenseHashTableV2 and
LookupTableRemoveV2 are in dense_table.py.

A table op's kernel returns the session's `Table` for it (created on first run, keyed by
its shared_name, else by the op's name, as TF's resource manager keys it); the other ops
call its methods. A `HashTable` is written once: initializing it again raises TF's
"Table already initialized.", finding keys before that "Table not initialized.". A
`MutableHashTable` starts empty and takes inserts (import replaces its contents). Keys are
Python ints or bytes in a dict; values NumPy scalars of the value dtype. All table ops are
stateful and have no gradient.

Text files are read as TF's TextFileLineIterator reads them: lines split at "\\n" (a
trailing "\\r" dropped), an empty line an error, key/value columns by index after
splitting at the one-character delimiter, -1 the line number, -2 the whole line, numbers
parsed as strtoll/strtof would (whole field), at most `vocab_size` lines (-1: all; a
shorter file is an error). Files are opened as regular files only and read in bounded
chunks (engine/framework/file_io.py).
"""
from __future__ import annotations

import datetime
import math
import os
import re
import sys
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import file_io
from ..framework.registry import OPS, register_op
from ..framework.tensor_shape import TensorShape

__all__ = ["Table"]

_MAX_VOCAB_BYTES = 1 << 31      # a vocabulary file larger than this is refused


def _key_list(arr):
    """The keys of an array as hashable Python values (ints or bytes)."""
    flat = np.asarray(arr).reshape(-1)
    if flat.dtype.kind == "O":
        return [x.encode() if isinstance(x, str) else bytes(x) for x in flat.tolist()]
    return flat.tolist()


def _fmt_key(k):
    return k.decode("utf-8", "replace") if isinstance(k, bytes) else str(k)


def _fmt_value(v):
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, (float, np.floating)):
        return f"{float(v):g}"
    return str(v)


class Table:
    """One lookup table of one session."""

    def __init__(self, kind, key_dtype, value_dtype):
        self.kind = kind
        self.key_dtype = key_dtype
        self.value_dtype = value_dtype
        self.np_value = object if value_dtype == _dt.string else value_dtype.as_numpy_dtype
        self.data = {}
        self.initialized = kind == "MutableHashTable"
        self.lock = threading.Lock()

    # -- initializable tables --------------------------------------------------------
    def initialize(self, keys, values):
        """InitializableLookupTable::Initialize: all (key, value) pairs, once."""
        with self.lock:
            if self.initialized:
                raise errors.FailedPreconditionError(None, None, "Table already initialized.")
            data = {}
            for k, v in zip(keys, values):
                old = data.get(k, _MISSING)
                if old is _MISSING and not (isinstance(v, float) and math.isnan(v)):
                    data[k] = v
                elif old is _MISSING or old != v:
                    # TF compares the stored value with the new one: a NaN never equals
                    old = v if old is _MISSING else old
                    raise errors.FailedPreconditionError(
                        None, None, f"HashTable has different value for same key. Key "
                        f"{_fmt_key(k)} has {_fmt_value(old)} and trying to add value "
                        f"{_fmt_value(v)}")
            self.data = data
            self.initialized = True

    # -- every table -----------------------------------------------------------------
    def find(self, keys, default):
        if not self.initialized:
            raise errors.FailedPreconditionError(None, None, "Table not initialized.")
        keys = np.asarray(keys)
        default = np.asarray(default).reshape(()).item() if self.np_value is not object \
            else np.asarray(default, dtype=object).reshape(()).item()
        get = self.data.get
        out = [get(k, default) for k in _key_list(keys)]
        arr = np.empty(len(out), dtype=self.np_value)
        arr[:] = out
        return arr.reshape(keys.shape)

    def size(self):
        return np.int64(len(self.data) if self.initialized else 0)

    def insert(self, keys, values):
        if self.kind == "HashTable":
            raise errors.UnimplementedError(None, None, "Insert is not supported by HashTable")
        keys, values = _check_pairs(keys, values)
        ks = _key_list(keys)
        vs = np.asarray(values).reshape(-1).tolist()
        with self.lock:
            self.data.update(zip(ks, vs))

    def remove(self, keys):
        """MutableHashTable's Remove: each key erased (absent keys ignored)."""
        if self.kind == "HashTable":
            raise errors.UnimplementedError(None, None, "Remove is not supported by HashTable")
        with self.lock:
            for k in _key_list(keys):
                self.data.pop(k, None)

    def import_values(self, keys, values):
        keys, values = _check_pairs(keys, values)
        if self.kind == "HashTable":
            self.initialize(_key_list(keys), np.asarray(values).reshape(-1).tolist())
            return
        with self.lock:
            self.data = dict(zip(_key_list(keys), np.asarray(values).reshape(-1).tolist()))

    def export(self):
        with self.lock:
            items = list(self.data.items())
        kd = object if self.key_dtype == _dt.string else self.key_dtype.as_numpy_dtype
        k = np.empty(len(items), dtype=kd)
        v = np.empty(len(items), dtype=self.np_value)
        k[:] = [i[0] for i in items]
        v[:] = [i[1] for i in items]
        return k, v


_MISSING = object()


def _check_pairs(keys, values, what="value"):
    keys, values = np.asarray(keys), np.asarray(values)
    if keys.shape != values.shape:
        raise errors.InvalidArgumentError(
            None, None, f"Expected shape {_dims(keys.shape)} for {what}, got "
            f"{_dims(values.shape)}")
    return keys, values


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


# -- reading vocabulary files --------------------------------------------------------
_INT_RANGES = {_dt.int32: (-(1 << 31), (1 << 31) - 1), _dt.int64: (-(1 << 63), (1 << 63) - 1)}


_INT_RE = re.compile(r"^[ \t\n\r\f\v]*(-?[0-9]+)[ \t\n\r\f\v]*$")
_DEC_RE = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$")
_HEX_RE = re.compile(r"^[+-]?0x[0-9a-f]+$")     # hex integers only (TF rejects 0x1.8p1)


_TF_TYPE_NAMES = {_dt.float32: "float", _dt.float64: "double"}   # TF's DataTypeString


def _parse_float(text):
    """TF's safe_strtod: spaces around, case-insensitive inf/nan, hex integers, no
    'infinity'."""
    s = text.strip(" \t\n\r\f\v").lower()
    body = s.lstrip("+-")
    if len(s) - len(body) > 1:
        raise ValueError
    if body in ("inf", "nan"):
        return float(s)
    if _DEC_RE.match(s):
        return float(s)
    if _HEX_RE.match(s):
        sign = -1.0 if s.startswith("-") else 1.0
        return sign * float(int(body, 16))
    raise ValueError


def _parse(field, dtype, line_no):
    """A field converted to `dtype` as TF's text-file iterator converts it (safe_strto64 /
    safe_strto32: optional spaces and '-', digits; safe_strtod / safe_strtof)."""
    if dtype == _dt.string:
        return field
    text = field.decode("utf-8", "replace")
    try:
        if dtype.is_integer:
            m = _INT_RE.match(text)
            if not m:
                raise ValueError
            v = int(m.group(1))
            lo, hi = _INT_RANGES.get(dtype, _INT_RANGES[_dt.int64])
            if not lo <= v <= hi:
                raise ValueError
            return v
        if dtype.is_floating:
            v = _parse_float(text)
            return float(np.float32(v)) if dtype == _dt.float32 else v
    except (ValueError, OverflowError):
        raise errors.InvalidArgumentError(
            None, None, f"Field {text} in line {line_no} is not a valid "
            f"{_TF_TYPE_NAMES.get(dtype, dtype.name)}.") from None
    raise errors.InvalidArgumentError(None, None, f"Data type {dtype.name} not supported.")


def read_vocabulary(filename, key_index, value_index, vocab_size, delimiter,
                    key_dtype, value_dtype):
    """The (keys, values) lists TF's InitializeTableFromTextFile puts in a table."""
    if len(delimiter) != 1:
        raise errors.InvalidArgumentError(None, None, "delimiter should be only 1 char")
    name = os.fsdecode(filename) if isinstance(filename, bytes) else str(filename)
    try:
        fd, st = file_io.open_regular(name)
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{name}; No such file or directory") from None
    except OSError as e:
        raise errors.InvalidArgumentError(None, None, f"{name}: {e}") from None
    try:
        if st.st_size > _MAX_VOCAB_BYTES:
            raise errors.ResourceExhaustedError(
                None, None, f"{name}: vocabulary file of {st.st_size} bytes is larger than "
                f"flowgrad's limit of {_MAX_VOCAB_BYTES}")
        data = file_io.read_fd(fd, st.st_size + 1)
    finally:
        os.close(fd)
    delim = delimiter.encode()
    keys, values = [], []
    pos = 0
    line_no = 0
    n = len(data)
    split = key_index >= 0 or value_index >= 0
    while pos < n and (vocab_size < 0 or line_no < vocab_size):
        end = data.find(b"\n", pos)
        if end < 0:
            end = n
        line = data[pos:end]
        pos = min(end + 1, n)
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid content in {name}: empty line found at position {pos}.")
        tokens = line.split(delim) if split else None
        if split and max(key_index, value_index) >= len(tokens):
            raise errors.InvalidArgumentError(
                None, None, f"Invalid number of columns in {name} line {line_no} "
                f"({line.decode('utf-8', 'replace')}) : expected "
                f"{max(key_index, value_index)} got {len(tokens)}")
        for index, dtype, out in ((key_index, key_dtype, keys),
                                  (value_index, value_dtype, values)):
            if index == -1:
                out.append(line_no)
            elif index == -2:
                out.append(line if dtype == _dt.string else _parse(line, dtype, line_no))
            else:
                out.append(_parse(tokens[index], dtype, line_no))
        line_no += 1
    if vocab_size >= 0 and line_no != vocab_size:
        raise errors.InvalidArgumentError(
            None, None, f"Invalid vocab_size in {name}: expected {vocab_size} but got "
            f"{line_no}")
    return keys, values


# -- ops -----------------------------------------------------------------------------
def _table_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


def _table_bind(kind):
    def bind(node, ctx):
        store = ctx.__dict__.setdefault("tables", {})
        attrs = node.attrs
        key = ("table", attrs.get("container", ""), attrs.get("shared_name") or node.name)
        lock = ctx.lock
        key_dtype = _dt.as_dtype(attrs["key_dtype"])
        value_dtype = _dt.as_dtype(attrs["value_dtype"])

        def handle():
            t = store.get(key)
            if t is None:
                with lock:
                    t = store.get(key)
                    if t is None:
                        t = store[key] = Table(kind, key_dtype, value_dtype)
            if t.kind != kind or t.key_dtype != key_dtype or t.value_dtype != value_dtype:
                raise errors.InvalidArgumentError(
                    None, None, f"Trying to share a table '{key[2]}' of another type or "
                    f"with other key/value dtypes")
            return t
        return handle
    return bind


register_op("HashTableV2", infer=_table_infer, bind=_table_bind("HashTable"), stateful=True,
            grad=None)
register_op("MutableHashTableV2", infer=_table_infer, bind=_table_bind("MutableHashTable"),
            stateful=True, grad=None)


def _no_outputs(inputs, attrs):
    return []


def _shape_str(shape):
    if shape.ndims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _same_shape(a, b):
    if a.shape.is_compatible_with(b.shape):
        return
    if a.shape.ndims != b.shape.ndims:
        raise ValueError(f"Shapes must be equal rank, but are {a.shape.ndims} and "
                         f"{b.shape.ndims}")
    for i, (x, y) in enumerate(zip(a.shape.as_list(), b.shape.as_list())):
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} and "
                             f"{y}. Shapes are {_shape_str(a.shape)} and {_shape_str(b.shape)}.")


def _import_infer(inputs, attrs):
    _same_shape(inputs[1], inputs[2])
    return []


register_op("LookupTableImportV2", infer=_import_infer,
            bind=lambda node, ctx: lambda t, keys, values: t.import_values(keys, values),
            stateful=True, grad=None)


def _init_bind(node, ctx):
    def run(t, keys, values):
        keys, values = _check_pairs(keys, values)
        t.initialize(_key_list(keys), np.asarray(values).reshape(-1).tolist())
    return run


def _init_infer(inputs, attrs):
    if inputs[1].shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {inputs[1].shape.ndims}")
    _same_shape(inputs[1], inputs[2])
    return []


register_op("InitializeTableV2", infer=_init_infer, bind=_init_bind, stateful=True, grad=None)


def _already_initialized(name):
    """TF's InitializeTableFromTextFile on an initialized table (a table shared by name,
    as two feature columns of one vocabulary file make): the file is opened, then the
    table's FailedPrecondition is only logged (C++ INFO, shown below TF_CPP_MIN_LOG_LEVEL
    1)."""
    path = os.fsdecode(name) if isinstance(name, bytes) else str(name)
    try:
        fd, _ = file_io.open_regular(path)
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except OSError as e:
        raise errors.InvalidArgumentError(None, None, f"{path}: {e}") from None
    os.close(fd)
    try:
        shown = int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0") or 0) <= 0
    except ValueError:
        shown = True
    if shown:
        now = datetime.datetime.now()
        sys.stderr.write(f"{now:%Y-%m-%d %H:%M:%S.%f}: I tensorflow/core/kernels/"
                         f"lookup_util.cc:376] Table trying to initialize from file {path} "
                         "is already initialized.\n")


def _text_bind(node, ctx):
    a = node.attrs

    def run(t, filename):
        name = np.asarray(filename, dtype=object).reshape(()).item()
        if t.initialized:
            _already_initialized(name)
            return
        keys, values = read_vocabulary(name, a["key_index"], a["value_index"],
                                       a.get("vocab_size", -1), a.get("delimiter", "\t"),
                                       t.key_dtype, t.value_dtype)
        t.initialize(keys, values)
    return run


def _text_infer(inputs, attrs):
    if inputs[1].shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {inputs[1].shape.ndims}")
    return []


register_op("InitializeTableFromTextFileV2", infer=_text_infer, bind=_text_bind, stateful=True,
            grad=None)


def _dense_shapes(handle):
    """(key shape, value shape) a MutableDenseHashTableV2 or MutableHashTableOfTensorsV2
    handle carries (TF's handle data: empty_key's static shape or [], the value_shape
    attr), or None for other tables."""
    op = handle.op
    while op.type in ("Identity", "RefIdentity") and op._inputs:
        op = op._inputs[0].op
    if op.type in ("MutableHashTableOfTensorsV2", "MutableHashTableOfTensors"):
        return TensorShape([]), TensorShape(op._get_attr("value_shape"))
    if op.type != "MutableDenseHashTableV2":
        return None
    value_shape = op._get_attr("value_shape")
    return op._inputs[0].shape, TensorShape(value_shape)


def _find_infer(inputs, attrs):
    dense = _dense_shapes(inputs[0])
    if dense is None:
        return [(inputs[2].dtype.base_dtype, inputs[1].shape)]
    key_shape, value_shape = dense
    keys = inputs[1].shape
    if key_shape.ndims is None or keys.ndims is None:
        return [(inputs[2].dtype.base_dtype, TensorShape(None))]
    if keys.ndims < key_shape.ndims:
        raise ValueError(f"Expected keys to have suffix {_shape_str(key_shape)} but saw "
                         f"shape: {_shape_str(keys)}")
    prefix = keys.as_list()[:keys.ndims - key_shape.ndims]
    return [(inputs[2].dtype.base_dtype, TensorShape(prefix).concatenate(value_shape))]


def _export_infer(inputs, attrs):
    dense = _dense_shapes(inputs[0])
    values = TensorShape([None]) if dense is None else \
        TensorShape([None]).concatenate(dense[1])
    return [(_dt.as_dtype(attrs["Tkeys"]), TensorShape([None])),
            (_dt.as_dtype(attrs["Tvalues"]), values)]


register_op("LookupTableFindV2", infer=_find_infer,
            bind=lambda node, ctx: lambda t, keys, default: t.find(keys, default),
            stateful=True, grad=None)


register_op("LookupTableInsertV2", infer=_no_outputs,
            bind=lambda node, ctx: lambda t, keys, values: t.insert(keys, values),
            stateful=True, grad=None)
register_op("LookupTableSizeV2", infer=lambda i, a: [(_dt.int64, TensorShape([]))],
            bind=lambda node, ctx: lambda t: t.size(), stateful=True, grad=None)
register_op("LookupTableExportV2",
            infer=_export_infer, bind=lambda node, ctx: lambda t: t.export(), stateful=True,
            grad=None)


# -- the reference-typed (v1) forms of old GraphDefs: a string_ref handle of shape [2], the
# same tables and kernels as the resource forms; TF's v1 shape functions leave a find's
# values and an export's values unknown and do not compare an import's keys and values
def _ref_table_infer(inputs, attrs):
    return [(_dt.string._as_ref, TensorShape([2]))]


register_op("HashTable", infer=_ref_table_infer, bind=_table_bind("HashTable"), stateful=True,
            grad=None)
register_op("MutableHashTable", infer=_ref_table_infer, bind=_table_bind("MutableHashTable"),
            stateful=True, grad=None)
_V1_INFER = {
    "LookupTableImport": _no_outputs,
    "LookupTableFind": lambda inputs, attrs: [(inputs[2].dtype.base_dtype, TensorShape(None))],
    "LookupTableExport": lambda inputs, attrs: [
        (_dt.as_dtype(attrs["Tkeys"]), TensorShape([None])),
        (_dt.as_dtype(attrs["Tvalues"]), TensorShape(None))]}
_TF_TYPES = {"float32": "float", "float64": "double", "float16": "half"}


def _types(dtypes):
    return ", ".join(_TF_TYPES.get(d.name, d.name) for d in dtypes)


def _signed_bind(bind, outputs):
    """TF's MatchSignature in the table kernels: the inputs after the handle must be the
    table's (key, value) dtypes, a find's output its value dtype, an export's (key,
    value); checked when the op runs."""
    def wrapped(node, ctx):
        run = bind(node, ctx)
        have_in = [t.dtype for t in node.op._inputs]
        have_out = [t.dtype for t in node.op.outputs]

        def checked(t, *args):
            kv = [t.key_dtype, t.value_dtype]
            want_in = have_in[:1] + (kv if len(have_in) > 1 else [])
            want_out = {"find": kv[1:], "export": kv}.get(outputs, [])
            if have_in != want_in or have_out != want_out:
                raise errors.InvalidArgumentError(
                    None, None, f"Signature mismatch, have: {_types(have_in)}->"
                    f"{_types(have_out)} expected: {_types(want_in)}->{_types(want_out)}")
            return run(t, *args)
        return checked
    return wrapped


for _v1, _sig in (("LookupTableImport", "none"), ("InitializeTable", "none"),
                  ("InitializeTableFromTextFile", None), ("LookupTableFind", "find"),
                  ("LookupTableInsert", "none"), ("LookupTableSize", None),
                  ("LookupTableExport", "export")):
    _od = OPS[_v1 + "V2"]
    register_op(_v1, infer=_V1_INFER.get(_v1, _od.infer),
                bind=_od.bind if _sig is None else _signed_bind(_od.bind, _sig), stateful=True,
                grad=None)
