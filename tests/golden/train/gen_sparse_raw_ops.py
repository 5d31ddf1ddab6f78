"""The raw SparseApply* training ops under TF 1.14 with duplicate indices (TF applies
the rows one after another): variable and slots after one application."""
import numpy as np

from optimizer_runs import L


def cases(tf):
    from tensorflow.python.training import training_ops as T  # the raw ops have no tf.* name
    rng = np.random.RandomState(7)
    V0 = rng.randn(4, 2).astype(np.float32)
    SL = [np.abs(rng.randn(4, 2)).astype(np.float32) + 0.5 for _ in range(3)]
    G = rng.randn(5, 2).astype(np.float32)
    IDX = [1, 3, 1, 0, 1]
    RAW = {
        "SparseApplyMomentum": (1, lambda v, s: T.sparse_apply_momentum(v, s[0], 0.1, G, IDX, 0.9)),
        "SparseApplyMomentumNesterov": (1, lambda v, s: T.sparse_apply_momentum(v, s[0], 0.1, G, IDX, 0.9, use_nesterov=True)),
        "SparseApplyAdagrad": (1, lambda v, s: T.sparse_apply_adagrad(v, s[0], 0.1, G, IDX)),
        "SparseApplyRMSProp": (2, lambda v, s: T.sparse_apply_rms_prop(v, s[0], s[1], 0.1, 0.9, 0.5, 1e-6, G, IDX)),
        "SparseApplyCenteredRMSProp": (3, lambda v, s: T.sparse_apply_centered_rms_prop(v, s[2], s[0], s[1], 0.1, 0.9, 0.5, 1.0, G, IDX)),
        "SparseApplyAdadelta": (2, lambda v, s: T.sparse_apply_adadelta(v, s[0], s[1], 1.0, 0.9, 1e-6, G, IDX)),
        "SparseApplyFtrl": (2, lambda v, s: T.sparse_apply_ftrl(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, -0.5)),
        "SparseApplyFtrlV2": (2, lambda v, s: T.sparse_apply_ftrl_v2(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, 0.05, -0.5)),
        "SparseApplyProximalGradientDescent": (0, lambda v, s: T.sparse_apply_proximal_gradient_descent(v, 0.1, 0.01, 0.1, G, IDX)),
        "SparseApplyProximalAdagrad": (1, lambda v, s: T.sparse_apply_proximal_adagrad(v, s[0], 0.1, 0.01, 0.1, G, IDX)),
        "SparseApplyAdagradDA": (2, lambda v, s: T.sparse_apply_adagrad_da(v, s[0], s[1], G, IDX, 0.1, 0.01, 0.1, tf.constant(3, tf.int64))),
    }
    raw = {"V0": L(V0), "slots0": [L(x) for x in SL], "G": L(G), "IDX": IDX, "ops": {}}
    for k, (n, f) in RAW.items():
        tf.reset_default_graph()
        v = tf.Variable(V0, name="var")
        s = [tf.Variable(SL[i], name=f"slot{i}") for i in range(3)]
        op = f(v, s)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            raw["ops"][k] = {"var": L(sess.run(v)), "slots": [L(sess.run(x)) for x in s[:max(n, 0)]] if n else []}
    return raw
