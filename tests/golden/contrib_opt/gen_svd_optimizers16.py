"""tf.contrib.opt.GGTOptimizer (window 16 and 20) and ShampooOptimizer (16 x 24 and
32 x 32 weights) under TF 1.14: their Svd matrices have 16 columns or more, so TF's CPU
kernel runs Eigen's BDCSVD (engine/ops/eigen_bdcsvd.py), where gen_svd_optimizers.py's
stay below 16 (JacobiSVD). A seeded regression trained several steps (GGT past its
window, so the ring buffer wraps); the losses and the variables after each step, bit for
bit, and the ops (name, type).

Made on the machine that records its CPU vendor ("vendor": an Intel Xeon): the float32
blocked products read Eigen's cache sizes and Sqrt/Rsqrt the RSQRTPS table, so
tests/test_contrib_opt_svd16.py runs flowgrad with FLOWGRAD_CPU set to it.
"""
import numpy as np
from goldenio import host_vendor


def regression(tf, seed, rows, din, dout, use_resource):
    """mean((x w + b - y)^2) with w [din, dout], b [dout]; x of `rows` rows (fewer rows
    than din: the preconditioners' Gram matrices are rank-deficient)."""
    rs = np.random.RandomState(seed)
    x = rs.randn(rows, din).astype(np.float32)
    y = rs.randn(rows, dout).astype(np.float32)
    w = tf.get_variable("w", [din, dout], initializer=tf.random_normal_initializer(seed=seed),
                        use_resource=use_resource)
    b = tf.get_variable("b", [dout], initializer=tf.zeros_initializer(),
                        use_resource=use_resource)
    return tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))


def _gs(tf):
    return tf.train.get_or_create_global_step()


# name: (optimizer, problem (rows, din, dout), use_resource, steps)
OPTS = {
    "ggt_w16": (lambda tf: tf.contrib.opt.GGTOptimizer(0.05, window=16),
                (12, 4, 3), False, 19),
    "ggt_w20": (lambda tf: tf.contrib.opt.GGTOptimizer(0.02, beta1=0.5, window=20, eps=0.1),
                (12, 5, 2), True, 8),
    "shampoo_16x24": (lambda tf: tf.contrib.opt.ShampooOptimizer(global_step=_gs(tf),
                                                                 learning_rate=0.1),
                      (40, 16, 24), False, 4),
    "shampoo_16x24_rankdef": (lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.05, svd_interval=2, precond_update_interval=1,
        alpha=0.25), (10, 16, 24), True, 4),
    "shampoo_32x32": (lambda tf: tf.contrib.opt.ShampooOptimizer(
        global_step=_gs(tf), learning_rate=0.1, epsilon=1e-3), (48, 32, 32), False, 3),
}
SEED = 5


def run(tf, key):
    """Trains OPTS[key]'s problem: ops, losses and variables per step."""
    tf.reset_default_graph()
    make, (rows, din, dout), use_resource, steps = OPTS[key]
    tf.set_random_seed(SEED)
    loss = regression(tf, SEED, rows, din, dout, use_resource)
    gs = tf.train.get_or_create_global_step()
    opt = make(tf)
    train = opt.minimize(loss, global_step=gs)
    g = tf.get_default_graph()
    out = {"ops": [[op.name, op.type] for op in g.get_operations()], "losses": [],
           "steps": []}
    trained = tf.trainable_variables()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            out["losses"].append(sess.run([loss, train])[0])
            out["steps"].append(sess.run(trained))
    return out


def cases(tf):
    out = {"vendor": host_vendor()}
    for key in OPTS:
        out[key] = run(tf, key)
    return out
