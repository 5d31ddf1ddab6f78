"""Activation ops: Relu, Relu6, Elu, Selu, Softplus, Softsign, LeakyRelu (each with its
*Grad op), Softmax and LogSoftmax.

The elementwise activations are rows of one table. An activation's gradient is
its *Grad op, `XGrad(g, v)`, where v is the op's input or output (the row says
which); every *Grad op has a gradient of its own (linear in g, plus a rule for
v), so second-order gradients work.

>>> with tf.Session() as sess:
...     print(sess.run(tf.nn.relu6([-1.0, 3.0, 8.0])))
[0. 3. 6.]
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.static_value import constant_value
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen
from ._base import FLOATS, REAL_NUMBERS, apply, check_dtype, to_tensor, unary_same
from ._nn_util import TensorLike, scalar
from .comparison import less
from .construction import ones_like, zeros, zeros_like
from .elementwise import multiply, subtract
from .reductions import reduce_sum
from .construction import range as _range
from .indexing import where as _where
from .joining import concat
from .shape import rank as _rank
from .shape import shape as _shape_of
from .shape import transpose


def _zero(x):
    return np.zeros((), dtype=x.dtype)


def _relu_kernel(x):
    """max(x, 0) as Eigen's cwiseMax(0): its packets are maxps(0, x), x on a tie, so
    Relu(-0.0) is -0.0 (and -1e-40 under the run's DAZ), as NumPy's SIMD maximum(0, x)
    (its second operand on a tie); float16's scalar max keeps 0 (+0.0), as NumPy's half
    maximum(x, 0) (its first operand). Golden math/denormal_arith checks each."""
    if x.dtype == np.float16:
        return np.maximum(x, _zero(x))
    return np.maximum(_zero(x), x)


def _cast(x, dtype):
    return apply("Cast", [x], {"DstT": dtype, "SrcT": x.dtype.base_dtype})


def _grad_op_infer(inputs, attrs):
    """Elementwise binary *Grad ops: (gradients, features) of one shape and dtype."""
    g, f = inputs
    if g.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'features' has type {f.dtype.base_dtype.name} that does not "
                        f"match type {g.dtype.base_dtype.name} of argument 'gradients'.")
    if not g.shape.is_compatible_with(f.shape):
        raise ValueError(f"Shapes must be equal rank, but are {g.shape.ndims} and "
                         f"{f.shape.ndims}" if g.shape.ndims != f.shape.ndims else
                         f"Dimensions must be equal for shapes {g.shape} and {f.shape}")
    return [(g.dtype.base_dtype, g.shape.merge_with(f.shape))]


# -- kernels ------------------------------------------------------------------------------
# TF's scale_alpha literal (the product of the two in double is an ulp below it)
_SELU_SCALE_ALPHA = 1.7580993408473768599402175208123
_SELU_SCALE = 1.0507009873554804934193349852946


def _exp_minus_one_where_negative(x):
    """TF's Elu/Selu select: (x < 0, exp(x) - 1). float32 and float64: Eigen's pexp and
    libm's exp tail, and the comparison reads denormals as zero (DAZ: a denormal x is kept)."""
    if x.dtype == np.float32:
        neg = x <= -np.finfo(np.float32).tiny
        return neg, _eigen_math.exp_at(x, neg) - np.float32(1)
    if x.dtype == np.float64:   # Eigen's pexp<Packet4d> and libm's exp tail (exp64), DAZ
        neg = x <= -_eigen_math.TINY64
        return neg, _eigen_math.exp64_at(x, neg) - 1.0
    neg = x < 0
    if x.dtype == np.float16:   # Eigen::half's exp: libm's expf, rounded to half
        return neg, _eigen_math.half_libm("exp", np.where(neg, x, x.dtype.type(0))) - \
            np.float16(1)
    with np.errstate(over="ignore"):
        return neg, np.exp(np.where(neg, x, x.dtype.type(0))) - x.dtype.type(1)


def _elu_kernel(x, fused_rows=False, **_):
    if fused_rows and x.dtype == np.float32 and x.ndim in (2, 4):
        # (a fused Conv2D's NHWC output: each pixel's channels are a row)
        return _elu_rows(x.reshape(-1, x.shape[-1])).reshape(x.shape)
    neg, em1 = _exp_minus_one_where_negative(x)
    return np.where(neg, em1, x).astype(x.dtype, copy=False)   # (NumPy 1.x: 0-d promotes)


def _elu_rows(x):
    """Elu fused into Grappler's _FusedMatMul (remap_matmul.py): the contraction's output
    kernel applies it row by row, Eigen's pexp on each row's whole packets of 8 and
    libm's expf on its last n % 8 values."""
    neg = x <= -np.finfo(np.float32).tiny
    em1 = np.zeros_like(x)
    head = x.shape[1] - x.shape[1] % 8
    if head:
        block = np.ascontiguousarray(x[:, :head])
        em1[:, :head] = _eigen_math.exp_at(block, neg[:, :head])
    if head < x.shape[1]:
        tail = np.where(neg[:, head:], x[:, head:], np.float32(0))
        em1[:, head:] = _eigen_math.libm_exp(np.ascontiguousarray(tail))
    return np.where(neg, em1 - np.float32(1), x).astype(x.dtype, copy=False)


def _selu_kernel(x):
    # TF's select: scale_alpha (exp(x) - 1) or scale x, the constants in x's type
    neg, em1 = _exp_minus_one_where_negative(x)
    t = x.dtype.type
    kept = t(_SELU_SCALE) * x
    if x.dtype == np.float32:   # a denormal product is flushed to zero (FTZ)
        kept = _eigen_math.flush(kept)
    elif x.dtype == np.float64:
        kept = _eigen_math.flush64(kept)
    return np.where(neg, t(_SELU_SCALE_ALPHA) * em1, kept).astype(x.dtype, copy=False)


def _selu_grad_kernel(g, y):
    if g.dtype == np.float64:   # (DAZ, FTZ: denormal gradients and products are zeros)
        g = _eigen_math.flush64(g)
        return _eigen_math.flush64(np.where(y < 0, g * (y + _SELU_SCALE_ALPHA),
                                            g * _SELU_SCALE))
    return np.where(y < 0, g * (y + y.dtype.type(_SELU_SCALE_ALPHA)),
                    g * _SELU_SCALE).astype(g.dtype, copy=False)


def _sigmoid_np(x):
    """A stable logistic function: exp(-log(1 + exp(-x)))."""
    return np.exp(-np.logaddexp(np.zeros((), x.dtype), -x))


def _softplus_kernel(x):
    if x.dtype == np.float32:   # TF's select of x, exp(x), log(exp(x) + 1) by Eigen's packets
        return _eigen_math.softplus(x)
    if x.dtype == np.float64:   # the same select, libm's exp and log value by value
        out = _eigen_math.softplus64(x)
        if out is not None:
            return out
    if x.dtype == np.float16:   # the same select in half arithmetic (Eigen::half)
        return _eigen_math.softplus16(x)
    return np.logaddexp(np.zeros((), x.dtype), x)


def _softplus_grad_kernel(g, x):
    if g.dtype == np.float32 and g.shape == x.shape:   # TF's g / (exp(-x) + 1), Eigen's pexp
        return _eigen_math.softplus_grad(g, x)
    if g.dtype == np.float64 and x.dtype == np.float64 and g.shape == x.shape:
        return _eigen_math.softplus_grad64(g, x)   # g / (exp(-x) + 1), Eigen's pexp
    return (g * _sigmoid_np(x)).astype(g.dtype, copy=False)


def _alpha(alpha, dtype):
    """TF stores the alpha attr as a float32, then casts it to the input's type."""
    return np.asarray(np.float32(alpha), dtype)


# -- gradients of the *Grad ops: d/dg is the *Grad op again (it is linear in g) ------------
def _attrs_of(op, names):
    return {k: op._get_attr(k) for k in names}


def _mask_grad_grad(op, grad):
    """XGrad(g, f) = g * mask(f) (Relu, Relu6, LeakyRelu): the mask has zero derivative.

    The zero is TF's `zeros(shape=shape(f))`: a Shape (Const when known) and a Fill."""
    _, f = op._inputs
    return [apply(op.type, [grad, f], _attrs_of(op, _GRAD_ATTRS[op.type]))
            if wants_grad(0) else None,
            zeros(_shape_of(f), dtype=f.dtype.base_dtype) if wants_grad(1) else None]


def _elu_grad_grad(op, grad):
    """XGrad(g, y) = g (y + c) where y < 0, else g k (Elu, Selu): d/dy = g where y < 0.

    As TF 1.14's _EluGradGrad: the XGrad first, then where(y < 0, grad * g, zeros_like(y))
    with its operators' names (Less and 'Less/y', mul)."""
    g, y = op._inputs
    dg = apply(op.type, [grad, y]) if wants_grad(0) else None
    if not wants_grad(1):
        return [dg, None]
    neg = less(y, 0)
    return [dg, apply("Select", [neg, multiply(grad, g, name="mul"), zeros_like(y)])]


def _softplus_grad_grad(op, grad):
    """SoftplusGrad(g, x) = g sigmoid(x): d/dx = g sigmoid(x) sigmoid(-x)."""
    g, x = op._inputs
    ddy = apply("SoftplusGrad", [grad, x]) if wants_grad(0) else None
    d2x = None
    if wants_grad(1):
        d2x = apply("SoftplusGrad", [apply("SoftplusGrad", [apply("Mul", [grad, g]), x]),
                                     apply("Neg", [x])])
    return [ddy, d2x]


def _softsign_grad_grad(op, grad):
    """SoftsignGrad(g, x) = g / (1 + |x|)^2: d/dx = -2 g sign(x) / (1 + |x|)^3.

    TF 1.14 registers no gradient here; we write 1 / (1 + |x|) as
    1 - sign(x) softsign(x) so that only comparisons, casts and products are needed.
    """
    g, x = op._inputs
    ddy = apply("SoftsignGrad", [grad, x]) if wants_grad(0) else None
    d2x = None
    if wants_grad(1):
        zeros = zeros_like(x)
        dt = x.dtype.base_dtype
        sign = apply("Sub", [_cast(apply("Greater", [x, zeros]), dt),
                             _cast(apply("Less", [x, zeros]), dt)])
        q = apply("SoftsignGrad", [ones_like(x), x])                   # (1 + |x|)^-2
        inv = apply("Sub", [ones_like(x), apply("Mul", [sign, apply("Softsign", [x])])])
        d2x = apply("Mul", [apply("Mul", [apply("Mul", [grad, g]), scalar(-2, x)]),
                            apply("Mul", [sign, apply("Mul", [q, inv])])])
    return [ddy, d2x]


# -- the table ----------------------------------------------------------------------------
# op type, kernel, *Grad kernel, the forward value *Grad takes ("x" input, "y" output),
# the *Grad op's own gradient, attrs passed from the op to its *Grad op.
_ACTIVATIONS = [
    # TF's ReluGrad/Relu6Grad multiply by the mask: a NaN or inf gradient stays NaN;
    # both are given the op's output (TF 1.14's _ReluGrad, _Relu6Grad)
    ("Relu", _relu_kernel,
     lambda g, f: g * (f > 0).astype(g.dtype), "y", _mask_grad_grad, ()),
    ("Relu6", lambda x: np.minimum(np.asarray(6, x.dtype), _relu_kernel(x)),
     lambda g, f: g * ((f > 0) & (f < 6)).astype(g.dtype), "y", _mask_grad_grad, ()),
    ("Elu", _elu_kernel,
     lambda g, y: np.where(y < 0, g * (y + y.dtype.type(1)), g), "y", _elu_grad_grad, ()),
    ("Selu", _selu_kernel, _selu_grad_kernel, "y", _elu_grad_grad, ()),
    ("Softplus", _softplus_kernel,
     _softplus_grad_kernel, "x", _softplus_grad_grad, ()),
    ("Softsign", lambda x: x / (x.dtype.type(1) + np.abs(x)),
     lambda g, x: g / np.square(x.dtype.type(1) + np.abs(x)), "x", _softsign_grad_grad, ()),
    ("LeakyRelu", lambda x, alpha=0.2, **_: np.where(x > 0, x, x * _alpha(alpha, x.dtype)),
     lambda g, f, alpha=0.2, **_: np.where(f > 0, g, g * _alpha(alpha, g.dtype)), "x",
     _mask_grad_grad, ("alpha",)),
]
_GRAD_ATTRS = {}      # *Grad op type -> the attrs its own gradient passes on


def _activation_grad(grad_type, saved, attr_names):
    if grad_type == "SoftplusGrad":
        def softplus_rule(op, grad):
            """TF 1.14's _SoftplusGrad: grad * sigmoid(x)."""
            return [apply("Mul", [grad, apply("Sigmoid", [op._inputs[0]])], None, "mul")]
        return softplus_rule

    def rule(op, grad):
        v = op.outputs[0] if saved == "y" else op._inputs[0]
        return [apply(grad_type, [grad, v], _attrs_of(op, attr_names))]
    rule.__doc__ = f"d/dx is {grad_type}(grad, {saved})."
    return rule


for _type, _kernel, _grad_kernel, _saved, _grad_grad, _attr_names in _ACTIVATIONS:
    _GRAD_ATTRS[_type + "Grad"] = _attr_names
    register_op(_type, infer=unary_same, kernel=_kernel,
                grad=_activation_grad(_type + "Grad", _saved, _attr_names), elementwise=True)
    register_op(_type + "Grad", infer=_grad_op_infer, kernel=_grad_kernel, grad=_grad_grad,
                elementwise=True)
del _type, _kernel, _grad_kernel, _saved, _grad_grad, _attr_names


def _activation(op_type, features, name, allowed=FLOATS):
    if isinstance(features, Tensor):
        try:
            check_dtype(op_type, features, allowed, "features")
        except TypeError:
            with name_scope(name or op_type):   # TF checks in the op's scope: its name
                pass                            # is taken
            raise
        return apply(op_type, [features], None, name or op_type)
    # TF's generated wrapper converts other inputs inside the op's scope ('<op>/features')
    with name_scope(name or op_type) as scope:
        x = to_tensor(features, name="features")
        check_dtype(op_type, x, allowed, "features")
        return apply(op_type, [x], None, scope)


def relu(features: TensorLike, name: str | None = None) -> Tensor:
    """max(features, 0) elementwise (Relu)."""
    return _activation("Relu", features, name, REAL_NUMBERS)


def relu6(features: TensorLike, name: str | None = None) -> Tensor:
    """min(max(features, 0), 6) elementwise (Relu6)."""
    return _activation("Relu6", features, name, REAL_NUMBERS)


def elu(features: TensorLike, name: str | None = None) -> Tensor:
    """exp(features) - 1 where features < 0, else features (Elu)."""
    return _activation("Elu", features, name)


def selu(features: TensorLike, name: str | None = None) -> Tensor:
    """Scaled ELU: scale * (alpha * (exp(x) - 1) where x < 0, else x) (Selu)."""
    return _activation("Selu", features, name)


def softplus(features: TensorLike, name: str | None = None) -> Tensor:
    """log(exp(features) + 1), computed stably (Softplus)."""
    return _activation("Softplus", features, name)


def softsign(features: TensorLike, name: str | None = None) -> Tensor:
    """features / (abs(features) + 1) (Softsign)."""
    return _activation("Softsign", features, name)


def leaky_relu(features: TensorLike, alpha: float = 0.2, name: str | None = None) -> Tensor:
    """max(alpha * features, features) (for alpha <= 1); integers are cast to float32.

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.leaky_relu([-1.0, 2.0], alpha=0.5)))
    [-0.5  2. ]
    """
    with name_scope(name, "LeakyRelu", [f for f in [features] if hasattr(f, "op")]) as scope:
        x = to_tensor(features, name="features")
        if x.dtype.is_integer:
            x = apply("Cast", [x], {"DstT": _dt.float32, "SrcT": x.dtype.base_dtype}, "Cast")
        if isinstance(alpha, np.ndarray):
            alpha = float(alpha)
        check_dtype("LeakyRelu", x, FLOATS, "features")
        return apply("LeakyRelu", [x], {"alpha": float(alpha)}, scope)


# -- Softmax / LogSoftmax ------------------------------------------------------------------
def _softmax_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims is not None and x.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape)]


def _softmax_kernel(x):
    if x.size == 0:
        return np.empty_like(x)
    # TF: e * (1 / sum(e)), the row sums in Eigen's order; float32 e is Eigen's exp (up to
    # EXACT_MAX values)
    e = x - x.max(axis=-1, keepdims=True)
    exact = x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX
    if x.dtype == np.float64:   # (Eigen's pexp<Packet4d> untiled, libm's exp in tiles)
        e = _eigen_math.exp64_with_broadcast(e)
    else:
        e = _eigen_math.exp_with_broadcast(e) if exact else np.exp(e)
    with np.errstate(divide="ignore"):
        inv = np.reciprocal(_eigen.last_axis_sums(e))
    e *= inv
    return e


def softmax_backprop(grad, s):
    """The softmax Jacobian (at output s) applied to grad: (g - sum(g * s, -1)) * s."""
    inner = reduce_sum(apply("Mul", [grad, s], None, "mul"), -1, keepdims=True)
    return apply("Mul", [apply("Sub", [grad, inner], None, "sub"), s], None, "mul")


register_op("Softmax", infer=_softmax_infer, kernel=_softmax_kernel,
            grad=lambda op, grad: [softmax_backprop(grad, op.outputs[0])])


def _log_softmax_kernel(x):
    if x.size == 0:
        return np.empty_like(x)
    shifted = x - x.max(axis=-1, keepdims=True)
    if x.dtype == np.float64 and x.size <= _eigen_math.EXACT_MAX:
        # pexp<Packet4d> / libm's exp in the sums, libm's log (NumPy's above, as float32)
        e = _eigen_math.exp_summed_along_rows(shifted.reshape(-1, x.shape[-1]))
        return shifted - _eigen_math.libm_log64(
            _eigen.last_axis_sums(e).reshape(shifted.shape[:-1] + (1,)))
    if x.dtype != np.float32 or x.size > _eigen_math.EXACT_MAX:
        return shifted - np.log(_eigen.last_axis_sums(np.exp(shifted)))
    # TF: shifted - log(sum(exp(shifted))): the exp inside the row sums, the log over
    # the vector of sums (Eigen's packets on both)
    e = _eigen_math.exp_summed_along_rows(shifted.reshape(-1, x.shape[-1]))
    return shifted - _eigen_math.log(_eigen.last_axis_sums(e).reshape(shifted.shape[:-1] + (1,)))


def _log_softmax_grad(op, grad):
    """d log_softmax: g - sum(g, -1) * softmax(x)."""
    s = apply("Exp", [op.outputs[0]])  # TF 1.14: exp(log_softmax)
    return [apply("Sub", [grad, apply("Mul", [reduce_sum(grad, -1, keepdims=True), s], None,
                                      "mul")], None, "sub")]


register_op("LogSoftmax", infer=_softmax_infer, kernel=_log_softmax_kernel,
            grad=_log_softmax_grad)


def axis_lookup(axis, dim):
    """TF 1.x's `axis` / deprecated `dim` pair: at most one, default -1."""
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'dim' and 'axis'")
    axis = dim if axis is None else axis
    return -1 if axis is None else axis


def _swap_axis(x, dim_index, last_index, name="transpose"):
    """TF's _swap_axis: transpose by concat([range(d), [last], range(d + 1, last), [d]])."""
    perm = concat([_range(dim_index), [last_index], _range(dim_index + 1, last_index),
                   [dim_index]], 0)
    return transpose(x, perm, name=name)


def _softmax_along(op_type, logits, axis, name):
    """TF 1.14's _softmax: another axis than the last is swapped with it by transposes
    whose permutations are computed in the graph (Rank, Sub, Range, ConcatV2 ops)."""
    x = to_tensor(logits)   # TF 1.14's _softmax: convert_to_tensor(logits), a `Const`
    check_dtype(op_type, x, FLOATS, "logits")
    shape = x.shape
    rank = shape.ndims
    is_tensor = isinstance(axis, Tensor)
    if not is_tensor and axis == -1:
        return apply(op_type, [x], None, name or op_type)
    if rank is None:   # TF computes `shape.ndims - 1` first
        raise TypeError("unsupported operand type(s) for -: 'NoneType' and 'int'")
    if not is_tensor and axis == rank - 1:
        return apply(op_type, [x], None, name or op_type)
    axis_val = constant_value(axis) if is_tensor else axis   # TF's tensor_util.constant_value
    if axis_val is not None and not -rank <= int(axis_val) < rank:
        raise errors.InvalidArgumentError(
            None, None, f"Dimension ({int(axis_val)}) must be in the range [{-rank}, {rank}) "
            f"where {rank} is the number of dimensions in the input.")
    ndims = _rank(x)
    if is_tensor:                    # TF: where(axis < 0, axis + ndims, axis)
        axis = _where(less(axis, 0), axis + ndims, axis)
    elif axis < 0:
        axis = axis + ndims          # an Add op, as TF's `dim += ndims`
    input_rank = _rank(x)
    dim_axis = axis % rank           # a FloorMod op when axis became a tensor
    y = _swap_axis(x, dim_axis, subtract(input_rank, 1))
    y = apply(op_type, [y], None, op_type)
    out = _swap_axis(y, dim_axis, subtract(input_rank, 1), name=name or "transpose")
    out.set_shape(shape)
    return out


def softmax(logits: TensorLike, axis: int | None = None, name: str | None = None,
            dim: int | None = None) -> Tensor:
    """exp(logits) / sum(exp(logits), axis), computed stably; `dim` is TF 1.x's `axis`.

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.softmax([[1.0, 1.0]])))
    [[0.5 0.5]]
    """
    return _softmax_along("Softmax", logits, axis_lookup(axis, dim), name)


def log_softmax(logits: TensorLike, axis: int | None = None, name: str | None = None,
                dim: int | None = None) -> Tensor:
    """logits - log(sum(exp(logits), axis)), computed stably (LogSoftmax)."""
    return _softmax_along("LogSoftmax", logits, axis_lookup(axis, dim), name)
