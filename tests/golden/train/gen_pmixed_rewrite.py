"""tf.train.experimental.enable_mixed_precision_graph_rewrite on a CPU-only machine (TF
1.14): the optimizer wrapped in a MixedPrecisionLossScaleOptimizer (dynamic or fixed
scale), the graph's ops and variables (no float16 rewrite without a GPU), seeded losses,
its errors (tests/test_pmixed_rewrite.py)."""
import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the value
        return [type(e).__name__, str(e)]
    return None


def cases(tf):
    out = {}
    rewrite = tf.train.experimental.enable_mixed_precision_graph_rewrite
    rs = np.random.RandomState(4)
    X = rs.randn(16, 5).astype(np.float32)
    Y = rs.randn(16, 5).astype(np.float32)
    for scale in ("dynamic", 128, 3.0):
        with tf.Graph().as_default() as g:
            tf.set_random_seed(7)
            x = tf.placeholder(tf.float32, [None, 5])
            w = tf.get_variable("w", [5], initializer=tf.random_normal_initializer(seed=3))
            loss = tf.reduce_mean(tf.square(x * w - Y))
            opt = rewrite(tf.train.AdamOptimizer(0.01), scale)
            train = opt.minimize(loss)
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                losses = [s.run([loss, train], {x: X})[0] for _ in range(4)]
                out["scale_%s" % scale] = {
                    "class": type(opt).__name__, "name": opt.get_name(),
                    "loss_scale": type(opt._loss_scale).__name__,
                    "ops": sorted(set(op.type for op in g.get_operations())),
                    "num_ops": len(g.get_operations()),
                    "variables": [v.op.name for v in tf.global_variables()],
                    "losses": losses, "w": s.run(w)}
    tf.train.experimental.disable_mixed_precision_graph_rewrite()
    wrapped = rewrite(tf.train.GradientDescentOptimizer(0.1))
    out["errors"] = [_err(lambda: rewrite(wrapped)), _err(lambda: rewrite(3)),
                     _err(lambda: rewrite(tf.train.GradientDescentOptimizer(0.1), "big"))]
    tf.train.experimental.disable_mixed_precision_graph_rewrite()
    return out
