"""Elementwise math: one row per op (TF's op type, NumPy kernel, dtypes, gradient, flags).

`unop` and `binop` register an op and return its TF wrapper (`tanh(x, name=None)`).
A unary gradient is `d(g, x, y)`: the gradient for x given the output gradient g and
the output y; a binary one is a rule `(op, grad) -> [gx, gy]`, usually `both(dx, dy)`
(each `d(g, x, y)`, summed back to its input's shape). Complex gradients are
conjugated as TF 1.14 conjugates them: g * conj(f'(x)).

Every row is `elementwise` (fusion and the code generator read it) and, where the
kernel is a NumPy ufunc that can write into its input, `inplace_ok`.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.graph import Tensor, name_scope
from ..framework.indexed_slices import IndexedSlices
from ..framework.graph import control_dependencies as _control_dependencies
from ..framework.registry import (GRADIENTS, no_gradient_registered, register_complex_kernel,
                                  register_string_kernel,
                                  register_op)
from ._base import (COMPLEX, FLOAT_COMPLEX, FLOATS, NUMBERS, REAL_NUMBERS, apply,
                    binary_broadcast, check_dtype, op_input, same_type_inputs, to_tensor,
                    unary_same)
from . import eigen_math as _eigen_math
from ._array_util import merge_shapes
from .cast import cast
from .shape import reshape as _reshape
from .shape import shape as _shape
from .comparison import greater, greater_equal, less_equal, not_equal
from .construction import ones_like as _ones_like
from .construction import zeros as _zeros
from .construction import zeros_like as _zeros_like
from .prims import select as _where  # indexing.where(c, x, y): indexing is above this family

_I32_64 = (_dt.int32, _dt.int64)
# Maximum, Minimum, FloorMod, SquaredDifference and friends: TF's narrower type lists.
MINMAX_TYPES = FLOATS + _I32_64
FLOORMOD_TYPES = FLOATS + _I32_64
SQDIFF_TYPES = FLOATS + _I32_64 + COMPLEX
ABS_TYPES = FLOATS + (_dt.int8, _dt.int16, _dt.int32, _dt.int64)


# -- the table machinery ---------------------------------------------------------------------
def _named(binder, pyname, op_type, doc):
    binder.__name__ = binder.__qualname__ = pyname
    binder.__doc__ = f"{doc} (op `{op_type}`)."
    return binder


# The unary ops whose TF 1.14 rule (math_grad.py) builds its gradient under
# `control_dependencies([grad])` (the ops not fed by grad or by an op built there, e.g.
# Cos in Sin's rule, take grad as a control input)
_GRAD_AFTER_GRAD = frozenset((
    "Square", "Exp", "Expm1", "Log", "Log1p", "Sinh", "Cosh", "Tanh", "Atanh", "Sigmoid",
    "Sin", "Cos", "Tan", "Asin", "Acos", "Atan"))


def _after_grad(d):
    def rule(op, g):
        with _control_dependencies([g]):
            return [d(g, op._inputs[0], op.outputs[0])]
    return rule


def unop(pyname, op_type, kernel, dtypes, d, doc, *, inplace_ok=False, scope=None,
         infer=unary_same, **props):
    """Registers a unary elementwise op; returns its wrapper `pyname(x, name=None)`.

    `d(g, x, y)` is the gradient for x (None: not differentiable); `scope` wraps the op
    in `name_scope(name, scope)` as TF's Python wrapper does.
    """
    grad = None if d is None else _after_grad(d) if op_type in _GRAD_AFTER_GRAD else (
        lambda op, g: [d(g, op._inputs[0], op.outputs[0])])
    register_op(op_type, infer=infer, kernel=kernel, grad=grad, elementwise=True,
                inplace_ok=inplace_ok, **props)
    if pyname is None:
        return None
    if scope is None:
        def binder(x: Any, name: str | None = None) -> Tensor:
            if isinstance(x, Tensor):
                check_dtype(op_type, x, dtypes)
                return apply(op_type, [x], None, name)
            # TF's generated wrapper converts inside the op's scope (`Tanh/x`).
            with name_scope(name, op_type) as s:
                x = op_input(x, "x")
                check_dtype(op_type, x, dtypes)
                return apply(op_type, [x], None, s)
    else:
        def binder(x: Any, name: str | None = None) -> Tensor:
            with name_scope(name, scope, [x]) as s:
                x = op_input(x, "x")
                check_dtype(op_type, x, dtypes)
                return apply(op_type, [x], None, s)
    return _named(binder, pyname, op_type, doc)


def binop(pyname, op_type, kernel, dtypes, grad, doc, *, inplace_ok=False, scope=None,
          scope_on=2, arg_names=None, y_as_x=False):
    """Registers a binary broadcasting op; returns its wrapper `pyname(x, y, name=None)`.

    `grad` is the rule `(op, grad) -> [gx, gy]` (None: not differentiable); `scope`
    wraps the op in `name_scope(name, scope, [x, y][:scope_on])`; `arg_names` are the
    input names in TF's error messages (default x, y). `y_as_x`: TF's Python wrapper
    converts y to x's dtype first (a y tensor of another dtype raises ValueError).
    """
    register_op(op_type, infer=binary_broadcast, kernel=kernel, grad=grad, elementwise=True,
                inplace_ok=inplace_ok)
    if scope is None:
        def binder(x: Any, y: Any, name: str | None = None) -> Tensor:
            if isinstance(x, Tensor) and isinstance(y, Tensor):
                try:
                    x, y = same_type_inputs(op_type, [x, y], arg_names, allowed=dtypes)
                except TypeError:
                    with name_scope(name, op_type, [x, y]):   # TF checks in the op's
                        pass                                  # scope: its name is taken
                    raise
                return apply(op_type, [x, y], None, name)
            # TF's generated wrapper converts inside the op's scope (`Maximum/y`).
            with name_scope(name, op_type, [x, y]) as s:
                x, y = same_type_inputs(op_type, [x, y], arg_names, allowed=dtypes)
                return apply(op_type, [x, y], None, s)
    else:
        def binder(x: Any, y: Any, name: str | None = None) -> Tensor:
            with name_scope(name, scope, [x, y][:scope_on]) as s:
                if y_as_x and isinstance(y, Tensor):
                    x = convert_to_tensor(x, name="x")
                    y = convert_to_tensor(y, dtype=x.dtype.base_dtype)
                x, y = same_type_inputs(op_type, [x, y], arg_names, allowed=dtypes)
                return apply(op_type, [x, y], None, s)
    return _named(binder, pyname, op_type, doc)


def gradop(pyname, op_type, kernel, grad, doc):
    """Registers the backprop op of a unary op (inputs: its output y and dy)."""
    register_op(op_type, infer=unary_same, kernel=kernel, grad=grad, elementwise=True)

    def binder(y: Any, dy: Any, name: str | None = None) -> Tensor:
        return apply(op_type, [y, dy], None, name)
    return _named(binder, pyname, op_type, doc)


def both(dx: Callable, dy: Callable | None, fast: Callable | None = None, conj=False):
    """A binary rule from per-input gradients `d(g, x, y)`, built as TF 1.14 builds them:
    Shape(x), Shape(y), BroadcastGradientArgs, then per input its gradient, Sum over the
    broadcast axes and Reshape to the input's shape (plan-time passes fold these when
    the shapes are known). `fast(g, x, y)` -> (gx, gy) is TF's shortcut for a dense
    gradient when x, y and g have one fully known shape. `conj`: x and y are given to
    `dx` / `dy` conjugated, both Conj ops built first (TF's Mul and DivNoNan rules)."""
    def rule(op, grad):
        x, y = op._inputs
        if fast is not None and type(grad) is Tensor and _same_full_shapes(x, y, grad):
            fg = fast(grad, x, y)
            if fg is not None:
                return list(fg)
        sx, sy, rx, ry = broadcast_args(x, y)
        if conj:
            x, y = cj(x), cj(y)
        # an IndexedSlices gradient is given to dx / dy as it is: TF 1.14 converts it at
        # each op that reads it, in that op's scope (`mul_grad/Mul/x`, `add_grad/Sum/input`)
        gx = reshape_sum(dx(grad, x, y), rx, sx)
        gy = reshape_sum(dy(grad, x, y), ry, sy) if dy is not None else None
        return [gx, gy]
    return rule


def _same_full_shapes(x, y, g):
    """TF's _ShapesFullySpecifiedAndEqual."""
    xs = x._shape._dims
    return xs is not None and None not in xs and xs == y._shape._dims == g._shape._dims


def broadcast_args(x, y):
    """TF's sx = shape(x), sy = shape(y), rx, ry = broadcast_gradient_args(sx, sy)."""
    sx = _shape_of(x)
    sy = _shape_of(y)
    rx, ry = apply("BroadcastGradientArgs", [sx, sy])
    return sx, sy, rx, ry


def _shape_of(x):
    """array_ops.shape(x): a Const named Shape when static (built directly: gradients make
    many), else a Shape op."""
    dims = x._shape._dims
    if dims is not None and None not in dims:
        arr = np.array(dims, dtype=np.int32)
        arr.flags.writeable = False
        return x._op._graph._create_op("Const", [], {"value": arr, "dtype": _dt.int32},
                                       "Shape")._outputs[0]
    return _shape(x)


def reshape_sum(g, axes, s):
    """reshape(reduce_sum(g, axes), s), TF's two ops."""
    return apply("Reshape", [_sum(g, axes), s])


def _sum(g, axes):
    """reduce_sum(g, axes): a Sum op; an IndexedSlices `g` is converted in its scope
    (`Sum/input`), as TF's generated wrapper converts it."""
    if type(g) is Tensor:
        return apply("Sum", [g, axes], {"keep_dims": False})
    with name_scope(None, "Sum", [g]) as s:
        return apply("Sum", [to_tensor(g, name="input"), axes], {"keep_dims": False}, s)


def _select(cond, t, e):
    """where(cond, t, e): a Select op; an IndexedSlices `t` or `e` is converted in its
    scope (`Select/t`, `Select_1/e`), as TF's generated wrapper converts it."""
    if type(t) is Tensor and type(e) is Tensor:
        return _where(cond, t, e)
    with name_scope(None, "Select", [cond, t, e]) as s:
        t = t if type(t) is Tensor else to_tensor(t, name="t")
        e = e if type(e) is Tensor else to_tensor(e, name="e")
        return apply("Select", [cond, t, e], None, s)


def cj(t):
    """conj(t) for a complex tensor, t itself otherwise (gradients conjugate as TF's)."""
    return apply("Conj", [t], None, "Conj") if t.dtype.base_dtype in COMPLEX else t


def _mul(a, b):
    """a * b as TF's `*` operator names it (`mul`)."""
    return multiply(a, b, name="mul")


def _neg_mul(g, inv):
    """-g * inv in TF's order (Neg, then `mul`), after `inv` is built."""
    return _mul(negative(g), inv)


def scalar(value, like):
    """A scalar constant of `like`'s dtype (gradient rules use it)."""
    return constant(value, dtype=like.dtype.base_dtype)


def rbinary(fn, x, y, name):
    """`x <op> y` for a Python `x`, built as TF's operators build it (r_binary_op_wrapper):
    in scope `name`, x converted to y's dtype (a Const `x`), then `fn`'s op named `name`.
    Gradient rules use it where TF 1.14 writes `0.5 * t` (the op wrappers themselves
    convert a leading Python value to its own dtype, as TF's)."""
    with name_scope(name, None, [x, y]) as s:
        return fn(convert_to_tensor(x, dtype=y.dtype.base_dtype, name="x"), y, name=s)


def _one_minus_sq(x):
    x2 = square(x)   # TF 1.14's order: Square, then the constant one, then Sub
    return subtract(scalar(1, x), x2)


def _one_plus_sq(x):
    x2 = square(x)
    return add(scalar(1, x), x2)


# -- kernels that are not a single NumPy ufunc -----------------------------------------------
def _check_int_divisor(x, y, op="Div"):
    # per element, as TF's kernels: an empty result divides nothing
    if x.dtype.kind in "iu" and not np.all(y) and np.broadcast(x, y).size:
        if op.startswith("Truncate"):
            # TF 1.14's BinaryOpShared::SetComputeError names only Div, Mod, FloorDiv and
            # FloorMod: TruncateDiv / TruncateMod by an integer zero fall to its last branch
            raise _errors.InternalError(None, None, "Unexpected error in binary operator "
                                        "(only integer div and mod should have errors)")
        raise _errors.InvalidArgumentError(None, None, "Integer division by zero")


def _c_div(x, y):
    """C's integer `/` (rounding toward zero), wrapping as TF's int arithmetic."""
    q = np.floor_divide(x, y)
    # Floor and truncation differ when the signs differ and the division is inexact.
    fix = (np.not_equal(np.multiply(q, y), x)) & (np.less(x, 0) != np.less(y, 0))
    return np.add(q, fix.astype(q.dtype))


def _floordiv_kernel(x, y):
    _check_int_divisor(x, y)
    if x.dtype.kind == "f":
        # TF computes floor(x / y): 1.0 // 0.1 is 10 (Python's divmod rule gives 9).
        return np.floor(np.true_divide(x, y))
    if x.dtype.kind == "u":
        return np.floor_divide(x, y)
    # TF 1.14's google_floor_div on signed integers: x / y when the signs agree, else
    # -(|x| + |y| - 1) / |y|, |x| and |y| wrapped to the type, the rest in C's promoted
    # int (int32 / int64) arithmetic, wrapping: -2147483647 // 7 is 306783377 and int8's
    # -128 // 3 is 42. That is NumPy's floor division unless a value is the type's minimum
    # or (int32 / int64) |x| + |y| - 1 overflows.
    if x.size and y.size:
        info = np.iinfo(x.dtype)
        lo = min(int(x.min()), int(y.min()))
        hi = max(-lo, int(x.max()), int(y.max()))   # bounds |x| and |y|
        if lo > info.min and (x.dtype.itemsize < 4 or 2 * hi - 1 <= info.max):
            return np.floor_divide(x, y)
    w = np.promote_types(x.dtype, np.int32)
    with np.errstate(over="ignore"):
        ax, ay = np.abs(x).astype(w), np.abs(y).astype(w)
        mixed = -_c_div(ax + ay - np.ones((), w), ay)
        same = _c_div(x.astype(w), y.astype(w))
    return np.where(np.less(x, 0) != np.less(y, 0), mixed, same).astype(x.dtype)


def _floormod_kernel(x, y):
    _check_int_divisor(x, y)
    r = np.mod(x, y)
    if x.dtype.kind == "f":
        # TF 1.14's float FloorMod: fmod(x, y), plus y when it is nonzero with y's other
        # sign, as NumPy's; but a zero keeps fmod's sign, x's, where NumPy gives it y's
        # (-5 % 2.5 is -0.0 and 0 % -3 is 0.0 in TF)
        zero = r == 0
        if zero.any():
            r = np.where(zero, np.copysign(r, x), r)
    return r


def _trunc_div(x, y, op):
    _check_int_divisor(x, y, op)
    if x.dtype.kind in "iu":
        return _c_div(x, y)
    # TF 1.14's TruncateDiv kernel on floats is a plain division (no truncation).
    if x.dtype.kind == "c":
        return _eigen_math.complex_realdiv(x, y)
    return np.true_divide(x, y)


def _div_kernel(x, y):
    return _trunc_div(x, y, "Div")


def _truncatediv_kernel(x, y):
    return _trunc_div(x, y, "TruncateDiv")


def _mod_kernel(x, y):
    _check_int_divisor(x, y)
    return np.fmod(x, y)


def _truncatemod_kernel(x, y):
    _check_int_divisor(x, y, "TruncateMod")
    return np.fmod(x, y)


def _pow_kernel(x, y):
    if x.dtype.kind == "c":
        return _eigen_math.complex_pow(x, y)
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0):
        raise _errors.InvalidArgumentError(
            None, None, "Integers to negative integer powers are not allowed")
    if x.dtype == np.float32 and max(np.size(x), np.size(y)) <= _eigen_math.EXACT_MAX:
        # TF's CPU kernel calls libm's powf; NumPy's float32 power can be off by one ulp
        # (0.9f ** 4), and the float64 power rounded once differs from powf near midpoints
        # (above EXACT_MAX values NumPy's, as Exp and Log: docs/performance.md)
        return _eigen_math.powf(x, y)
    if x.dtype == np.float64 and max(np.size(x), np.size(y)) <= _eigen_math.EXACT_MAX:
        # float64: libm's pow too (Eigen's scalar_pow_op is numext::pow), which is not
        # correctly rounded: pow(9.072, 2) is x * x plus an ulp
        return _eigen_math.flush64(_eigen_math.libm_pow64(x, y))   # (FTZ)
    return np.power(x, y)


def _sqdiff_kernel(x, y):
    d = np.subtract(x, y)
    # complex: TF's v * conj(v) without NumPy's fused multiply-add
    return _eigen_math.complex_mul(d, np.conj(d)) if d.dtype.kind == "c" else np.multiply(d, d)


def _div_no_nan_kernel(x, y):
    if x.dtype.kind == "c":
        return _eigen_math.complex_div_no_nan(x, y)
    safe = np.where(y == 0, np.ones((), y.dtype), y)
    return np.where(y == 0, np.zeros((), x.dtype), np.true_divide(x, safe))


def _xlogy_kernel(x, y):
    """x log(y), 0 where x is 0. float32 up to EXACT_MAX values: log(y) is Eigen's plog on
    packets of 8 and libm's logf on the rest, as TF's xlogy_op (eigen_math.log); float64's
    glibc's log of each value."""
    if np.result_type(x, y) == np.float32 and np.broadcast(x, y).size <= \
            _eigen_math.EXACT_MAX:
        x, y = np.broadcast_arrays(x, y)
        return np.where(x == 0, np.zeros((), x.dtype), np.multiply(x, _eigen_math.log(y)))
    if np.result_type(x, y) == np.float64 and np.broadcast(x, y).size <= \
            _eigen_math.EXACT_MAX:   # float64: no packet log, glibc's log of each value (DAZ)
        x, y = np.broadcast_arrays(x, y)
        x = _eigen_math.flush64(x)
        with np.errstate(all="ignore"):
            return np.where(x == 0, np.zeros((), x.dtype),
                            _eigen_math.flush64(x * _eigen_math.libm_log64_daz(y)))
    return np.where(x == 0, np.zeros((), x.dtype), np.multiply(x, np.log(y)))


def _xdivy_kernel(x, y):
    if x.dtype.kind == "c":
        return _eigen_math.complex_xdivy(x, y)
    return np.where(x == 0, np.zeros((), x.dtype), np.true_divide(x, y))


def _mul_no_nan_kernel(x, y):
    prod = _eigen_math.complex_mul(x, y) if x.dtype.kind == "c" else np.multiply(x, y)
    return np.where(y == 0, np.zeros((), x.dtype), prod)


_NUMPY1 = np.lib.NumpyVersion(np.__version__) < "2.0.0"


def _sign_kernel(x):
    if x.dtype.kind == "f":
        # (x > 0) - (x < 0), as Eigen: sign(nan) is 0 in TF.
        return np.subtract(np.greater(x, 0), np.less(x, 0), dtype=x.dtype)
    if x.dtype.kind == "c" and _NUMPY1:   # z / |z| as TF and NumPy 2 (1.x: sign(z.real))
        a = np.abs(x)
        return np.divide(x, a, out=np.zeros_like(x), where=a != 0)
    return np.sign(x)


def _sqrt_kernel(x):
    if x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX:
        # TF's float32 Sqrt: Eigen's AVX psqrt on packets of 8 (a sparse Adam step's Sqrt
        # of its slot); above EXACT_MAX np.sqrt, correctly rounded, at a tenth of the
        # emulation's cost on a language model's embedding slot (docs/performance.md); Grappler
        # makes `var ** 0.5` a Sqrt (optimize/convert_pow.py)
        return _eigen_math.sqrt(x)
    if x.dtype == np.float64:   # sqrtpd under DAZ: a denormal's root is a signed zero
        return np.sqrt(_eigen_math.flush64(x))
    if x.dtype.kind == "c":   # std::sqrt (glibc's csqrt) under FTZ
        return _eigen_math.complex_flush(np.sqrt(x))
    return np.sqrt(x)


def _rsqrt_kernel(x):
    if x.dtype == np.float32:   # TF's Eigen prsqrt: hardware estimate and a Newton step
        return _eigen_math.rsqrt(x)
    if x.dtype == np.float64:   # 1 / sqrtpd under DAZ: a denormal gives +-inf
        with np.errstate(divide="ignore"):
            return np.reciprocal(np.sqrt(_eigen_math.flush64(x)))
    if x.dtype.kind == "c":   # Eigen's scalar 1 / std::sqrt(x): Smith division, FTZ
        root = _eigen_math.complex_flush(np.sqrt(x))
        return _eigen_math.complex_div(np.ones_like(root), root)
    return np.reciprocal(np.sqrt(x))


def _float32_exact(exact, ufunc, exact64=None):
    """A kernel giving TF's float32 bits (`exact`: eigen_math's emulation of TF's Eigen
    packet function or libm call) up to eigen_math.EXACT_MAX values, else `ufunc`; and
    float64's with `exact64` (libm's double function value by value: up to EXACT_MAX)."""
    def kernel(x):
        if x.size <= _eigen_math.EXACT_MAX:
            if x.dtype == np.float32:
                return exact(x)
            if exact64 is not None and x.dtype == np.float64:
                return exact64(x)
        return ufunc(x)
    return kernel


def _half_libm(name, kernel):
    """`kernel`, with float16 inputs as TF's Eigen::half: libm's float function, rounded
    to half (eigen_math.half_libm)."""
    def run(x):
        if np.asarray(x).dtype == np.float16:
            return _eigen_math.half_libm(name, x)
        return kernel(x)
    return run


def _half_exact(half_fn, kernel):
    """`kernel`, with float16 inputs through `half_fn` (eigen_math's model of TF's
    Eigen::half functor and its packet lanes)."""
    def run(x):
        return half_fn(x) if np.asarray(x).dtype == np.float16 else kernel(x)
    return run


def _complex_exact(exact, kernel):
    """`kernel`, with complex inputs through `exact` (TF's std::complex arithmetic)."""
    def run(x):
        return exact(x) if x.dtype.kind == "c" else kernel(x)
    return run


def _exp_kernel(x):   # TF's Eigen pexp (float64: pexp<Packet4d>, any size)
    if x.dtype == np.float64:
        return _eigen_math.exp64(x)
    if x.dtype.kind == "c":   # glibc's cexp, its denormal parts flushed (FTZ)
        return _eigen_math.complex_flush(np.exp(x))
    return _exp32(x)


_exp32 = _float32_exact(_eigen_math.exp, np.exp)
_log_kernel = _float32_exact(_eigen_math.log, np.log,       # TF's Eigen plog; glibc's log
                             _eigen_math.libm_log64_daz)


_tanh_kernel = _float32_exact(_eigen_math.tanh, np.tanh,    # TF's Eigen rational tanh;
                              _eigen_math.libm_tanh64)      # glibc's tanh
_log1p_kernel = _complex_exact(_eigen_math.log1p_complex,    # Eigen's complex fallback
                               _float32_exact(_eigen_math.log1p, np.log1p,   # glibc's log1pf,
                                              _eigen_math.libm_log1p64))     # log1p


# TF 1.14's Neg (Eigen's scalar_opposite_op, AVX): a whole packet (8 float16 / float32,
# 4 float64 / complex64, 2 complex128) is pnegate, 0 - x, which makes a zero +0; the last
# n % lanes elements are the scalar -x, which flips a zero's sign. (TF's bfloat16 has no
# packets, all -x; flowgrad holds it as float32 and gives float32's zeros.)
_NEG_LANES = {np.dtype(np.float16): 8, np.dtype(np.float32): 8, np.dtype(np.float64): 4,
              np.dtype(np.complex64): 4, np.dtype(np.complex128): 2}


def _neg_kernel(x):
    out = np.negative(x, order="C")
    lanes = _NEG_LANES.get(out.dtype)
    if lanes and out.size >= lanes:
        flat = out.reshape(-1)
        flat[:flat.size - flat.size % lanes] += 0   # -0 + 0 is +0; all else unchanged
    return out


def _sigmoid_kernel(x):
    if x.dtype in (np.float32, np.float64):   # TF's Eigen logistic, bit for bit
        return _eigen_math.sigmoid(x)
    if x.dtype == np.float16:   # TF's 1 / (1 + exp(-x)) in half arithmetic
        return _eigen_math.sigmoid16(x)
    if x.dtype.kind == "c":   # std::complex's 1 / (1 + exp(-x)) (libgcc's division)
        return _eigen_math.sigmoid_complex(x)
    # exp(-|x|) never overflows; both branches are accurate in their half.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def _round_kernel(x):
    # Half to even; "+ 0" turns the -0.0 of a negative x into 0.0 as TF's floor-based
    # rounding (floor(x) + 1) gives, but not where x is a zero: floor(-0.0) is -0.0 (and a
    # denormal reads as zero under the run's DAZ: Round(-1e-40) is -0.0 in TF 1.14, golden
    # math/denormal_arith)
    x = np.asarray(x)   # (a NumPy scalar's round ignores out=)
    out = np.round(x, out=np.empty_like(x))
    np.add(out, 0, out=out, where=x != 0)
    return out


def _bool_out(inputs, attrs):
    return [(_dt.bool_, inputs[0].shape)]


# The backprop kernels conjugate y for complex inputs, as TF's (cwise_ops_gradients.h).
def _tanh_grad_kernel(y, dy):
    if y.dtype.kind == "c":
        return _eigen_math.complex_tanh_grad(y, dy)
    return dy * (y.dtype.type(1) - y * y)


_PACKET = {np.dtype(np.float32): 8, np.dtype(np.float64): 4,   # AVX packets of TF's wheel
           np.dtype(np.float16): 8}   # (Eigen's Packet8h: halves computed in float)


def _sigmoid_grad_kernel(y, dy):
    """TF 1.14's Eigen SigmoidGrad: dy * (y * (1 - y)) on whole packets, the scalar
    functor's (dy * y) * (1 - y) on the last size % packet values (the fused LSTM/GRU loops
    round each step's op the same way: sigmoid_grad_fix)."""
    if y.dtype.kind == "c":
        return _eigen_math.complex_sigmoid_grad(y, dy)
    one = y.dtype.type(1)
    out = dy * (y * (one - y))
    tail = out.size % _PACKET.get(out.dtype, 1) if y.shape == dy.shape else 0
    if tail:
        flat = out.reshape(-1)
        yt, dyt = y.reshape(-1)[-tail:], dy.reshape(-1)[-tail:]
        flat[-tail:] = (dyt * yt) * (one - yt)
    return out


def sigmoid_tail(shape, dtype):
    """The indices (a tuple for fancy indexing) of the values of one SigmoidGrad op of
    `shape` that TF's scalar functor rounds (its last size % packet values), else None."""
    size = int(np.prod(shape))
    tail = size % _PACKET.get(np.dtype(dtype), 1)
    if not tail:
        return None
    return np.unravel_index(np.arange(size - tail, size), shape)


def sigmoid_grad_fix(out, y, dy_tail, tail):
    """Rewrites the `tail` (sigmoid_tail) of a SigmoidGrad computed as dy * (y (1 - y))
    with the scalar functor's (dy * y) * (1 - y), `dy_tail` being dy's values there (the
    fused LSTM/GRU loops, which multiply by y (1 - y) in place)."""
    if tail is not None:
        yt = y[tail]
        out[tail] = (dy_tail * yt) * (yt.dtype.type(1) - yt)


def _zero_where_dy_zero(out, dy):
    """TF 1.14's Sqrt/Rsqrt/ReciprocalGrad kernels return 0 where dy == 0, even where the
    formula is 0 * inf (a zero upstream gradient at sqrt(0) stays 0, not NaN)."""
    zero = dy == 0
    if zero.any():
        out = np.where(zero, np.zeros((), out.dtype), out)
    return out


def _reciprocal_grad_kernel(y, dy):
    if y.dtype.kind == "c":
        return _eigen_math.complex_reciprocal_grad(y, dy)
    return _zero_where_dy_zero((-y * y) * dy, dy)   # Eigen's -conj(y) * conj(y) * dy


def _sqrt_grad_kernel(y, dy):
    if y.dtype.kind == "c":
        return _eigen_math.complex_sqrt_grad(y, dy)
    # TF 1.14's Eigen: dy * (0.5 / y) on whole packets, the scalar functor's 0.5 * dy / y
    # on the last size % packet elements
    half = y.dtype.type(0.5)
    out = dy * (half / y)
    tail = out.size % _PACKET.get(out.dtype, 1) if y.shape == dy.shape else 0
    if tail:
        flat = out.reshape(-1)
        yt, dyt = y.reshape(-1)[-tail:], dy.reshape(-1)[-tail:]
        flat[-tail:] = dyt * half / yt
    return _zero_where_dy_zero(out, dy)


def _rsqrt_grad_kernel(y, dy):
    if y.dtype.kind == "c":
        return _eigen_math.complex_rsqrt_grad(y, dy)
    # Eigen's -0.5 * (dy * conj(y)) * (conj(y) * conj(y)), in that order
    return _zero_where_dy_zero(y.dtype.type(-0.5) * (dy * y) * (y * y), dy)


# -- gradient rules that do not fit one line -------------------------------------------------
def _pow_grad(op, grad):
    """d(x^y) = y x^(y-1) dx + x^y log(x) dy, with log(x) taken as 0 where x <= 0 (as TF)."""
    sx, sy, rx, ry = broadcast_args(op._inputs[0], op._inputs[1])
    x, y = cj(op._inputs[0]), cj(op._inputs[1])
    z = cj(op.outputs[0])
    gx = reshape_sum(multiply(multiply(grad, y, name="mul"),
                              pow(x, subtract(y, constant(1, dtype=y.dtype.base_dtype,
                                                          name="sub/y"), name="sub")),
                              name="mul"), rx, sx)
    if x.dtype.is_complex:
        mask = not_equal(x, constant(0, dtype=x.dtype.base_dtype, name="NotEqual/y"))
    else:
        mask = greater(x, constant(0, dtype=x.dtype.base_dtype, name="Greater/y"))
    safe_x = _where(mask, x, _ones_like(x))
    log_x = _where(mask, log(safe_x), _zeros_like(x))
    gy = reshape_sum(multiply(multiply(grad, z, name="mul"), log_x, name="mul"), ry, sy)
    return [gx, gy]


def _max_min_grad(selector):
    def rule(op, grad):
        """Gradient goes to x where selector(x, y) holds (ties go to x, as TF), else to y."""
        x, y = op._inputs
        # (an IndexedSlices gradient is converted at each op reading it, in its scope, as
        # TF's: Shape_2/UnsortedSegmentSum, Select/t, Select_1/e)
        sx = _shape(x)
        sy = _shape(y)
        zeros = _zeros(_shape(grad), grad.dtype.base_dtype)
        xmask = selector(x, y)
        rx, ry = apply("BroadcastGradientArgs", [sx, sy])
        gx = reshape_sum(_select(xmask, grad, zeros), rx, sx)
        gy = reshape_sum(_select(xmask, zeros, grad), ry, sy)
        return [gx, gy]
    return rule


def _sqdiff_grad(op, grad):
    """d (x-y)^2 = 2 (x-y) (dx - dy), under a control dependency on grad (TF's
    _SquaredDifferenceGrad: its 2 and x - y wait for grad)."""
    x, y = op._inputs
    sx, sy, rx, ry = broadcast_args(x, y)
    if type(grad) is not Tensor:
        # TF's scalar_mul scales an IndexedSlices' values; `* (x - y)` converts it in the
        # operator's scope (`mul_1/x`)
        with _control_dependencies([grad.values]):
            two = constant(2.0, dtype=grad.dtype.base_dtype, name="scalar")
            scaled = IndexedSlices(multiply(two, grad.values), grad.indices, grad.dense_shape)
            g = _py_op(multiply, "mul", scaled, subtract(x, y, name="sub"))
        gx = reshape_sum(g, rx, sx)
        return [gx, negative(reshape_sum(g, ry, sy))]
    with _control_dependencies([grad]):   # as TF's
        g = multiply(multiply(constant(2.0, dtype=grad.dtype.base_dtype, name="scalar"),
                              grad), subtract(x, y, name="sub"), name="mul")
    gx = reshape_sum(g, rx, sx)
    return [gx, negative(reshape_sum(g, ry, sy))]


def _sub_grad(op, grad):
    x, y = op._inputs
    if type(grad) is Tensor and _same_full_shapes(x, y, grad):
        return [grad, negative(grad)]
    # (an IndexedSlices gradient is converted by each Sum reading it, in its scope, as TF's)
    sx, sy, rx, ry = broadcast_args(x, y)
    gx = reshape_sum(grad, rx, sx)
    return [gx, _reshape(negative(_sum(grad, ry)), sy)]


def _realdiv_grad(op, grad):
    x, y = op._inputs
    # (an IndexedSlices gradient is converted by each op reading it, in its scope, as TF's
    # generated wrappers convert their inputs: RealDiv/x, mul/x)
    sx, sy, rx, ry = broadcast_args(x, y)
    x, y = cj(x), cj(y)
    gx = reshape_sum(realdiv(grad, y), rx, sx)
    gy = reshape_sum(multiply(grad, realdiv(realdiv(negative(x), y), y), name="mul"), ry, sy)
    return [gx, gy]


def _mul_fast(g, x, y):
    if g.dtype.base_dtype in (_dt.int32, _dt.float32):
        return multiply(g, y), multiply(g, x)
    return None


def _xlogy_grad(op, grad):
    """d x log(y) = log(y) dx (0 where x == 0) + x / y dy, as TF 1.14 builds it: the
    broadcast shapes, then under a control dependency on grad Cast/x, NotEqual, Cast_1,
    Xlogy, Xdivy and the Python products (mul, mul_1) summed and reshaped."""
    x, y = op._inputs
    sx, sy, rx, ry = broadcast_args(x, y)
    with _control_dependencies([grad]):
        not_zero_x = _not_zero(x)
        partial_x = xlogy(not_zero_x, y)
        partial_y = xdivy(x, y)
        return [reshape_sum(_pmul(partial_x, grad), rx, sx),
                reshape_sum(_pmul(partial_y, grad), ry, sy)]


def _xdivy_grad(op, grad):
    """d x/y = 1/y dx (0 where x == 0) - x / y**2 dy, as TF 1.14 builds it (see
    _xlogy_grad; y**2 a Python `pow`)."""
    x, y = op._inputs
    sx, sy, rx, ry = broadcast_args(x, y)
    with _control_dependencies([grad]):
        not_zero_x = _not_zero(x)
        partial_x = xdivy(not_zero_x, y)
        partial_y = xdivy(negative(x), _py_op(pow, "pow", y, 2))
        return [reshape_sum(_pmul(partial_x, grad), rx, sx),
                reshape_sum(_pmul(partial_y, grad), ry, sy)]


def _over_after(g, fn, y):
    """TF's `grad / fn(conj(y))` under a control dependency on grad (Asinh, Acosh:
    `truediv`)."""
    with _control_dependencies([g]):
        return _py_op(truediv, "truediv", g, fn(cj(y)))


def _floormod_grad(op, grad):
    """TF 1.14's rule: conj(x), conj(y), the broadcast shapes, FloorDiv, then gx (grad
    summed) and gy = grad * -FloorDiv (`mul`) summed."""
    x, y = cj(op._inputs[0]), cj(op._inputs[1])
    sx, sy, rx, ry = broadcast_args(x, y)
    floor_xy = apply("FloorDiv", [x, y])
    gx = reshape_sum(grad, rx, sx)
    return [gx, reshape_sum(_pmul(grad, negative(floor_xy)), ry, sy)]


def _not_zero(x):
    """TF's cast(not_equal(x, cast(0., x.dtype)), x.dtype): Cast/x, NotEqual, Cast_1."""
    dt = x.dtype.base_dtype
    return cast(not_equal(x, cast(0., dt)), dt)


def _atan2_grad(op, grad):
    """d atan2(y, x) = (x dy - y dx) / (x^2 + y^2); inputs are (y, x). TF 1.14's rule: under
    a control dependency on grad, Python operators and no broadcast reduction."""
    y, x = op._inputs
    with _control_dependencies([grad]):
        grad_inv = _py_op(truediv, "truediv", grad,
                          _py_op(add, "add", square(x), square(y)))
        return [_pmul(x, grad_inv), _pmul(negative(y), grad_inv)]


def _py_op(fn, scope, a, b):
    """`a <op> b` as TF's Python operator builds it: a fresh name scope `scope` (mul, sub,
    truediv), a Python number converted inside it to the tensor's dtype ('mul/x' on the
    left, 'mul/y' on the right), the op named as the scope."""
    # an IndexedSlices beside a Tensor is converted inside the scope ('mul/x', 'mul/y'),
    # as TF's operators convert it; beside a number it is made dense first, where TF
    # 1.14 fails to multiply it (tools/fuzz's documented difference)
    sliced = [hasattr(v, "indices") for v in (a, b)]
    if sliced[0] != sliced[1] and isinstance(b if sliced[0] else a, Tensor):
        t = b if sliced[0] else a
        with name_scope(None, scope, [a, b]) as s:
            if sliced[0]:
                a = convert_to_tensor(a, dtype=t.dtype.base_dtype, name="x")
            else:
                b = convert_to_tensor(b, dtype=t.dtype.base_dtype, name="y")
            return fn(a, b, name=s)
    a, b = (convert_to_tensor(v) if hasattr(v, "indices") else v for v in (a, b))
    t = a if isinstance(a, Tensor) else b
    with name_scope(None, scope, [t]) as s:
        if not isinstance(a, Tensor):
            a = constant(a, dtype=t.dtype.base_dtype, name="x")
        if not isinstance(b, Tensor):
            b = constant(b, dtype=t.dtype.base_dtype, name="y")
        return fn(a, b, name=s)


def _pmul(a, b):
    return _py_op(multiply, "mul", a, b)


# The *Grad ops' own gradients are TF 1.14's (math_grad.py): under a control dependency on
# `grad`, written with Python operators, whose names (mul, mul/y, ...) and evaluation order
# (so rounding) are TF's.
def _tanh_grad_grad(op, grad):
    """TanhGrad(y, dy) = dy (1 - y^2): d/dy = ((grad * -2) * dy) * y, d/ddy = TanhGrad(y, grad)."""
    with _control_dependencies([grad.op]):
        a, b = cj(op._inputs[0]), cj(op._inputs[1])
        return [_pmul(_pmul(_pmul(grad, -2.0), b), a), tanh_grad(a, grad)]


def _sigmoid_grad_grad(op, grad):
    """SigmoidGrad(y, dy) = dy y (1 - y): d/dy = gb - (2 gb) y with gb = grad * dy,
    d/ddy = SigmoidGrad(y, grad)."""
    with _control_dependencies([grad.op]):
        a, b = cj(op._inputs[0]), cj(op._inputs[1])
        gb = _pmul(grad, b)
        return [_py_op(subtract, "sub", gb, _pmul(_pmul(2.0, gb), a)), sigmoid_grad(a, grad)]


def _reciprocal_grad_grad(op, grad):
    """ReciprocalGrad(y, dy) = -dy y^2: d/dy = ((grad * -2) * dy) * y, d/ddy = -y^2 grad."""
    b = op._inputs[1]
    with _control_dependencies([grad.op]):
        ca, cg = cj(op._inputs[0]), cj(grad)
        return [_pmul(_pmul(_pmul(cg, -2.0), b), ca), reciprocal_grad(ca, grad)]


def _sqrt_grad_grad(op, grad):
    """SqrtGrad(y, dy) = 0.5 dy / y = z: d/dy = -(grad / y) * z, d/ddy = 0.5 * (grad / y)
    (TF 1.14 before its 2019-11-14 forward-compatibility switch to xdivy/mul_no_nan)."""
    a, y = op._inputs[0], op.outputs[0]
    with _control_dependencies([grad.op]):
        ga = _py_op(truediv, "truediv", grad, a)
        return [_pmul(negative(cj(ga)), y), _pmul(0.5, ga)]


def _rsqrt_grad_grad(op, grad):
    """RsqrtGrad(y, dy) = -0.5 dy y^3: d/dy = ((-1.5 * grad) * dy) * y^2,
    d/ddy = RsqrtGrad(y, grad)."""
    a, b = op._inputs
    with _control_dependencies([grad.op]):
        ca, cg = cj(a), cj(grad)
        return [_pmul(_pmul(_pmul(-1.5, cg), b), square(ca)), rsqrt_grad(ca, grad)]


def _maximum_kernel(x, y, out=None):
    """TF's (Eigen's std::max, its packets maxps(y, x)) `x < y ? y : x`: x when either is NaN,
    where np.maximum gives NaN for a NaN y, and x on a tie of +0 and -0 (Maximum(-0.0, 0.0)
    is -0.0): np.maximum(y, x) gives its second operand on a tie (golden math/denormal_arith).
    np.maximum is that rule unless y holds a NaN (y.max(), which propagates NaN, detects it:
    +0.1 ms on 1M float32); then maximum(fmax(x, y), x) is (fmax takes x for a NaN y,
    maximum keeps a NaN x). float16: NumPy's half loop gives its first operand on a tie."""
    if y.dtype.kind not in "iub" and np.isnan(y.max(initial=0)):
        y = np.fmax(x, y)
    return np.maximum(x, y, out=out) if x.dtype == np.float16 else np.maximum(y, x, out=out)


def _minimum_kernel(x, y, out=None):
    """TF's (std::min, minps(y, x)) `y < x ? y : x`: x when either is NaN or on a tie (see
    _maximum_kernel)."""
    if y.dtype.kind not in "iub" and np.isnan(y.max(initial=0)):
        y = np.fmin(x, y)
    return np.minimum(x, y, out=out) if x.dtype == np.float16 else np.minimum(y, x, out=out)


def _string_add(x, y, out=None):
    """Add of strings: an object array, a scalar's too. (np.add gives a 0-d result as a
    bytes object, and reads a bytes scalar input as a bytes dtype: both drop trailing NULs,
    which TF's strings keep.)"""
    r = np.add(np.asarray(x, dtype=object), np.asarray(y, dtype=object))
    if isinstance(r, np.ndarray):
        return r
    a = np.empty((), dtype=object)
    a[()] = r
    return a


# =========================================================================================
# Binary ops: wrapper, op type, kernel, dtypes, gradient rule, docstring, flags
# =========================================================================================
add = binop("add", "Add", np.add, NUMBERS + (_dt.string,),
            both(lambda g, x, y: g, lambda g, x, y: g, lambda g, x, y: (g, g)),
            "Returns x + y elementwise, with broadcasting", inplace_ok=True)
register_op("AddV2", infer=binary_broadcast, kernel=np.add, grad=both(
    lambda g, x, y: g, lambda g, x, y: g, lambda g, x, y: (g, g)), elementwise=True,
    inplace_ok=True)
subtract = binop("subtract", "Sub", np.subtract, NUMBERS,
                 _sub_grad,
                 "Returns x - y elementwise, with broadcasting", inplace_ok=True)
multiply = binop("multiply", "Mul", np.multiply, NUMBERS,
                 both(lambda g, x, y: multiply(g, y), lambda g, x, y: multiply(x, g),
                      _mul_fast, conj=True),
                 "Returns x * y elementwise, with broadcasting", inplace_ok=True)
realdiv = binop("realdiv", "RealDiv", np.true_divide, FLOAT_COMPLEX,
                _realdiv_grad,
                "Returns x / y for float or complex tensors", inplace_ok=True)
floordiv = binop("floordiv", "FloorDiv", _floordiv_kernel, NUMBERS, lambda op, g: [None, None],
                 "Returns floor(x / y) elementwise (integer division by zero fails at run time)",
                 scope="floordiv")
floormod = binop("floormod", "FloorMod", _floormod_kernel, FLOORMOD_TYPES, _floormod_grad,
                 "Returns x - floor(x / y) * y, with the sign of y")
truncatediv = binop("truncatediv", "TruncateDiv", _truncatediv_kernel, NUMBERS,
                    lambda op, g: [None, None],
                    "Returns x / y rounded toward zero for integers (plain x / y for floats)")
truncatemod = binop("truncatemod", "TruncateMod", _truncatemod_kernel, FLOORMOD_TYPES, None,
                    "Returns the remainder of truncating division (C's fmod, the sign of x)")
GRADIENTS["TruncateMod"] = no_gradient_registered  # TF 1.14 registers none
pow = binop("pow", "Pow", _pow_kernel, NUMBERS, _pow_grad,  # noqa: A001 - TF's name
            "Returns x ** y elementwise (integers to negative powers fail at run time)",
            scope="Pow", scope_on=1)
maximum = binop("maximum", "Maximum", _maximum_kernel, MINMAX_TYPES, _max_min_grad(greater_equal),
                "Returns max(x, y) elementwise, ties' gradient to x", inplace_ok=True)
minimum = binop("minimum", "Minimum", _minimum_kernel, MINMAX_TYPES, _max_min_grad(less_equal),
                "Returns min(x, y) elementwise, ties' gradient to x", inplace_ok=True)
squared_difference = binop("squared_difference", "SquaredDifference", _sqdiff_kernel,
                           SQDIFF_TYPES, _sqdiff_grad, "Returns (x - y) * conj(x - y)")
div_no_nan = binop("div_no_nan", "DivNoNan", _div_no_nan_kernel, FLOAT_COMPLEX,
                   both(lambda g, x, y: div_no_nan(g, y),
                        lambda g, x, y: _mul(g, div_no_nan(div_no_nan(negative(x), y), y)),
                        conj=True),
                   "Returns x / y, and 0 where y is 0", scope="div_no_nan", y_as_x=True)
xlogy = binop("xlogy", "Xlogy", _xlogy_kernel, FLOAT_COMPLEX, _xlogy_grad,
              "Returns x * log(y), and 0 where x is 0")
xdivy = binop("xdivy", "Xdivy", _xdivy_kernel, FLOAT_COMPLEX, _xdivy_grad,
              "Returns x / y, and 0 where x is 0")
multiply_no_nan = binop("multiply_no_nan", "MulNoNan", _mul_no_nan_kernel, FLOAT_COMPLEX,
                        both(lambda g, x, y: multiply_no_nan(g, y),
                             lambda g, x, y: multiply_no_nan(x, g),
                             lambda g, x, y: (multiply_no_nan(g, y), multiply_no_nan(x, g))),
                        "Returns x * y, and 0 where y is 0 even if x is NaN or inf",
                        scope="multiply_no_nan", y_as_x=True)
_atan2 = binop("atan2", "Atan2", _eigen_math.atan2, FLOATS, _atan2_grad, "", inplace_ok=True,
               arg_names=["y", "x"])
_nextafter = binop("nextafter", "NextAfter", np.nextafter, (_dt.float32, _dt.float64), None, "")

# =========================================================================================
# Unary ops: wrapper, op type, kernel, dtypes, d(g, x, y) with y = f(x), docstring, flags
# =========================================================================================
negative = unop("negative", "Neg", _neg_kernel, NUMBERS, lambda g, x, y: negative(g),
                "Returns -x elementwise", inplace_ok=True)
# tf.abs itself (complex inputs: ComplexAbs) is complex_ops.abs
abs = unop("real_abs", "Abs", np.abs, ABS_TYPES,  # noqa: A001 - TF's name
           lambda g, x, y: _mul(g, sign(x)), "Returns |x| for real x", inplace_ok=True)
sign = unop("sign", "Sign", _sign_kernel, NUMBERS, lambda g, x, y: _zeros(_shape(x), x.dtype),
            "Returns -1, 0 or 1 by the sign of x (0 for NaN)")
def _reciprocal_kernel(x):
    """1 / x. TF 1.14's op def allows int32 and int64, but only the XLA_CPU device has a
    kernel for them, whose compilation fails (a Session places the op there)."""
    x = np.asarray(x)
    if x.dtype == np.int32 or x.dtype == np.int64:
        raise _errors.InvalidArgumentError(
            None, None, "Invalid cast from floating point type to "
            f"S{x.dtype.itemsize * 8} in ConstantR0WithType.")
    if x.dtype.kind == "c":   # Eigen's packet pdiv and libgcc's complex division, as TF
        return _eigen_math.reciprocal_complex(x)
    return np.reciprocal(x)


reciprocal = unop("reciprocal", "Reciprocal", _reciprocal_kernel,
                  FLOAT_COMPLEX + (_dt.int32, _dt.int64),
                  lambda g, x, y: reciprocal_grad(y, g), "Returns 1 / x",
                  fresh_output=True)


def _square_grad(g, x, y):
    """grad * (x * 2), the 2 under a control dependency on grad (TF's _SquareGrad)."""
    with _control_dependencies([g.op]):
        return multiply(g, multiply(cj(x), scalar(2, x)))


square = unop("square", "Square", np.square, NUMBERS, _square_grad, "Returns x * x",
              inplace_ok=True)
# Complex Mul, RealDiv and Square: TF's Eigen packet / std::complex bits (NumPy's complex
# multiply fuses with FMA; its division differs); real dtypes keep their NumPy ufunc.
register_string_kernel("Add", _string_add)
register_complex_kernel("Mul", _eigen_math.complex_mul)
register_complex_kernel("RealDiv", _eigen_math.complex_realdiv)
register_complex_kernel("Square", _eigen_math.complex_square)
sqrt = unop("sqrt", "Sqrt", _sqrt_kernel, FLOAT_COMPLEX, lambda g, x, y: sqrt_grad(y, g),
            "Returns sqrt(x) (gradient inf at 0)", inplace_ok=True)
rsqrt = unop("rsqrt", "Rsqrt", _rsqrt_kernel, FLOAT_COMPLEX, lambda g, x, y: rsqrt_grad(y, g),
             "Returns 1 / sqrt(x)")
exp = unop("exp", "Exp", _half_libm("exp", _exp_kernel), FLOAT_COMPLEX,
           lambda g, x, y: _mul(g, cj(y)),
           "Returns e^x")
expm1 = unop("expm1", "Expm1", _complex_exact(_eigen_math.expm1_complex, _half_libm(
                 "expm1", _float32_exact(_eigen_math.expm1f, np.expm1,
                                         _eigen_math.libm_expm1_64))), FLOAT_COMPLEX,
             lambda g, x, y: _mul(g, exp(cj(x))), "Returns e^x - 1, accurate near 0",
             fresh_output=True)   # libm's expm1f / expm1, as TF
log = unop("log", "Log", _log_kernel, FLOAT_COMPLEX,
           lambda g, x, y: _mul(g, reciprocal(cj(x))), "Natural logarithm")
log1p = unop("log1p", "Log1p", _log1p_kernel, FLOAT_COMPLEX,
             lambda g, x, y: _mul(g, reciprocal(add(constant(1, dtype=x.dtype.base_dtype,
                                                             name="add/x"), cj(x), name="add"))),
             "Returns log(1 + x), accurate near 0")
_sin_kernel = _float32_exact(_eigen_math.sin, np.sin)      # TF's Eigen psin
_cos_kernel = _float32_exact(_eigen_math.cos, np.cos)      # TF's Eigen pcos


# not ufuncs (float32 runs Eigen's packet functions), but always a new array: a later
# elementwise ufunc may write into it (fresh_output, for the memory planner)
sin = unop("sin", "Sin", _half_libm("sin", _sin_kernel), FLOAT_COMPLEX,
           lambda g, x, y: _mul(g, cos(cj(x))), "Sine", fresh_output=True)
cos = unop("cos", "Cos", _half_libm("cos", _cos_kernel), FLOAT_COMPLEX,
           lambda g, x, y: _mul(negative(g), sin(cj(x))), "Cosine", fresh_output=True)
tan = unop("tan", "Tan", _half_libm("tan", _float32_exact(_eigen_math.tanf, np.tan,
                                                          _eigen_math.libm_tan64)),
           FLOAT_COMPLEX,
           lambda g, x, y: _mul(g, square(reciprocal(cos(cj(x))))), "Tangent",
           fresh_output=True)   # libm's tanf / tan, as TF
asin = unop("asin", "Asin", _float32_exact(_eigen_math.asinf, np.arcsin,
                                                _eigen_math.libm_asin64), FLOAT_COMPLEX,
            lambda g, x, y: _mul(g, reciprocal(sqrt(_one_minus_sq(cj(x))))),
            "Arcsine (NaN outside [-1, 1])", fresh_output=True)   # libm's asinf / asin
acos = unop("acos", "Acos", _half_exact(_eigen_math.half_acos, _float32_exact(
                _eigen_math.acosf, np.arccos, _eigen_math.libm_acos64)), FLOAT_COMPLEX,
            lambda g, x, y: _neg_mul(g, reciprocal(sqrt(_one_minus_sq(cj(x))))),
            "Arccosine (NaN outside [-1, 1])", fresh_output=True)   # libm's acosf / acos
atan = unop("atan", "Atan", _half_libm("atan", _float32_exact(
                _eigen_math.atanf, np.arctan, _eigen_math.libm_atan64)), FLOAT_COMPLEX,
            lambda g, x, y: _mul(g, reciprocal(_one_plus_sq(cj(x)))), "Arctangent",
            fresh_output=True)   # libm's atanf / atan, as TF
sinh = unop("sinh", "Sinh", _half_exact(_eigen_math.half_sinh, _float32_exact(
                _eigen_math.sinhf, np.sinh, _eigen_math.libm_sinh64)), FLOAT_COMPLEX,
            lambda g, x, y: _mul(g, cosh(cj(x))), "Hyperbolic sine",
            fresh_output=True)   # libm's sinhf / sinh, as TF
cosh = unop("cosh", "Cosh", _half_exact(_eigen_math.half_cosh, _float32_exact(
                _eigen_math.coshf, np.cosh, _eigen_math.libm_cosh64)), FLOAT_COMPLEX,
            lambda g, x, y: _mul(g, sinh(cj(x))), "Hyperbolic cosine",
            fresh_output=True)   # libm's coshf / cosh, as TF
tanh = unop("tanh", "Tanh", _tanh_kernel, FLOAT_COMPLEX, lambda g, x, y: tanh_grad(cj(y), g),
            "Hyperbolic tangent", inplace_ok=True)
asinh = unop("asinh", "Asinh", _half_exact(_eigen_math.half_asinh, _float32_exact(
                 _eigen_math.asinhf, np.arcsinh, _eigen_math.libm_asinh64)), FLOAT_COMPLEX,
             lambda g, x, y: _over_after(g, cosh, y), "Inverse hyperbolic sine",
             fresh_output=True)   # libm's asinhf / asinh, as TF
acosh = unop("acosh", "Acosh", _half_exact(_eigen_math.half_acosh, _float32_exact(
                 _eigen_math.acoshf, np.arccosh, _eigen_math.libm_acosh64)), FLOAT_COMPLEX,
             lambda g, x, y: _over_after(g, sinh, y), "Inverse hyperbolic cosine (NaN below 1)",
             fresh_output=True)   # libm's acoshf / acosh, as TF
atanh = unop("atanh", "Atanh", _half_exact(_eigen_math.half_atanh, _float32_exact(
                 _eigen_math.atanhf, np.arctanh, _eigen_math.libm_atanh64)), FLOAT_COMPLEX,
             lambda g, x, y: _mul(g, reciprocal(_one_minus_sq(cj(x)))),
             "Inverse hyperbolic tangent", fresh_output=True)   # libm's atanhf / atanh
sigmoid = unop("sigmoid", "Sigmoid", _sigmoid_kernel, FLOAT_COMPLEX,
               lambda g, x, y: sigmoid_grad(cj(y), g),
               "Returns 1 / (1 + exp(-x)), stable for large |x|", scope="Sigmoid")
floor = unop("floor", "Floor", np.floor, FLOATS, None, "Largest integer not greater than x",
             inplace_ok=True)
ceil = unop("ceil", "Ceil", np.ceil, FLOATS, None, "Smallest integer not less than x",
            inplace_ok=True)
rint = unop("rint", "Rint", _half_exact(_eigen_math.half_rint, np.rint), FLOATS, None,
            "Rounds half to even", inplace_ok=True)
unop(None, "Round", _round_kernel, FLOAT_COMPLEX, None, "")


def _xla_only(error, message):
    """The kernel of an op TF 1.14 registers for complex on no CPU kernel: a Session puts
    it on the XLA_CPU device, whose compilation fails at run time with this error."""
    def kernel(x, **_):
        raise error(None, None, message.format(bits=np.asarray(x).dtype.itemsize * 8))
    return kernel


for _name in ("Asin", "Acos", "Atan"):   # XLA's complex asin/acos/atan need an atan2
    register_complex_kernel(_name, _xla_only(_errors.UnimplementedError,
                                             "binary complex op 'atan2'"))
register_complex_kernel("Round", _xla_only(
    _errors.InvalidArgumentError,
    "Operands to RoundToEven must be real-valued floating-point, but got C{bits}"))
is_nan = unop("is_nan", "IsNan", np.isnan, FLOATS, None, "Which elements are NaN (bool)",
              infer=_bool_out)
is_inf = unop("is_inf", "IsInf", np.isinf, FLOATS, None, "Which elements are +-inf (bool)",
              infer=_bool_out)
is_finite = unop("is_finite", "IsFinite", np.isfinite, FLOATS, None,
                 "Which elements are finite (bool)", infer=_bool_out)
unop(None, "Conj", np.conj, COMPLEX, lambda g, x, y: conj(g), "")

# -- backprop ops: wrapper, op type, kernel (inputs y = f(x) and dy), rule, docstring ---------
tanh_grad = gradop("tanh_grad", "TanhGrad", _tanh_grad_kernel, _tanh_grad_grad,
                   "dy * (1 - y^2): the backprop of Tanh given its output y")
sigmoid_grad = gradop("sigmoid_grad", "SigmoidGrad", _sigmoid_grad_kernel,
                      _sigmoid_grad_grad, "dy * y * (1 - y): the backprop of Sigmoid")
reciprocal_grad = gradop("reciprocal_grad", "ReciprocalGrad", _reciprocal_grad_kernel,
                         _reciprocal_grad_grad, "-dy * conj(y)^2: the backprop of Reciprocal")
sqrt_grad = gradop("sqrt_grad", "SqrtGrad", _sqrt_grad_kernel, _sqrt_grad_grad,
                   "0.5 * dy / conj(y): the backprop of Sqrt")
rsqrt_grad = gradop("rsqrt_grad", "RsqrtGrad", _rsqrt_grad_kernel, _rsqrt_grad_grad,
                    "-0.5 * dy * conj(y)^3: the backprop of Rsqrt")


# -- wrappers with their own rules -------------------------------------------------------------
def round(x: Any, name: str | None = None) -> Tensor:  # noqa: A001 - TF's name
    """Rounds half to even (op `Round`); integer tensors are returned unchanged."""
    x = to_tensor(x, name="x")
    if x.dtype.is_integer:
        return x
    check_dtype("Round", x, FLOAT_COMPLEX)
    return apply("Round", [x], None, name)


def conj(x: Any, name: str | None = None) -> Tensor:
    """Complex conjugate (op `Conj`); real tensors are returned unchanged, as TF."""
    x = to_tensor(x, name="x")
    if x.dtype.base_dtype in COMPLEX:
        return apply("Conj", [x], None, name or "Conj")
    if x.dtype.base_dtype in REAL_NUMBERS:
        return x
    raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype.base_dtype!r}")


def atan2(y: Any, x: Any, name: str | None = None) -> Tensor:
    """The arctangent of y / x in the quadrant of (x, y), with broadcasting (op `Atan2`)."""
    return _atan2(y, x, name)


def nextafter(x1: Any, x2: Any, name: str | None = None) -> Tensor:
    """The next representable value after x1 in the direction of x2 (op `NextAfter`)."""
    return _nextafter(x1, x2, name)


# -- truediv (TF's Python-3 division: integers cast to float first) ------------------------
# Integer dtypes truediv casts to before dividing, as TF's _TRUEDIV_TABLE.
_TRUEDIV_TABLE = {_dt.uint8: _dt.float32, _dt.int8: _dt.float32, _dt.uint16: _dt.float32,
                  _dt.int16: _dt.float32, _dt.int32: _dt.float64, _dt.int64: _dt.float64}


def truediv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """Divides x / y with Python 3 semantics: integers are cast to float first.

    int8/int16/uint8/uint16 become float32, int32/int64 become float64 (as TF).

    Args:
      x, y: Tensors of one real or complex dtype.
    Returns:
      A float or complex Tensor (op `RealDiv`, named `truediv` by default).
    Raises:
      TypeError: the dtypes of x and y differ.

    >>> print(tf.Session().run(tf.truediv(tf.constant(7), tf.constant(2))))
    3.5
    """
    with name_scope(name, "truediv", [x, y]) as scope:
        x = to_tensor(x, name="x")
        y = to_tensor(y, name="y")
        if x.dtype.base_dtype is not y.dtype.base_dtype:
            raise TypeError(f"x and y must have the same dtype, got {x.dtype!r} != {y.dtype!r}")
        dt = x.dtype.base_dtype
        if dt not in NUMBERS:
            raise TypeError(f"Invalid dtype {dt!r} in __truediv__")
        target = _TRUEDIV_TABLE.get(dt)
        if target is not None:
            x, y = cast(x, target), cast(y, target)
        return apply("RealDiv", [x, y], None, scope)


# -- TF's older op types, which GraphDefs written before their successors hold ----------------
def _div_grad(op, grad):
    """TF 1.14's _DivGrad: as RealDiv's, with Python's `/` (`truediv`) and `*` (`mul`)."""
    x, y = op._inputs
    sx, sy, rx, ry = broadcast_args(x, y)
    x, y = cj(x), cj(y)
    gx = reshape_sum(truediv(grad, y), rx, sx)
    gy = reshape_sum(_pmul(grad, truediv(truediv(negative(x), y), y)), ry, sy)
    return [gx, gy]


# Div: integers divide rounding toward zero (C's `/`, "Integer division by zero"), floats and
# complex exactly, which is TruncateDiv's kernel
register_op("Div", infer=binary_broadcast, kernel=_div_kernel, grad=_div_grad,
            elementwise=True)
# Mod: C's `%` on integers, fmod on floats (TruncateMod's kernel); TF registers no gradient
register_op("Mod", infer=binary_broadcast, kernel=_mod_kernel,
            grad=no_gradient_registered, elementwise=True)
# Inv and InvGrad: Reciprocal and ReciprocalGrad under their first names
register_op("Inv", infer=unary_same, kernel=_reciprocal_kernel, elementwise=True, fresh_output=True,
            grad=lambda op, g: [reciprocal_grad(op.outputs[0], g)])


def _inv_grad_grad(op, grad):
    """TF 1.14's _InvGradGrad: InvGrad(a, b) = -b conj(a)^2; under a control dependency on
    grad, d/da = conj(grad) * -2 * b * conj(a), d/db = ReciprocalGrad(conj(a), grad)."""
    b = op._inputs[1]
    with _control_dependencies([grad]):
        ca, cg = cj(op._inputs[0]), cj(grad)
        return [_pmul(_pmul(_pmul(cg, -2.0), b), ca), reciprocal_grad(ca, grad)]


register_op("InvGrad", infer=unary_same, kernel=_reciprocal_grad_kernel, grad=_inv_grad_grad,
            elementwise=True)


def _approximate_equal_infer(inputs, attrs):
    """TF's shape function: the shapes merged (no broadcasting), then x's shape."""
    merge_shapes(inputs[0].shape, inputs[1].shape)
    return [(_dt.bool_, inputs[0].shape)]


def _approximate_equal_kernel(x, y, tolerance=1e-5, **_):
    """|x - y| < tolerance, the tolerance in x's dtype (0 for integers)."""
    if np.shape(x) != np.shape(y):
        raise _errors.InvalidArgumentError(
            None, None, "x and y must be of the same shape. x shape: "
            f"{_fmt_dims(np.shape(x))}. y shape: {_fmt_dims(np.shape(y))}")
    return np.abs(x - y) < np.asarray(tolerance).astype(x.dtype)


def _fmt_dims(s):
    return "[" + ",".join(str(d) for d in s) + "]"


register_op("ApproximateEqual", infer=_approximate_equal_infer,
            kernel=_approximate_equal_kernel, grad=None)


def _clip_by_value_kernel(t, lo, hi, **_):
    """TF 1.14's ClipByValue: min(t, hi), then max(., lo); lo and hi scalars or t's shape."""
    st = np.shape(t)
    if any(np.shape(v) not in ((), st) for v in (lo, hi)):
        raise _errors.InvalidArgumentError(
            None, None, "clip_value_min and clip_value_max must be either of the same shape "
            f"as input, or a scalar. input shape: {_fmt_dims(st)}clip_value_min shape: "
            f"{_fmt_dims(np.shape(lo))}clip_value_max shape: {_fmt_dims(np.shape(hi))}")
    if np.iscomplexobj(t):   # (no CPU kernel: the XLA_CPU device's Clamp refuses it)
        raise _errors.UnimplementedError(
            None, None, f"Clamp unimplemented for C{np.asarray(t).dtype.itemsize * 8}")
    return np.maximum(np.minimum(t, hi), lo).astype(t.dtype, copy=False)


# TF 1.14 registers no gradient for ClipByValue (its rule in clip_ops.py is commented out)
register_op("ClipByValue", infer=unary_same, kernel=_clip_by_value_kernel,
            grad=no_gradient_registered)
