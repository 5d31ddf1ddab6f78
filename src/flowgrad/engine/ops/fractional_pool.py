"""FractionalMaxPool and FractionalAvgPool with their *Grad ops (TF 1.14's
fractional_max_pool_op.cc, fractional_avg_pool_op.cc, fractional_pool_common.cc).

Each run draws the row and column pooling sequences from a Philox generator made anew
from (seed, seed2) (deterministic=True; seeds both 0 are drawn once per session, as TF draws
them when it builds the kernel) or from fresh random seeds (deterministic=False). The
"random" sequences shuffle the region sizes (k + 1 first, then k) with TF's
RandomShuffle (swap i with i + w_i % (n - i)), the "pseudo_random" ones place the
boundaries at ceil(alpha * (i + u)); both are TF's numbers for given seeds. A region ends at the
next boundary (inclusive when `overlapping`). The max pool's gradient goes to the first
maximum of each region, the average pool's is spread evenly over it.
"""
from __future__ import annotations

import math
import os

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant
from ..framework.graph import name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import philox
from ._base import apply, to_tensor

_TYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.int64)


def _random_seed():
    return int.from_bytes(os.urandom(8), "little")


def _sequence(n_in, n_out, key, counter, pseudo_random):
    """(cumulative pooling sequence, the counter after it) of TF's GeneratePoolingSequence."""
    if n_in % n_out == 0:
        # equal regions whatever the draw, but TF draws (and advances the counter) anyway
        diff = [n_in // n_out] * n_out
        counter += 1 if pseudo_random else (n_out + 3) // 4
    elif pseudo_random:
        alpha = n_in / n_out
        k = n_in // n_out
        max_u = min((k + 2) / alpha - 1, (n_in + 1 - k) / alpha - (n_out - 1))
        u = float(philox.uniform_doubles(key, counter, 1)[0]) * max_u
        counter += 1                                  # ReserveSamples32(2): one call
        cum = [1] + [int(math.ceil(alpha * (i + u))) for i in range(1, n_out)] + [n_in + 1]
        diff = [cum[i + 1] - cum[i] for i in range(n_out)]
    else:
        k = n_in // n_out
        diff = [k + 1 if i < n_in % n_out else k for i in range(n_out)]
        w = philox.words(key, counter, n_out)           # SingleSampleAdapter's words
        counter += (n_out + 3) // 4                   # ReserveSamples32(n_out)
        for i in range(n_out - 1):                     # TF's RandomShuffle
            j = i + int(w[i]) % (n_out - i)
            diff[i], diff[j] = diff[j], diff[i]
    cum = np.zeros(n_out + 1, np.int64)
    cum[1:] = np.cumsum(diff)
    return cum, counter


def _regions(cum, n_in, overlapping):
    ends = cum[1:] if overlapping else cum[1:] - 1
    return [(int(s), int(min(e, n_in - 1))) for s, e in zip(cum[:-1], ends)]


# -- forward ----------------------------------------------------------------------------------
def _out_dims(shape, ratio):
    return [None if d is None else int(math.floor(d / r)) for d, r in zip(shape, ratio)]


def _pool_infer(inputs, attrs):
    x = inputs[0]
    ratio = attrs["pooling_ratio"]
    if len(ratio) != 4:
        raise ValueError("pooling_ratio field must specify 4 dimensions")
    if x.shape.ndims is not None and x.shape.ndims != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
    dims = _out_dims(x.shape.as_list(), ratio) if x.shape.ndims is not None else [None] * 4
    rows = None if dims[1] is None else dims[1] + 1
    cols = None if dims[2] is None else dims[2] + 1
    return [(x.dtype.base_dtype, TensorShape(dims)), (_dt.int64, TensorShape([rows])),
            (_dt.int64, TensorShape([cols]))]


def _pool_bind(kind):
    def bind(node, ctx):
        attrs = node.attrs
        seed, seed2 = int(attrs["seed"]), int(attrs["seed2"])
        deterministic = attrs["deterministic"]
        if not deterministic and (seed or seed2):
            raise errors.InvalidArgumentError(
                None, None, "Both seed and seed2 should be 0 if deterministic is false.")
        if deterministic and seed == 0 and seed2 == 0:
            # drawn once per session (TF: once per kernel, which lives as long as the
            # session's executor), not per plan: the interpreted first run and the
            # compiled later ones pool alike
            seed, seed2 = ctx.rngs.setdefault(("fractional_pool", node.name),
                                              (_random_seed(), _random_seed()))
        ratio = attrs["pooling_ratio"]
        if ratio[0] != 1 or ratio[3] != 1:
            raise errors.UnimplementedError(
                None, None, "Fractional max pooling is not yet supported on the batch nor "
                "channel dimension.")

        def run(x):
            x = np.asarray(x)
            n_out = [int(math.floor(d / r)) for d, r in zip(x.shape, ratio)]
            if min(n_out) <= 0:
                raise errors.InvalidArgumentError(
                    None, None, "pooling_ratio is too large: the output would be empty")
            stream = philox.Stream(seed, seed2) if deterministic else \
                philox.Stream(_random_seed(), _random_seed())
            rows, counter = _sequence(x.shape[1], n_out[1], stream.key, stream.counter,
                                      attrs["pseudo_random"])
            cols, _ = _sequence(x.shape[2], n_out[2], stream.key, counter,
                                attrs["pseudo_random"])
            return _pool(x, rows, cols, attrs["overlapping"], kind), rows, cols
        return run
    return bind


def _pool(x, rows, cols, overlapping, kind):
    rr = _regions(rows, x.shape[1], overlapping)
    cr = _regions(cols, x.shape[2], overlapping)
    out = np.empty((x.shape[0], len(rr), len(cr), x.shape[3]), x.dtype)
    for i, (r0, r1) in enumerate(rr):
        for j, (c0, c1) in enumerate(cr):
            win = x[:, r0:r1 + 1, c0:c1 + 1, :]
            if kind == "max":
                out[:, i, j, :] = win.max(axis=(1, 2))
            else:
                total = win.sum(axis=(1, 2))
                n = win[0, :, :, 0].size
                # integers: C's division, toward zero
                out[:, i, j, :] = total / x.dtype.type(n) if x.dtype.kind == "f" else \
                    np.sign(total) * (np.abs(total) // n)
    return out


# -- gradients ------------------------------------------------------------------------------
def _max_grad_kernel(x, y, dy, rows, cols, overlapping=False, **_):
    x = np.asarray(x)
    # TF adds each output's gradient into its input's in T, in the output's flat order
    dx = np.zeros(x.shape, x.dtype)
    rr = _regions(rows, x.shape[1], overlapping)
    cr = _regions(cols, x.shape[2], overlapping)
    for i, (r0, r1) in enumerate(rr):
        for j, (c0, c1) in enumerate(cr):
            win = x[:, r0:r1 + 1, c0:c1 + 1, :]
            b, c = win.shape[0], win.shape[3]
            flat = win.transpose(0, 3, 1, 2).reshape(b, c, -1)
            arg = flat.argmax(axis=2)                 # the first maximum in scan order
            h = r0 + arg // win.shape[2]
            w = c0 + arg % win.shape[2]
            bi, ci = np.meshgrid(np.arange(b), np.arange(c), indexing="ij")
            np.add.at(dx, (bi, h, w, ci), dy[:, i, j, :])
    return dx


def _avg_grad_kernel(in_shape, dy, rows, cols, overlapping=False, **_):
    shape = [int(v) for v in np.asarray(in_shape)]
    dy = np.asarray(dy)
    dx = np.zeros(shape, np.float64)
    rr = _regions(rows, shape[1], overlapping)
    cr = _regions(cols, shape[2], overlapping)
    for i, (r0, r1) in enumerate(rr):
        for j, (c0, c1) in enumerate(cr):
            size = (r1 - r0 + 1) * (c1 - c0 + 1)
            # TF divides in double: double(dy) / double(size)
            dx[:, r0:r1 + 1, c0:c1 + 1, :] += (dy[:, i, j, :].astype(np.float64) / size)[
                :, None, None, :]
    return dx.astype(dy.dtype)


def _shape_from(t):
    """The shape a shape tensor holds when it is a constant, else unknown of rank 4."""
    v = t.op._get_attr("value") if t.op.type == "Const" else None
    return TensorShape([int(d) for d in np.asarray(v)]) if v is not None else \
        TensorShape([None] * 4)


def _max_pool_grad(op, grad, *_):
    """FractionalMaxPoolGrad: the gradient goes to each region's first maximum."""
    x = op._inputs[0]
    y, rows, cols = op.outputs
    return [apply("FractionalMaxPoolGrad", [x, y, grad, rows, cols],
                  {"overlapping": op._get_attr("overlapping"), "T": x.dtype.base_dtype})]


def _avg_pool_grad(op, grad, *_):
    """FractionalAvgPoolGrad: each output's gradient spread evenly over its region."""
    x = op._inputs[0]
    _, rows, cols = op.outputs
    if not x.shape.is_fully_defined():   # TF converts x.get_shape() to a tensor
        raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: "
                         f"{x.shape}")
    with name_scope("FractionalAvgPoolGrad") as scope:   # TF's op_def_library scope
        shape = constant(np.array(x.shape.as_list(), np.int64),
                         name="orig_input_tensor_shape")
        return [apply("FractionalAvgPoolGrad", [shape, grad, rows, cols],
                      {"overlapping": op._get_attr("overlapping"), "T": x.dtype.base_dtype},
                      scope)]


register_op("FractionalMaxPool", infer=_pool_infer, bind=_pool_bind("max"),
            grad=_max_pool_grad, stateful=True)
register_op("FractionalAvgPool", infer=_pool_infer, bind=_pool_bind("avg"),
            grad=_avg_pool_grad, stateful=True)
register_op("FractionalMaxPoolGrad",
            infer=lambda inputs, attrs: [(inputs[0].dtype.base_dtype, inputs[0].shape)],
            kernel=_max_grad_kernel, grad=no_gradient_registered)
register_op("FractionalAvgPoolGrad",
            infer=lambda inputs, attrs: [(inputs[1].dtype.base_dtype, _shape_from(inputs[0]))],
            kernel=_avg_grad_kernel, grad=no_gradient_registered)


def _fractional(op_type, value, pooling_ratio, pseudo_random, overlapping, deterministic,
                seed, seed2, name):
    x = to_tensor(value, name="value")
    if x.dtype.base_dtype not in _TYPES:
        raise TypeError(f"Value passed to parameter 'value' has DataType "
                        f"{x.dtype.base_dtype.name} not in list of allowed values: float32, "
                        "float64, int32, int64")
    attrs = {"pooling_ratio": [float(r) for r in pooling_ratio],
             "pseudo_random": bool(pseudo_random), "overlapping": bool(overlapping),
             "deterministic": bool(deterministic), "seed": int(seed), "seed2": int(seed2),
             "T": x.dtype.base_dtype}
    return tuple(apply(op_type, [x], attrs, name or op_type))


def fractional_max_pool(value, pooling_ratio, pseudo_random=False, overlapping=False,
                        deterministic=False, seed=0, seed2=0, name=None):
    """Fractional max pooling: (output, row_pooling_sequence, col_pooling_sequence)."""
    return _fractional("FractionalMaxPool", value, pooling_ratio, pseudo_random, overlapping,
                       deterministic, seed, seed2, name)


def fractional_avg_pool(value, pooling_ratio, pseudo_random=False, overlapping=False,
                        deterministic=False, seed=0, seed2=0, name=None):
    """Fractional average pooling: (output, row_pooling_sequence, col_pooling_sequence)."""
    return _fractional("FractionalAvgPool", value, pooling_ratio, pseudo_random, overlapping,
                       deterministic, seed, seed2, name)
