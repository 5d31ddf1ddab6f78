"""Indexing ops: strided slices, gathers and scatters, selection, Where, Unique.

StridedSlice is TF's encoding of Python slicing (`x[1:, ..., None, ::-1, 2]`):
begin/end/strides vectors plus five bit masks; `_canonical` follows TF's
ValidateStridedSliceOp (it expands the ellipsis, checks ranks and bounds with
TF's messages, and gives the static result shape). GatherV2's gradient for
axis 0 is an IndexedSlices, as in TF.
"""
from __future__ import annotations

import builtins
import warnings
from collections import namedtuple

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.graph import Tensor
from ..framework.grad_state import wants_grad
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import no_gradient_registered, register_op
from ..framework.slice_spec import dense_spec
from ..framework.static_value import constant_value
from ..framework.tensor_shape import TensorShape
from ._array_util import (_MASKS, _unique_slices, DTypeLike, IntsLike, TensorLike, _as_int_input,
                          check_not_float,
                          _check_out_type, _dims, _fmt_shape, _int_tensor, _invalid, _np_index,
                          _refined_int, _scope, _static_int, merge_shapes,
                          refined_ints,
                          refined_scalar, shape_value)
from ._base import apply, apply_op, op_input, same_type_inputs, to_tensor
from .cast import cast
from .construction import range, zeros_like
from .joining import concat
from .prims import unsorted_segment_sum  # segment (above this family) uses gather
from .shape import expand_dims, reshape, shape, size, squeeze, transpose
from .state import _var_name


# -- StridedSlice / StridedSliceGrad ------------------------------------------------------------
def _canonical(dims, begin, end, strides, attrs):
    """TF's strided-slice validation on static `dims` (ints or None).

    `begin`/`end` may be None (not known statically): sliced dims are then
    unknown and shrink indices unchecked. Returns the result dims (None where
    unknown). Raises ValueError with TF's
    messages for a zero stride, too many indices, or an out-of-bounds shrink index.
    """
    spec = dense_spec(len(dims), begin, end, strides, attrs)
    out = []
    d = 0
    for s in spec:
        kind = s[0]
        if kind == "new":
            out.append(1)
            continue
        size = dims[d]
        if kind == "shrink":
            if size is not None and s[1] is not None:
                idx = s[1] + size if s[1] < 0 else s[1]
                if not 0 <= idx < size:
                    raise ValueError(f"slice index {idx} of dimension {d} out of bounds.")
        elif kind == "full":
            out.append(size)
        elif kind == "unknown":
            out.append(None)
        else:
            sliced = None if size is None else builtins.range(size)[builtins.slice(*s[1:4])]
            out.append(None if sliced is None else len(sliced))
        d += 1
    return out


def _strided_slice_infer(inputs, attrs):
    x, b, e, s = inputs
    for t, name in ((b, "begin"), (e, "end"), (s, "strides")):
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    if not (b.dtype.base_dtype is e.dtype.base_dtype is s.dtype.base_dtype):
        raise TypeError(f"Input 'end' of 'StridedSlice' Op has type {e.dtype.name} that does "
                        f"not match type {b.dtype.name} of argument 'begin'.")
    # as TF's shape refiner: indices from small int arithmetic (rt.row_splits[:-1][i]) count
    # (TF's shape function asks for the strides first, and begin/end only when they and
    # the input's rank are known: an error then names the strides alone); input_tensor
    # evaluates each whole (a slice of a partly known shape is unknown)
    sv = refined_ints(s, partial=False)
    dims = x.shape.as_tuple()
    if sv is not None and dims is not None:  # TF checks strides only when the rank is known
        for i, st in enumerate(np.asarray(sv).reshape(-1)):
            if st == 0:
                raise ValueError(f"strides[{i}] must be non-zero")
    if dims is None or sv is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    bv, ev = refined_ints(b, partial=False), refined_ints(e, partial=False)
    # Unknown begin/end (tensor indices) still fix the rank; those dims are unknown.
    return [(x.dtype.base_dtype, TensorShape(_canonical(dims, bv, ev, sv, attrs)))]


def _strided_slice_kernel(x, begin, end, strides, **attrs):
    x = np.asarray(x)
    try:
        return x[_np_index(begin, end, strides, attrs)]
    except (IndexError, ValueError):
        try:
            _canonical(x.shape, begin, end, strides, attrs)
        except ValueError as e:
            raise errors.InvalidArgumentError(None, None, str(e)) from None
        raise


def _strided_slice_grad(op, grad):
    """Scatter the gradient into zeros shaped like the input."""
    x, b, e, s = op._inputs
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        shp = constant(np.array(xs, dtype=b.dtype.as_numpy_dtype), name="Shape")
    else:
        shp = apply("Shape", [x], {"out_type": b.dtype.base_dtype}, "Shape")
    attrs = {m: op._get_attr(m) for m in _MASKS}
    # An IndexedSlices gradient (from a gather downstream) is densified, as TF does.
    return [apply("StridedSliceGrad", [shp, b, e, s, to_tensor(grad)], attrs), None, None, None]


register_op("StridedSlice", infer=_strided_slice_infer, kernel=_strided_slice_kernel,
            grad=_strided_slice_grad, aliases_input=True)


def _ssg_infer(inputs, attrs):
    shp, b, e, s, dy = inputs
    sv = shape_value(shp)   # TF's MakeShapeFromShapeTensor: the known dims of shape(x)
    if sv is None:
        return [(dy.dtype.base_dtype, TensorShape(None))]
    return [(dy.dtype.base_dtype, TensorShape([None if d is None or d < 0 else int(d)
                                               for d in sv]))]


def _ssg_kernel(shape, begin, end, strides, dy, **attrs):
    out = np.zeros(tuple(int(d) for d in shape), dtype=np.asarray(dy).dtype)
    out[_np_index(begin, end, strides, attrs)] = dy
    return out


def _ssg_grad(op, grad):
    """The gradient of a scatter-into-zeros is the same slice of the incoming gradient."""
    shp, b, e, s, dy = op._inputs
    attrs = {m: op._get_attr(m) for m in _MASKS}
    return [None, None, None, None, apply("StridedSlice", [to_tensor(grad), b, e, s], attrs)]


register_op("StridedSliceGrad", infer=_ssg_infer, kernel=_ssg_kernel, grad=_ssg_grad)


# -- StridedSliceAssign: `variable[...].assign(value)` ------------------------------------------
def _ssa_infer(inputs, attrs):
    ref, b, e, s, value = inputs
    if not ref.dtype.is_ref_dtype:
        raise TypeError("'StridedSliceAssign' Op requires that input 'ref' be a mutable tensor "
                        f"(e.g.: a tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if value.dtype.base_dtype is not ref.dtype.base_dtype:
        raise TypeError(f"Input 'value' of 'StridedSliceAssign' Op has type "
                        f"{value.dtype.base_dtype.name} that does not match type "
                        f"{ref.dtype.name} of argument 'ref'.")
    return [(ref.dtype, ref.shape)]


def assign_slice(ref, begin, end, strides, value, attrs):
    """Writes `value` into `ref[begin:end:strides]` (masks in `attrs`), with TF's errors."""
    value = np.asarray(value)
    try:
        idx = _np_index(begin, end, strides, attrs)
        target_shape = ref[idx].shape
    except (IndexError, ValueError):
        try:
            _canonical(ref.shape, begin, end, strides, attrs)
        except ValueError as err:
            raise errors.InvalidArgumentError(None, None, str(err)) from None
        raise
    if target_shape != value.shape:
        raise errors.UnimplementedError(
            None, None, "sliced l-value shape [" + ",".join(map(str, target_shape)) +
            "] does not match r-value shape [" + ",".join(map(str, value.shape)) +
            "]. Automatic broadcasting not yet implemented.")
    ref[idx] = value
    return ref


def _ssa_bind(node, ctx):
    attrs = {m: node.attrs.get(m, 0) for m in _MASKS}

    store, name = ctx.variables, _var_name(node)

    def update(ref, begin, end, strides, value):
        # the variable's current buffer: an Assign with validate_shape=False may have
        # replaced the one `ref` held when this run started (TF's ref edges see the new one)
        return assign_slice(store.get(name, ref), begin, end, strides, value, attrs)
    return update


register_op("StridedSliceAssign", infer=_ssa_infer, bind=_ssa_bind, stateful=True, grad=None,
            aliases_input=True)


def strided_slice(input_: TensorLike, begin: IntsLike, end: IntsLike,
                  strides: IntsLike | None = None, begin_mask: int = 0, end_mask: int = 0,
                  ellipsis_mask: int = 0, new_axis_mask: int = 0, shrink_axis_mask: int = 0,
                  var: object = None, name: str | None = None) -> Tensor:
    """A strided slice of `input_` (TF's encoding of Python slicing).

    Bit i of a mask says what entry i is: begin_mask/end_mask: slice from/to
    the edge; ellipsis_mask: `...`; new_axis_mask: tf.newaxis;
    shrink_axis_mask: an integer index (the dimension is removed). `var` is
    ignored (TF uses it for sliced assignment). ValueError for a zero stride,
    too many indices, or an index out of bounds.

    >>> tf.Session().run(tf.strided_slice(tf.range(10), [1], [8], [3]))
    array([1, 4, 7], dtype=int32)
    """
    x = to_tensor(input_)
    if strides is None:
        strides = [1] * len(begin)
    b, e, s = (t if isinstance(t, Tensor) else constant(np.asarray(t, dtype=np.int32))
               for t in (begin, end, strides))
    attrs = dict(zip(_MASKS, (begin_mask, end_mask, ellipsis_mask, new_axis_mask,
                              shrink_axis_mask)))
    return apply("StridedSlice", [x, b, e, s], attrs, name or "strided_slice")


# -- ReverseV2 ---------------------------------------------------------------------------------
def _reverse_infer(inputs, attrs):
    x, axis_t = inputs
    xs = _dims(x)
    if axis_t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {axis_t.shape.ndims}")
    av = _refined_int(axis_t)
    if av is not None and xs is not None:
        r = len(xs)
        seen = set()
        for a in av:
            if not -r <= a < r:
                raise ValueError(f"'axis'[{av.index(a)}] = {a} is out of valid range [0, {r - 1}")
            if a % r in seen:
                raise ValueError(f"axis {a % r} specified more than once.")
            seen.add(a % r)
    return [(x.dtype.base_dtype, x.shape)]


def _reverse_kernel(x, axis):
    x = np.asarray(x)
    axes = [int(a) for a in np.asarray(axis).reshape(-1)]
    for i, a in enumerate(axes):
        if not -x.ndim <= a < x.ndim:
            raise _invalid(f"'axis'[{i}] = {a} is out of valid range [0, {x.ndim - 1}")
    if not axes:
        return x
    seen = set()
    for a in axes:
        if a % x.ndim in seen:
            raise _invalid(f"axis {a % x.ndim} specified more than once.")
        seen.add(a % x.ndim)
    return np.flip(x, axis=tuple(a % x.ndim for a in axes))


register_op("ReverseV2", infer=_reverse_infer, kernel=_reverse_kernel,
            grad=lambda op, grad: [reverse(grad, op._inputs[1]), None], aliases_input=True)


# -- Reverse: TF's first reverse, a bool per dimension ---------------------------------------
def _reverse_v1_infer(inputs, attrs):
    """TF's shape function: the input has as many dimensions as `dims` has values."""
    x, dims = inputs
    if dims.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {dims.shape.ndims}")
    n = dims.shape.as_tuple()[0] if dims.shape.ndims == 1 else None
    if n is not None and x.shape.ndims is not None and x.shape.ndims != n:
        raise ValueError(f"Shape must be rank {n} but is rank {x.shape.ndims}")
    if x.shape.ndims is None and n is not None:
        return [(x.dtype.base_dtype, TensorShape([None] * n))]
    return [(x.dtype.base_dtype, x.shape)]


def _reverse_v1_kernel(x, dims, **_):
    dims = np.asarray(dims).reshape(-1)
    if len(dims) != np.ndim(x):
        raise _invalid(f"'dims' must have the same number of values as 'input' has "
                       f"dimensions. 'input' has {np.ndim(x)}'dims' has {len(dims)} values")
    return np.flip(x, axis=tuple(int(i) for i in np.flatnonzero(dims))) if dims.any() else x


register_op("Reverse", infer=_reverse_v1_infer, kernel=_reverse_v1_kernel,
            grad=lambda op, grad: [apply("Reverse", [grad, op._inputs[1]]), None])


def reverse(tensor: TensorLike, axis: IntsLike, name: str | None = None) -> Tensor:
    """Reverses `tensor` along the distinct dimensions in `axis` (op ReverseV2).

    >>> tf.Session().run(tf.reverse([[1, 2], [3, 4]], [1]))
    array([[2, 1], [4, 3]], dtype=int32)
    """
    if isinstance(axis, (list, tuple)) and axis and builtins.all(
            isinstance(v, bool) for v in axis):
        axis = np.asarray(axis, np.int32)   # TF converts Python bools to the int32 axis
    with _scope(name, "ReverseV2", [tensor]) as scope:
        x = op_input(tensor, "tensor")   # TF's op_def_library: ReverseV2/tensor
        if isinstance(axis, (list, tuple)) and builtins.any(isinstance(v, Tensor)
                                                            for v in axis):
            axis = convert_to_tensor(axis, name="axis")   # TF packs it: ReverseV2/axis
        if not isinstance(axis, Tensor):
            check_not_float(axis, "ReverseV2", "axis", fixed=False)
        a = axis if isinstance(axis, Tensor) else _int_tensor(np.asarray(axis).reshape(-1)
                                                              if np.size(axis) else
                                                              np.zeros(0, np.int32), "axis")
        return apply("ReverseV2", [x, a], None, scope)


reverse_v2 = reverse


# -- ReverseSequence ---------------------------------------------------------------------------
def _reverse_sequence_infer(inputs, attrs):
    x, lengths = inputs
    if lengths.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {lengths.shape.ndims}")
    if x.shape.ndims is None:
        return [(x.dtype.base_dtype, x.shape)]
    rank, seq_dim, batch_dim = x.shape.ndims, attrs["seq_dim"], attrs["batch_dim"]
    if batch_dim >= rank:
        raise ValueError(f"batch_dim must be < input rank: {batch_dim} vs. {rank}")
    if seq_dim >= rank:
        raise ValueError(f"seq_dim must be < input rank: {seq_dim} vs. {rank}")
    dims = list(x.shape.as_tuple())
    n = lengths.shape.as_tuple()[0] if lengths.shape.ndims == 1 else None
    if dims[batch_dim] is not None and n is not None and dims[batch_dim] != n:
        raise ValueError(f"Dimensions must be equal, but are {dims[batch_dim]} and {n}")
    dims[batch_dim] = n if dims[batch_dim] is None else dims[batch_dim]
    return [(x.dtype.base_dtype, TensorShape(dims))]


def _reverse_sequence_kernel(x, lengths, seq_dim=0, batch_dim=0, Tlen=None):
    x = np.asarray(x)
    lengths = np.asarray(lengths).reshape(-1)
    if seq_dim == batch_dim:
        raise _invalid(f"seq_dim == batch_dim == {seq_dim}")
    if lengths.shape[0] != x.shape[batch_dim]:
        raise _invalid(f"Length of seq_lens != input.dims({batch_dim}), ({lengths.shape[0]} "
                       f"vs. {x.shape[batch_dim]})")
    for i, n in enumerate(lengths):
        if n < 0:
            raise _invalid(f"seq_lens({i}) < 0")
        if n > x.shape[seq_dim]:
            raise _invalid(f"seq_lens({i}) > input.dims({seq_dim})")
    # index along seq_dim per batch entry: n-1-t below n, t beyond it
    t = np.arange(x.shape[seq_dim])
    n = lengths.astype(np.int64)[:, None]
    idx = np.where(t[None, :] < n, n - 1 - t[None, :], t[None, :])   # [batch, time]
    if batch_dim > seq_dim:
        idx = idx.T
    shape = [1] * x.ndim
    shape[batch_dim], shape[seq_dim] = x.shape[batch_dim], x.shape[seq_dim]
    return np.take_along_axis(x, idx.reshape(shape), seq_dim)


register_op("ReverseSequence", infer=_reverse_sequence_infer, kernel=_reverse_sequence_kernel,
            grad=lambda op, grad: [reverse_sequence(grad, op._inputs[1],
                                                    seq_axis=op._get_attr("seq_dim"),
                                                    batch_axis=op._get_attr("batch_dim")),
                                   None])


def reverse_sequence(input: TensorLike, seq_lengths: TensorLike, seq_axis: int | None = None,
                     batch_axis: int | None = None, name: str | None = None,
                     seq_dim: int | None = None, batch_dim: int | None = None) -> Tensor:
    """Reverses the first `seq_lengths[b]` slices along `seq_axis` of each batch entry b
    (along `batch_axis`); the rest are left in place (op ReverseSequence).

    >>> tf.Session().run(tf.reverse_sequence([[1, 2, 3], [4, 5, 6]], [2, 3], 1, 0))
    array([[2, 1, 3], [6, 5, 4]], dtype=int32)
    """
    if seq_axis is not None and seq_dim is not None:
        raise ValueError("Cannot specify both 'seq_dim' and 'seq_axis'")
    if batch_axis is not None and batch_dim is not None:
        raise ValueError("Cannot specify both 'batch_dim' and 'batch_axis'")
    seq_axis = seq_dim if seq_axis is None else seq_axis
    batch_axis = batch_dim if batch_axis is None else batch_axis
    if seq_axis is None:
        raise TypeError("Expected int for argument 'seq_dim' not None.")
    batch_axis = 0 if batch_axis is None else batch_axis
    with _scope(name, "ReverseSequence", []) as scope:
        x = to_tensor(input, name="input")
        lengths = to_tensor(seq_lengths, name="seq_lengths")
        if lengths.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'seq_lengths' has DataType "
                            f"{lengths.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        return apply("ReverseSequence", [x, lengths],
                     {"seq_dim": int(seq_axis), "batch_dim": int(batch_axis),
                      "Tlen": lengths.dtype.base_dtype}, scope)


# -- GatherV2 ----------------------------------------------------------------------------------
def _index_dtype_check(t, op_type, arg="indices"):
    if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {t.dtype.name} not in "
                        "list of allowed values: int32, int64")


def _gather_infer(inputs, attrs):
    params, indices, axis_t = inputs
    _index_dtype_check(indices, "GatherV2")
    ps, is_ = _dims(params), _dims(indices)
    # TF's refiner evaluates the axis' subgraph (signal.frame's rank - 1)
    axis = refined_scalar(axis_t, partial=False) if axis_t.dtype.base_dtype.is_integer \
        else _static_int(axis_t)
    dt = params.dtype.base_dtype
    if ps is not None and is_ is not None and axis is None:
        return [(dt, TensorShape([None] * (len(ps) + len(is_) - 1)))]
    if axis is None or ps is None or is_ is None:
        return [(dt, TensorShape(None))]
    r = len(ps)
    need = axis + 1 if axis >= 0 else -axis
    if r < need:
        raise ValueError(f"Shape must be at least rank {need} but is rank {r}")
    ax = axis % r
    return [(dt, TensorShape(list(ps[:ax]) + list(is_) + list(ps[ax + 1:])))]


def _bad_index_message(indices, bad, bound, what="indices"):
    pos = np.argwhere(bad)[0]
    # TF's SliceDebugString: "[1,2]", nothing for a scalar
    where_ = f"[{','.join(str(int(p)) for p in pos)}]" if len(pos) else ""
    return f"{what}{where_} = {int(indices[tuple(pos)])} is not in [0, {bound})"


def _gather_kernel(params, indices, axis, batch_dims=0, **_):
    params = np.asarray(params)
    indices = np.asarray(indices)
    ax = int(axis)
    if not -params.ndim <= ax < params.ndim:
        raise _invalid(f"Expected axis in the range [{-params.ndim}, {params.ndim}), but got "
                       f"{ax}")
    ax %= params.ndim
    n = params.shape[ax]
    bad = (indices < 0) | (indices >= n)
    if bad.any():
        raise _invalid(_bad_index_message(indices, bad, n))
    return np.take(params, indices, axis=ax)


def _gather_grad(op, grad):
    """axis 0: IndexedSlices(grad rows, flat indices, shape(params)); else a segment sum."""
    params, indices, axis_t = op._inputs
    ps = _dims(params)
    axis = constant_value(axis_t)   # TF's tensor_util.constant_value
    axis = None if axis is None else int(axis)
    if axis == 0:
        return [_gather_rows_grad(params, indices, grad), None, None]
    return [_gather_grad_other_axis(params, indices, axis_t, grad, ps, axis), None, None]


def _gather_rows_grad(params, indices, grad):
    """The gradient of a gather along axis 0 (Gather's, and GatherV2's at axis 0)."""
    ps, is_ = _dims(params), _dims(indices)
    n_idx = None if is_ is None or None in is_ else int(np.prod(is_, dtype=np.int64))
    # TF 1.14's ops: Shape (int64) and Cast, Size and ExpandDims, the shape's tail
    # (StridedSlice), ConcatV2, two Reshapes (static shapes as TF's shape inference)
    with params.graph.colocate_with(params):   # as TF: the shape where params lives
        params_shape = cast(shape(params, out_type=_dt.int64), _dt.int32)
    size_v = expand_dims(size(indices), 0)
    values_shape = concat([size_v, params_shape[1:]], 0)
    with warnings.catch_warnings():   # as TF: a sparse grad densified here is not reported
        warnings.filterwarnings(
            "ignore", message="Converting sparse IndexedSlices to a dense Tensor.*")
        values = reshape(grad, values_shape)
    flat = reshape(indices, size_v)
    if ps is not None and None not in ps:
        values.set_shape([n_idx] + list(ps[1:]))
    elif ps is not None:   # TF's refiner reads the Cast of a partly known shape as unknown
        values.set_shape([n_idx] + [None] * (len(ps) - 1))
    flat.set_shape([n_idx])
    return IndexedSlices(values, flat, params_shape)


def _gather_grad_other_axis(params, indices, axis_t, grad, ps, axis):
    """TF 1.14's axis != 0 gradient, op for op: the gather axis moved to the front, an
    UnsortedSegmentSum, and the inverse transpose (shapes sliced with the axis tensor)."""
    with params.graph.colocate_with(params):   # as TF: the shape where params lives
        params_shape = cast(shape(params, out_type=_dt.int64), _dt.int32)
    indices_size = expand_dims(size(indices), 0)
    r = None if ps is None else len(ps)
    ax = None if axis is None or r is None else axis % r
    outer_shape = params_shape[:axis_t]
    if ax is not None:   # TF's shape inference knows these lengths (its Size ops fold)
        outer_shape.set_shape([ax])
    outer_dims = size(outer_shape)
    inner_shape = params_shape[axis_t:][1:]
    if ax is not None:
        inner_shape.set_shape([r - ax - 1])
    inner_dims = size(inner_shape)
    outer_axes_indices = range(outer_dims)
    inner_axes_indices = range(outer_dims + 1, outer_dims + 1 + inner_dims)
    values = reshape(grad, concat([outer_shape, indices_size, inner_shape], 0))
    flat = reshape(indices, indices_size)
    transpose_dims = concat([[outer_dims], outer_axes_indices, inner_axes_indices], 0)
    summed = unsorted_segment_sum(transpose(values, transpose_dims), flat,
                                  params_shape[axis_t])
    inv = concat([outer_axes_indices + 1, [0], inner_axes_indices], 0)
    out = transpose(summed, inv)
    if ps is not None:
        out.set_shape(ps)
    return out


register_op("GatherV2", infer=_gather_infer, kernel=_gather_kernel, grad=_gather_grad)


# -- Gather: TF's first gather (axis 0, a validate_indices attr) ---------------------------
def _gather_v1_infer(inputs, attrs):
    params, indices = inputs
    _index_dtype_check(indices, "Gather")
    ps, is_ = _dims(params), _dims(indices)
    if ps is not None and len(ps) < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {len(ps)}")
    if ps is None or is_ is None:
        return [(params.dtype.base_dtype, TensorShape(None))]
    return [(params.dtype.base_dtype, TensorShape(list(is_) + list(ps[1:])))]


register_op("Gather", infer=_gather_v1_infer,
            kernel=lambda params, indices, **_: _gather_kernel(params, indices, 0),
            grad=lambda op, grad: [_gather_rows_grad(op._inputs[0], op._inputs[1], grad), None])


def gather(params: TensorLike, indices: TensorLike, validate_indices: object = None,
           name: str | None = None, axis: int | Tensor | None = None,
           batch_dims: int = 0) -> Tensor:
    """Slices of `params` along `axis` (default 0) at int32/int64 `indices` (op GatherV2).

    The result's shape is params.shape[:axis] + indices.shape + params.shape[axis+1:];
    its gradient w.r.t. params is a tf.IndexedSlices for axis 0. `validate_indices`
    is ignored, as in TF; `batch_dims` must be 0 here (tf.gather handles the rest).

    >>> tf.Session().run(tf.gather([10, 20, 30], [2, 0]))
    array([30, 10], dtype=int32)
    """
    if batch_dims != 0:
        raise NotImplementedError("flowgrad: the engine's gather takes batch_dims=0 (tf.gather "
                                  "builds TF's batch composite around it)")
    if axis is None:
        axis = 0
    sparse_read = getattr(params, "sparse_read", None)
    if sparse_read is not None and isinstance(axis, int) and axis == 0:
        return sparse_read(indices, name=name)   # a resource variable: ResourceGather (as TF)
    with _scope(name, "GatherV2", [params]) as scope:   # TF converts in it: GatherV2/params
        p = params if isinstance(params, Tensor) else to_tensor(params, name="params")
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        _index_dtype_check(i, "GatherV2")   # TF's op layer: before it converts axis
        if not isinstance(axis, Tensor):
            check_not_float(axis, "GatherV2", "axis", fixed=False)
        a = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32, name="axis")
        return apply("GatherV2", [p, i, a], {"batch_dims": 0}, scope)


# -- GatherNd / ScatterNd ----------------------------------------------------------------------
def _gather_nd_infer(inputs, attrs):
    params, indices = inputs
    _index_dtype_check(indices, "GatherNd")
    ps, is_ = _dims(params), _dims(indices)
    dt = params.dtype.base_dtype
    if is_ is not None and len(is_) == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if is_ is None or is_[-1] is None or ps is None:
        return [(dt, TensorShape(None))]
    k = is_[-1]
    if k > len(ps):
        raise ValueError(f"indices.shape[-1] must be <= params.rank, but saw indices shape: "
                         f"{_fmt_shape(is_)} and params shape: {_fmt_shape(ps)}")
    return [(dt, TensorShape(list(is_[:-1]) + list(ps[k:])))]


def _nd_index(indices, shape_, what, last=False):
    """The tuple index of `indices` (..., k) into `shape_`, validated: the error names the
    first bad index, or the `last` (TF's GatherNd: each bad slice overwrites the one
    location its kernel reports)."""
    k = indices.shape[-1]
    bounds = np.array(shape_[:k], dtype=np.int64)
    bad = ((indices < 0) | (indices >= bounds)).any(axis=-1) if k else np.zeros(
        indices.shape[:-1], bool)
    if bad.any():
        pos = np.argwhere(bad)[-1 if last else 0]
        where_ = ",".join(str(int(p)) for p in pos)
        vals = ", ".join(str(int(v)) for v in indices[tuple(pos)])
        raise _invalid(f"indices[{where_}] = [{vals}] does not index into {what} "
                       f"{_fmt_shape(shape_)}")
    return tuple(np.moveaxis(indices, -1, 0))


def _gather_nd_kernel(params, indices):
    params = np.asarray(params)
    indices = np.asarray(indices)
    if indices.ndim < 1:
        raise _invalid("indices must be at least a vector")
    if indices.shape[-1] > params.ndim:
        raise _invalid("index innermost dimension length must be <= params rank; saw: "
                       f"{indices.shape[-1]} vs. {params.ndim}")
    if indices.shape[-1] == 0:
        return np.array(np.broadcast_to(params, indices.shape[:-1] + params.shape))
    return params[_nd_index(indices, params.shape, "param shape", last=True)]


def _gather_nd_grad(op, grad):
    """TF 1.14: IndexedSlices(grad, squeeze(indices, -1), shape(params)) when indices are
    statically [N, 1]; otherwise scatter_nd(indices, grad, shape(params))."""
    params, indices = op._inputs
    shp = shape(params, out_type=indices.dtype.base_dtype)   # a Const "Shape" when known
    idims = _dims(indices)
    if idims is not None and len(idims) == 2 and idims[1] == 1:
        return [IndexedSlices(grad, squeeze(indices, axis=[-1]), shp), None]
    return [scatter_nd(indices, grad, shp), None]


register_op("GatherNd", infer=_gather_nd_infer, kernel=_gather_nd_kernel, grad=_gather_nd_grad)


def gather_nd(params: TensorLike, indices: TensorLike, name: str | None = None,
              batch_dims: int = 0) -> Tensor:
    """Slices of `params` addressed by the last dim of `indices` ([..., k], k <= rank(params)).

    >>> tf.Session().run(tf.gather_nd([[1, 2], [3, 4]], [[1, 0], [0, 1]]))
    array([3, 2], dtype=int32)
    """
    if batch_dims != 0:
        raise NotImplementedError("flowgrad: the engine's gather_nd takes batch_dims=0 "
                                  "(tf.gather_nd builds TF's batch composite around it)")
    with _scope(name, "GatherNd", [params]) as scope:   # TF converts in it: GatherNd/params
        p = params if isinstance(params, Tensor) else to_tensor(params, name="params")
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        return apply("GatherNd", [p, i], None, scope)


def _scatter_nd_infer(inputs, attrs):
    indices, updates, shape_t = inputs
    _index_dtype_check(indices, "ScatterNd")
    if shape_t.dtype.base_dtype is not indices.dtype.base_dtype:
        raise TypeError(f"Input 'shape' of 'ScatterNd' Op has type {shape_t.dtype.name} that "
                        f"does not match type {indices.dtype.name} of argument 'indices'.")
    dt = updates.dtype.base_dtype
    sv = shape_value(shape_t)
    if sv is not None:   # read as a shape: -1 is unknown
        sv = [None if d is None or d < 0 else d for d in sv]
    is_, us = _dims(indices), _dims(updates)
    if sv is not None and is_ is not None and us is not None and is_[-1] is not None:
        k = is_[-1]
        outer = len(is_) - 1
        # (k above the rank of shape: TF's Subshape clamps it, the kernel reports it)
        _check_prefix(f"The outer {outer} dimensions of indices.shape={_fmt_shape(is_)} must "
                      f"match the outer {outer} dimensions of updates.shape={_fmt_shape(us)}",
                      list(is_[:-1]), list(us[:outer]), len(us) >= outer)
        inner_out, inner_up = list(sv[k:]), list(us[outer:])
        _check_prefix(f"The inner {len(sv) - k} dimensions of output.shape={_fmt_shape(sv)} "
                      f"must match the inner {len(us) - outer} dimensions of updates.shape="
                      f"{_fmt_shape(us)}", inner_out, inner_up, True)
    return [(dt, TensorShape(None) if sv is None else TensorShape(sv))]


def _check_prefix(head, a, b, rank_ok):
    """TF's Merge check between two dim lists, with its message after `head`."""
    if not rank_ok or len(a) != len(b):
        raise ValueError(f"{head}: Shapes must be equal rank, but are {len(a)} and {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"{head}: Dimension {i} in both shapes must be equal, but are {x} "
                             f"and {y}. Shapes are {_fmt_shape(a)} and {_fmt_shape(b)}.")


def _scatter_nd_check(indices, updates, shp):
    """TF 1.14's ScatterNd shape checks (run time), with its messages."""
    def fmt(t):
        return "[" + ",".join(str(d) for d in t) + "]"
    k = indices.shape[-1] if indices.ndim else 0
    outer = indices.ndim - 1
    if updates.ndim < outer or updates.shape[:outer] != indices.shape[:outer]:
        raise _invalid("Outer dimensions of indices and update must match. Indices shape: "
                       f"{fmt(indices.shape)}, updates shape:{fmt(updates.shape)}")
    inner = updates.ndim - outer
    if len(shp) - k != inner:
        raise _invalid("Inner dimensions of output shape must match inner dimensions of updates "
                       f"shape. Output: {fmt(shp)} updates: {fmt(updates.shape)}")
    if tuple(shp[k:]) != updates.shape[outer:]:
        raise _invalid(f"The inner {inner} dimensions of output.shape={fmt(shp)} must match the "
                       f"inner {inner} dimensions of updates.shape={fmt(updates.shape)}")


def _scatter_nd_kernel(indices, updates, shape_):
    indices = np.asarray(indices)
    updates = np.asarray(updates)
    shp = tuple(int(d) for d in shape_)
    _scatter_nd_check(indices, updates, shp)
    out = np.zeros(shp, dtype=updates.dtype)
    if indices.shape[-1] == 0:
        out += np.sum(updates.reshape((-1,) + shp), axis=0, dtype=updates.dtype)
        return out
    idx = _nd_index(indices, shp, "shape")
    np.add.at(out, idx, updates)
    return out


def _scatter_nd_grad(op, grad):
    """d/dupdates = gather_nd(grad, indices)."""
    indices = op._inputs[0]
    return [None, gather_nd(grad, indices) if wants_grad(1) else None, None]


register_op("ScatterNd", infer=_scatter_nd_infer, kernel=_scatter_nd_kernel,
            grad=_scatter_nd_grad)


def scatter_nd(indices: TensorLike, updates: TensorLike, shape: IntsLike,  # noqa: A002
               name: str | None = None) -> Tensor:
    """Scatters `updates` into zeros of `shape` at `indices` (repeated indices add up).

    >>> tf.Session().run(tf.scatter_nd([[1], [3]], [9, 10], [4]))
    array([ 0,  9,  0, 10], dtype=int32)
    """
    with _scope(name, "ScatterNd", [t for t in (indices, updates) if isinstance(t, Tensor)]) \
            as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        u = updates if isinstance(updates, Tensor) else to_tensor(updates, name="updates")
        s = _as_int_input(shape, "shape", i.dtype.base_dtype, op="ScatterNd", fixed=True)
        return apply("ScatterNd", [i, u, s], None, scope)


# -- SparseTensorDenseAdd (a SparseTensor's (indices, values, shape) added to a dense b) -------
def _sparse_dense_add_infer(inputs, attrs):
    a_indices, a_values, a_shape, b = inputs
    _index_dtype_check(a_indices, "SparseTensorDenseAdd", "a_indices")
    if a_shape.dtype.base_dtype is not a_indices.dtype.base_dtype:
        raise TypeError(f"Input 'a_shape' of 'SparseTensorDenseAdd' Op has type "
                        f"{a_shape.dtype.name} that does not match type "
                        f"{a_indices.dtype.name} of argument 'a_indices'.")
    if a_values.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input 'b' of 'SparseTensorDenseAdd' Op has type {b.dtype.name} that "
                        f"does not match type {a_values.dtype.name} of argument 'a_values'.")
    return [(b.dtype.base_dtype, b.shape)]


def _sparse_dense_add_kernel(a_indices, a_values, a_shape, b):
    b = np.asarray(b)
    shp = [int(d) for d in a_shape]
    if len(shp) != b.ndim:
        raise errors.InvalidArgumentError(
            None, None, f"Dimension mismatch: a_shape has {len(shp)} dimensions, b has "
            f"{b.ndim}")
    for i, (x, y) in enumerate(zip(shp, b.shape)):
        if x != y:
            raise errors.InvalidArgumentError(
                None, None, f"Dimension {i} does not equal (no broadcasting is supported): "
                f"sparse side {x} vs dense side {y}")
    idx = np.asarray(a_indices).reshape(-1, b.ndim)
    for d in builtins.range(b.ndim):
        if np.any((idx[:, d] < 0) | (idx[:, d] >= b.shape[d])):
            raise errors.InvalidArgumentError(
                None, None, f"Sparse tensor has some invalid index on dimension {d}; dense "
                f"tensor shape: [{','.join(str(n) for n in b.shape)}]")
    out = b.copy()
    np.add.at(out, tuple(idx.T), np.asarray(a_values, dtype=b.dtype))
    return out


def _sparse_dense_add_grad(op, grad):
    """d/da_values = gather_nd(grad, a_indices); d/db = grad."""
    a_values = gather_nd(grad, op._inputs[0]) if wants_grad(1) else None
    return [None, a_values, None, grad]


register_op("SparseTensorDenseAdd", infer=_sparse_dense_add_infer,
            kernel=_sparse_dense_add_kernel, grad=_sparse_dense_add_grad)


def sparse_tensor_dense_add(a_indices: TensorLike, a_values: TensorLike, a_shape: TensorLike,
                            b: TensorLike, name: str | None = None) -> Tensor:
    """The dense `b` plus the SparseTensor (a_indices, a_values, a_shape) (op
    `SparseTensorDenseAdd`; repeated indices add up)."""
    with _scope(name, "SparseTensorDenseAdd", []) as scope:
        return apply("SparseTensorDenseAdd", [to_tensor(a_indices), to_tensor(a_values),
                                              to_tensor(a_shape), to_tensor(b)], None, scope)


# -- Select (where with three arguments) / Where (with one) -----------------------------------
def _select_infer(inputs, attrs):
    c, x, y = inputs
    if c.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'condition' of 'Select' Op has type {c.dtype.name} that does "
                        "not match expected type of bool.")
    if x.dtype.base_dtype is not y.dtype.base_dtype:
        raise TypeError(f"Input 'e' of 'Select' Op has type {y.dtype.name} that does not match "
                        f"type {x.dtype.name} of argument 't'.")
    # TF 1.14's Select shape function: then and else merge; a cond of rank >= 2 (or a
    # vector with scalar data) merges with them; a vector cond matches their first dim.
    shp = merge_shapes(x.shape, y.shape)
    cs = c.shape
    if cs.ndims is not None and shp.ndims is not None and cs.ndims != 0:
        if cs.ndims != 1 or shp.ndims == 0:
            shp = merge_shapes(shp, cs)
        else:
            merge_shapes(cs, TensorShape([shp.as_tuple()[0]]))
    return [(x.dtype.base_dtype, shp)]


def _tf_shape(a):
    return "[" + ",".join(str(d) for d in a.shape) + "]"


def _select_checked(c, x, y, op_name):
    """TF 1.14's SelectOp: no broadcasting beyond a scalar cond or a vector cond picking rows
    of then/else; anything else raises TF's InvalidArgumentError."""
    c = np.asarray(c)
    x = np.asarray(x)
    y = np.asarray(y)
    if c.ndim == 0 or (c.ndim == 1 and x.ndim != 1):
        if c.ndim == 1:
            if x.ndim == 0:
                raise _invalid(f"'then' must be at least a vector, but saw shape: {_tf_shape(x)}")
            if x.shape[0] != c.size:
                raise _invalid("Number of batches of 'then' must match size of 'cond', but saw: "
                               f"{x.shape[0]} vs. {c.size}")
        if x.shape != y.shape:
            raise _invalid("'then' and 'else' must have the same size.  but received: "
                           f"{_tf_shape(x)} vs. {_tf_shape(y)}")
        if c.ndim == 1:
            c = c.reshape((-1,) + (1,) * (x.ndim - 1))
        return np.where(c, x, y)
    for i, a in ((1, x), (2, y)):
        if a.shape != c.shape:
            raise _invalid(f"Inputs to operation {op_name} of type Select must have the same "
                           f"size and shape.  Input 0: {_tf_shape(c)} != input {i}: "
                           f"{_tf_shape(a)}")
    return np.where(c, x, y)


def _select_kernel(c, x, y):
    return _select_checked(c, x, y, "Select")


def _select_bind(node, ctx):
    name = node.name

    def run(c, x, y):
        return _select_checked(c, x, y, name)
    return run


_select_bind.pure = True  # the bind only names the node in errors


def _select_grad(op, grad):
    """Route the gradient to the branch each element came from; zeros elsewhere (zeros like
    x, as TF: in a loop's gradient x is a forward value the gradient reads)."""
    c = op._inputs[0]
    z = zeros_like(op._inputs[1])
    return [None, where(c, grad, z) if wants_grad(1) else None,
            where(c, z, grad) if wants_grad(2) else None]


register_op("Select", infer=_select_infer, kernel=_select_kernel, bind=_select_bind,
            grad=_select_grad)


def _where_infer(inputs, attrs):
    r = inputs[0].shape.ndims
    return [(_dt.int64, TensorShape([None, r]))]


def _where_kernel(x):
    if np.ndim(x) == 0:   # TF 1.14's kernel: a scalar condition fails at run time
        raise errors.InvalidArgumentError(None, None,
                                          "WhereOp : Unhandled input dimensions: 0")
    return np.argwhere(x).astype(np.int64)


register_op("Where", infer=_where_infer, kernel=_where_kernel, grad=None)


def where(condition: TensorLike, x: TensorLike | None = None, y: TensorLike | None = None,
          name: str | None = None) -> Tensor:
    """With x and y: elementwise select (op Select); with neither: the coordinates of True.

    `condition` has x's shape, or is a vector selecting rows. The coordinates
    are an int64 [num_true, rank(condition)] tensor (op Where).

    >>> tf.Session().run(tf.where([True, False, True]))
    array([[0], [2]])
    """
    if x is None and y is None:
        with _scope(name, "Where", [condition]) as scope:
            c = convert_to_tensor(condition, preferred_dtype=_dt.bool_, name="condition") \
                if not isinstance(condition, Tensor) else condition
            return apply("Where", [c], None, scope)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    # TF converts Python values inside the op's scope: Select/condition, Select/t, Select/e
    with _scope(name, "Select", [condition, x, y]) as scope:
        c = (to_tensor(condition, dtype=_dt.bool_, name="condition")
             if not isinstance(condition, Tensor) else condition)
        x, y = same_type_inputs("Select", [x, y], ["t", "e"])
        return apply("Select", [c, x, y], None, scope)


# -- Unique --------------------------------------------------------------------------------------
def _unique_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, TensorShape([None])),
            (attrs["out_idx"], x.shape if x.shape.ndims is not None else TensorShape([None]))]


def _unique_ints(x):
    """Unique of integers spanning a small range (an embedding's ids) without sorting:
    each value's first position by np.minimum.at, the positions that are first
    occurrences in order; None for a wide range."""
    n = x.size
    lo, hi = int(x.min()), int(x.max())
    span = hi - lo + 1
    if span > 4 * n + 65536:
        return None
    off = (x - lo).astype(np.intp)
    pos = np.arange(n)
    first = np.full(span, n, np.intp)
    np.minimum.at(first, off, pos)
    p = np.flatnonzero(first[off] == pos)
    rank = np.empty(span, np.intp)
    rank[off[p]] = np.arange(p.size)
    return x[p], rank[off]


def _unique_kernel(x, out_idx=_dt.int32, **_):
    x = np.asarray(x)
    if x.ndim != 1:
        raise _invalid("unique expects a 1D vector.")
    if x.dtype.kind in "fc" and np.isnan(x).any():   # each NaN is its own value in TF
        first, ranks, _ = _unique_slices(x.reshape(1, -1, 1))
        return x[first], ranks.astype(out_idx.as_numpy_dtype)
    if x.dtype.kind in "iu" and x.size:
        got = _unique_ints(x)
        if got is not None:
            return got[0], got[1].astype(out_idx.as_numpy_dtype)
    u, first, inv = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(order.size)
    return u[order], ranks[inv.reshape(-1)].astype(out_idx.as_numpy_dtype)


register_op("Unique", infer=_unique_infer, kernel=_unique_kernel, grad=no_gradient_registered)


# -- UniqueV2, UniqueWithCountsV2: unique slices along axis[0] (an empty axis: Unique) -------
def _unique_v2_infer(counts):
    def infer(inputs, attrs):
        # TF 1.14's shape function: y a vector of unknown size whatever the axis, idx x's shape
        x = inputs[0]
        out_idx = attrs["out_idx"]
        outs = [(x.dtype.base_dtype, TensorShape([None])), (out_idx, x.shape)]
        return outs + [(out_idx, TensorShape([None]))] if counts else outs
    return infer


def _unique_v2_kernel(counts):
    def kernel(x, axis, out_idx=_dt.int32, **_):
        x = np.asarray(x)
        axis = np.asarray(axis)
        if axis.ndim != 1:
            raise _invalid("axis expects a 1D vector.")
        if axis.size > 1:
            raise _invalid("axis does not support input tensors larger than 1 elements")
        if axis.size == 0:
            if x.ndim != 1:
                raise _invalid("unique expects a 1D vector.")
            a = 0
        else:
            a = int(axis[0])
            a = a + x.ndim if a < 0 else a
            if not 0 <= a < x.ndim:
                raise _invalid(f"axis has to be between [0, {x.ndim})")
        n = x.shape[a]
        x3 = x.reshape(int(np.prod(x.shape[:a], dtype=np.int64)), n,
                       int(np.prod(x.shape[a + 1:], dtype=np.int64)))
        first, ranks, cnt = _unique_slices(x3)
        it = out_idx.as_numpy_dtype
        y = np.take(x, first, axis=a)
        return (y, ranks.astype(it), cnt.astype(it)) if counts else (y, ranks.astype(it))
    return kernel


register_op("UniqueV2", infer=_unique_v2_infer(False), kernel=_unique_v2_kernel(False),
            grad=no_gradient_registered)
register_op("UniqueWithCountsV2", infer=_unique_v2_infer(True), kernel=_unique_v2_kernel(True),
            grad=no_gradient_registered)


def unique(x: TensorLike, out_idx: DTypeLike = _dt.int32, name: str | None = None) -> tuple:
    """(y, idx): the unique elements of 1-D `x` in order of first occurrence, x == y[idx].

    >>> y, idx = tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])
    >>> tf.Session().run([y, idx])
    [array([1, 2, 4, 7, 8], dtype=int32), array([0, 0, 1, 2, 2, 2, 3, 4, 4], dtype=int32)]
    """
    with _scope(name, "Unique", [x] if isinstance(x, Tensor) else []) as scope:
        xt = x if isinstance(x, Tensor) else to_tensor(x, name="x")
        op = apply_op("Unique", [xt], {"out_idx": _check_out_type(out_idx)}, scope)
    return _UniqueResult(*op.outputs)


_UniqueResult = namedtuple("Unique", ["y", "idx"])


# -- ListDiff (tf.setdiff1d) ------------------------------------------------------------------
def _list_diff_infer(inputs, attrs):
    for t in inputs:
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    x = inputs[0]
    return [(x.dtype.base_dtype, TensorShape([None])), (attrs["out_idx"], TensorShape([None]))]


def _list_diff_kernel(x, y, out_idx=_dt.int32, **_):
    x = np.asarray(x)
    y = np.asarray(y)
    if x.ndim != 1:
        raise _invalid("x should be a 1D vector.")
    if y.ndim != 1:
        raise _invalid("y should be a 1D vector.")
    keep = np.flatnonzero(~np.isin(x, y))
    return x[keep], keep.astype(out_idx.as_numpy_dtype)


register_op("ListDiff", infer=_list_diff_infer, kernel=_list_diff_kernel, grad=None)

_ListDiffResult = namedtuple("ListDiff", ["out", "idx"])


def setdiff1d(x: TensorLike, y: TensorLike, index_dtype: DTypeLike = _dt.int32,
              name: str | None = None) -> tuple:
    """(out, idx): the elements of 1-D `x` not in `y`, in x's order, and their positions in x
    (op ListDiff).

    >>> tf.Session().run(tf.setdiff1d([3, 1, 2, 5], [1, 7]))
    ListDiff(out=array([3, 2, 5], dtype=int32), idx=array([0, 2, 3], dtype=int32))
    """
    out_idx = _dt.as_dtype(index_dtype).base_dtype
    if out_idx not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'out_idx' has DataType {out_idx.name} not "
                        "in list of allowed values: int32, int64")
    with _scope(name, "ListDiff", [t for t in (x, y) if isinstance(t, Tensor)]) as scope:
        x, y = same_type_inputs("ListDiff", [x, y], ["x", "y"])
        op = apply_op("ListDiff", [x, y], {"out_idx": out_idx}, scope)
    return _ListDiffResult(*op.outputs)
