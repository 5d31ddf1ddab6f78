"""tf.parse_example & co, tf.decode_raw, tf.decode_csv, tf.io.decode_compressed (TF 1.14's
python/ops/parsing_ops.py): the feature specs and the ops TF builds for them. Kernels are
in engine/ops/parsing.py."""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph
from ..engine.framework.tensor_shape import as_shape
from ..engine.ops import parsing as _parsing  # noqa: F401 - registers the parsing ops
from ..engine.ops._base import apply_op
from ..engine.ops.shape import reshape
from .sparse_tensor import SparseTensor

__all__ = ["FixedLenFeature", "FixedLenSequenceFeature", "VarLenFeature", "SparseFeature",
           "decode_compressed", "decode_csv", "decode_raw", "parse_example",
           "parse_single_example"]


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """A variable-length feature: parsed to a SparseTensor."""


class FixedLenFeature(collections.namedtuple("FixedLenFeature",
                                             ["shape", "dtype", "default_value"])):
    """A fixed-length feature of `shape` (missing ones take `default_value`)."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """A sequence of `shape`-sized items, padded with `default_value` to the longest."""

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtype, allow_missing, default_value)


class SparseFeature(collections.namedtuple(
        "SparseFeature", ["index_key", "value_key", "dtype", "size", "already_sorted"])):
    """A sparse feature from index and value features (not implemented by flowgrad's
    parse_example: it raises NotImplementedError naming it)."""

    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtype, size, already_sorted)


_SUPPORTED = (_dt.float32, _dt.int64, _dt.string)


def _features(features):
    if not features:
        raise ValueError("Missing: features was {}.")
    sparse, dense = [], []
    for key in sorted(features):
        f = features[key]
        if isinstance(f, SparseFeature):
            raise NotImplementedError("flowgrad's parse_example does not take SparseFeature "
                                      f"(feature {key!r})")
        if isinstance(f, VarLenFeature):
            sparse.append((key, _dt.as_dtype(f.dtype)))
        elif isinstance(f, (FixedLenFeature, FixedLenSequenceFeature)):
            dense.append((key, f))
        else:
            raise ValueError(f"Invalid feature {key}:{f}.")
    for key, dt in sparse:
        if dt not in _SUPPORTED:
            raise ValueError(f"Unsupported {dt.name} for key {key}.")
    for key, f in dense:
        if _dt.as_dtype(f.dtype) not in _SUPPORTED:
            raise ValueError(f"Unsupported {_dt.as_dtype(f.dtype).name} for key {key}.")
        if isinstance(f, FixedLenSequenceFeature) and not f.allow_missing:
            raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to "
                             "be True.")
    return sparse, dense


def _dense_defaults(dense):
    """TF's default inputs: `key_<k>` + Reshape for a given default, an empty Const else."""
    out = []
    for key, f in dense:
        dt = _dt.as_dtype(f.dtype)
        shape = as_shape(f.shape)
        if f.default_value is None:
            out.append(constant([], dt))
            continue
        d = convert_to_tensor(f.default_value, dtype=dt, name=f"key_{key}")
        if isinstance(f, FixedLenSequenceFeature):
            out.append(reshape(d, [-1]))
        else:
            out.append(reshape(d, shape.as_list()))
    return out


def _outputs(op, sparse, dense, names_sparse=True):
    ns = len(sparse)
    outs = list(op.outputs)
    result = {}
    for i, (key, _) in enumerate(sparse):
        result[key] = SparseTensor(outs[i], outs[ns + i], outs[2 * ns + i])
    for j, (key, _) in enumerate(dense):
        result[key] = outs[3 * ns + j]
    return result


def parse_example(serialized, features, name=None, example_names=None):
    """Parses serialized tf.train.Example protos (a [batch] string tensor) into a dict of
    Tensors (FixedLen*) and SparseTensors (VarLenFeature)."""
    sparse, dense = _features(features)
    g = get_default_graph()
    with g.name_scope(name or "ParseExample"):
        serialized = convert_to_tensor(serialized, dtype=_dt.string, name="serialized")
        defaults = _dense_defaults(dense)
        with g.name_scope("ParseExample") as op_scope:
            names = convert_to_tensor([] if example_names is None else example_names,
                                      dtype=_dt.string, name="names")
            skeys = [constant(k, _dt.string, name=f"sparse_keys_{i}")
                     for i, (k, _) in enumerate(sparse)]
            dkeys = [constant(k, _dt.string, name=f"dense_keys_{i}")
                     for i, (k, _) in enumerate(dense)]
        attrs = {"Nsparse": len(sparse), "Ndense": len(dense),
                 "sparse_types": [t for _, t in sparse],
                 "Tdense": [_dt.as_dtype(f.dtype) for _, f in dense],
                 "dense_shapes": [as_shape(f.shape) for _, f in dense],
                 "var_len": [isinstance(f, FixedLenSequenceFeature) for _, f in dense]}
        op = apply_op("ParseExample", [serialized, names] + skeys + dkeys + defaults, attrs,
                      op_scope)
    return _outputs(op, sparse, dense)


def parse_single_example(serialized, features, name=None, example_names=None):
    """Parses one serialized tf.train.Example (a scalar string tensor)."""
    if example_names is not None:
        raise NotImplementedError("flowgrad's parse_single_example does not take argument "
                                  "'example_names'")
    sparse, dense = _features(features)
    g = get_default_graph()
    with g.name_scope(name or "ParseSingleExample"):
        serialized = convert_to_tensor(serialized, dtype=_dt.string, name="serialized")
        defaults = _dense_defaults(dense)
        with g.name_scope("ParseSingleExample") as op_scope:
            pass
        attrs = {"num_sparse": len(sparse), "sparse_keys": [k for k, _ in sparse],
                 "dense_keys": [k for k, _ in dense],
                 "sparse_types": [t for _, t in sparse],
                 "Tdense": [_dt.as_dtype(f.dtype) for _, f in dense],
                 "dense_shapes": [as_shape(f.shape) for _, f in dense],
                 "var_len": [isinstance(f, FixedLenSequenceFeature) for _, f in dense]}
        op = apply_op("ParseSingleExample", [serialized] + defaults, attrs, op_scope)
    return _outputs(op, sparse, dense)


def decode_raw(input_bytes=None, out_type=None, little_endian=True, name=None, bytes=None):  # noqa: A002
    """Reinterprets the bytes of each string as a vector of `out_type` numbers."""
    if input_bytes is not None and bytes is not None:
        raise ValueError("Cannot specify both 'input_bytes' and 'bytes'.")
    input_bytes = bytes if input_bytes is None else input_bytes
    if input_bytes is None:
        raise ValueError("Must specify 'input_bytes'.")
    t = convert_to_tensor(input_bytes, dtype=_dt.string)
    return apply_op("DecodeRaw", [t], {"out_type": _dt.as_dtype(out_type),
                                       "little_endian": bool(little_endian)},
                    name or "DecodeRaw").outputs[0]


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None,
               na_value="", select_cols=None):
    """Splits CSV `records` into one tensor per column, typed by `record_defaults`."""
    if select_cols is not None:
        cols = list(select_cols)
        if any(b <= a for a, b in zip(cols, cols[1:])):
            raise ValueError("select_cols is not strictly increasing.")
        if cols and cols[0] < 0:
            raise ValueError("select_cols contains negative values.")
        if len(cols) != len(record_defaults):
            raise ValueError("Length of select_cols and record_defaults do not match.")
    g = get_default_graph()
    with g.name_scope(name or "DecodeCSV") as scope:
        recs = convert_to_tensor(records, dtype=_dt.string)
        defaults = []
        for i, d in enumerate(record_defaults):
            if isinstance(d, Tensor):
                defaults.append(d)
                continue
            defaults.append(convert_to_tensor(d, name=f"record_defaults_{i}") if list(d)
                            else constant([], _dt.float32, name=f"record_defaults_{i}"))
    attrs = {"OUT_TYPE": [d.dtype.base_dtype for d in defaults], "field_delim": field_delim,
             "use_quote_delim": bool(use_quote_delim), "na_value": na_value,
             "select_cols": list(select_cols or ())}
    op = apply_op("DecodeCSV", [recs] + defaults, attrs, scope)
    return list(op.outputs)


def decode_compressed(bytes, compression_type="", name=None):  # noqa: A002
    """Decompresses each string ('' for none, 'ZLIB' or 'GZIP')."""
    if compression_type not in ("", "ZLIB", "GZIP"):
        raise ValueError(f"Unsupported compression type {compression_type!r}")
    t = convert_to_tensor(bytes, dtype=_dt.string)
    return apply_op("DecodeCompressed", [t], {"compression_type": compression_type},
                    name or "DecodeCompressed").outputs[0]

