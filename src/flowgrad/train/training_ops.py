"""The optimizers' update ops (TF's training_ops): ApplyAdam, SparseApplyMomentum, ...

Each op updates a variable and its slots in place, as TF's kernels do, and
returns the variable's ref. One table row per op: its inputs (refs first,
then scalars, the gradient and, for sparse ops, the indices) and one update
rule, written once with the arithmetic of TF 1.14's CPU kernel, that mutates
the arrays it is given. Dense ops call the rule on the variable buffers;
sparse ops call it on the gathered rows and write them back.

The public functions have the signatures of TF's `gen_training_ops`:

>>> w = tf.Variable([1.0, 2.0])
>>> step = apply_gradient_descent(w, 0.5, tf.constant([2.0, 2.0]))  # w -> [0, 1]
"""
from __future__ import annotations


import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework import threads as _threads
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import eigen_math as _eigen_math
from ..engine.ops import philox as _philox
from ..engine.ops._base import NUMBERS, apply, locking, to_tensor
from ..engine.ops.resource import handle_info, writable

__all__ = [
    "apply_gradient_descent", "apply_momentum", "apply_adam", "apply_adagrad",
    "apply_rms_prop", "apply_centered_rms_prop", "apply_adadelta", "apply_ftrl",
    "apply_ftrl_v2", "apply_proximal_gradient_descent", "apply_proximal_adagrad",
    "sparse_apply_proximal_gradient_descent", "sparse_apply_proximal_adagrad",
    "apply_adagrad_da", "sparse_apply_adagrad_da", "sparse_apply_momentum", "sparse_apply_adagrad",
    "sparse_apply_rms_prop",
    "sparse_apply_centered_rms_prop", "sparse_apply_adadelta", "sparse_apply_ftrl",
    "sparse_apply_ftrl_v2", "apply_ada_max", "apply_add_sign", "apply_power_sign",
]


# ---------------------------------------------------------------------------------------
# Update rules: TF 1.14's kernel arithmetic, mutating var and slots in place.
# Scalars arrive as 0-d arrays of the variable's dtype, so every step stays in it.
# ---------------------------------------------------------------------------------------


# TF 1.14's float32 Sqrt and Rsqrt inside the update functors are Eigen's AVX fast-math
# packets (the RSQRTPS estimate and a Newton step) on whole packets of 8 and the libm
# function on the rest (engine/ops/eigen_math.py). A dense update is one expression over
# the flat variable (the rules get it flat: packets from its start), a sparse one an
# expression per row (the rules get [rows, row size]: packets from each row's start). Up
# to eigen_math.EXACT_MAX values they give TF's bits; above, NumPy's correctly rounded
# function (10x cheaper on a large variable; within a few ulp of TF's; docs/performance.md,
# "Sqrt and Rsqrt").
_PACKET = 8
_TINY = np.float32(np.finfo(np.float32).tiny)


def _daz(x):
    """x with denormals read as zero of their sign (the CPU's DAZ in TF's libm tail)."""
    return np.where(np.abs(x) < _TINY, np.copysign(np.float32(0), x), x)


def _eigen(x, packets, scalar):
    if x.dtype != np.float32 or x.size > _eigen_math.EXACT_MAX:
        return None
    if x.ndim < 2 or x.shape[1] % _PACKET == 0:
        return packets(x)
    head = x.shape[1] - x.shape[1] % _PACKET
    out = np.empty_like(x)
    if head:
        out[:, :head] = packets(np.ascontiguousarray(x[:, :head]))
    with np.errstate(all="ignore"):
        out[:, head:] = scalar(_daz(x[:, head:]))
    return out


def _rsqrt(x):
    """1 / sqrt(x) as TF's update functors (Adagrad, Adadelta, ProximalAdagrad, the sparse
    RMSProps)."""
    r = _eigen(x, _eigen_math.rsqrt, lambda v: np.reciprocal(np.sqrt(v)))
    return np.reciprocal(np.sqrt(x)) if r is None else r


def _sqrt(x):
    """sqrt(x) as TF's update functors (RMSProp, Adam's AMSGrad, Adadelta, Ftrl)."""
    r = _eigen(x, _eigen_math.sqrt, np.sqrt)
    return np.sqrt(x) if r is None else r


# ApplyAdam's CPU functor (TF 1.14's ApplyAdamNonCuda) is no single expression: it runs
# its three updates shard by shard through the thread pool's parallelFor, each shard an
# expression of its own. A variable of whole packets is sharded in packets, so only its
# size matters; any other in values, with Eigen's cost model (TensorCostModel.h) and its
# block size search (ThreadPoolDevice::parallelFor): the shards' starts begin packets
# and their ends have libm tails, as many as the intra-op pool (threads) gives.
_ADAM_BYTES = 7 * 4 * 11 / 64    # 4 arrays read, 3 written, 4 bytes each, at 11/64 cycle
_ADAM_CYCLES = 5 + 2 + 10 + 6 + 14   # the functor's int and float adds and muls, a divide


def _adam_shard_size(n, threads):
    """The values in each of ApplyAdam's shards of an n-value variable (the last fewer)."""
    # per value the functor counts the whole variable's cost (TF's ApplyAdamNonCuda)
    starts = _philox.eigen_shards(n, n * (_ADAM_BYTES + _ADAM_CYCLES), threads)
    return starts[1] if len(starts) > 1 else n


def _adam_sqrt(v, threads):
    """sqrt(v) of ApplyAdam's shards (v flat or 0-d)."""
    size = _adam_shard_size(v.size, threads)
    if v.dtype != np.float32 or v.size > _eigen_math.EXACT_MAX or v.size % _PACKET == 0 \
            or size == v.size:
        return _sqrt(v)
    return np.concatenate([_sqrt(v[lo:lo + size]) for lo in range(0, v.size, size)])


def _gradient_descent(var, alpha, delta):
    var -= delta * alpha


def _gradient_descent_into(var, alpha, delta):   # delta's buffer is scratch: the same bits
    var -= np.multiply(delta, alpha, out=delta)


# The rules below keep TF's order of operations (one float rounding per
# operation, as Eigen) but reuse their temporaries to save allocations.
def _momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    accum *= momentum
    accum += grad
    if use_nesterov:
        t = grad * lr
        t2 = accum * momentum
        t2 *= lr
        t += t2
        var -= t
    else:
        var -= lr * accum


def _momentum_into(var, accum, lr, grad, momentum, use_nesterov=False):
    """_momentum with grad's buffer as its scratch (the same operations and bits)."""
    if use_nesterov:
        _momentum(var, accum, lr, grad, momentum, True)
        return
    accum *= momentum
    accum += grad
    var -= np.multiply(lr, accum, out=grad)


def _adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
          use_nesterov=False, threads=1):
    one = var.dtype.type(1)
    alpha = lr * np.sqrt(one - beta2_power) / (one - beta1_power)
    t = np.empty_like(m)            # one scratch buffer, reused for every step below
    np.subtract(grad, m, out=t)
    t *= one - beta1
    m += t
    np.square(grad, out=t)
    t -= v
    t *= one - beta2
    v += t
    denom = _adam_sqrt(v, threads)
    denom += epsilon
    if use_nesterov:
        np.multiply(grad, one - beta1, out=t)
        t += beta1 * m
    else:
        np.multiply(m, alpha, out=t)
        t /= denom
        var -= t
        return
    t *= alpha
    t /= denom
    var -= t


def _keras_momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    # TF's KerasMomentum: accum = accum * momentum - grad * lr; var += accum (Nesterov:
    # var += accum * momentum - grad * lr)
    accum *= momentum
    accum -= grad * lr
    if use_nesterov:
        t = accum * momentum
        t -= grad * lr
        var += t
    else:
        var += accum


def _adam_amsgrad(var, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
                  grad):
    one = var.dtype.type(1)
    alpha = lr * np.sqrt(one - beta2_power) / (one - beta1_power)
    m += (grad - m) * (one - beta1)
    v += (np.square(grad) - v) * (one - beta2)
    np.maximum(vhat, v, out=vhat)
    var -= (m * alpha) / (_sqrt(vhat) + epsilon)


def _adagrad(var, accum, lr, grad, update_slots=True):
    if update_slots:
        accum += np.square(grad)
    var -= grad * lr * _rsqrt(accum)


def _rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    t = np.square(grad)
    t -= ms
    t *= one - rho
    ms += t
    mom *= momentum
    t = grad * lr
    d = ms + epsilon
    t /= _sqrt(d)
    mom += t
    var -= mom


def _centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    t = np.square(grad)
    t -= ms
    t *= one - rho
    ms += t
    t = grad - mg
    t *= one - rho
    mg += t
    d = ms - np.square(mg)
    d += epsilon
    mom *= momentum
    t = grad * lr
    t /= _sqrt(d)
    mom += t
    var -= mom


def _adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    one = var.dtype.type(1)
    accum[...] = accum * rho + np.square(grad) * (one - rho)
    update = _sqrt(accum_update + epsilon) * _rsqrt(accum + epsilon) * grad
    var -= update * lr
    accum_update[...] = accum_update * rho + np.square(update) * (one - rho)


def _proximal_gradient_descent(var, alpha, l1, l2, delta):
    prox = var - delta * alpha
    one = var.dtype.type(1)
    if l1 > 0:
        shrunk = np.maximum(np.abs(prox) - alpha * l1, var.dtype.type(0))
        var[...] = np.sign(prox) * shrunk / (one + l2 * alpha)
    else:
        var[...] = prox / (one + l2 * alpha)


def _proximal_adagrad(var, accum, lr, l1, l2, grad):
    accum += np.square(grad)
    learning_rate = lr * _rsqrt(accum)
    prox = var - grad * learning_rate
    one = var.dtype.type(1)
    if l1 > 0:
        # TF's expression with sign() is not vectorized: its rsqrt is 1 / std::sqrt
        learning_rate = lr * np.reciprocal(np.sqrt(accum))
        shrunk = np.maximum(np.abs(prox) - learning_rate * l1, var.dtype.type(0))
        var[...] = np.sign(prox) * shrunk / (one + l2 * learning_rate)
    else:
        var[...] = prox / (one + l2 * learning_rate)


def _adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
                global_step):
    gradient_accumulator += grad
    gradient_squared_accumulator += np.square(grad)
    step = var.dtype.type(global_step)
    # (with l1, TF's expression has sign(): not vectorized, its sqrt is std::sqrt)
    root = (np.sqrt if l1 > 0 else _sqrt)(gradient_squared_accumulator)
    denom = l2 * (step * lr) + root
    if l1 > 0:
        shrunk = np.maximum(np.abs(gradient_accumulator) - step * l1, var.dtype.type(0))
        var[...] = lr * var.dtype.type(-1) * np.sign(gradient_accumulator) * shrunk / denom
    else:
        var[...] = lr * gradient_accumulator * var.dtype.type(-1) / denom


def _powf(x, y):
    """std::pow on floats (libm's powf): the float64 power rounded once (NumPy's float32
    power can be an ulp off)."""
    if x.dtype != np.float32:
        return np.power(x, y)
    return np.power(x.astype(np.float64), np.float64(y)).astype(np.float32)


def _ftrl_core(var, accum, linear, grad, grad_shrunk, lr, l1, l2, lr_power, rows=False):
    new_accum = accum + np.square(grad)
    if lr_power == -0.5:
        linear += grad_shrunk - (_sqrt(new_accum) - _sqrt(accum)) / lr * var
        # (the dense functor's expression for the new var, a select, is not vectorized:
        # its sqrt is std::sqrt; the sparse kernel's rows, x / y, are)
        y = (_sqrt if rows else np.sqrt)(new_accum) / lr + var.dtype.type(2) * l2
    else:
        linear += grad_shrunk - (_powf(new_accum, -lr_power)
                                 - _powf(accum, -lr_power)) / lr * var
        y = _powf(new_accum, -lr_power) / lr + var.dtype.type(2) * l2
    x = l1 * np.sign(linear) - linear
    var[...] = np.where(np.abs(linear) > l1, x / y, var.dtype.type(0))
    accum[...] = new_accum


def _ftrl(var, accum, linear, grad, lr, l1, l2, lr_power):
    _ftrl_core(var, accum, linear, grad, grad, lr, l1, l2, lr_power)


def _ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power):
    shrunk = grad + var.dtype.type(2) * l2_shrinkage * var
    _ftrl_core(var, accum, linear, grad, shrunk, lr, l1, l2, lr_power)


# ---------------------------------------------------------------------------------------
# Sparse rules where TF's SparseApply<Op> kernel computes otherwise than the dense functor.
# They get the gathered rows. Where a row holds one element (inner_dim == 1: var [n] or
# [n, 1]) the kernels take a scalar path with C++ arithmetic of their own: a different
# order of operations, and `1.0 + ...` (a double) in the proximal denominators, so that
# division is done in float64 and rounded once to the variable's dtype.
# ---------------------------------------------------------------------------------------
def _one_per_row(var):
    return var.dtype == np.float32 and int(np.prod(var.shape[1:])) == 1


def _div_by_double(num, den):
    """num / (1.0 + den) as C++ evaluates a float over `1.0 + float`: in float64."""
    return (num.astype(np.float64) / (1.0 + den.astype(np.float64))).astype(num.dtype)


def _sparse_momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    accum *= momentum
    accum += grad
    if use_nesterov:   # the chip expression: lr * g + (lr * momentum) * a
        var -= lr * grad + (lr * momentum) * accum
    else:
        var -= lr * accum


def _sparse_adagrad(var, accum, lr, grad, update_slots=True):
    if not _one_per_row(var):
        _adagrad(var, accum, lr, grad, update_slots)
        return
    if update_slots:
        accum += grad * grad
    var -= lr * grad / np.sqrt(accum)


def _sparse_proximal_shrink(var, prox, learning_rate, l1, l2):
    """The scalar path's Fobos step: sgn(v) max(|v| - lr l1, 0) / (1.0 + l2 lr)."""
    den = l2 * learning_rate
    if l1 > 0:
        num = np.sign(prox) * np.maximum(np.abs(prox) - learning_rate * l1, var.dtype.type(0))
        var[...] = _div_by_double(num, den)
    else:
        var[...] = _div_by_double(prox, den)


def _sparse_proximal_adagrad(var, accum, lr, l1, l2, grad):
    if not _one_per_row(var):
        _proximal_adagrad(var, accum, lr, l1, l2, grad)
        return
    accum += grad * grad
    learning_rate = lr / np.sqrt(accum)
    _sparse_proximal_shrink(var, var - learning_rate * grad, learning_rate, l1, l2)


def _sparse_proximal_gradient_descent(var, alpha, l1, l2, delta):
    if not _one_per_row(var):
        _proximal_gradient_descent(var, alpha, l1, l2, delta)
        return
    lr = np.full(var.shape, alpha, var.dtype)
    _sparse_proximal_shrink(var, var - alpha * delta, lr, l1, l2)


def _sparse_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    """SparseApplyRMSProp's chip expressions (not the dense functor's ms += (g^2 - ms)(1 - rho))."""
    one = var.dtype.type(1)
    ms[...] = ms * rho + np.square(grad) * (one - rho)
    mom[...] = mom * momentum + _rsqrt(ms + epsilon) * lr * grad
    var -= mom


def _sparse_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    ms[...] = ms * rho + np.square(grad) * (one - rho)
    mg[...] = mg * rho + grad * (one - rho)
    denom = ms + epsilon - np.square(mg)
    mom[...] = mom * momentum + _rsqrt(denom) * lr * grad
    var -= mom


def _sparse_ftrl_scalar(var, accum, linear, grad, g, lr, l1, l2, lr_power):
    """SparseApplyFtrl(V2)'s one-element rows: sigma from pow (also at lr_power -0.5),
    linear as (l + g) - sigma v, the accumulator grown by the raw gradient's square."""
    updated_a = accum + grad * grad
    sigma = _powf(updated_a, -lr_power) - _powf(accum, -lr_power)
    sigma /= lr
    updated_l = linear + g - sigma * var
    if lr_power == -0.5:
        quadratic = np.sqrt(updated_a) / lr + var.dtype.type(2) * l2
    else:
        quadratic = _powf(updated_a, -lr_power) / lr + var.dtype.type(2) * l2
    x = (l1 * np.sign(updated_l) - updated_l) / quadratic
    var[...] = np.where(np.abs(updated_l) > l1, x, var.dtype.type(0))
    accum[...] = updated_a
    linear[...] = updated_l


def _sparse_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power):
    if not _one_per_row(var):
        _ftrl_core(var, accum, linear, grad, grad, lr, l1, l2, lr_power, rows=True)
        return
    _sparse_ftrl_scalar(var, accum, linear, grad, grad, lr, l1, l2, lr_power)


def _sparse_ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power):
    g = grad + var.dtype.type(2) * l2_shrinkage * var
    if not _one_per_row(var):
        _ftrl_core(var, accum, linear, grad, g, lr, l1, l2, lr_power, rows=True)
        return
    _sparse_ftrl_scalar(var, accum, linear, grad, g, lr, l1, l2, lr_power)


# ---------------------------------------------------------------------------------------
# Shape/dtype rule shared by every Apply op
# ---------------------------------------------------------------------------------------
def _ada_max(var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad):
    one = var.dtype.type(1)
    m += (grad - m) * (one - beta1)
    np.maximum(beta2 * v, np.abs(grad), out=v)
    var -= lr / (one - beta1_power) * (m / (v + epsilon))


def _add_sign(var, m, lr, alpha, sign_decay, beta, grad):
    one = var.dtype.type(1)
    m[...] = m * beta + grad * (one - beta)
    sign_gm = np.sign(grad) * np.sign(m)
    var -= lr * (alpha + sign_decay * sign_gm) * grad


def _power_sign(var, m, lr, logbase, sign_decay, beta, grad):
    one = var.dtype.type(1)
    m[...] = m * beta + grad * (one - beta)
    sign_gm = np.sign(grad) * np.sign(m)
    # TF's functor takes (logbase * sign_decay * sign_gm).exp() inside the update's one
    # Eigen expression; Eigen's sign functor has no packet op, so the whole expression runs
    # coefficient by coefficient: libm's expf on every element (float32), never pexp
    scale = logbase * sign_decay * sign_gm
    if scale.dtype == np.float32:
        scale = _eigen_math.libm_exp(scale)
    else:
        scale = np.exp(scale)
    var -= lr * scale * grad


def _merge_shapes(a, b):
    if a.ndims is not None and b.ndims is not None and a.ndims != b.ndims:
        raise ValueError(f"Shapes must be equal rank, but are {a.ndims} and {b.ndims}")
    if a.ndims is not None and b.ndims is not None:
        for i, (da, db) in enumerate(zip(a.as_tuple(), b.as_tuple())):
            if da is not None and db is not None and da != db:
                raise ValueError(f"Dimension {i} in both shapes must be equal, but are {da} "
                                 f"and {db}. Shapes are {_fmt(a)} and {_fmt(b)}.")
    return a.merge_with(b)


def _fmt(s):
    if s.ndims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in s.as_tuple()) + "]"


def _make_infer(op_type, names, kinds):
    def infer(inputs, attrs):
        var = inputs[0]
        for t, n, k in zip(inputs, names, kinds):
            if k == "ref" and not t.dtype.is_ref_dtype:
                raise TypeError(f"'{op_type}' Op requires that input '{n}' be a mutable tensor "
                                f"(e.g.: a tf.Variable)")
        dtype = var.dtype.base_dtype
        if dtype not in NUMBERS:
            raise TypeError(f"Value passed to parameter 'var' has DataType {dtype.name} not in "
                            f"list of allowed values: " + ", ".join(d.name for d in NUMBERS))
        for t, n, k in zip(inputs, names, kinds):
            if k == "step":
                if t.dtype.base_dtype is not _dt.int64:
                    raise TypeError(f"Input '{n}' of '{op_type}' Op has type "
                                    f"{t.dtype.base_dtype.name} that does not match expected "
                                    "type of int64.")
            elif k == "indices":
                if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
                    raise TypeError(f"Value passed to parameter 'indices' has DataType "
                                    f"{t.dtype.base_dtype.name} not in list of allowed values: "
                                    "int32, int64")
            elif t.dtype.base_dtype is not dtype:
                raise TypeError(f"Input '{n}' of '{op_type}' Op has type "
                                f"{t.dtype.base_dtype.name} that does not match type "
                                f"{dtype.name} of argument 'var'.")
        shape = var.shape
        for t, k in zip(inputs, kinds):
            if k == "ref":
                shape = _merge_shapes(shape, t.shape)
            elif k in ("scalar", "step") and t.shape.ndims not in (None, 0):
                raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
            elif k == "indices" and t.shape.ndims not in (None, 1):
                raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
        for t, k in zip(inputs, kinds):
            if k == "grad":
                if "indices" in kinds:
                    idx = inputs[kinds.index("indices")]
                    if shape.ndims == 0:
                        raise ValueError("Shape must be at least rank 1 but is rank 0")
                    if shape.ndims is not None and t.shape.ndims is not None:
                        if shape.ndims != t.shape.ndims:
                            raise ValueError(f"Shapes must be equal rank, but are "
                                             f"{t.shape.ndims} and {shape.ndims}")
                        _merge_shapes(TensorShape(shape.as_tuple()[1:]),
                                      TensorShape(t.shape.as_tuple()[1:]))
                    if t.shape.ndims and idx.shape.ndims == 1:
                        n, m = t.shape.as_tuple()[0], idx.shape.as_tuple()[0]
                        if n is not None and m is not None and n != m:
                            raise ValueError(f"Dimensions must be equal, but are {n} and {m}")
                else:
                    shape = _merge_shapes(shape, t.shape)
        return [(var.dtype, shape)]
    return infer


# ---------------------------------------------------------------------------------------
# Kernels
# ---------------------------------------------------------------------------------------
def _check_refs(op_type, names, refs):
    for r in refs:
        if type(r) is not np.ndarray:
            np.asarray(r)   # an uninitialized variable raises FailedPreconditionError here
    shape = refs[0].shape
    for r, n in zip(refs[1:], names[1:]):
        if r.shape != shape:
            raise errors.InvalidArgumentError(
                None, None, f"var and {n} do not have the same shape{list(shape)} "
                f"{list(r.shape)}")


def _dense_bind(op_type, rule, names, kinds, attr_names, scratch_rule=None,
                threads_kw=False):
    nref = kinds.count("ref")
    gpos = kinds.index("grad")
    spos = [i for i, k in enumerate(kinds) if k in ("scalar", "step")]

    flat = rule in _EIGEN_RULES

    def bind(node, ctx):
        kw = {a: node.attrs[a] for a in attr_names if a in node.attrs}
        # the plan's memory planner lets the update overwrite the gradient (the grad input
        # is read by this node alone, last, and is a fresh array): one buffer fewer
        into = scratch_rule if scratch_rule is not None and node.inplace_input == gpos \
            else None

        def run(*args):
            refs = args[:nref]
            _check_refs(op_type, names, refs)
            args = list(args)
            for i in spos:
                args[i] = np.asarray(args[i])[()]   # NumPy scalars: cheap scalar arithmetic
            grad = args[gpos]
            if any(np.may_share_memory(grad, r) for r in refs):
                # The gradient may be a read of one of the buffers being updated.
                args[gpos] = grad = np.array(grad)
            if np.shape(grad) != refs[0].shape:
                raise errors.InvalidArgumentError(
                    None, None, f"var and grad do not have the same shape"
                    f"{list(refs[0].shape)} {list(np.shape(grad))}")
            if into is not None and type(grad) is np.ndarray and grad.ndim and \
                    grad.flags.writeable:   # (a 0-d ufunc result is a NumPy scalar)
                into(*args, **kw)
            elif not _by_blocks(rule, args, kw, nref, gpos):
                if flat and refs[0].ndim > 1:
                    _flat_rule(rule, args, kw, nref, gpos)
                else:
                    rule(*args, **kw)
            return refs[0]
        if threads_kw:
            kw["threads"] = _threads.intra_op_threads(
                getattr(getattr(ctx, "session", None), "_config", None)) or \
                _threads.cpu_count()
        return run
    return bind


# The dense rules that take a Sqrt or Rsqrt (Eigen's packets from the flat variable's start:
# a variable of 2 or more dims is flattened for them; tests/test_prl_update_bits.py checks
# that every rule calling _sqrt, _rsqrt or _adam_sqrt is here).
_EIGEN_RULES = frozenset([_adam, _adam_amsgrad, _adagrad, _rms_prop, _centered_rms_prop,
                          _adadelta, _proximal_adagrad, _adagrad_da, _ftrl, _ftrl_v2])


def _flat_rule(rule, args, kw, nref, gpos):
    """rule(*args) on the flat variable, slots and gradient (TF's functor is one expression
    over the flat tensors: where its Eigen packets start matters for Sqrt and Rsqrt);
    refs whose buffers do not flatten in place are updated through contiguous copies."""
    args = list(args)
    copies = []
    for i in range(nref):
        r = args[i]
        if r.flags.c_contiguous:
            args[i] = r.reshape(-1)
        else:
            args[i] = np.ascontiguousarray(r).reshape(-1)
            copies.append((r, args[i]))
    args[gpos] = np.reshape(args[gpos], -1)
    rule(*args, **kw)
    for r, flat in copies:
        r[...] = flat.reshape(r.shape)


# A large dense update runs block by block: the rule's ~10 passes over var, its slots, the
# gradient and its temporaries stay in cache (measured, Adam on 512 x 1024 float32: 1.63 ms
# whole, 0.87-0.92 in blocks of 64K elements), and the blocks are shared with an intra-op
# thread when the plan's budget has one (threads.run_blocks). Every rule is elementwise (each
# element's update reads only that element of each operand and the scalars), so the blocks'
# results are the whole update's bits.
_BLOCK = 1 << 16
_BLOCKS_MIN = 1 << 18   # elements below which the whole-array rule is as fast


def _by_blocks(rule, args, kw, nref, gpos):
    """rule(*args) on flat blocks of the refs and the gradient; False (nothing done) when
    they are not all C-contiguous arrays of one shape of at least _BLOCKS_MIN elements."""
    full = args[0]
    if type(full) is not np.ndarray or full.size < _BLOCKS_MIN:
        return False
    arrays = list(args[:nref]) + [args[gpos]]
    if any(type(a) is not np.ndarray or a.shape != full.shape or not a.flags.c_contiguous
           for a in arrays):
        return False
    flat = {i: args[i].reshape(-1) for i in list(range(nref)) + [gpos]}

    def block(k):
        lo, hi = k * _BLOCK, (k + 1) * _BLOCK
        rule(*[flat[i][lo:hi] if i in flat else a for i, a in enumerate(args)], **kw)
    _threads.run_blocks(block, -(-full.size // _BLOCK))
    return True


def _rounds(idx):
    """Groups of positions such that no index repeats within a group, in order.

    TF's sparse kernels apply rows one after another; rows with distinct
    indices commute, so applying all first occurrences, then all second ones,
    ... gives TF's answer with one vectorized step per multiplicity.
    """
    if idx.size < 2:
        return [np.arange(idx.size)]
    order = np.argsort(idx, kind="stable")
    s = idx[order]
    start = np.r_[True, s[1:] != s[:-1]]
    group_start = np.maximum.accumulate(np.where(start, np.arange(s.size), 0))
    rank = np.empty(idx.size, dtype=np.int64)
    rank[order] = np.arange(s.size) - group_start
    if rank.max() == 0:
        return [np.arange(idx.size)]
    return [np.flatnonzero(rank == r) for r in range(int(rank.max()) + 1)]


def _sparse_bind(op_type, rule, names, kinds, attr_names):
    nref = kinds.count("ref")
    ipos = kinds.index("indices")
    gpos = kinds.index("grad")
    rest = [i for i in range(len(kinds)) if i >= nref and i != ipos]
    spos = {i for i, k in enumerate(kinds) if k in ("scalar", "step")}

    def bind(node, ctx):
        kw = {a: node.attrs[a] for a in attr_names if a in node.attrs}

        def run(*args):
            refs = args[:nref]
            _check_refs(op_type, names, refs)
            idx = np.asarray(args[ipos])
            grad = np.asarray(args[gpos])
            var = refs[0]
            if var.ndim < 1:
                raise errors.InvalidArgumentError(None, None, "var must be at least 1 dimensional")
            if grad.shape[:1] != idx.shape or grad.shape[1:] != var.shape[1:]:
                raise errors.InvalidArgumentError(
                    None, None, f"grad must be the same shape as var except the first dimension "
                    f"and its first dimension must match indices: var {list(var.shape)}, grad "
                    f"{list(grad.shape)}, indices {list(idx.shape)}")
            bad = np.flatnonzero((idx < 0) | (idx >= var.shape[0]))
            if bad.size:
                raise errors.InvalidArgumentError(
                    None, None, f"Index {idx[bad[0]]} at offset {bad[0]} in indices is out of "
                    "range")
            for sel in _rounds(idx):
                rows = idx[sel]
                parts = [r[rows] for r in refs]
                # [rows, row size]: TF's functor is an expression per row
                k, size = len(rows), int(np.prod(var.shape[1:], dtype=np.int64))
                others = [grad[sel].reshape(k, size) if i == gpos else
                          np.asarray(args[i])[()] if i in spos else args[i] for i in rest]
                rule(*[p.reshape(k, size) for p in parts], *others, **kw)
                for r, p in zip(refs, parts):
                    r[rows] = p
            return var
        return run
    return bind


_SPECS = {}


class _VarStandIn:
    """A resource handle seen as the ref tensor of its variable (for the shared shape rule)."""

    def __init__(self, dtype, shape):
        self.dtype = dtype._as_ref
        self.shape = shape


def _resource_infer(op_type, names, kinds):
    """Resource<Op>: the handles stand for their variables in <Op>'s rule; no outputs."""
    infer = _make_infer(op_type, names, kinds)

    def resource_infer(inputs, attrs):
        stand_ins = list(inputs)
        for i, (t, n, k) in enumerate(zip(inputs, names, kinds)):
            if k != "ref":
                continue
            if t.dtype.base_dtype is not _dt.resource:
                raise TypeError(f"Input '{n}' of '{op_type}' Op has type "
                                f"{t.dtype.base_dtype.name} that does not match expected type "
                                "of resource.")
            info = handle_info(t)
            dtype = info[0] if info is not None else inputs[kinds.index("grad")].dtype
            stand_ins[i] = _VarStandIn(dtype, info[1] if info is not None else TensorShape(None))
        infer(stand_ins, attrs)
        return []
    return resource_infer


def _resource_bind(nref, ref_bind):
    """Resource<Op>'s kernel: <Op>'s update on the variables' buffers (copy-on-write)."""
    def bind(node, ctx):
        run = ref_bind(node, ctx)

        def resource_run(*args):
            bufs = [writable(ctx, h.name) for h in args[:nref]]
            run(*bufs, *args[nref:])
        return resource_run
    return bind


_RULES = {}   # op type -> its update rule


def _register(op_type, rule, spec, attr_names=("use_locking",), resource_only=False,
              scratch_rule=None):
    """Registers <Op> (on reference variables) and Resource<Op> (on resource handles);
    only Resource<Op> when TF has no reference form (KerasMomentum, AdamWithAmsgrad).
    `scratch_rule`: the rule computing into the gradient's buffer, used where the plan
    lets the kernel overwrite it (numpy backend's `scratch`)."""
    names = [n for n, _ in spec]
    kinds = [k for _, k in spec]
    sparse = "indices" in kinds
    attrs = [a for a in attr_names if a != "use_locking"]
    if sparse:
        bind = _sparse_bind(op_type, rule, names, kinds, attrs)
    else:
        # (ApplyAdam's shards are as many as the session's intra-op pool gives)
        bind = _dense_bind(op_type, rule, names, kinds, attrs, scratch_rule,
                           threads_kw=rule is _adam)
    props = {"scratch_input": kinds.index("grad")} if scratch_rule is not None else {}
    if not resource_only:
        register_op(op_type, infer=_make_infer(op_type, names, kinds), bind=locking(bind),
                    stateful=True, grad=None, aliases_input=True, **props)
    register_op("Resource" + op_type, infer=_resource_infer("Resource" + op_type, names, kinds),
                bind=locking(_resource_bind(kinds.count("ref"), bind)), stateful=True,
                grad=None, **props)
    _SPECS[op_type] = (names, kinds, attr_names)
    _RULES[op_type] = rule


def _build(op_type, args, attrs, name):
    """Converts the public function's arguments as TF's op wrapper does and adds the op.

    Python values become constants inside the op's name scope (`ApplyMomentum/momentum`),
    as TF's generated wrappers convert them. Resource variables (or their handles) get
    Resource<Op>, which returns the Operation.
    """
    names, kinds, _ = _SPECS[op_type]
    handle = getattr(args[0], "handle", None)
    resource = (handle is not None
                or getattr(getattr(args[0], "dtype", None), "name", "") == "resource")
    with name_scope(name, "Resource" + op_type if resource else op_type) as scope:
        if resource:
            return _build_resource(op_type, names, kinds, args, attrs, scope)
        var = _as_ref(args[0], op_type, names[0])
        dtype = var.dtype.base_dtype
        inputs = []
        for a, n, k in zip(args, names, kinds):
            if k == "ref":
                inputs.append(_as_ref(a, op_type, n))
            elif k == "indices":
                inputs.append(to_tensor(a, name=n))
            elif k == "step":
                inputs.append(_convert(a, _dt.int64, n))
            else:
                inputs.append(_convert(a, dtype, n))
        return apply(op_type, inputs, attrs, scope)


def _build_resource(op_type, names, kinds, args, attrs, name):
    op_type = "Resource" + op_type
    dtype = getattr(args[0], "dtype", None)
    if dtype is None or dtype.base_dtype is _dt.resource:
        info = handle_info(args[0])
        dtype = info[0] if info is not None else None
    inputs = []
    for a, n, k in zip(args, names, kinds):
        if k == "ref":
            h = getattr(a, "handle", a)
            inputs.append(h if isinstance(h, Tensor) else to_tensor(h, name=n))
        elif k == "indices":
            inputs.append(to_tensor(a, name=n))
        elif k == "step":
            inputs.append(_convert(a, _dt.int64, n))
        else:
            inputs.append(_convert(a, dtype.base_dtype, n) if dtype is not None
                          else to_tensor(a, name=n))
    return apply(op_type, inputs, attrs, name)


def _as_ref(x, op_type, arg):
    ref = getattr(x, "_ref", None)
    if callable(ref):
        return ref()
    t = to_tensor(x, name=arg)
    if not t.dtype.is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input '{arg}' be a mutable tensor (e.g.: "
                        "a tf.Variable)")
    return t


def _convert(x, dtype, name):
    if isinstance(x, Tensor) or hasattr(x, "_as_graph_element"):
        return to_tensor(x)
    try:
        return to_tensor(x, dtype=dtype, name=name)
    except (TypeError, ValueError):
        return to_tensor(x, name=name)


# -- the table -------------------------------------------------------------------------------
R, S, G, I, STEP = "ref", "scalar", "grad", "indices", "step"  # noqa: E741
_register("ApplyGradientDescent", _gradient_descent, [("var", R), ("alpha", S), ("delta", G)],
          scratch_rule=_gradient_descent_into)
_register("ApplyMomentum", _momentum, [("var", R), ("accum", R), ("lr", S), ("grad", G),
                                       ("momentum", S)], ("use_locking", "use_nesterov"),
          scratch_rule=_momentum_into)
_register("SparseApplyMomentum", _sparse_momentum,
          [("var", R), ("accum", R), ("lr", S), ("grad", G), ("indices", I), ("momentum", S)],
          ("use_locking", "use_nesterov"))
_register("ApplyAdam", _adam, [("var", R), ("m", R), ("v", R), ("beta1_power", S),
                               ("beta2_power", S), ("lr", S), ("beta1", S), ("beta2", S),
                               ("epsilon", S), ("grad", G)], ("use_locking", "use_nesterov"))
_register("ApplyAdagrad", _adagrad, [("var", R), ("accum", R), ("lr", S), ("grad", G)],
          ("use_locking", "update_slots"))
_register("SparseApplyAdagrad", _sparse_adagrad,
          [("var", R), ("accum", R), ("lr", S), ("grad", G), ("indices", I)],
          ("use_locking", "update_slots"))
_RMS = [("var", R), ("ms", R), ("mom", R), ("lr", S), ("rho", S), ("momentum", S),
        ("epsilon", S), ("grad", G)]
_register("ApplyRMSProp", _rms_prop, _RMS)
_register("SparseApplyRMSProp", _sparse_rms_prop, _RMS + [("indices", I)])
_CRMS = [("var", R), ("mg", R), ("ms", R), ("mom", R), ("lr", S), ("rho", S), ("momentum", S),
         ("epsilon", S), ("grad", G)]
_register("ApplyCenteredRMSProp", _centered_rms_prop, _CRMS)
_register("SparseApplyCenteredRMSProp", _sparse_centered_rms_prop, _CRMS + [("indices", I)])
_ADADELTA = [("var", R), ("accum", R), ("accum_update", R), ("lr", S), ("rho", S),
             ("epsilon", S), ("grad", G)]
_register("ApplyAdadelta", _adadelta, _ADADELTA)
_register("SparseApplyAdadelta", _adadelta, _ADADELTA + [("indices", I)])
_register("ApplyProximalGradientDescent", _proximal_gradient_descent,
          [("var", R), ("alpha", S), ("l1", S), ("l2", S), ("delta", G)])
_register("SparseApplyProximalGradientDescent", _sparse_proximal_gradient_descent,
          [("var", R), ("alpha", S), ("l1", S), ("l2", S), ("grad", G), ("indices", I)])
_register("ApplyProximalAdagrad", _proximal_adagrad,
          [("var", R), ("accum", R), ("lr", S), ("l1", S), ("l2", S), ("grad", G)])
_register("SparseApplyProximalAdagrad", _sparse_proximal_adagrad,
          [("var", R), ("accum", R), ("lr", S), ("l1", S), ("l2", S), ("grad", G),
           ("indices", I)])
_register("ApplyAdagradDA", _adagrad_da,
          [("var", R), ("gradient_accumulator", R), ("gradient_squared_accumulator", R),
           ("grad", G), ("lr", S), ("l1", S), ("l2", S), ("global_step", STEP)])
_register("SparseApplyAdagradDA", _adagrad_da,
          [("var", R), ("gradient_accumulator", R), ("gradient_squared_accumulator", R),
           ("grad", G), ("indices", I), ("lr", S), ("l1", S), ("l2", S), ("global_step", STEP)])
_register("ApplyFtrl", _ftrl, [("var", R), ("accum", R), ("linear", R), ("grad", G), ("lr", S),
                               ("l1", S), ("l2", S), ("lr_power", S)])
_register("SparseApplyFtrl", _sparse_ftrl,
          [("var", R), ("accum", R), ("linear", R), ("grad", G), ("indices", I), ("lr", S),
           ("l1", S), ("l2", S), ("lr_power", S)])
_register("ApplyFtrlV2", _ftrl_v2,
          [("var", R), ("accum", R), ("linear", R), ("grad", G), ("lr", S), ("l1", S),
           ("l2", S), ("l2_shrinkage", S), ("lr_power", S)])
_register("SparseApplyFtrlV2", _sparse_ftrl_v2,
          [("var", R), ("accum", R), ("linear", R), ("grad", G), ("indices", I), ("lr", S),
           ("l1", S), ("l2", S), ("l2_shrinkage", S), ("lr_power", S)])

_register("ApplyKerasMomentum", _keras_momentum,
          [("var", R), ("accum", R), ("lr", S), ("grad", G), ("momentum", S)],
          ("use_locking", "use_nesterov"), resource_only=True)
_register("SparseApplyKerasMomentum", _keras_momentum,
          [("var", R), ("accum", R), ("lr", S), ("grad", G), ("indices", I), ("momentum", S)],
          ("use_locking", "use_nesterov"), resource_only=True)
_register("ApplyAdamWithAmsgrad", _adam_amsgrad,
          [("var", R), ("m", R), ("v", R), ("vhat", R), ("beta1_power", S),
           ("beta2_power", S), ("lr", S), ("beta1", S), ("beta2", S), ("epsilon", S),
           ("grad", G)], resource_only=True)
_register("ApplyAdaMax", _ada_max,
          [("var", R), ("m", R), ("v", R), ("beta1_power", S), ("lr", S), ("beta1", S),
           ("beta2", S), ("epsilon", S), ("grad", G)])
_register("ApplyAddSign", _add_sign,
          [("var", R), ("m", R), ("lr", S), ("alpha", S), ("sign_decay", S), ("beta", S),
           ("grad", G)])
_register("ApplyPowerSign", _power_sign,
          [("var", R), ("m", R), ("lr", S), ("logbase", S), ("sign_decay", S), ("beta", S),
           ("grad", G)])


# -- public functions (gen_training_ops signatures) ---------------------------------------------
def apply_gradient_descent(var, alpha, delta, use_locking=False, name=None):
    """var -= alpha * delta, in place; returns var's ref.

    Args:
      var: a Variable (or its ref). alpha: a scalar. delta: the gradient, var's shape.
    Raises:
      TypeError: var is not a variable, or dtypes differ from var's.
      ValueError: alpha is not a scalar, or delta's shape differs from var's.
    """
    return _build("ApplyGradientDescent", [var, alpha, delta],
                  {"use_locking": bool(use_locking)}, name)


def apply_momentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False,
                   name=None):
    """accum = accum * momentum + grad; var -= lr * accum.

    With use_nesterov: var -= grad * lr + accum * momentum * lr.
    """
    return _build("ApplyMomentum", [var, accum, lr, grad, momentum],
                  {"use_locking": bool(use_locking), "use_nesterov": bool(use_nesterov)}, name)


def sparse_apply_momentum(var, accum, lr, grad, indices, momentum, use_locking=False,
                          use_nesterov=False, name=None):
    """Momentum on the rows `indices` of var and accum only (rows applied in order)."""
    return _build("SparseApplyMomentum", [var, accum, lr, grad, indices, momentum],
                  {"use_locking": bool(use_locking), "use_nesterov": bool(use_nesterov)}, name)


def apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
               use_locking=False, use_nesterov=False, name=None):
    """Adam: lr_t = lr*sqrt(1-beta2^t)/(1-beta1^t); m,v moments; var -= lr_t*m/(sqrt(v)+eps)."""
    return _build("ApplyAdam", [var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
                                grad],
                  {"use_locking": bool(use_locking), "use_nesterov": bool(use_nesterov)}, name)


def apply_adagrad(var, accum, lr, grad, use_locking=False, update_slots=True, name=None):
    """accum += grad^2; var -= lr * grad / sqrt(accum)."""
    return _build("ApplyAdagrad", [var, accum, lr, grad],
                  {"use_locking": bool(use_locking), "update_slots": bool(update_slots)}, name)


def sparse_apply_adagrad(var, accum, lr, grad, indices, use_locking=False, update_slots=True,
                         name=None):
    """Adagrad on the rows `indices` only."""
    return _build("SparseApplyAdagrad", [var, accum, lr, grad, indices],
                  {"use_locking": bool(use_locking), "update_slots": bool(update_slots)}, name)


def apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False, name=None):
    """ms += (g^2-ms)(1-rho); mom = mom*momentum + lr*g/sqrt(ms+eps); var -= mom."""
    return _build("ApplyRMSProp", [var, ms, mom, lr, rho, momentum, epsilon, grad],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                          use_locking=False, name=None):
    """RMSProp on the rows `indices` only."""
    return _build("SparseApplyRMSProp", [var, ms, mom, lr, rho, momentum, epsilon, grad, indices],
                  {"use_locking": bool(use_locking)}, name)


def apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad,
                            use_locking=False, name=None):
    """Centered RMSProp: the denominator is sqrt(ms - mg^2 + eps)."""
    return _build("ApplyCenteredRMSProp", [var, mg, ms, mom, lr, rho, momentum, epsilon, grad],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices,
                                   use_locking=False, name=None):
    """Centered RMSProp on the rows `indices` only."""
    return _build("SparseApplyCenteredRMSProp",
                  [var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices],
                  {"use_locking": bool(use_locking)}, name)


def apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False,
                   name=None):
    """Adadelta: update = sqrt(accum_update+eps)/sqrt(accum+eps)*grad; var -= lr*update."""
    return _build("ApplyAdadelta", [var, accum, accum_update, lr, rho, epsilon, grad],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, indices,
                          use_locking=False, name=None):
    """Adadelta on the rows `indices` only."""
    return _build("SparseApplyAdadelta", [var, accum, accum_update, lr, rho, epsilon, grad,
                                          indices],
                  {"use_locking": bool(use_locking)}, name)


def apply_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, use_locking=False, name=None):
    """FTRL-proximal with l1/l2 regularization and learning_rate_power."""
    return _build("ApplyFtrl", [var, accum, linear, grad, lr, l1, l2, lr_power],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_ftrl(var, accum, linear, grad, indices, lr, l1, l2, lr_power,
                      use_locking=False, name=None):
    """FTRL on the rows `indices` only."""
    return _build("SparseApplyFtrl", [var, accum, linear, grad, indices, lr, l1, l2, lr_power],
                  {"use_locking": bool(use_locking)}, name)


def apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power,
                  use_locking=False, name=None):
    """FTRL with L2 shrinkage: the linear term sees grad + 2*l2_shrinkage*var."""
    return _build("ApplyFtrlV2", [var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_ftrl_v2(var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power,
                         use_locking=False, name=None):
    """FTRL with L2 shrinkage on the rows `indices` only."""
    return _build("SparseApplyFtrlV2",
                  [var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power],
                  {"use_locking": bool(use_locking)}, name)


def apply_proximal_gradient_descent(var, alpha, l1, l2, delta, use_locking=False, name=None):
    """prox = var - alpha*delta; var = sign(prox)*max(|prox| - alpha*l1, 0) / (1 + alpha*l2)."""
    return _build("ApplyProximalGradientDescent", [var, alpha, l1, l2, delta],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_proximal_gradient_descent(var, alpha, l1, l2, grad, indices, use_locking=False,
                                           name=None):
    """Proximal gradient descent on the rows `indices` only."""
    return _build("SparseApplyProximalGradientDescent", [var, alpha, l1, l2, grad, indices],
                  {"use_locking": bool(use_locking)}, name)


def apply_proximal_adagrad(var, accum, lr, l1, l2, grad, use_locking=False, name=None):
    """accum += grad^2; proximal step with the per-element rate lr / sqrt(accum)."""
    return _build("ApplyProximalAdagrad", [var, accum, lr, l1, l2, grad],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_proximal_adagrad(var, accum, lr, l1, l2, grad, indices, use_locking=False,
                                  name=None):
    """Proximal Adagrad on the rows `indices` only."""
    return _build("SparseApplyProximalAdagrad", [var, accum, lr, l1, l2, grad, indices],
                  {"use_locking": bool(use_locking)}, name)


def apply_adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
                     global_step, use_locking=False, name=None):
    """Adagrad dual averaging: g += grad, gg += grad^2,
    var = -lr * sign(g) * max(|g| - l1*T, 0) / (l2*T*lr + sqrt(gg)) with T = global_step."""
    return _build("ApplyAdagradDA", [var, gradient_accumulator, gradient_squared_accumulator, grad,
                                     lr, l1, l2, global_step],
                  {"use_locking": bool(use_locking)}, name)


def sparse_apply_adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad,
                            indices, lr, l1, l2, global_step, use_locking=False, name=None):
    """Adagrad dual averaging on the rows `indices` only."""
    return _build("SparseApplyAdagradDA", [var, gradient_accumulator,
                                           gradient_squared_accumulator, grad, indices, lr, l1,
                                           l2, global_step],
                  {"use_locking": bool(use_locking)}, name)


def _resource_only(op_type, var):
    if getattr(var, "handle", None) is None and \
            getattr(getattr(var, "dtype", None), "name", "") != "resource":
        raise TypeError(f"'Resource{op_type}' Op takes resource variables (TF has no "
                        f"'{op_type}' Op)")


def resource_apply_keras_momentum(var, accum, lr, grad, momentum, use_locking=False,
                                  use_nesterov=False, name=None):
    """Keras SGD momentum on resource variables: accum = accum * momentum - lr * grad;
    var += accum (Nesterov: var += accum * momentum - lr * grad)."""
    _resource_only("ApplyKerasMomentum", var)
    return _build("ApplyKerasMomentum", [var, accum, lr, grad, momentum],
                  {"use_locking": bool(use_locking), "use_nesterov": bool(use_nesterov)}, name)


def resource_sparse_apply_keras_momentum(var, accum, lr, grad, indices, momentum,
                                         use_locking=False, use_nesterov=False, name=None):
    """resource_apply_keras_momentum on the rows `indices`, one after another."""
    _resource_only("SparseApplyKerasMomentum", var)
    return _build("SparseApplyKerasMomentum", [var, accum, lr, grad, indices, momentum],
                  {"use_locking": bool(use_locking), "use_nesterov": bool(use_nesterov)}, name)


def resource_apply_adam_with_amsgrad(var, m, v, vhat, beta1_power, beta2_power, lr, beta1,
                                     beta2, epsilon, grad, use_locking=False, name=None):
    """Adam with AMSGrad: vhat = max(vhat, v); var -= alpha * m / (sqrt(vhat) + epsilon)."""
    _resource_only("ApplyAdamWithAmsgrad", var)
    return _build("ApplyAdamWithAmsgrad", [var, m, v, vhat, beta1_power, beta2_power, lr,
                                           beta1, beta2, epsilon, grad],
                  {"use_locking": bool(use_locking)}, name)


def apply_ada_max(var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad, use_locking=False,
                  name=None):
    """AdaMax: m = beta1*m + (1-beta1)*g; v = max(beta2*v, |g|);
    var -= lr / (1 - beta1_power) * m / (v + epsilon)."""
    return _build("ApplyAdaMax", [var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad],
                  {"use_locking": bool(use_locking)}, name)


def apply_add_sign(var, m, lr, alpha, sign_decay, beta, grad, use_locking=False, name=None):
    """AddSign: m = beta*m + (1-beta)*g; var -= lr * (alpha + sign_decay*sign(g)*sign(m)) * g."""
    return _build("ApplyAddSign", [var, m, lr, alpha, sign_decay, beta, grad],
                  {"use_locking": bool(use_locking)}, name)


def apply_power_sign(var, m, lr, logbase, sign_decay, beta, grad, use_locking=False, name=None):
    """PowerSign: m = beta*m + (1-beta)*g;
    var -= lr * exp(logbase * sign_decay * sign(g) * sign(m)) * g."""
    return _build("ApplyPowerSign", [var, m, lr, logbase, sign_decay, beta, grad],
                  {"use_locking": bool(use_locking)}, name)
