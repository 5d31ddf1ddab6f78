"""TF 1.14's math_ops: the primitive math ops (re-exported from engine/ops) and TF's
composites built from them (truediv, div, reduce_logsumexp, count_nonzero, clip_by_*,
global_norm, norm, ...), composed as TF 1.14 composes them.

The primitives live in the engine, one row each: engine/ops/elementwise.py (unary and
binary elementwise ops and their backprop ops), special.py (lgamma, digamma, zeta, erf,
...), cast.py, reductions.py (reduce_*, argmax, add_n, bincount's op), scans.py.
"""
from __future__ import annotations

__all__ = [
    # binary arithmetic
    "add", "subtract", "multiply", "scalar_mul", "divide", "truediv", "div", "realdiv",
    "floordiv", "floor_div", "floormod", "mod", "truncatediv", "truncatemod", "pow", "maximum",
    "minimum", "squared_difference", "div_no_nan", "atan2",
    # unary
    "negative", "abs", "sign", "reciprocal", "square", "sqrt", "rsqrt", "exp", "expm1",
    "log", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
    "sigmoid", "erf", "erfc", "floor", "ceil", "round", "rint", "is_nan", "is_inf",
    "is_finite", "conj", "asinh", "acosh", "atanh", "log_sigmoid", "lgamma", "digamma",
    "polygamma", "zeta",
    # complex numbers
    "complex", "real", "imag", "angle",
    # casts
    "cast", "to_float", "to_double", "to_int32", "to_int64",
    # reductions and scans
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_any",
    "reduce_all", "reduce_logsumexp", "count_nonzero", "argmax", "argmin", "cumsum", "cumprod",
    "bincount",
    # sums of lists, clipping, norms
    "add_n", "accumulate_n", "clip_by_value", "clip_by_norm", "clip_by_global_norm",
    "global_norm", "norm",
]
# Only under tf.math in TF 1.14 (see flowgrad/math.py): xlogy, xdivy, multiply_no_nan,
# polyval, reduce_variance, reduce_std, reduce_euclidean_norm, lbeta, nextafter.
# Old aliases kept for callers: sub, mul, neg.


from typing import Any

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, colocate_with, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops._base import apply, to_tensor
from ..engine.ops.cast import cast
from ..engine.ops.comparison import greater, less, less_equal, not_equal  # noqa: F401 - used as math_ops.less*
from ..engine.ops.elementwise import (acos, acosh, add, asin, asinh, atan, atan2,  # noqa: F401
                                      atanh, ceil, conj, cos, cosh, div_no_nan, exp, expm1,
                                      floor, floordiv, floormod, is_finite, is_inf, is_nan,
                                      log, log1p, maximum, minimum, multiply, multiply_no_nan,
                                      negative, nextafter, pow, realdiv, reciprocal,
                                      reciprocal_grad, rint, round, rsqrt, rsqrt_grad,
                                      scalar, sigmoid, sigmoid_grad, sign, sin, sinh, sqrt,
                                      sqrt_grad, square, squared_difference, subtract, tan,
                                      tanh, tanh_grad, truediv, truncatediv, truncatemod, xdivy,
                                      xlogy)
from ..engine.ops.complex_ops import abs, angle, complex, imag, real  # noqa: A004
from ..engine.ops.reductions import (_axis_arg, _keep, accumulate_n, add_n,  # noqa: F401
                                     argmax, argmin, reduce_all, reduce_any,
                                     reduce_euclidean_norm, reduce_max, reduce_mean,
                                     reduce_min, reduce_prod, reduce_sum, reduced_shape)
from ..engine.ops.activations import softplus
from ..engine.ops.construction import ones_like, zeros_like
from ..engine.ops.indexing import where
from ..engine.ops.joining import stack
from ..engine.ops.losses import l2_loss
from ..engine.ops.scans import cumprod, cumsum
from ..engine.ops.segment import unsorted_segment_sum
from ..engine.ops.shape import identity, reshape, shape, squeeze, stop_gradient
from ..engine.ops.special import digamma, erf, erfc, lgamma, polygamma, zeta  # noqa: F401

# TF 1.x's old names.
sub = subtract
mul = multiply
neg = negative
floor_div = floordiv
mod = floormod


def scalar_mul(scalar: Any, x: Any, name: str | None = None) -> Tensor:
    """Multiplies a scalar by a tensor (TF's `scalar_mul`).

    Raises:
      ValueError: `scalar` is not a 0-d value.

    >>> print(tf.Session().run(tf.scalar_mul(2.0, tf.ones([2]))))
    [2. 2.]
    """
    scalar = to_tensor(scalar, dtype=x.dtype.base_dtype, name="scalar")   # as TF: x.dtype
    if scalar.shape.ndims not in (None, 0):
        raise ValueError(f"Only scalar multiply works, got shape {scalar.shape}")
    return multiply(scalar, x, name=name)


def divide(x: Any, y: Any, name: str | None = None) -> Any:
    """Computes Python-style division of x by y (`x / y`; Python numbers stay Python).

    >>> print(tf.Session().run(tf.divide(tf.constant(1.0), 4.0)))
    0.25
    """
    if name is not None:
        if not isinstance(x, Tensor) and not hasattr(x, "_as_graph_element"):
            x = to_tensor(x, name="x")
        return truediv(x, y, name=name)
    return x / y


def div(x: Any, y: Any, name: str | None = None) -> Tensor:
    """Python 2 style division: floor division for integers, real division for floats.

    Args:
      x, y: Tensors of one real dtype.
    Returns:
      A Tensor of that dtype (op `FloorDiv` or `RealDiv`, named `div`).
    Raises:
      TypeError: the dtypes differ.

    >>> print(tf.Session().run(tf.div(tf.constant(-7), 2)))
    -4
    """
    with name_scope(name, "div", [x, y]) as scope:
        x = to_tensor(x, name="x")
        y = to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        dt = x.dtype.base_dtype
        if dt.is_floating or dt.is_complex:
            return apply("RealDiv", [x, y], None, scope)
        return apply("FloorDiv", [x, y], None, scope)


def log_sigmoid(x: Any, name: str | None = None) -> Tensor:
    """log(sigmoid(x)) = -softplus(-x), stable for large |x| (as TF 1.14 composes it).

    >>> print(tf.Session().run(tf.log_sigmoid(tf.constant(-100.0))))
    -100.0
    """
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = to_tensor(x, name="x")
        return apply("Neg", [softplus(negative(x))], None, scope)


def polyval(coeffs: list, x: Any, name: str | None = None) -> Tensor:
    """Evaluates the polynomial coeffs[0] x^(n-1) + ... + coeffs[n-1] by Horner's rule.

    Args:
      coeffs: a list of Tensors (or numbers) broadcastable with x.
      x: a Tensor.
    Returns:
      A Tensor (zeros like x for an empty list).
    Raises:
      ValueError: coeffs is not a list.

    >>> print(tf.Session().run(tf.math.polyval([2.0, 0.0, 1.0], tf.constant(3.0))))
    19.0
    """
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type found {type(coeffs)}.")
    with name_scope(name, "polyval", [c for c in coeffs if isinstance(c, Tensor)] + [x]):
        x = to_tensor(x, name="x")
        if not coeffs:
            return zeros_like(x)
        coeffs = [to_tensor(c, name=f"coeff_{i}", dtype=None if isinstance(c, Tensor)
                            else x.dtype.base_dtype) for i, c in enumerate(coeffs)]
        p = coeffs[0]
        for c in coeffs[1:]:
            p = c + p * x   # TF's operators: ops `mul`, `add`
        return p


def lbeta(x: Any, name: str | None = None) -> Tensor:
    """log|Beta(x)| over the last axis: sum(lgamma(x)) - lgamma(sum(x)).

    >>> print(tf.Session().run(tf.math.lbeta(tf.constant([1.0, 2.0]))))
    -0.6931472
    """
    with name_scope(name, "lbeta", [x]):
        x = to_tensor(x, name="x")
        log_prod_gamma_x = reduce_sum(lgamma(x), axis=[-1])
        log_gamma_sum_x = lgamma(reduce_sum(x, axis=[-1]))
        return subtract(log_prod_gamma_x, log_gamma_sum_x, name="sub")  # TF: `-`


def to_float(x: Any, name: str = "ToFloat") -> Tensor:
    """Casts to float32 (deprecated TF 1.x helper)."""
    return cast(x, _dt.float32, name)


def to_double(x: Any, name: str = "ToDouble") -> Tensor:
    """Casts to float64 (deprecated TF 1.x helper)."""
    return cast(x, _dt.float64, name)


def to_int32(x: Any, name: str = "ToInt32") -> Tensor:
    """Casts to int32 (deprecated TF 1.x helper)."""
    return cast(x, _dt.int32, name)


def to_int64(x: Any, name: str = "ToInt64") -> Tensor:
    """Casts to int64 (deprecated TF 1.x helper)."""
    return cast(x, _dt.int64, name)


# -- reduce_logsumexp (composite, as TF) -------------------------------------------------------
def reduce_logsumexp(input_tensor: Any, axis: Any = None, keepdims: bool | None = None,
                     name: str | None = None, reduction_indices: Any = None,
                     keep_dims: bool | None = None) -> Tensor:
    """log(sum(exp(x))) over `axis`, computed stably by shifting by the (finite) max.

    Args/Returns/Raises: as `reduce_sum` (float input).

    >>> print(tf.Session().run(tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))))
    1000.6932
    """
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    x = to_tensor(input_tensor)   # as TF 1.14: converted before its scope, a `Const`
    with name_scope(name, "ReduceLogSumExp", [x]):
        raw_max = reduce_max(x, axis, keepdims=True)
        my_max = stop_gradient(where(is_finite(raw_max), raw_max, zeros_like(raw_max)))
        result = log(reduce_sum(exp(subtract(x, my_max)), axis, keepdims=keep))
        if not keep:
            my_max = reshape(my_max, shape(result))  # a Const "Shape" when known, as TF
        result = add(result, my_max)
        if axis is None and not keep and result.shape.ndims is None:
            result.set_shape([])
        return result


def reduce_variance(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                    name: str | None = None) -> Tensor:
    """Variance over `axis`: mean((x - mean(x))^2), as TF 1.14 builds it (`x - means`,
    the operator's `sub`; an integer input gives integer means, as in TF 1.14).

    >>> print(tf.Session().run(tf.math.reduce_variance(tf.constant([1.0, 3.0]))))
    1.0
    """
    with name_scope(name or "reduce_variance"):
        means = reduce_mean(input_tensor, axis=axis, keepdims=True)
        squared_deviations = square(input_tensor - means)
        return reduce_mean(squared_deviations, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Standard deviation over `axis`: sqrt(reduce_variance).

    >>> print(tf.Session().run(tf.math.reduce_std(tf.constant([1.0, 3.0]))))
    1.0
    """
    with name_scope(name, "reduce_std"):
        variance = reduce_variance(input_tensor, axis=axis, keepdims=keepdims)
        return sqrt(variance)


def bincount(arr: Any, weights: Any = None, minlength: Any = None, maxlength: Any = None,
             dtype: Any = _dt.int32) -> Tensor:
    """Counts the occurrences of each value in an int32 array (weighted if asked).

    The output length is max(arr) + 1 (0 for empty input), raised to `minlength`
    and capped at `maxlength`; values at or beyond it are ignored.

    Raises:
      InvalidArgumentError: at run time, for negative values.

    >>> print(tf.Session().run(tf.bincount(tf.constant([1, 1, 3]))))
    [0 2 0 1]
    """
    with name_scope("bincount"):    # TF's scope (ops under bincount/)
        arr = to_tensor(arr, dtype=_dt.int32, name="arr")
        nonempty = reduce_prod(shape(arr)) > 0       # TF's operators: Greater/y, add/y, mul
        output_size = cast(nonempty, _dt.int32) * (reduce_max(arr) + 1)
        if minlength is not None:
            output_size = maximum(to_tensor(minlength, dtype=_dt.int32, name="minlength"),
                                  output_size)
        if maxlength is not None:
            output_size = minimum(to_tensor(maxlength, dtype=_dt.int32, name="maxlength"),
                                  output_size)
        if weights is not None:
            weights = to_tensor(weights, name="weights")
            return unsorted_segment_sum(weights, arr, output_size)
        weights = constant(np.zeros(0, dtype=_dt.as_dtype(dtype).as_numpy_dtype))
        return apply("Bincount", [arr, output_size, weights], None, "Bincount")


def count_nonzero(input_tensor: Any = None, axis: Any = None, keepdims: bool | None = None,
                  dtype: Any = _dt.int64, name: str | None = None,
                  reduction_indices: Any = None, keep_dims: bool | None = None,
                  input: Any = None) -> Tensor:  # noqa: A002 - TF's deprecated name
    """Counts the non-zero elements over `axis` (as `dtype`, int64 by default).

    >>> print(tf.Session().run(tf.count_nonzero(tf.constant([0, 1, 2]))))
    2
    """
    if input is not None:
        if input_tensor is not None:
            raise ValueError("Cannot specify both 'input_tensor' and 'input'")
        input_tensor = input
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    with name_scope(name, "count_nonzero", [input_tensor]):
        x = to_tensor(input_tensor, name="input")
        base = x.dtype.base_dtype
        # TF: zeros([], input dtype): "" for strings, False for bools
        zero = constant("" if base is _dt.string else False if base is _dt.bool_ else 0,
                        dtype=base, name="zeros")
        return cast(reduce_sum(cast(not_equal(x, zero), _dt.int64), axis=axis, keepdims=keep),
                    dtype=dtype)


# =========================================================================================
# Clipping and norms (composites, as TF 1.14 composes them)
# =========================================================================================
def clip_by_value(t: Any, clip_value_min: Any, clip_value_max: Any,
                  name: str | None = None) -> Tensor:
    """Clips values to [clip_value_min, clip_value_max] (Minimum then Maximum).

    At the bounds the gradient flows to `t`, as TF. An IndexedSlices `t` has its values
    clipped (each slice of a repeated index by itself, as TF) and stays an IndexedSlices.

    Args:
      t: a Tensor or IndexedSlices.
      clip_value_min, clip_value_max: scalars or tensors broadcastable to t.
    Returns:
      A Tensor of t's shape.
    Raises:
      ValueError: the bounds would broadcast t to a bigger shape.

    >>> print(tf.Session().run(tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), -1.0, 1.0)))
    [-1.   0.5  1. ]
    """
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = to_tensor(t.values if isinstance(t, IndexedSlices) else t, name="t")
        t_min = minimum(values, clip_value_max)
        values.shape.merge_with(t_min.shape)  # ValueError if the bounds broadcast t
        t_max = maximum(t_min, clip_value_min, name=scope)
        values.shape.merge_with(t_max.shape)
        if isinstance(t, IndexedSlices):
            return IndexedSlices(t_max, t.indices, t.dense_shape)
        return t_max


def clip_by_norm(t: Any, clip_norm: Any, axes: Any = None, name: str | None = None) -> Tensor:
    """Scales t so that its L2 norm over `axes` is at most clip_norm.

    Returns t * clip_norm / max(l2norm(t), clip_norm); a zero t stays zero with a
    finite gradient (TF's two-where trick). An IndexedSlices `t` (a sparse gradient) is
    clipped by the norm of its values (a repeated index counted each time, as TF) and
    stays an IndexedSlices.

    >>> print(tf.Session().run(tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0)))
    [0.6 0.8]
    """
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        values = to_tensor(t.values if isinstance(t, IndexedSlices) else t, name="t")
        # Python operators where TF uses them: TF's op names (`mul`, `Greater/y`, `mul_1`).
        l2sum = reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = where(pred, l2sum, ones_like(l2sum))
        l2norm = where(pred, sqrt(l2sum_safe), l2sum)
        intermediate = values * clip_norm
        values.shape.merge_with(intermediate.shape)  # ValueError if clip_norm broadcasts t
        values_clip = identity(intermediate / maximum(l2norm, clip_norm), name=scope)
        if isinstance(t, IndexedSlices):
            return IndexedSlices(values_clip, t.indices, t.dense_shape)
        return values_clip


def global_norm(t_list: Any, name: str | None = None) -> Tensor:
    """sqrt(sum of squares of all the tensors in t_list); None entries are skipped.

    Raises:
      TypeError: t_list is not a sequence.

    >>> print(tf.Session().run(tf.global_norm([tf.constant([3.0]), tf.constant([4.0])])))
    5.0
    """
    if isinstance(t_list, (str, bytes)) or not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    with name_scope(name, "global_norm", [t for t in t_list if t is not None]):
        values = [to_tensor(t.values if isinstance(t, IndexedSlices) else t, name=f"t_{i}")
                  for i, t in enumerate(t_list) if t is not None]
        # TF's ops: L2Loss per tensor (colocated with it: `_class`), stack, Sum, `* 2`
        # (`mul`), Sqrt.
        half_squared_norms = []
        for v in values:
            with colocate_with(v):
                half_squared_norms.append(l2_loss(v))
        half_squared_norm = reduce_sum(stack(half_squared_norms))
        return sqrt(half_squared_norm * constant(2.0, dtype=half_squared_norm.dtype),
                    name="global_norm")


def clip_by_global_norm(t_list: Any, clip_norm: Any, use_norm: Any = None,
                        name: str | None = None) -> tuple[list, Tensor]:
    """Scales all tensors by clip_norm / max(global_norm, clip_norm).

    Returns:
      (list of clipped tensors, the global norm). A non-finite norm makes every
      value NaN, as TF.
    Raises:
      TypeError: t_list is not a sequence.

    >>> clipped, n = tf.clip_by_global_norm([tf.constant([3.0, 4.0])], 1.0)
    >>> print(tf.Session().run([clipped[0], n]))
    [array([0.6, 0.8], dtype=float32), 5.0]
    """
    if isinstance(t_list, (str, bytes)) or not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm",
                    [t for t in t_list if t is not None] + [clip_norm]) as scope:
        # TF's ops, in TF's order (Python operators: `truediv`, `mul`, ...).
        use_norm = to_tensor(use_norm)
        dtype = use_norm.dtype.base_dtype
        scale_for_finite = clip_norm * minimum(1.0 / use_norm,
                                               constant(1.0, dtype=dtype) / clip_norm)
        # NaN when the norm is inf or NaN.
        scale = where(is_finite(use_norm), scale_for_finite, constant(float("nan"), dtype=dtype))
        base = scope[:-1]
        clipped = []
        values = [None if t is None else t.values if isinstance(t, IndexedSlices) else
                  to_tensor(t, name=f"t_{i}") for i, t in enumerate(t_list)]   # all first
        for i, (t, v) in enumerate(zip(t_list, values)):
            if t is None:
                clipped.append(None)
                continue
            with colocate_with(v):   # as TF: the product and its identity where v lives
                c = identity(v * scale, name=f"{base}/_{i}")  # TF repeats the full scope
            clipped.append(IndexedSlices(c, t.indices, t.dense_shape)
                           if isinstance(t, IndexedSlices) else c)
    return clipped, use_norm


_MATRIX_NORMS = ["euclidean", "fro", 1, 2, np.inf]
_VECTOR_NORMS = ["euclidean", 1, 2, np.inf]


def _matrix_2_norm(x: Tensor, axis: tuple) -> Tensor:
    """TF 1.14's matrix 2-norm in `norm`: the axis pair moved last (a permutation computed
    in the graph, through map_fn), the largest singular value (Svd without u, v), the
    result moved back with the inverse permutation."""
    from ..engine.ops.construction import range as _range  # lazy: only ord=2 matrix norms
    from ..engine.ops.control_flow import cond  # lazy: with the above
    from ..engine.ops.indexing import setdiff1d  # lazy: with the above
    from ..engine.ops.joining import concat  # lazy: with the above
    from ..engine.ops.shape import expand_dims, rank, transpose  # lazy: with the above
    from ..engine.ops.comparison import equal, greater_equal  # lazy: with the above
    from .functional_ops import map_fn  # lazy: only ord=2 matrix norms
    r = rank(x)
    positive_axis = map_fn(lambda i: cond(greater_equal(i, 0), lambda: i, lambda: i + r),
                           to_tensor(list(axis)))
    axes = _range(r)
    perm_before = concat([setdiff1d(axes, positive_axis)[0], positive_axis], axis=0)
    perm_after = map_fn(lambda i: cast(squeeze(where(equal(perm_before, i))),
                                       dtype=_dt.int32), axes)
    permed = transpose(x, perm=perm_before)
    s = apply("Svd", [permed], {"compute_uv": False, "full_matrices": False}, "Svd")[0]
    matrix_2_norm = expand_dims(reduce_max(abs(s), axis=-1, keepdims=True), axis=-1)
    return transpose(matrix_2_norm, perm=perm_after)


def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None,  # noqa: A002
         keepdims: bool | None = None, name: str | None = None,
         keep_dims: bool | None = None) -> Tensor:
    """Vector or matrix norm of `tensor` (TF 1.14's `tf.norm`).

    Args:
      tensor: a float Tensor.
      ord: 'euclidean' (or 2, 'fro' for matrices), 1, np.inf, or any p > 0 for vectors.
      axis: None (the whole tensor as one vector), an int (vector norms), or a
        pair of ints (matrix norms).
      keepdims: keep the reduced dims with size 1 (TF 1.x alias: keep_dims).
    Returns:
      The norm, with the reduced axes removed unless keepdims.
    Raises:
      ValueError: ord or axis is not supported.

    >>> print(tf.Session().run(tf.norm(tf.constant([3.0, 4.0]))))
    5.0
    """
    keep = _keep(keepdims, keep_dims)
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if (not isinstance(axis[0], int) or not isinstance(axis[1], int)
                or axis[0] == axis[1]):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique "
                             "integers")
        if ord not in _MATRIX_NORMS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_MATRIX_NORMS}, got "
                             f"{ord}")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique "
                             "integers")
        if ord not in _VECTOR_NORMS and (isinstance(ord, str) or not np.isreal(ord)
                                          or ord <= 0):
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    with name_scope(name, "norm", [tensor]):
        x = to_tensor(tensor)
        axes = None if axis is None else list(axis)
        if ord in ("fro", "euclidean") or (not isinstance(ord, str) and ord == 2):
            if is_matrix_norm and not isinstance(ord, str):
                result = _matrix_2_norm(x, axis)
            else:
                result = sqrt(reduce_sum(x * conj(x), axes, keepdims=True))  # TF: `mul`
        else:
            result = abs(x)
            if ord == 1:
                result = reduce_sum(result, None if axis is None else axis[0], keepdims=True)
                if is_matrix_norm:
                    result = reduce_max(result, axis[-1], keepdims=True)
            elif ord == np.inf:
                if is_matrix_norm:
                    result = reduce_sum(result, axis[1], keepdims=True)
                result = reduce_max(result, None if axis is None else axis[0], keepdims=True)
            else:
                p = scalar(ord, result)
                result = pow(reduce_sum(pow(result, p), axes, keepdims=True),
                             scalar(1.0 / ord, result))
        if not keep:
            result = squeeze(result, axes)
        return result
