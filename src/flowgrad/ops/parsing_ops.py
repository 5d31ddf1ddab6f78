"""tf.parse_example & co, tf.decode_raw, tf.decode_csv, tf.io.decode_compressed (TF 1.14's
python/ops/parsing_ops.py): the feature specs and the ops TF builds for them. Kernels are
in engine/ops/parsing.py."""
from __future__ import annotations

import collections
import re

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph
from ..engine.framework.tensor_shape import as_shape
from ..engine.ops import parsing as _parsing  # noqa: F401 - registers the parsing ops
from ..engine.ops import parsing_seq as _parsing_seq  # noqa: F401 - and the sequence ones
from ..engine.ops._base import apply_op
from ..engine.ops.shape import reshape
from .sparse_tensor import SparseTensor

__all__ = ["FixedLenFeature", "FixedLenSequenceFeature", "VarLenFeature", "SparseFeature",
           "decode_compressed", "decode_csv", "decode_raw", "parse_example",
           "parse_sequence_example", "parse_single_example", "parse_single_sequence_example"]


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
    """A sparse feature from index feature(s) and a value feature: a SparseTensor of dense
    shape `size` (per example), built with sparse_merge as TF does."""

    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtype, size, already_sorted)


_SUPPORTED = (_dt.float32, _dt.int64, _dt.string)


def _features_to_raw_params(features, types):
    """TF 1.14's split of a feature dict (sorted keys) into sparse keys/types and dense
    keys/types/defaults/shapes, with its errors."""
    sparse_keys, sparse_types, dense_keys, dense_types, dense_shapes = [], [], [], [], []
    dense_defaults = collections.OrderedDict()
    for key in sorted(features or {}):
        f = features[key]
        if isinstance(f, VarLenFeature):
            if VarLenFeature not in types:
                raise ValueError(f"Unsupported VarLenFeature {f}.")
            if not f.dtype:
                raise ValueError(f"Missing type for feature {key}.")
            sparse_keys.append(key)
            sparse_types.append(_dt.as_dtype(f.dtype))
        elif isinstance(f, SparseFeature):
            if SparseFeature not in types:
                raise ValueError(f"Unsupported SparseFeature {f}.")
            if not f.index_key:
                raise ValueError(f"Missing index_key for SparseFeature {f}.")
            if not f.value_key:
                raise ValueError(f"Missing value_key for SparseFeature {f}.")
            if not f.dtype:
                raise ValueError(f"Missing type for feature {key}.")
            index_keys = [f.index_key] if isinstance(f.index_key, str) else f.index_key
            for ik in sorted(index_keys):
                if ik in sparse_keys:
                    t = sparse_types[sparse_keys.index(ik)]
                    if t != _dt.int64:
                        raise ValueError(f"Conflicting type {t} vs int64 for feature {ik}.")
                else:
                    sparse_keys.append(ik)
                    sparse_types.append(_dt.int64)
            if f.value_key in sparse_keys:
                t = sparse_types[sparse_keys.index(f.value_key)]
                if t != _dt.as_dtype(f.dtype):
                    raise ValueError(f"Conflicting type {t} vs {_dt.as_dtype(f.dtype)} for "
                                     f"feature {f.value_key}.")
            else:
                sparse_keys.append(f.value_key)
                sparse_types.append(_dt.as_dtype(f.dtype))
        elif isinstance(f, FixedLenFeature):
            if FixedLenFeature not in types:
                raise ValueError(f"Unsupported FixedLenFeature {f}.")
            if not f.dtype:
                raise ValueError(f"Missing type for feature {key}.")
            if f.shape is None:
                raise ValueError(f"Missing shape for feature {key}.")
            shape = as_shape(f.shape)
            if f.shape and shape.ndims and shape.dims[0].value is None:
                raise ValueError(f"First dimension of shape for feature {key} unknown. "
                                 "Consider using FixedLenSequenceFeature.")
            if not shape.is_fully_defined():
                raise ValueError(f"All dimensions of shape for feature {key} need to be "
                                 f"known but received {f.shape}.")
            dense_keys.append(key)
            dense_shapes.append(f.shape)
            dense_types.append(_dt.as_dtype(f.dtype))
            if f.default_value is not None:
                dense_defaults[key] = f.default_value
        elif isinstance(f, FixedLenSequenceFeature):
            if FixedLenSequenceFeature not in types:
                raise ValueError(f"Unsupported FixedLenSequenceFeature {f}.")
            if not f.dtype:
                raise ValueError(f"Missing type for feature {key}.")
            if f.shape is None:
                raise ValueError(f"Missing shape for feature {key}.")
            dense_keys.append(key)
            dense_shapes.append(f.shape)
            dense_types.append(_dt.as_dtype(f.dtype))
            if f.allow_missing:
                dense_defaults[key] = None
            if f.default_value is not None:
                dense_defaults[key] = f.default_value
        else:
            raise ValueError(f"Invalid feature {key}:{f}.")
    return sparse_keys, sparse_types, dense_keys, dense_types, dense_defaults, dense_shapes


def _features(features, types=(VarLenFeature, SparseFeature, FixedLenFeature,
                                FixedLenSequenceFeature), missing="Missing: features was {}."):
    if not features:
        raise ValueError(missing)
    for f in features.values():
        if isinstance(f, FixedLenSequenceFeature) and not f.allow_missing:
            raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to "
                             "be True.")
    sk, st, dk, _, _, _ = _features_to_raw_params(features, types)
    return list(zip(sk, st)), [(k, features[k]) for k in dk]


def _check_keys(sparse, dense):
    """TF's check in the op's name scope: no key both dense and sparse."""
    sk, dk = {k for k, _ in sparse}, {k for k, _ in dense}
    if not dk.isdisjoint(sk):
        raise ValueError(f"Dense and sparse keys must not intersect; intersection: {dk & sk}")


def _check_types(sparse, dense):
    """TF 1.14's op wrapper's type checks (in the op's scope, its inputs made): the dense
    defaults' types (an input) first, then the sparse_types attr."""
    allowed = "allowed values: float32, int64, string"
    for _, f in dense:
        if _dt.as_dtype(f.dtype) not in _SUPPORTED:
            raise TypeError("Value passed to parameter 'dense_defaults' has DataType "
                            f"{_dt.as_dtype(f.dtype).name} not in list of {allowed}")
    for _, dt in sparse:
        if dt not in _SUPPORTED:
            raise TypeError(f"Value passed to parameter 'sparse_types' has DataType {dt.name} "
                            f"not in list of {allowed}")


def _dense_defaults(dense):
    """TF's default inputs. A FixedLenSequenceFeature's is its scalar padding value (a
    `padding_<k>` default reshaped to [], or 0 / ""); a FixedLenFeature's an empty Const,
    or its default (a `key_<k>` Const reshaped to the shape; a Tensor as given)."""
    out = []
    for key, f in dense:
        dt = _dt.as_dtype(f.dtype)
        safe = re.sub("[^A-Za-z0-9_.\\-/]", "_", key)
        if isinstance(f, FixedLenSequenceFeature):
            if f.default_value is None:
                out.append(convert_to_tensor("" if dt is _dt.string else 0, dtype=dt))
            else:
                out.append(reshape(convert_to_tensor(f.default_value, dtype=dt,
                                                     name=f"padding_{safe}"), []))
        elif f.default_value is None:
            out.append(constant([], dt))
        elif isinstance(f.default_value, Tensor):
            out.append(f.default_value)
        else:
            d = convert_to_tensor(f.default_value, dtype=dt, name=f"key_{safe}")
            out.append(reshape(d, as_shape(f.shape).as_list()))
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


def _sparse_merge(sp_ids, sp_values, vocab_size, already_sorted, shape_known):
    """TF 1.14's sparse_merge (the ops it builds): the ids as the last index columns, the
    dense shape's last dimension replaced by `vocab_size`, `sp_values`' values."""
    from . import array_ops, math_ops, sparse_ops  # lazy: only SparseFeature needs them
    if isinstance(sp_ids, SparseTensor):
        sp_ids, vocab_size = [sp_ids], [vocab_size]
    g = get_default_graph()
    with g.name_scope("SparseMerge"):
        ids = []
        for sp_id in sp_ids:
            v = sp_id.values
            if v.dtype.base_dtype is not _dt.int64:
                v = math_ops.cast(v, _dt.int64)
            ids.append(array_ops.expand_dims(v, axis=1))
        sizes = [math_ops.cast(x, _dt.int64) for x in vocab_size]
        # as TF 1.14: the leading index columns and dims come from the first ids tensor
        new_indices = array_ops.concat([sp_ids[0].indices[:, :-1]] + ids, 1)
        new_shape = array_ops.concat([sp_ids[0].dense_shape[:-1], sizes], 0)
        if already_sorted:
            return SparseTensor(new_indices, sp_values.values, new_shape)
        ind, val = sparse_ops._gen.sparse_reorder(new_indices, sp_values.values, new_shape)
        if shape_known is not None:
            with g.name_scope("SparseTensor_1"):
                dense_shape = constant(shape_known, _dt.int64, name="dense_shape")
        else:
            dense_shape = array_ops.identity(new_shape)
        SparseTensor(ind, val, dense_shape)
        return SparseTensor(ind, val, new_shape)


def _merge_sparse_features(features, result, single):
    """TF's _construct_sparse_tensors_for_sparse_features: one SparseTensor per
    SparseFeature; the index and value features only it used are dropped."""
    result = dict(result)
    for key in sorted(features):
        f = features[key]
        if not isinstance(f, SparseFeature):
            continue
        if isinstance(f.index_key, str):
            ids, sizes = result[f.index_key], f.size
        else:
            ids, sizes = [result[k] for k in f.index_key], f.size
        size_list = [sizes] if isinstance(f.index_key, str) else list(sizes)
        known = [int(x) for x in size_list] if single and \
            all(isinstance(x, int) for x in size_list) else None
        result[key] = _sparse_merge(ids, result[f.value_key], sizes, f.already_sorted, known)
    for key in set(result) - set(features):
        del result[key]
    return result


def parse_example(serialized, features, name=None, example_names=None):
    """Parses serialized tf.train.Example protos (a [batch] string tensor) into a dict of
    Tensors (FixedLen*) and SparseTensors (VarLenFeature, SparseFeature)."""
    sparse, dense = _features(features)
    g = get_default_graph()
    with g.name_scope(name or "ParseExample"):
        _check_keys(sparse, dense)
        serialized = convert_to_tensor(serialized, dtype=_dt.string, name="serialized")
        defaults = _dense_defaults(dense)
        with g.name_scope("ParseExample") as op_scope:
            names = convert_to_tensor([] if example_names is None else example_names,
                                      dtype=_dt.string, name="names")
            skeys = [constant(k, _dt.string, name=f"sparse_keys_{i}")
                     for i, (k, _) in enumerate(sparse)]
            dkeys = [constant(k, _dt.string, name=f"dense_keys_{i}")
                     for i, (k, _) in enumerate(dense)]
            _check_types(sparse, dense)
        attrs = {"Nsparse": len(sparse), "Ndense": len(dense),
                 "sparse_types": [t for _, t in sparse],
                 "Tdense": [_dt.as_dtype(f.dtype) for _, f in dense],
                 "dense_shapes": [as_shape(f.shape) for _, f in dense],
                 "var_len": [isinstance(f, FixedLenSequenceFeature) for _, f in dense]}
        op = apply_op("ParseExample", [serialized, names] + skeys + dkeys + defaults, attrs,
                      op_scope)
    return _merge_sparse_features(features, _outputs(op, sparse, dense), False)


def parse_single_example(serialized, features, name=None, example_names=None):
    """Parses one serialized tf.train.Example (a scalar string tensor)."""
    if example_names is not None:
        return _parse_single_example_named(serialized, features, name, example_names)
    sparse, dense = _features(features, missing="Missing features.")
    g = get_default_graph()
    with g.name_scope(name or "ParseSingleExample"):
        serialized = convert_to_tensor(serialized, dtype=_dt.string, name="serialized")
        _check_keys(sparse, dense)
        defaults = _dense_defaults(dense)
        with g.name_scope("ParseSingleExample") as op_scope:
            _check_types(sparse, dense)
        attrs = {"num_sparse": len(sparse), "sparse_keys": [k for k, _ in sparse],
                 "dense_keys": [k for k, _ in dense],
                 "sparse_types": [t for _, t in sparse],
                 "Tdense": [_dt.as_dtype(f.dtype) for _, f in dense],
                 "dense_shapes": [as_shape(f.shape) for _, f in dense],
                 "var_len": [isinstance(f, FixedLenSequenceFeature) for _, f in dense]}
        op = apply_op("ParseSingleExample", [serialized] + defaults, attrs, op_scope)
    return _merge_sparse_features(features, _outputs(op, sparse, dense), True)


def _scalar_check(t, what, assert_name, deps_name):
    """TF's check that `t` is a scalar: ValueError at build time, else an Assert."""
    from ..ops.control_flow_ops import with_dependencies  # lazy: only named examples
    from ..ops.logging_ops import Assert  # lazy: with the above
    from ..engine.ops.comparison import equal  # lazy: with the above
    from ..engine.ops.shape import rank  # lazy: with the above
    if t.shape.ndims is not None:
        if t.shape.ndims != 0:
            raise ValueError(f"Input {what} must be a scalar")
        return t
    return with_dependencies([Assert(equal(rank(t), 0), [f"Input {what} must be a scalar"],
                                     name=assert_name)], t, name=deps_name)


def _parse_single_example_named(serialized, features, name, example_names):
    """TF 1.14's parse_single_example with example_names (its unoptimized path): the
    example and its name as batches of one through ParseExample (so errors name the
    example), then the batch dimension removed."""
    from ..engine.ops.joining import slice as _slice  # lazy: only named examples
    from ..engine.ops.shape import expand_dims, squeeze  # lazy: with the above
    if not features:
        raise ValueError("Missing features.")
    g = get_default_graph()
    with g.name_scope(name or "ParseSingleExample"):
        serialized = _scalar_check(convert_to_tensor(serialized), "serialized",
                                   "SerializedIsScalar", "SerializedDependencies")
        serialized = expand_dims(serialized, 0)
        names = _scalar_check(convert_to_tensor(example_names), "names", "NamesIsScalar",
                              "NamesDependencies")
        names = expand_dims(names, 0)
        outputs = parse_example(serialized, features, example_names=names)
        result = {}
        for key in sorted(outputs):
            v = outputs[key]
            clean = re.sub("[^A-Za-z0-9_.\\-/]", "_", key)
            if isinstance(v, SparseTensor):
                result[key] = SparseTensor(
                    _slice(v.indices, [0, 1], [-1, -1], name=f"Slice_Indices_{clean}"),
                    v.values,
                    _slice(v.dense_shape, [1], [-1], name=f"Squeeze_Shape_{clean}"))
            else:
                result[key] = squeeze(v, [0], name=f"Squeeze_{clean}")
    return result


# -- SequenceExample -----------------------------------------------------------------------
def _seq_params(context_features, sequence_features):
    if not (context_features or sequence_features):
        raise ValueError("Missing features.")
    ctx = _features_to_raw_params(context_features, (VarLenFeature, FixedLenFeature))
    seq = _features_to_raw_params(sequence_features, (VarLenFeature, FixedLenSequenceFeature))
    for key, dt in list(zip(ctx[0], ctx[1])) + list(zip(ctx[2], ctx[3])) + \
            list(zip(seq[0], seq[1])) + list(zip(seq[2], seq[3])):
        if dt not in _SUPPORTED:
            raise ValueError(f"Unsupported {dt.name} for key {key}.")
    missing = []
    for k, v in seq[4].items():
        if v is not None:
            raise ValueError(f"Value feature_list_dense_defaults[{k}] must be None")
        missing.append(k)
    return ctx, seq, missing


def _context_defaults(ctx, reshape_defaults):
    out = []
    for key, dt, shape in zip(ctx[2], ctx[3], ctx[5]):
        d = ctx[4].get(key)
        if d is None:
            out.append(constant([], dt))
        elif isinstance(d, Tensor):
            out.append(d)
        else:
            t = convert_to_tensor(d, dtype=dt, name="key_" + re.sub(
                "[^A-Za-z0-9_.\\-/]", "_", key))
            out.append(reshape(t, as_shape(shape).as_list()) if reshape_defaults else t)
    return out


def _seq_outputs(outs, ctx, seq, lengths):
    ncs, ncd, nfs, nfd = len(ctx[0]), len(ctx[2]), len(seq[0]), len(seq[2])
    pos = 0

    def take(n):
        nonlocal pos
        r = outs[pos:pos + n]
        pos += n
        return r
    ci, cv, cs, cd = take(ncs), take(ncs), take(ncs), take(ncd)
    fi, fv, fs, fd = take(nfs), take(nfs), take(nfs), take(nfd)
    context = dict(zip(ctx[0] + ctx[2], [SparseTensor(*x) for x in zip(ci, cv, cs)] + cd))
    lists = dict(zip(seq[0] + seq[2], [SparseTensor(*x) for x in zip(fi, fv, fs)] + fd))
    if not lengths:
        return context, lists
    return context, lists, dict(zip(seq[2], take(nfd)))


def _seq_attrs(ctx, seq):
    return {"context_sparse_types": list(ctx[1]), "Tcontext_dense": list(ctx[3]),
            "context_dense_shapes": [as_shape(s) for s in ctx[5]],
            "feature_list_sparse_types": list(seq[1]),
            "feature_list_dense_types": list(seq[3]),
            "feature_list_dense_shapes": [as_shape(s) for s in seq[5]]}


def parse_single_sequence_example(serialized, context_features=None, sequence_features=None,
                                  example_name=None, name=None):
    """Parses one serialized tf.train.SequenceExample: (context dict, feature-list dict)."""
    ctx, seq, missing = _seq_params(context_features, sequence_features)
    g = get_default_graph()
    with g.name_scope(name or "ParseSingleSequenceExample"):
        serialized = convert_to_tensor(serialized, dtype=_dt.string)
        defaults = _context_defaults(ctx, True)
        with g.name_scope("ParseSingleSequenceExample") as op_scope:
            miss = constant(missing, _dt.string,
                            name="feature_list_dense_missing_assumed_empty") if missing else \
                constant(np.zeros(0, dtype=object), _dt.string,
                         name="feature_list_dense_missing_assumed_empty")
            keys = []
            for arg, ks in (("context_sparse_keys", ctx[0]), ("context_dense_keys", ctx[2]),
                            ("feature_list_sparse_keys", seq[0]),
                            ("feature_list_dense_keys", seq[2])):
                keys += [constant(k, _dt.string, name=f"{arg}_{i}") for i, k in enumerate(ks)]
            debug = convert_to_tensor("" if example_name is None else example_name,
                                      dtype=_dt.string, name="debug_name")
        attrs = dict(_seq_attrs(ctx, seq), Ncontext_sparse=len(ctx[0]),
                     Ncontext_dense=len(ctx[2]), Nfeature_list_sparse=len(seq[0]),
                     Nfeature_list_dense=len(seq[2]))
        op = apply_op("ParseSingleSequenceExample",
                      [serialized, miss] + keys + defaults + [debug], attrs, op_scope)
    return _seq_outputs(list(op.outputs), ctx, seq, False)


def parse_sequence_example(serialized, context_features=None, sequence_features=None,
                           example_names=None, name=None):
    """Parses a batch of serialized tf.train.SequenceExamples: (context dict, feature-list
    dict, feature-list lengths dict); feature lists are padded to the longest."""
    ctx, seq, missing = _seq_params(context_features, sequence_features)
    g = get_default_graph()
    with g.name_scope(name or "ParseSequenceExample"):
        serialized = convert_to_tensor(serialized, dtype=_dt.string)
        defaults = _context_defaults(ctx, False)
        with g.name_scope("ParseSequenceExample") as op_scope:
            debug = convert_to_tensor(
                np.zeros(0, dtype=object) if example_names is None else example_names,
                dtype=_dt.string, name="debug_name")
        attrs = dict(_seq_attrs(ctx, seq), Ncontext_sparse=len(ctx[0]),
                     Ncontext_dense=len(ctx[2]), Nfeature_list_sparse=len(seq[0]),
                     Nfeature_list_dense=len(seq[2]), context_sparse_keys=list(ctx[0]),
                     context_dense_keys=list(ctx[2]), feature_list_sparse_keys=list(seq[0]),
                     feature_list_dense_keys=list(seq[2]),
                     feature_list_dense_missing_assumed_empty=missing)
        op = apply_op("ParseSequenceExample", [serialized, debug] + defaults, attrs, op_scope)
    return _seq_outputs(list(op.outputs), ctx, seq, True)


_RAW_TYPES = (_dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.uint16, _dt.uint8,
              _dt.int16, _dt.int8, _dt.int64, _dt.complex64, _dt.complex128, _dt.bool_)
_CSV_TYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.int64, _dt.string)


def decode_raw(input_bytes=None, out_type=None, little_endian=True, name=None, bytes=None):  # noqa: A002
    """Reinterprets the bytes of each string as a vector of `out_type` numbers."""
    if input_bytes is not None and bytes is not None:
        raise ValueError("Cannot specify both 'input_bytes' and 'bytes'.")
    input_bytes = bytes if input_bytes is None else input_bytes
    if input_bytes is None:
        raise ValueError("Must specify 'input_bytes'.")
    t = convert_to_tensor(input_bytes, dtype=_dt.string)
    out_type = _dt.as_dtype(out_type)
    if out_type not in _RAW_TYPES:     # (TF's op_def_library has taken the op's name)
        get_default_graph().unique_name(name or "DecodeRaw")
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} "
                        "not in list of allowed values: " + ", ".join(d.name for d in _RAW_TYPES))
    return apply_op("DecodeRaw", [t], {"out_type": out_type,
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
        recs = convert_to_tensor(records, dtype=_dt.string, name="records")
        defaults = []
        for i, d in enumerate(record_defaults):
            if isinstance(d, Tensor):
                defaults.append(d)
                continue
            defaults.append(convert_to_tensor(d, name=f"record_defaults_{i}") if list(d)
                            else constant([], _dt.float32, name=f"record_defaults_{i}"))
    for d in defaults:
        if d.dtype.base_dtype not in _CSV_TYPES:
            raise TypeError(f"Value passed to parameter 'record_defaults' has DataType "
                            f"{d.dtype.base_dtype.name} not in list of allowed values: " +
                            ", ".join(t.name for t in _CSV_TYPES))
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

