"""TF 1.14 goldens for tf.contrib.mixed_precision: LossScaleOptimizer over fixed and
exponentially updated loss scales (variables and loss scale after each of a run of finite and
non-finite steps), variable names, the ops' names outside conds, a later graph-seeded random
op (the op count) and TF's errors. Output: mixed_precision.json, read by
tests/test_contrib_small_modules.py.
"""
import numpy as np

FEEDS = [[1.0, 1.0], [1.0, 0.5], [np.inf, 1.0], [1.0, 2.0], [np.nan, 1.0], [np.inf, 1.0],
         [0.5, 0.5], [1.0, 1.0], [2.0, 1.0]]


def _train(tf, manager, opt, dtype=None):
    tf.set_random_seed(1)
    w = tf.Variable([1.0, 2.0], name="w")
    b = tf.Variable(0.5, name="b")
    x = tf.placeholder(tf.float32, [2])
    loss = tf.reduce_sum(w * w * x) + b * x[0]
    m = manager(tf)
    mp = tf.contrib.mixed_precision.LossScaleOptimizer(opt(tf), m)
    gs = tf.train.get_or_create_global_step()
    step = mp.minimize(loss, global_step=gs)
    later = tf.random_uniform([2])
    out = {"step": step.name, "globals": [v.name for v in tf.global_variables()],
           "trainable": [v.name for v in tf.trainable_variables()],
           "ops": [[o.name, o.type] for o in tf.get_default_graph().get_operations()
                   if "cond" not in o.name],
           "values": []}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for f in FEEDS:
            s.run(step, {x: f})
            out["values"].append(s.run([w, b, m.get_loss_scale(), gs]))
        out["later"] = s.run(later)
    return out


CASES = {
    "fixed_sgd": lambda tf: _train(
        tf, lambda tf: tf.contrib.mixed_precision.FixedLossScaleManager(128.0),
        lambda tf: tf.train.GradientDescentOptimizer(0.1)),
    "exp_momentum": lambda tf: _train(
        tf, lambda tf: tf.contrib.mixed_precision.ExponentialUpdateLossScaleManager(8.0, 2),
        lambda tf: tf.train.MomentumOptimizer(0.05, 0.9)),
    "exp_adam": lambda tf: _train(
        tf, lambda tf: tf.contrib.mixed_precision.ExponentialUpdateLossScaleManager(
            2.0 ** 100, 1, decr_every_n_nan_or_inf=1, incr_ratio=2.0 ** 30, decr_ratio=0.5),
        lambda tf: tf.train.AdamOptimizer(0.01)),
}


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES["error/fixed"] = _error(lambda tf: tf.contrib.mixed_precision.FixedLossScaleManager(0.5))


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
