"""TF 1.14's constant push-down into a product read through a tf.gradients gate (an
Identity with a control input, `tuple/control_dependency`, as an optimizer's
compute_gradients makes with gate_gradients): the model pruner keeps such an Identity,
so the first round of constant folding does not push through it; the arithmetic
optimizer then sorts each commutative node's inputs by name (CanonicalizeGraph), the
dependency optimizer removes the Identity, and the second round pushes the constant
into the first input by name. `(f * m)`'s gradient to m, `Mul(g, f)`, divided by a
constant n runs as `f * (g * (1 / n))` when "f" sorts before g's name, not as
`g * (f * (1 / n))` (the order without the arithmetic optimizer, and without the gate).
This is how TF folds tf.contrib.quantize's FoldFusedBatchNormGrad (`grad_mean / n`).
Made on the host it records: its test runs flowgrad with FLOWGRAD_CPU of that vendor.
Read by tests/test_push_down_gated.py."""
import numpy as np

from goldenio import host_vendor

K = 64


def _inputs():
    rng = np.random.RandomState(0)
    return {name: rng.randn(*shape).astype(np.float32)
            for name, shape in (("x", [4, 3, 3, K]), ("m", [K]), ("f", [K]), ("t", [K]))}


def _build(tf, f_name, gate):
    x = tf.placeholder(tf.float32, [4, 3, 3, K], name="x")
    m = tf.placeholder(tf.float32, [K], name="m")
    f = tf.placeholder(tf.float32, [K], name=f_name)
    t = tf.placeholder(tf.float32, [K], name="t")
    b = tf.subtract(f, tf.multiply(m, f, name="mul_1"), name="bias")
    gm, gf = tf.gradients(b, [m, f], grad_ys=t, gate_gradients=gate)
    n = tf.cast(tf.size(x) / tf.size(gm), tf.float32)
    return [x, m, f, t], [gm / n, gf]


def run(tf, f_name, gate, arithmetic=True):
    config = tf.ConfigProto()
    if not arithmetic:
        config.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    values = _inputs()
    with tf.Graph().as_default():
        feeds, out = _build(tf, f_name, gate)
        with tf.Session(config=config) as sess:
            return sess.run(out, {p: values[k] for p, k in zip(feeds, "xmft")})


def cases(tf):
    return {"vendor": host_vendor(),
            # "f" < "gradients/...": the constant goes to f, g stays in the parent
            "gated": run(tf, "f", True),
            # "w" > "gradients/...": the constant goes to g, as the written order
            "gated_late_name": run(tf, "w", True),
            "gated_arithmetic_off": run(tf, "f", True, arithmetic=False),
            "ungated": run(tf, "f", False)}
