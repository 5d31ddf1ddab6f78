"""TF 1.14's array_ops: the shape, construction, joining and indexing ops, and composites.

The primitive ops (their kernels, shape and gradient rules) and their wrappers
live in the engine, one module per family: engine/ops/shape.py (identity,
reshape, transpose, ...), construction.py (fill, zeros, range, one_hot, ...),
joining.py (concat, stack, split, slice, pad, tile) and indexing.py (gather,
scatter_nd, where, reverse, unique, ...). This module re-exports them under
TF's names and adds TF's composites built from them: eye, boolean_mask,
sequence_mask, sort, argsort and batch_gather.
"""
from __future__ import annotations

__all__ = [
    "identity", "identity_n", "stop_gradient", "shape", "shape_n", "size", "rank", "reshape",
    "fill", "zeros_like", "ones_like", "zeros", "ones", "broadcast_to", "range", "linspace",
    "lin_space", "eye", "where", "placeholder", "placeholder_with_default", "transpose",
    "invert_permutation", "expand_dims", "squeeze", "concat", "stack", "unstack", "split",
    "slice", "gather", "gather_nd", "scatter_nd", "tile", "pad", "reverse", "reverse_sequence",
    "reverse_v2",
    "one_hot", "boolean_mask", "unique", "sequence_mask", "sort", "argsort", "batch_gather",
    "meshgrid",
    "setdiff1d", "check_numerics", "space_to_batch_nd", "batch_to_space_nd",
]

import builtins

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._array_util import (DTypeLike, TensorLike, _scope, folded_value,  # noqa: F401
                                      shape_value)
from ..engine.framework.static_value import constant_value
from ..engine.ops._base import apply, apply_op, to_tensor
from ..engine.ops.cast import cast
from ..engine.ops.comparison import less
from ..engine.ops.convolution import batch_to_space_nd, space_to_batch_nd
from ..engine.ops.construction import (fill, lin_space, linspace, one_hot, ones, ones_like,
                                       placeholder, placeholder_with_default, range, zeros,
                                       zeros_like)
from ..engine.ops.indexing import gather as _gather
from ..engine.ops.indexing import gather_nd as _gather_nd
from ..engine.ops.indexing import (reverse, reverse_sequence, reverse_v2, scatter_nd, setdiff1d,
                                   unique, where)
from ..engine.ops.joining import concat, pad, slice, split, stack, tile, unstack
from ..engine.ops.shape import (broadcast_to, check_numerics, expand_dims, identity, identity_n,
                                invert_permutation, rank, reshape, shape, shape_n, size, squeeze,
                                stop_gradient, transpose)
from ..engine.ops.elementwise import negative
from ..engine.ops.matrix import eye  # noqa: F401 - tf.eye


# -- boolean_mask (composite, as TF) ----------------------------------------------------------
def boolean_mask(tensor: TensorLike, mask: TensorLike, name: str = "boolean_mask",
                 axis: int | None = None) -> Tensor:
    """The elements (or slices) of `tensor` where the bool `mask` is True.

    `mask` (of known rank >= 1) covers dimensions axis .. axis+rank(mask)-1 of
    `tensor`; those are flattened and the True positions gathered, so the
    gradient w.r.t. tensor is dense (through gather's IndexedSlices and a
    reshape). The result has rank rank(tensor) - rank(mask) + 1.

    >>> tf.Session().run(tf.boolean_mask([1, 2, 3], [True, False, True]))
    array([1, 3], dtype=int32)
    """
    with _scope(name, "boolean_mask", [t for t in (tensor, mask) if isinstance(t, Tensor)]):
        tensor = tensor if isinstance(tensor, Tensor) else to_tensor(tensor, name="tensor")
        mask = mask if isinstance(mask, Tensor) else to_tensor(mask, name="mask")
        ms = mask.shape
        nm = ms.ndims
        ts = tensor.shape
        if nm == 0:
            raise ValueError("mask cannot be scalar.")
        if nm is None:
            raise ValueError("Number of mask dimensions must be specified, even if some "
                             "dimensions are None.  E.g. shape=[None] is ok, but shape=None is "
                             "not.")
        axis = 0 if axis is None else axis
        covered = ts[axis:axis + nm]
        if not covered.is_compatible_with(ms):
            raise ValueError(f"Shapes {covered} and {ms} are incompatible")
        dims_covered = shape(tensor)[axis:axis + nm]
        with _scope(None, "Prod", [dims_covered]) as ps:
            leading = apply("Prod", [dims_covered, constant(np.array([0], np.int32),
                                                            name="reduction_indices")],
                            {"keep_dims": False}, ps)
        flat_shape = concat([shape(tensor)[:axis], [leading], shape(tensor)[axis + nm:]], 0)
        flat = reshape(tensor, flat_shape)
        td = ts.as_tuple()
        if td is not None:
            cd = covered.as_tuple()
            first = None if cd is None or None in cd else int(np.prod(cd, dtype=np.int64))
            flat.set_shape(list(td[:axis]) + [first] + list(td[axis + nm:]))
        m = reshape(mask, [-1])
        indices = squeeze(where(m), axis=[1])
        return gather(flat, indices, axis=axis)


# -- sequence_mask (composite, as TF) ---------------------------------------------------------
def sequence_mask(lengths: TensorLike, maxlen: TensorLike | None = None,
                  dtype: DTypeLike = _dt.bool_, name: str | None = None) -> Tensor:
    """mask[i, ..., j] = j < lengths[i, ...] for j in range(maxlen) (default max(lengths)).

    >>> tf.Session().run(tf.sequence_mask([1, 3], 4))
    array([[ True, False, False, False], [ True,  True,  True, False]])
    """
    vals = [v for v in (lengths, maxlen) if isinstance(v, Tensor)]
    with _scope(name, "SequenceMask", vals):
        lengths = to_tensor(lengths)
        if maxlen is None:
            r = lengths.shape.ndims
            axes = constant(np.arange(r, dtype=np.int32)) if r is not None else \
                range(0, rank(lengths))
            mx = apply("Max", [lengths, axes], {"keep_dims": False}, "Max")
            maxlen = apply("Maximum", [constant(0, dtype=mx.dtype.base_dtype), mx], None,
                           "Maximum")
        else:
            maxlen = to_tensor(maxlen)
        if maxlen.shape.ndims not in (None, 0):
            raise ValueError("maxlen must be scalar for sequence_mask")
        mdt = maxlen.dtype.base_dtype
        row = apply("Range", [constant(0, dtype=mdt), maxlen, constant(1, dtype=mdt)],
                    {"Tidx": mdt}, "Range")
        lx = expand_dims(lengths, -1)
        # gen_math_ops.cast: a Cast op even when the dtype is unchanged, as TF
        matrix = apply("Cast", [lx], {"DstT": mdt, "SrcT": lx.dtype.base_dtype}, "Cast")
        result = less(row, matrix)
        lv = folded_value(lengths)
        if lv is not None and maxlen.op.type == "Maximum":
            # TF's shape inference evaluates max(lengths) when lengths is constant.
            result.set_shape(list(np.shape(lv)) + [int(builtins.max(0, np.max(lv, initial=0)))])
        dtype = _dt.as_dtype(dtype).base_dtype if dtype is not None else None
        if dtype is None or dtype is _dt.bool_:
            return result
        return cast(result, dtype)


# -- sort / argsort (composites over TopKV2, as TF) --------------------------------------------
_DIRECTIONS = ("ASCENDING", "DESCENDING")


def _sort_or_argsort(values, axis, direction, return_argsort):
    if direction not in _DIRECTIONS:
        raise ValueError(f"{direction} should be one of ASCENDING, DESCENDING")
    axis_t = to_tensor(axis, name="axis") if not isinstance(axis, Tensor) else axis
    axis_static = constant_value(axis_t)   # TF's tensor_util.constant_value
    if axis_t.shape.ndims not in (None, 0) or axis_static is None:
        raise ValueError("axis must be a constant scalar")
    axis_static = int(axis_static)
    values = to_tensor(values, name="values") if not isinstance(values, Tensor) else values
    if direction == "ASCENDING":
        out = _descending_sort(negative(values), axis_static, return_argsort)
        return out if return_argsort else negative(out)
    return _descending_sort(values, axis_static, return_argsort)


def _descending_sort(values, axis, return_argsort):
    static_rank = values.shape.ndims
    k = shape(values)[axis]
    rank(values)  # TF 1.14 builds it (unused)
    if axis == -1 or (static_rank is not None and axis + 1 == static_rank):
        top_in, transposition = values, None
    else:
        if static_rank is None:
            raise NotImplementedError("flowgrad: sort along a non-last axis of a tensor of "
                                      "unknown rank is not implemented")
        if axis < 0:
            axis += static_rank
        perm = np.r_[np.arange(axis), [static_rank - 1], np.arange(axis + 1, static_rank - 1),
                     [axis]].astype(np.int32)
        transposition = constant(perm, name="transposition")
        top_in = transpose(values, transposition)
    op = apply_op("TopKV2", [top_in, k], {"sorted": True}, "TopKV2")
    out = op.outputs[1] if return_argsort else op.outputs[0]
    if values.shape.is_fully_defined():
        # TF's shape inference folds k = shape(values)[axis] when the shape is known.
        out.set_shape(top_in.shape)
    if transposition is not None:
        out = transpose(out, transposition)
    return out


def sort(values: TensorLike, axis: int = -1, direction: str = "ASCENDING",
         name: str | None = None) -> Tensor:
    """`values` sorted along the constant `axis` (TF 1.14's tf.sort, built on TopKV2).

    >>> tf.Session().run(tf.sort([3, 1, 2]))
    array([1, 2, 3], dtype=int32)
    """
    with _scope(name, "sort", [values] if isinstance(values, Tensor) else []):
        return _sort_or_argsort(values, axis, direction, return_argsort=False)


def argsort(values: TensorLike, axis: int = -1, direction: str = "ASCENDING",
            stable: bool = False, name: str | None = None) -> Tensor:
    """The int32 indices that sort `values` along `axis` (ties always keep their order).

    >>> tf.Session().run(tf.argsort([3, 1, 2]))
    array([1, 2, 0], dtype=int32)
    """
    with _scope(name, "argsort", [values] if isinstance(values, Tensor) else []):
        return _sort_or_argsort(values, axis, direction, return_argsort=True)


# -- batch_gather (composite, as TF 1.14's array_ops._batch_gather) --------------------------
def batch_gather(params: TensorLike, indices: TensorLike, name: str | None = None) -> Tensor:
    """Gathers within each batch: out[b..., j] = params[b..., indices[b..., j]] where the
    leading rank(indices) - 1 dims of `indices` and `params` are batch dims.

    Built as TF 1.14 builds it: the indices are offset into a flattened params (Range, Mul,
    Reshape, Add) and one GatherV2 picks the rows, so the gradient is GatherV2's.

    >>> tf.Session().run(tf.batch_gather([[1, 2], [3, 4]], [[1], [0]]))
    array([[2], [3]], dtype=int32)
    """
    with _scope(name, "BatchGather", [t for t in (params, indices) if isinstance(t, Tensor)]):
        indices = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        params = params if isinstance(params, Tensor) else to_tensor(params, name="params")
        if indices.shape.ndims is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        return _batch_gather(params, indices, indices.shape.ndims - 1)


def _batch_gather(params, indices, batch_dims):
    indices_ndims = indices.shape.ndims
    if batch_dims < 0 or batch_dims >= indices_ndims:
        raise ValueError("batch_dims = %d must be less than rank(indices) = %d" %
                         (batch_dims, indices_ndims))
    if params.shape.ndims is not None and batch_dims >= params.shape.ndims:
        raise ValueError("batch_dims = %d must be less than rank(params) = %d" %
                         (batch_dims, params.shape.ndims))
    indices_shape = shape(indices)
    params_shape = shape(params)
    batch_indices = indices
    indices_dtype = indices.dtype.base_dtype
    accum_dim_value = ones((), dtype=indices_dtype)
    # gen_math_ops.cast: a Cast op even when the dtype is unchanged, as TF
    casted_params_shape = apply("Cast", [params_shape], {"DstT": indices_dtype,
                                                          "SrcT": params_shape.dtype.base_dtype},
                                "Cast")
    for dim in builtins.range(batch_dims, 0, -1):
        dim_value = casted_params_shape[dim - 1]
        accum_dim_value *= casted_params_shape[dim]
        start = zeros((), dtype=indices_dtype)
        step = ones((), dtype=indices_dtype)
        dim_indices = apply("Range", [start, dim_value, step], {"Tidx": indices_dtype}, "Range")
        dim_indices *= accum_dim_value
        dim_shape = stack([1] * (dim - 1) + [dim_value] + [1] * (indices_ndims - dim), axis=0)
        batch_indices += reshape(dim_indices, dim_shape)
    flat_indices = reshape(batch_indices, [-1])
    outer_shape = params_shape[batch_dims + 1:]
    inner = params_shape[:batch_dims + 1]
    with _scope(None, "Prod", [inner]) as ps:
        flat_inner_shape = apply("Prod", [inner, constant(np.array([0], np.int32),
                                                          name="reduction_indices")],
                                 {"keep_dims": False}, ps)
    flat_params = reshape(params, concat([[flat_inner_shape], outer_shape], axis=0))
    flat_result = gather(flat_params, flat_indices)
    result = reshape(flat_result, concat([indices_shape, outer_shape], axis=0))
    final_shape = indices.shape[:batch_dims].merge_with(params.shape[:batch_dims])
    final_shape = final_shape.concatenate(TensorShape(indices.shape.as_tuple()[batch_dims:]))
    final_shape = final_shape.concatenate(params.shape[batch_dims + 1:])
    result.set_shape(final_shape)
    return result


# -- gather / gather_nd with batch_dims, meshgrid (composites, as TF 1.14 builds them) --------
def gather(params: TensorLike, indices: TensorLike, validate_indices: object = None,
           name: str | None = None, axis: int | Tensor | None = None,
           batch_dims: int = 0) -> Tensor:
    """Slices of `params` along `axis` (default `batch_dims`) at `indices` (op GatherV2);
    with `batch_dims` b, the first b dims of `params` and `indices` are batch dims
    (built as TF 1.14's _batch_gather: indices offset into a flattened params, one
    GatherV2).

    >>> tf.Session().run(tf.gather([[1, 2, 3], [4, 5, 6]], [[2, 0], [1, 1]], batch_dims=1))
    array([[3, 1], [5, 5]], dtype=int32)
    """
    if batch_dims == 0:
        return _gather(params, indices, validate_indices, name, axis)
    ins = [t for t in (params, indices, axis) if isinstance(t, Tensor)]
    with _scope(name, "Gather", ins):
        return _batch_gather_axis(params, indices, batch_dims, axis)


def _batch_gather_axis(params, indices, batch_dims, axis):
    if batch_dims is not None and not isinstance(batch_dims, int):
        raise TypeError("batch_dims must be an int; got %r" % (batch_dims,))
    indices = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
    params = params if isinstance(params, Tensor) else to_tensor(params, name="params")
    indices_ndims = indices.shape.ndims
    if indices_ndims is None:
        raise ValueError("tf.gather does not allow indices with unknown rank when "
                         "batch_dims is specified.")
    if batch_dims is None:
        batch_dims = indices_ndims - 1
    if batch_dims < 0:
        batch_dims += indices_ndims
    if batch_dims < 0 or batch_dims >= indices_ndims:
        raise ValueError("batch_dims = %d must be less than rank(indices) = %d" %
                         (batch_dims, indices_ndims))
    if params.shape.ndims is not None and batch_dims >= params.shape.ndims:
        raise ValueError("batch_dims = %d must be less than rank(params) = %d" %
                         (batch_dims, params.shape.ndims))
    if axis is None or (not isinstance(axis, Tensor) and axis == batch_dims):
        return _batch_gather(params, indices, batch_dims)
    # TF 1.14's _batch_gather fails on these paths with Python errors of its own: a tensor
    # axis reaches an undefined `tf.where`, a negative axis on params of unknown rank an
    # undefined `array_ops.rank`, and any other axis there negates the unknown rank
    if not isinstance(axis, int):
        raise NameError("name 'tf' is not defined")
    if params.shape.ndims is None:
        if axis < 0:
            raise NameError("name 'array_ops' is not defined")
        raise TypeError("bad operand type for unary -: 'NoneType'")
    nd = params.shape.ndims
    if axis < -nd or axis >= nd:
        raise ValueError("axis (%d) out of range [%d, %d)" % (axis, -nd, nd))
    if axis < 0:
        axis += nd
    if axis < batch_dims:
        raise ValueError("batch_dims = %d must be less than or equal to axis = %d" %
                         (batch_dims, axis))
    perm = [list(builtins.range(batch_dims)), [axis], _int_range(batch_dims, axis),
            _int_range(axis + 1, rank(params))]
    params = transpose(params, concat(perm, axis=0))
    result = _batch_gather(params, indices, batch_dims)
    params_start = indices_ndims + axis - batch_dims
    perm = [list(builtins.range(batch_dims)), _int_range(indices_ndims, params_start),
            list(builtins.range(batch_dims, indices_ndims)),
            _int_range(params_start, rank(result))]
    return transpose(result, perm=concat(perm, axis=0))


def _int_range(start, limit):
    """gen_math_ops._range(start, limit, 1): a Range op on int32 scalars (its constant
    inputs named inside the op's scope, as TF's op helpers name them)."""
    with _scope(None, "Range", [x for x in (start, limit) if isinstance(x, Tensor)]) as sc:
        args = [x if isinstance(x, Tensor) else constant(np.int32(x), name=n)
                for x, n in ((start, "start"), (limit, "limit"), (1, "delta"))]
        return apply("Range", args, {"Tidx": _dt.int32}, sc)


def gather_nd(params: TensorLike, indices: TensorLike, name: str | None = None,
              batch_dims: int = 0) -> Tensor:
    """Slices of `params` addressed by the last dim of `indices` (op GatherNd); with
    `batch_dims` b, the first b dims are batch dims (TF 1.14's batch_gather_nd: an index
    grid from meshgrid prepended to the indices, one GatherNd).

    >>> tf.Session().run(tf.gather_nd([[1, 2], [3, 4]], [[1], [0]], batch_dims=1))
    array([2, 3], dtype=int32)
    """
    if batch_dims == 0:
        # a resource variable gathers through its own gather_nd (ResourceGatherNd, which
        # TF 1.14 does not differentiate); anything else raises AttributeError there, as TF
        try:
            return params.gather_nd(indices, name=name)
        except AttributeError:
            return _gather_nd(params, indices, name)
    ins = [t for t in (params, indices) if isinstance(t, Tensor)]
    with _scope(name, "BatchGatherND", ins):
        indices = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        params = params if isinstance(params, Tensor) else to_tensor(params, name="params")
        if not isinstance(batch_dims, int):
            raise TypeError("batch_dims must be an int; got %r" % (batch_dims,))
        if batch_dims < 0:
            raise ValueError("tf.gather_nd does not allow negative batch_dims.")
        params_ndims, indices_ndims = params.shape.ndims, indices.shape.ndims
        if indices_ndims is not None and batch_dims >= indices_ndims:
            raise ValueError("batch_dims = %d must be less than rank(indices) = %d" %
                             (batch_dims, indices_ndims))
        if params_ndims is not None and batch_dims >= params_ndims:
            raise ValueError("batch_dims = %d must be less than rank(params) = %d" %
                             (batch_dims, params_ndims))
        params_shape = shape(params)
        indices_shape = shape(indices)
        batch_shape = params_shape[:batch_dims]
        with _scope(None, "Prod", [batch_shape]) as ps:
            batch_size = apply("Prod", [batch_shape, constant(np.array([0], np.int32),
                                                              name="reduction_indices")],
                               {"keep_dims": False}, ps)
        index_internal_ndims = rank(indices) - batch_dims - 1
        indices_internal_shape = indices_shape[batch_dims:-1]
        batch_dim_list = unstack(batch_shape, axis=0)
        # gen_math_ops.cast: a Cast op even when the dtype is unchanged, as TF
        dim_ranges = []
        for x in batch_dim_list:
            r = _int_range(0, x)
            dim_ranges.append(apply("Cast", [r], {"DstT": indices.dtype.base_dtype,
                                                  "SrcT": r.dtype.base_dtype}, "Cast"))
        mesh_list = meshgrid(*dim_ranges, indexing="ij") if dim_ranges else []
        flat_list = [reshape(x, shape=(-1,)) for x in mesh_list]
        index_grid = transpose(stack(flat_list, axis=0))
        index_grid_shape = shape(index_grid)
        index_grid = reshape(index_grid, concat([
            index_grid_shape[:1], ones(index_internal_ndims, dtype=_dt.int32),
            index_grid_shape[1:]], axis=0))
        tile_shape = concat(((1,), indices_internal_shape, (1,)), axis=0)
        index_grid = tile(index_grid, multiples=tile_shape)
        flat_shape = concat(([batch_size], indices_shape[batch_dims:]), axis=0)
        flat_indices = reshape(indices, shape=flat_shape)
        indices = concat((index_grid, flat_indices), axis=-1)
        out = apply("GatherNd", [params, indices], None, "GatherNd")
        out_shape = shape(out)
        return reshape(out, shape=concat((batch_shape, out_shape[1:]), axis=0))


def meshgrid(*args, **kwargs) -> list:
    """N-D coordinate arrays from N 1-D `args` (indexing "xy", the default, or "ij").

    >>> [a.tolist() for a in tf.Session().run(tf.meshgrid([1, 2], [3, 4, 5]))]
    [[[1, 2], [1, 2], [1, 2]], [[3, 3], [4, 4], [5, 5]]]
    """
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        key = list(kwargs.keys())[0]
        raise TypeError("'{}' is an invalid keyword argument for this function".format(key))
    if indexing not in ("xy", "ij"):
        raise ValueError("indexing parameter must be either 'xy' or 'ij'")
    with _scope(name, "meshgrid", [a for a in args if isinstance(a, Tensor)]):
        ndim = len(args)
        s0 = (1,) * ndim
        # stack(x) as TF: a tensor as it is, a list packed into a Const "stack"
        output = [reshape(x if isinstance(x, Tensor) else stack(x), s0[:i] + (-1,) + s0[i + 1:])
                  for i, x in enumerate(args)]
        shapes = [size(x) for x in args]
        output_dtype = (args[0] if isinstance(args[0], Tensor) else
                        to_tensor(args[0])).dtype.base_dtype
        if indexing == "xy" and ndim > 1:
            output[0] = reshape(output[0], (1, -1) + (1,) * (ndim - 2))
            output[1] = reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
            shapes[0], shapes[1] = shapes[1], shapes[0]
        mult_fact = ones(shapes, output_dtype)
        return [x * mult_fact for x in output]
