"""Kernels keep TF's dtypes on every NumPy the project declares (NumPy 1.x included).

Under NumPy 1.x (before NEP 50) a 0-d array or NumPy scalar combined with a
Python number promotes: `np.float32(2) * 0.5` is float64 there, float32 on
NumPy 2. Kernels therefore combine arrays with scalars of the array's own type.
CI runs this file (and the whole suite) on the oldest declared NumPy too.
"""
import warnings

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework.registry import OPS

_VALUES = (0.7, 0.3, 0.6)


def _float_kernel_results(dtype):
    """(op type, inputs, output dtype) of every plain kernel that accepts 1-3 0-d inputs."""
    for name, od in sorted(OPS.items()):
        if od.kernel is None or od.bind is not None:
            continue
        for k in (1, 2, 3):
            for make in (lambda v: np.array(v, dtype), lambda v: dtype(v)):
                args = [make(v) for v in _VALUES[:k]]
                try:
                    with warnings.catch_warnings(), np.errstate(all="ignore"):
                        warnings.simplefilter("ignore")
                        out = od.kernel(*args)
                except Exception:  # noqa: BLE001 - this arity or input type is not the op's
                    continue
                for o in out if isinstance(out, (tuple, list)) else [out]:
                    d = getattr(o, "dtype", None)
                    if d is not None and d.kind == "f":
                        yield name, k, type(args[0]).__name__, d


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_zero_d_kernels_keep_the_input_dtype(dtype):
    seen = set()
    wrong = []
    for name, k, kind, d in _float_kernel_results(dtype):
        seen.add(name)
        if d != np.dtype(dtype):
            wrong.append(f"{name}({k} x 0-d {kind}) -> {d}")
    assert not wrong, wrong
    # the sweep reaches the elementwise families, the backprop ops among them
    assert {"SqrtGrad", "RsqrtGrad", "TanhGrad", "SigmoidGrad", "EluGrad", "Softsign",
            "SoftsignGrad", "Mul", "RealDiv"} <= seen


@pytest.mark.parametrize("fn", [tf.sqrt, tf.rsqrt, tf.tanh, tf.sigmoid, tf.nn.elu,
                                tf.nn.softsign, tf.nn.selu, tf.nn.softplus])
def test_scalar_gradients_are_float32(fn):
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(0.7)
        y = fn(x)
        (dx,) = tf.gradients(y, [x])
        (ddx,) = tf.gradients(dx, [x])
        with tf.Session() as sess:
            for v in sess.run([y, dx, ddx]):
                assert v.dtype == np.float32, (fn.__name__, v.dtype)
