"""Reductions (Sum, Mean, Max, Min, Prod, Any, All, EuclideanNorm), ArgMax/ArgMin,
sums of lists (AddN, AccumulateNV2) and Bincount.

The reduce_* ops share one shape rule and one wrapper with TF 1.x's spellings
(`axis`/`reduction_indices`, `keepdims`/`keep_dims`); each is one row of `reduction`.
"""
from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.constant_op import constant
from ..framework.graph import Tensor, name_scope
from ..framework.graph_keys import merge_shapes
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import register_op
from ..framework.shape_reads import reads_value
from ..framework.static_value import constant_value
from ..framework.tensor_shape import TensorShape, as_shape
from ._base import NUMBERS, REAL_NUMBERS, apply, check_dtype, const_value, to_tensor
from . import eigen_sum as _eigen
from ._array_util import check_not_float, refined_ints, refined_scalar
from .cast import cast
from .comparison import equal
from .elementwise import add, conj, floordiv, floormod, maximum, multiply
from .construction import fill
from .construction import range as _range
from .prims import gather  # indexing.where(c, x, y): indexing is above this family
from .prims import tile  # joining is above this family
from .prims import unsorted_segment_sum  # segment is above this family
from .scans import cumprod
from .shape import _bga_kernel  # TF's shape inference evaluates it: _inferred_value
from .shape import (broadcast_to, identity, invert_permutation, rank, reshape, shape, size,
                    transpose)

_I32_64 = (_dt.int32, _dt.int64)


def _truediv(x, y):
    """x / y for float tensors, named as TF's truediv (the gradients of Mean use it)."""
    with name_scope(None, "truediv", [x, y]) as scope:
        return apply("RealDiv", [x, y], None, scope)


def _reduce_infer(inputs, attrs):
    x, axes = inputs
    if axes.dtype.base_dtype not in _I32_64:
        raise TypeError(f"Value passed to parameter 'reduction_indices' has DataType "
                        f"{axes.dtype.base_dtype.name} not in list of allowed values: int32, "
                        "int64")
    return [(x.dtype.base_dtype, reduced_shape(x, axes, attrs.get("keep_dims", False)))]


@reads_value
def _inferred_value(t):
    """The value of a reduction's axes as TF's shape inference knows it: a constant, or a
    BroadcastGradientArgs output of constant shapes (TF's C++ shape inference evaluates
    that small constant subgraph, so a binary op's gradient Sum has a static shape)."""
    v = const_value(t)
    if v is None and t.op.type == "BroadcastGradientArgs":
        # (batch matmul's gradient slices the shapes: shape(a)[:-2])
        s0, s1 = (refined_ints(i, partial=False) for i in t.op._inputs)
        if s0 is not None and s1 is not None:
            try:
                return _bga_kernel(s0, s1)[t.value_index]
            except _errors.OpError:
                return None
    if v is None:
        # any other small constant subgraph TF's refiner evaluates (expm's
        # `axis=size(shape(m)) - 2`)
        v = refined_ints(t, partial=False)
    return v


def reduced_shape(x, axes_t, keep_dims):
    """Static output shape of reducing tensor `x` over the axes tensor `axes_t`."""
    xs = x.shape.as_tuple()
    if axes_t.shape.ndims is not None and axes_t.shape.ndims > 1:
        raise ValueError(f"Shape must be at most rank 1 but is rank {axes_t.shape.ndims}")
    axes = _inferred_value(axes_t)
    if axes is None:
        if keep_dims and xs is not None:
            return TensorShape([None] * len(xs))
        return TensorShape(None)
    if xs is None:
        return TensorShape(None)
    rank = len(xs)
    axes = np.asarray(axes).reshape(-1)
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"Invalid reduction dimension {int(a)} for input with {rank} "
                             "dimensions.")
    norm = {int(a) % rank for a in axes} if rank else set()
    if keep_dims:
        return TensorShape([1 if i in norm else d for i, d in enumerate(xs)])
    return TensorShape([d for i, d in enumerate(xs) if i not in norm])


def _axis(axes, x):
    """The reduction axes for NumPy, checked as TF's kernels check them: each in
    [-rank, rank) (InvalidArgumentError otherwise), repeats reduced once."""
    nd = np.ndim(x)
    a = np.asarray(axes)
    if a.ndim == 0:
        i = int(a)
        if -nd <= i < nd:
            return i
        raise _bad_axis(i, nd)
    out = []
    for i in a.reshape(-1).tolist():
        if not -nd <= i < nd:
            raise _bad_axis(i, nd)
        if i % nd not in out:
            out.append(i % nd)
    return tuple(out)


def _bad_axis(i, nd):
    return _errors.InvalidArgumentError(
        None, None, f"Invalid reduction dimension ({i} for input with {nd} dimension(s)")


def _norm_axes(x, axes):
    """Axes as a tuple of non-negative ints for array `x` (a scalar takes none)."""
    nd = np.ndim(x)
    if nd == 0:
        return ()
    return tuple(builtins.sorted({int(a) % nd for a in np.asarray(axes).reshape(-1)}))


def _reduction_axes(x, axis, name=None):
    """The axes argument as an int32 tensor (all axes when None)."""
    if axis is None:
        r = x.shape.ndims
        if r is not None:
            return constant(np.arange(r, dtype=np.int32))
        return _range(0, rank(x))
    if isinstance(axis, Tensor):
        return axis
    if isinstance(axis, (list, tuple)) or np.ndim(axis) > 0:
        check_not_float(axis, None, "reduction_indices", fixed=False)   # ([n / 6])
        a = np.asarray(axis, dtype=np.int32)   # as TF: a nested list stays nested
        return constant(a if a.ndim else a.reshape(-1), name=name)
    return to_tensor(axis, dtype=_dt.int32, name=name) if isinstance(axis, (int, np.integer)) \
        else to_tensor(axis, name=name)


def _keep(keepdims, keep_dims):
    if keepdims is not None and keep_dims is not None:
        raise ValueError("Cannot specify both 'keepdims' and 'keep_dims'")
    return bool(keepdims if keepdims is not None else keep_dims)


def _axis_arg(axis, reduction_indices):
    if axis is not None and reduction_indices is not None:
        raise ValueError("Can not specify both 'axis' and 'reduction_indices'.")
    return axis if axis is not None else reduction_indices


def _reduce(op_type, input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
            allowed):
    """Builds a reduction op as TF's reduce_* wrappers do."""
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    if isinstance(input_tensor, (list, tuple, np.ndarray, int, float, complex)):
        return _reduce_value(op_type, input_tensor, axis, keep, name, allowed)
    x = to_tensor(input_tensor, name="input_tensor")
    axes = None
    if axis is None and not isinstance(input_tensor, Tensor) and x.shape.ndims is not None:
        # TF's _ReductionDims: a Variable is no Tensor, so its axes are Rank and range
        axes = _range(0, rank(x))
    elif axis is None or isinstance(axis, Tensor):
        axes = _reduction_axes(x, axis)
    # (TF's wrapper makes those axes before the op's input check: they stay on a TypeError)
    _check_input(op_type, x, allowed)
    if axes is not None:
        out = apply(op_type, [x, axes], {"keep_dims": keep}, name or op_type)
    else:
        # As TF's generated wrapper: the axes become `<op scope>/reduction_indices`.
        with name_scope(name, op_type, [x]) as s:
            out = apply(op_type, [x, _reduction_axes(x, axis, "reduction_indices")],
                        {"keep_dims": keep}, s)
    if axis is None and not keep and out.shape.ndims is None:
        out.set_shape([])  # TF's _may_reduce_to_scalar
    return out


def _check_input(op_type, x, allowed):
    """TF's input type check of a reduction op (All / Any: bool only)."""
    if allowed == (_dt.bool_,) and x.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'input' of '{op_type}' Op has type {x.dtype.base_dtype.name} "
                        "that does not match expected type of bool.")
    check_dtype(op_type, x, allowed, "input")


def _reduce_value(op_type, value, axis, keep, name, allowed):
    """A reduction of a Python or NumPy value as TF's wrapper builds it: Rank converts the
    value once (axis None), the op's own scope converts it again (`<op>/input`)."""
    axes = None
    if axis is None:
        axes = _range(0, rank(value))
    with name_scope(name, op_type, [value]) as s:
        x = to_tensor(value, name="input")
        _check_input(op_type, x, allowed)
        if axes is None:
            axes = _reduction_axes(x, axis, "reduction_indices")
        out = apply(op_type, [x, axes], {"keep_dims": keep}, s)
    if axis is None and not keep and out.shape.ndims is None:
        out.set_shape([])  # TF's _may_reduce_to_scalar
    return out


def _kept_shape(op):
    """The reduced op's output shape with reduced dims kept as 1: a list or a Tensor."""
    x, axes = op._inputs
    xs = x.shape.as_tuple()
    ax = const_value(axes)
    if xs is not None and None not in xs and ax is not None:
        norm = {int(a) % len(xs) for a in np.asarray(ax).reshape(-1)} if xs else set()
        return [1 if i in norm else d for i, d in enumerate(xs)]
    return tf_reduced_shape(shape(x), axes)


def _to_kept(t, op):
    """Reshapes a reduced op's output (or its gradient) to the kept-dims shape."""
    if op._get_attr("keep_dims"):
        return t
    kshape = _kept_shape(op)
    if isinstance(kshape, list) and t.shape.as_tuple() == tuple(kshape):
        return t
    return reshape(t, kshape)


def _broadcast_to_input(t, x):
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        if t.shape.as_tuple() == xs:
            return t
        return broadcast_to(t, list(xs))
    return broadcast_to(t, shape(x))


def tf_reduced_shape(input_shape, axes):
    """TF 1.14's math_ops.reduced_shape: the input shape with the reduced axes set to 1,
    built from Size, add, mod, Shape, range, Fill and DynamicStitch (plan-time constant
    folding computes it once when the shapes are known)."""
    if input_shape.dtype.base_dtype is not _dt.int32:
        input_shape = cast(input_shape, _dt.int32)
    if axes.dtype.base_dtype is not _dt.int32:
        axes = cast(axes, _dt.int32)
    input_rank = size(input_shape)
    axes = floormod(add(axes, input_rank, name="add"), input_rank, name="mod")
    axes_shape = shape(axes)
    return dynamic_stitch([_range(input_rank), axes], [input_shape, fill(axes_shape, 1)])


def _safe_shape_div(x, y):
    """TF's _safe_shape_div: x // max(y, 1)."""
    return floordiv(x, maximum(y, 1), name="floordiv")


def _tf_sum_grad(op, grad):
    """TF 1.14's _SumGrad: Reshape + Tile (the fast path when all axes are reduced)."""
    x, axes = op._inputs
    xs = x.shape.as_tuple()
    if xs is not None:
        ax = constant_value(axes)   # TF's tensor_util.constant_value
        if ax is not None and np.array_equal(ax, np.arange(len(xs))):
            grad = reshape(grad, [1] * len(xs))
            if None not in xs:
                input_shape = constant(list(xs), dtype=_dt.int32)
            else:
                input_shape = shape(x)
            return tile(grad, input_shape)
    input_shape = shape(x)
    with input_shape.graph.colocate_with(input_shape):   # as TF: the shape arithmetic
        kept = tf_reduced_shape(input_shape, axes)
        tile_scaling = _safe_shape_div(input_shape, kept)
    grad = reshape(grad, kept)
    return tile(grad, tile_scaling)


# -- DynamicStitch (TF's reduced_shape builds it) ----------------------------------------------
def _dynamic_stitch_infer(inputs, attrs):
    n = len(inputs) // 2
    idx, data = inputs[:n], inputs[n:]
    if n < 1:
        raise ValueError("DynamicStitch needs at least one input")
    dt = data[0].dtype.base_dtype   # one dtype: input_types checked it
    # TF's shape function: each data[m] starts with indices[m]'s shape (MergePrefix), the
    # dims after it merged over the inputs whose indices have a known rank
    rest = TensorShape(None)
    for i, d in zip(idx, data):
        ir = i.shape.ndims
        if ir is None:
            continue
        ds = d.shape.as_tuple()
        if ds is None:
            continue
        if len(ds) < ir:
            raise ValueError(f"Shape must be at least rank {ir} but is rank {len(ds)}")
        for a, b in zip(ds, i.shape.as_tuple()):
            if a is not None and b is not None and a != b:
                raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
        rest = merge_shapes(rest, TensorShape(list(ds[ir:])))
    # TF's refiner evaluates constant index subgraphs (reduced_shape's range and axes mod
    # rank, a dynamic_partition of constants)
    vals = [refined_ints(i, partial=False) for i in idx]
    first = None
    if all(v is not None for v in vals):
        first = builtins.max([int(np.max(v)) + 1 if np.size(v) else 0 for v in vals])
    dims = rest.as_tuple()
    return [(dt, TensorShape(None) if dims is None else TensorShape([first] + list(dims)))]


def _dynamic_stitch_kernel(*args, **_):
    n = len(args) // 2
    idx, data = args[:n], args[n:]
    first = builtins.max([int(np.max(i)) + 1 if np.size(i) else 0 for i in idx])
    rest = np.shape(data[0])[np.ndim(idx[0]):]
    out = np.zeros((first,) + tuple(rest), dtype=np.asarray(data[0]).dtype)
    for m, (i, d) in enumerate(zip(idx, data)):
        i, d = np.asarray(i), np.asarray(d)
        if d.shape[:i.ndim] != i.shape or d.shape[i.ndim:] != tuple(rest):
            raise _errors.InvalidArgumentError(
                None, None, f"data[{m}].shape = {_tf_dims(d.shape)} does not start with "
                f"indices[{m}].shape = {_tf_dims(i.shape)}")
        i = i.reshape(-1)
        if i.size and int(i.min()) < 0:
            raise _errors.InvalidArgumentError(
                None, None, f"indices[{int(np.flatnonzero(i < 0)[0])}] is out of range")
        out[i] = np.asarray(d).reshape((i.size,) + tuple(rest))
    return out


def _tf_dims(dims):
    return "[" + ",".join(str(d) for d in dims) + "]"


def _dynamic_stitch_grad(op, grad):
    """d/ddata[m] = gather(grad, indices[m]) (TF's _DynamicStitchGrads)."""
    n = len(op._inputs) // 2
    idx = [t if op._inputs[0].dtype.base_dtype is _dt.int32 else cast(t, _dt.int32)
           for t in op._inputs[:n]]
    if isinstance(grad, IndexedSlices):
        grad = unsorted_segment_sum(grad.values, grad.indices, shape(op.outputs[0])[0])
    return [None] * n + [gather(grad, i) for i in idx]


# ParallelDynamicStitch: the same result (TF's kernel is only allowed to pick any of the
# duplicates; its CPU kernel, as this one, keeps the last).
for _type in ("DynamicStitch", "ParallelDynamicStitch"):
    register_op(_type, infer=_dynamic_stitch_infer, kernel=_dynamic_stitch_kernel,
                grad=_dynamic_stitch_grad)


def dynamic_stitch(indices, data, name=None) -> Tensor:
    """Interleaves `data` into one tensor: merged[indices[m][i]] = data[m][i]."""
    with name_scope(name, "DynamicStitch", list(indices) + list(data)) as s:
        idx = [i if isinstance(i, Tensor) else to_tensor(i, dtype=_dt.int32, name=f"indices_{k}")
               for k, i in enumerate(indices)]
        dat = [d if isinstance(d, Tensor) else to_tensor(d, name=f"data_{k}")
               for k, d in enumerate(data)]
        return apply("DynamicStitch", idx + dat, {"N": len(idx)}, s)


# -- Sum -------------------------------------------------------------------------------------
def _sum_kernel(x, axes, keep_dims=False, intra_threads=None, **_):
    ax = _axis(axes, x)
    if not _eigen.handles(x.dtype):
        return np.sum(x, axis=ax, keepdims=keep_dims, dtype=x.dtype)
    return _eigen_sum(x, ax, keep_dims, intra_threads)


def _eigen_sum(x, ax, keep_dims, intra_threads):
    """Float/complex sums in TF's order (eigen_sum.py); kept dims as NumPy keeps them."""
    x = np.asarray(x)
    axes = (ax,) if isinstance(ax, int) else ax
    axes = tuple(a % x.ndim for a in axes) if x.ndim else ()
    s = _eigen.reduce_sum(x, axes, intra_threads)
    if keep_dims:
        s = s.reshape([1 if i in axes else d for i, d in enumerate(x.shape)])
    return s[()] if s.ndim == 0 else s   # a scalar, as np.sum gives


def _sum_grad(op, grad):
    """d(sum x) tiles the gradient back over the reduced axes (TF's ops)."""
    return [_tf_sum_grad(op, grad), None]


# -- Mean ------------------------------------------------------------------------------------
def _mean_kernel(x, axes, keep_dims=False, intra_threads=None, **_):
    ax = _axis(axes, x)
    if _eigen.handles(x.dtype):
        s = _eigen_sum(x, ax, keep_dims, intra_threads)
    else:
        s = np.sum(x, axis=ax, keepdims=keep_dims, dtype=x.dtype)
    n = x.size // builtins.max(np.size(s), 1) if x.size else \
        int(np.prod([x.shape[a] for a in _norm_axes(x, axes)]))
    if x.dtype.kind in "iu":
        # Integer mean truncates toward zero, as C integer division (0 for empty input).
        if n == 0:
            return np.zeros_like(s)
        q = np.floor_divide(np.abs(s), n)
        return np.where(s < 0, -q, q).astype(x.dtype, copy=False)
    if _eigen.handles(x.dtype):
        return _eigen.mean_divide(s, n)
    return np.true_divide(s, n).astype(x.dtype, copy=False)


def _mean_grad(op, grad):
    """d(mean x) = the sum's gradient divided by the number of reduced elements."""
    x = op._inputs[0]
    sum_grad = _tf_sum_grad(op, grad)
    xs, ys = x.shape.as_tuple(), op.outputs[0].shape.as_tuple()
    if xs is not None and ys is not None and None not in xs and None not in ys:
        factor = int(np.prod(xs)) // builtins.max(int(np.prod(ys)), 1)
        factor = constant(factor, dtype=sum_grad.dtype.base_dtype)
    else:
        in_shape, out_shape = shape(x), shape(op.outputs[0])
        factor = _safe_shape_div(reduce_prod(in_shape), reduce_prod(out_shape))
        factor = cast(factor, sum_grad.dtype.base_dtype)
    return [_truediv(sum_grad, factor), None]


# -- Max / Min -------------------------------------------------------------------------------
def _extreme_kernel(ufunc, empty_value):
    """Max/Min as TF's reducers: NaN is skipped (all NaN or empty gives -inf/+inf)."""
    def kernel(x, axes, keep_dims=False, **_):
        ax = _axis(axes, x)
        if ax == ():
            return np.copy(x)
        return ufunc.reduce(x, axis=ax, keepdims=keep_dims, initial=empty_value(x.dtype))
    return kernel


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


def _min_or_max_grad(op, grad):
    """The gradient goes to the elements equal to the result, split evenly among ties (TF)."""
    x, axes = op._inputs
    kept = tf_reduced_shape(shape(x), axes)
    y = reshape(op.outputs[0], kept)
    grad = reshape(grad, kept)
    indicators = cast(equal(y, x), grad.dtype.base_dtype)
    num_selected = reshape(reduce_sum(indicators, axes), kept)
    return [multiply(_truediv(indicators, num_selected), grad, name="mul"), None]


# -- Prod ------------------------------------------------------------------------------------
def _prod_kernel(x, axes, keep_dims=False, **_):
    if x.dtype.kind == "c":   # Eigen's ProdReducer order, products without FMA
        ax = _axis(axes, x)
        ax = tuple(range(x.ndim)) if ax is None else (ax,) if np.ndim(ax) == 0 else ax
        ax = tuple(sorted({a % x.ndim for a in ax})) if x.ndim else ()
        out = _eigen.complex_prod(x, ax) if ax else None
        if out is not None:
            return out.reshape([1 if i in ax else d for i, d in enumerate(x.shape)]) \
                if keep_dims else out
    return np.prod(x, axis=_axis(axes, x), keepdims=keep_dims, dtype=x.dtype)


def _prod_grad(op, grad):
    """TF 1.14's _ProdGrad, op for op: the gradient tiled back over the reduced axes, the
    reduced axes moved to the front (ListDiff for the others) and packed into one, and
    grad * (exclusive cumprod from the left * from the right): exact with zeros, and its
    second-order gradient has no NaN where a group holds zeros.
    """
    x, axes = op._inputs
    input_shape = shape(x)
    reduction_indices = reshape(axes, [-1])
    kept = tf_reduced_shape(input_shape, axes)
    tile_scaling = _safe_shape_div(input_shape, kept)
    g = tile(reshape(grad, kept), tile_scaling)
    r = rank(x)
    reduced = cast(floormod(add(reduction_indices, r, name="add"), r, name="mod"), _dt.int32)
    other = apply("ListDiff", [_range(0, r), reduced], {"out_idx": _dt.int32}, "ListDiff")[0]
    with name_scope(None, "concat", [reduced, other]) as scope:
        perm = apply("ConcatV2", [reduced, other, constant(0, dtype=_dt.int32, name="axis")],
                     {"N": 2}, scope)
    reduced_num = reduce_prod(gather(input_shape, reduced))
    other_num = reduce_prod(gather(input_shape, other))
    permuted = transpose(x, perm)
    static_perm = _static_prod_perm(x, axes)
    if static_perm is not None:
        # TF's shape inference evaluates this constant subgraph: the shape is static there
        dims = x.shape.as_list()
        permuted.set_shape([dims[i] for i in static_perm])
    permuted_shape = shape(permuted)
    reshaped = reshape(permuted, (reduced_num, other_num))
    left = cumprod(reshaped, 0, exclusive=True)
    right = cumprod(reshaped, 0, exclusive=True, reverse=True)
    if x.dtype.is_complex:
        left, right = conj(left), conj(right)
    y = reshape(multiply(left, right, name="mul"), permuted_shape)
    out = multiply(g, transpose(y, invert_permutation(perm)), name="mul")
    return [reshape(out, input_shape), None]


def _static_prod_perm(x, axes):
    """The permutation TF's _ProdGrad computes, when the rank and the axes are constants."""
    ax = const_value(axes)
    n = x.shape.ndims
    if ax is None or n is None or n == 0:
        return None
    red = [int(a) % n for a in np.asarray(ax).reshape(-1)]
    return red + [i for i in range(n) if i not in red]


# -- Any / All -------------------------------------------------------------------------------
def _logical_reduce_kernel(fn):
    def kernel(x, axes, keep_dims=False, **_):
        return fn(x, axis=_axis(axes, x), keepdims=keep_dims)
    return kernel


def reduction(pyname, op_type, kernel, dtypes, grad, doc, **props):
    """Registers a reduction op; returns its wrapper with TF 1.x's full signature."""
    register_op(op_type, infer=_reduce_infer, kernel=kernel, grad=grad, **props)

    def binder(input_tensor: Any, axis: Any = None, keepdims: bool | None = None,
               name: str | None = None, reduction_indices: Any = None,
               keep_dims: bool | None = None) -> Tensor:
        return _reduce(op_type, input_tensor, axis, keepdims, name, reduction_indices,
                       keep_dims, dtypes)
    binder.__name__ = binder.__qualname__ = pyname
    binder.__doc__ = f"{doc} over `axis`, all axes when None (op `{op_type}`)."
    return binder


# wrapper                    op type  kernel                               dtypes  gradient
reduce_sum = reduction("reduce_sum", "Sum", _sum_kernel, NUMBERS, _sum_grad, "Sum",
                       intra_op_threads=True)
reduce_mean = reduction("reduce_mean", "Mean", _mean_kernel, NUMBERS, _mean_grad,
                        "Mean (integer means truncate toward zero)", intra_op_threads=True)
reduce_max = reduction("reduce_max", "Max", _extreme_kernel(np.fmax, _lowest), REAL_NUMBERS,
                       _min_or_max_grad, "Maximum (NaN skipped; -inf or the lowest int if empty)")
reduce_min = reduction("reduce_min", "Min", _extreme_kernel(np.fmin, _highest), REAL_NUMBERS,
                       _min_or_max_grad, "Minimum (NaN skipped; +inf or the highest int if empty)")
reduce_prod = reduction("reduce_prod", "Prod", _prod_kernel, NUMBERS, _prod_grad,
                        "Product (1 if empty; the gradient is exact with zeros)")
reduce_any = reduction("reduce_any", "Any", _logical_reduce_kernel(np.any), (_dt.bool_,), None,
                       "Logical OR of a bool tensor")
reduce_all = reduction("reduce_all", "All", _logical_reduce_kernel(np.all), (_dt.bool_,), None,
                       "Logical AND of a bool tensor")


def _euclidean_norm_kernel(x, axes, keep_dims=False, **_):
    ax = _axis(axes, x)
    if x.dtype.kind == "c":
        sq = np.sum((x * np.conj(x)).real, axis=ax, keepdims=keep_dims)
        return np.sqrt(sq).astype(x.dtype)
    s = np.sum(np.multiply(x, x, dtype=np.float64 if x.dtype.kind in "iu" else x.dtype),
               axis=ax, keepdims=keep_dims)
    return np.sqrt(s).astype(x.dtype, copy=False)


# TF 1.14 registers no gradient for EuclideanNorm (NotDifferentiable).
_reduce_euclidean_norm = reduction("reduce_euclidean_norm", "EuclideanNorm",
                                   _euclidean_norm_kernel, NUMBERS, None, "")


def reduce_euclidean_norm(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                          name: str | None = None) -> Tensor:
    """sqrt(sum(x^2)) over `axis` (op `EuclideanNorm`); not differentiable in TF 1.14."""
    return _reduce_euclidean_norm(input_tensor, axis, keepdims, name)



def _bincount_infer(inputs, attrs):
    arr, size, weights = inputs
    if arr.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'arr' of 'Bincount' Op has type {arr.dtype.base_dtype.name} "
                        "that does not match expected type of int32.")
    n = const_value(size)
    if n is None:      # as TF's input_tensor: size's constant subgraph, evaluated whole
        n = refined_scalar(size, partial=False)
    return [(weights.dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _bincount_kernel(arr, size, weights):
    n = int(size)
    if n < 0:
        raise _errors.InvalidArgumentError(None, None, f"size ({n}) must be non-negative")
    flat = np.asarray(arr).reshape(-1)
    if flat.size and flat.min() < 0:
        raise _errors.InvalidArgumentError(None, None, "Input arr must be non-negative!")
    keep = flat < n
    w = np.asarray(weights)
    if w.size:
        counts = np.bincount(flat[keep], weights=w.reshape(-1)[keep], minlength=n)
    else:
        counts = np.bincount(flat[keep], minlength=n)
    return counts[:n].astype(w.dtype, copy=False)


register_op("Bincount", infer=_bincount_infer, kernel=_bincount_kernel, grad=None)



# -- ArgMax / ArgMin ---------------------------------------------------------------------
def _arg_infer(inputs, attrs):
    x, dim = inputs
    out_type = attrs["output_type"]
    if out_type not in _I32_64:
        raise TypeError(f"Value passed to parameter 'output_type' has DataType {out_type.name} "
                        "not in list of allowed values: int32, int64")
    if dim.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {dim.shape.ndims}")
    xs = x.shape.as_tuple()
    d = const_value(dim)
    if d is None:   # TF's input_tensor: the axis's constant subgraph, evaluated whole
        d = refined_ints(dim, partial=False)
    if xs is None:
        return [(out_type, TensorShape(None))]
    if d is None or not xs:  # a scalar: TF's kernel rejects any dimension at run time
        return [(out_type, TensorShape([None] * builtins.max(len(xs) - 1, 0)))]
    d = int(np.asarray(d).reshape(-1)[0]) if np.ndim(d) else int(d)
    rank = len(xs)
    if not -rank <= d < rank:
        raise ValueError(f"Dimension ({d}) must be in the range [{-rank}, {rank}), where "
                         f"{rank} is the number of dimensions in the input.")
    d %= rank
    return [(out_type, TensorShape(xs[:d] + xs[d + 1:]))]


def _arg_kernel(fn, nan_as):
    def kernel(x, dim, output_type, **_):
        d = int(dim)
        if not -x.ndim <= d < x.ndim:
            raise _errors.InvalidArgumentError(
                None, None, f"Expected dimension in the range [{-x.ndim}, {x.ndim}), but got {d}")
        if x.shape[d] == 0:
            raise _errors.InvalidArgumentError(
                None, None, f"Reduction axis {d} is empty in shape {list(x.shape)}")
        if x.dtype.kind == "f":
            nans = np.isnan(x)
            if nans.any():
                # TF's reducer never selects NaN (it compares with >/<): treat it as -inf/+inf.
                x = np.where(nans, nan_as, x)
        return fn(x, axis=d).astype(output_type.as_numpy_dtype, copy=False)
    return kernel


register_op("ArgMax", infer=_arg_infer, kernel=_arg_kernel(np.argmax, -np.inf), grad=None)
register_op("ArgMin", infer=_arg_infer, kernel=_arg_kernel(np.argmin, np.inf), grad=None)


def _arg(op_type, input, axis, name, dimension, output_type):  # noqa: A002
    if axis is not None and dimension is not None:
        raise ValueError("Cannot specify both 'axis' and 'dimension'")
    axis = axis if axis is not None else dimension
    if axis is None:
        axis = 0
    attrs = {"output_type": _dt.as_dtype(output_type).base_dtype}
    # TF's generated wrapper: inputs converted in the op's scope (`ArgMax/input`,
    # `ArgMax/dimension`)
    with name_scope(name, op_type, [input]) as s:
        x = to_tensor(input, name="input")
        check_dtype(op_type, x, NUMBERS, "input")
        if not isinstance(axis, Tensor):
            check_not_float(axis, op_type, "dimension", fixed=False)
        dim = axis if isinstance(axis, Tensor) else \
            to_tensor(axis, dtype=_dt.int32, name="dimension")
        return apply(op_type, [x, dim], attrs, s)


def argmax(input: Any, axis: Any = None, name: str | None = None,  # noqa: A002
           dimension: Any = None, output_type: Any = _dt.int64) -> Tensor:
    """Index of the largest value along `axis` (0 when None; TF 1.x alias `dimension`),
    the first among ties (op `ArgMax`).

    >>> print(tf.Session().run(tf.argmax([[1, 3], [4, 2]], axis=1)))
    [1 0]
    """
    return _arg("ArgMax", input, axis, name, dimension, output_type)


def argmin(input: Any, axis: Any = None, name: str | None = None,  # noqa: A002
           dimension: Any = None, output_type: Any = _dt.int64) -> Tensor:
    """Index of the smallest value along `axis`, the first among ties (op `ArgMin`)."""
    return _arg("ArgMin", input, axis, name, dimension, output_type)



def _addn_infer(inputs, attrs):
    if not inputs:
        raise ValueError("AddN needs at least one input")
    dt = inputs[0].dtype.base_dtype
    shape = inputs[0].shape
    dts = {t.dtype.base_dtype for t in inputs}
    if dts == {_dt.variant, _dt.float32} and all(t.shape.ndims == 0 for t in inputs):
        # TensorArray flows of an imported TF graph: TF's floats (a gradient flow summed
        # with a float accumulator's), flowgrad's arrays: the sum is the gradient array
        return [(_dt.variant, shape)]
    if any(t.dtype.base_dtype is not dt for t in inputs):
        names = ", ".join(t.dtype.base_dtype.name for t in inputs)
        raise TypeError(f"Tensors in list passed to 'inputs' of 'AddN' Op have types "
                        f"[{names}] that don't all match.")
    # TF's shape function: the last input's shape merged with each one before it, back to
    # the first (its message names the input that did not merge)
    shape = inputs[-1].shape
    for i in range(len(inputs) - 2, -1, -1):
        try:
            shape = merge_shapes(inputs[i].shape, shape)
        except ValueError as e:
            raise ValueError(f"{e}\n\tFrom merging shape {i} with other shapes.") from None
    return [(dt, shape)]


def _running_sum(xs):
    out = np.add(xs[0], xs[1])
    for x in xs[2:]:
        if type(out) is np.ndarray:
            np.add(out, x, out=out)
        else:
            out = out + x
    return out


def _addn_kernel(*xs, **_):
    """TF's AddN kernel: the first n % 8 inputs (8 if none, 9 if one is left) summed left
    to right, then each next 8 summed left to right and added to that (Add8p: `out +=
    in1 + .. + in8`)."""
    if len(xs) == 1:
        return xs[0]
    r = len(xs) % 8
    r = 8 if r == 0 else 9 if r == 1 else r
    out = _running_sum(xs[:r])
    for k in range(r, len(xs), 8):
        block = _running_sum(xs[k:k + 8])
        if type(out) is np.ndarray:
            np.add(out, block, out=out)
        else:
            out = out + block
    return out


register_op("AddN", infer=_addn_infer, kernel=_addn_kernel,
            grad=lambda op, grad: [grad] * len(op._inputs))


def add_n(inputs: Any, name: str | None = None) -> Tensor:
    """Sums a list of tensors of one shape and dtype (op `AddN`).

    >>> print(tf.Session().run(tf.add_n([tf.ones([2]), tf.ones([2])])))
    [2. 2.]
    """
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the "
                         "same dtype and shape")
    if any(t is None for t in inputs):   # TF's conversion keeps None, then checks
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the "
                         "same dtype and shape")
    inputs = [to_tensor(t) for t in inputs]
    if len(inputs) == 1:
        return identity(inputs[0], name=name) if name else inputs[0]
    return apply("AddN", inputs, None, name)


def _accumulate_infer(inputs, attrs):
    out = _addn_infer(inputs, attrs)
    shape = TensorShape(attrs.get("shape"))
    if not shape.is_compatible_with(out[0][1]):
        raise ValueError(f"Shape {shape} is not compatible with the inputs' shape {out[0][1]}")
    return [(out[0][0], out[0][1].merge_with(shape))]


register_op("AccumulateNV2", infer=_accumulate_infer, kernel=_addn_kernel,
            grad=lambda op, grad: [grad] * len(op._inputs))


def accumulate_n(inputs: Any, shape: Any = None, tensor_dtype: Any = None,
                 name: str | None = None) -> Tensor:
    """Sums a list of tensors like add_n (op `AccumulateNV2`); `shape` and `tensor_dtype`
    are checked against the inputs when given."""
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor with the same dtype "
                         "and shape")
    inputs = [to_tensor(t) for t in inputs]
    if tensor_dtype is not None:
        want = _dt.as_dtype(tensor_dtype).base_dtype
        for t in inputs:
            if t.dtype.base_dtype is not want:
                raise TypeError(f"tensor_dtype is {want.name}, but input is of type "
                                f"{t.dtype.base_dtype.name}")
    shape = as_shape(shape) if shape is not None else TensorShape(None)
    for t in inputs:
        if not shape.is_compatible_with(t.shape):
            raise ValueError(f"Input tensor {t} not compatible with shape {shape}")
        shape = shape.merge_with(t.shape)
    if len(inputs) == 1:
        if name is None:
            return inputs[0]
        return identity(inputs[0], name=name)
    return apply("AccumulateNV2", inputs, {"shape": shape.as_tuple()}, name or "AccumulateNV2")
