"""The AddN kernel's buffer forwarding where static shapes are unknown (pprobe4's item 4:
`tf.losses.huber_loss` of `[None, 1]` placeholders). tf.gradients of `q * q` builds
`Sum(Mul(grad, q), rx)` and `Sum(Mul(q, grad), ry)` with `rx, ry =
BroadcastGradientArgs(Shape(q), Shape(q))`; dedup makes the two Muls one buffer and the
two Shapes one, so both reductions are empty at run time whatever is fed, and the
reduction kernel hands its input's buffer on ("reduces nothing": CopyFrom). The AddN's
inputs 0 and 1 are then one buffer held twice, not taken over, and its third input (the
`- q` term's `Neg`, a fresh buffer read once) is: TF sums `(in2 + a) + a`.

Cases vary which inputs have unknown static shapes (`[None]`, no shape at all, known),
Grappler's switches (the swap is the kernel's), a product of two different tensors
(`q * r`: its reductions are not known to be empty, nothing shared), and other readers
(the third input fetched too: nothing is taken over, the listed order stays; the first
fetched: the third is still taken over).
Read by tests/test_addn_unknown.py.
"""
from __future__ import absolute_import

import numpy as np

N = 257


def _config(tf, mode):
    config = tf.ConfigProto()
    ro = config.graph_options.rewrite_options
    if mode == "arithmetic_off":
        ro.arithmetic_optimization = 2   # OFF
    elif mode == "meta_off":
        ro.disable_meta_optimizer = True
    return config


def _values(seed, shape):
    rs = np.random.RandomState(seed)
    n = int(np.prod(shape))
    v = rs.randn(n) * 10 ** rs.uniform(-2, 1, n)
    return v.astype(np.float32).reshape(shape)


def _run(tf, fetches, feeds, mode):
    with tf.Session(config=_config(tf, mode)) as sess:
        return sess.run(fetches, feeds)


def huber(tf, mode, shape=(None, 1), delta=0.5):
    """pprobe4's t_hub.py: huber_loss(labels, predictions) of two placeholders."""
    dims = (64, 1)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, shape)
        y = tf.placeholder(tf.float32, shape)
        loss = tf.losses.huber_loss(y, p, delta=delta)
        dp = tf.gradients(loss, p)[0]
        return _run(tf, [dp], {p: _values(1, dims) * 0.3, y: _values(2, dims) * 0.3}, mode)


def square_minus(tf, mode, shape=(None,), fetch=None, scale=0.7):
    """d/dq of `q * q - q * 0.7`, q = tanh(p): AddN(mul_1_grad/Reshape,
    mul_1_grad/Reshape_1, Mul_grad/Reshape) of (q, q, -0.7), the first two one buffer;
    `fetch`: one of them fetched too (a _Retval holds it)."""
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, shape)
        q = tf.tanh(p)
        s = tf.multiply(q, scale)
        loss = tf.reduce_sum(q * q - s)
        dq = tf.gradients(loss, q)[0]
        fetches = [dq]
        if fetch:
            fetches.append(tf.get_default_graph().get_tensor_by_name(fetch))
        return _run(tf, fetches, {p: _values(3, (N,))}, mode)


def product_minus(tf, mode, shape=(None,)):
    """d/dp of `q * r - q`, q = tanh(p), r = sin(p): the Mul's two gradients are different
    buffers and its reductions not known to be empty (two Shapes): nothing is swapped."""
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, shape)
        q = tf.tanh(p)
        r = tf.sin(p)
        loss = tf.reduce_sum(q * r - q * 0.3)
        return _run(tf, tf.gradients(loss, [p]), {p: _values(4, (N,))}, mode)


def cases(tf):
    out = {}
    for mode in ("on", "arithmetic_off", "meta_off"):
        out["huber_" + mode] = huber(tf, mode)
        out["square_minus_" + mode] = square_minus(tf, mode)
    out["huber_delta_1"] = huber(tf, "on", delta=1.0)
    out["huber_no_shape"] = huber(tf, "on", shape=None)
    out["huber_known"] = huber(tf, "on", shape=(64, 1))
    out["square_minus_no_shape"] = square_minus(tf, "on", shape=None)
    out["square_minus_known"] = square_minus(tf, "on", shape=(N,))
    for mode in ("on", "meta_off"):
        out["square_minus_fetch_third_" + mode] = square_minus(
            tf, mode, fetch="gradients/Mul_grad/Reshape:0")
        out["square_minus_fetch_first_" + mode] = square_minus(
            tf, mode, fetch="gradients/mul_1_grad/Reshape:0")
    out["product_minus"] = product_minus(tf, "on")
    out["product_minus_known"] = product_minus(tf, "on", shape=(N,))
    return out
