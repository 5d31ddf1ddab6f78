"""tf.nn.fractional_max_pool / fractional_avg_pool under TF 1.14 (fractional_pool.json)
and flowgrad (tests/test_fractional_pool.py): seeded random and pseudo-random sequences,
outputs and gradients, ops. Valid Python 3.7."""
import numpy as np


def build(tf):
    g = tf.get_default_graph()
    rs = np.random.RandomState(3)
    out = []
    grads = []
    n0 = len(g.get_operations())
    for k, (shape, ratio, overlapping, seeds) in enumerate([
            ((2, 7, 9, 2), [1.0, 1.44, 1.73, 1.0], False, (7, 3)),
            ((1, 10, 10, 3), [1.0, 1.5, 1.5, 1.0], True, (1, 0)),
            ((1, 11, 6, 1), [1.0, 2.2, 1.2, 1.0], False, (0, 5)),
            ((3, 5, 13, 2), [1.0, 1.3, 2.9, 1.0], True, (123456789, 987654321)),
            ((1, 8, 8, 1), [1.0, 2.0, 2.0, 1.0], False, (4, 4))]):
        x = tf.constant(rs.randn(*shape).astype(np.float64 if k % 2 else np.float32))
        for fn in (tf.nn.fractional_max_pool, tf.nn.fractional_avg_pool):
            for pseudo in (True, False):
                r = fn(x, ratio, pseudo_random=pseudo, overlapping=overlapping,
                       deterministic=True, seed=seeds[0], seed2=seeds[1])
                out.append(list(r))
                grads.append(tf.gradients(r[0] * r[0], x)[0])
    xi = tf.constant(np.arange(2 * 7 * 9, dtype=np.int32).reshape(1, 7, 9, 2) % 11)
    out.append(list(tf.nn.fractional_max_pool(xi, [1.0, 1.5, 1.5, 1.0], True, True, True, 3, 4)))
    ops = [[o.name, o.type] for o in g.get_operations()[n0:]]
    with tf.Session() as sess:
        return {"ops": ops, "values": sess.run(out), "again": sess.run(out[0]),
                "grads": sess.run(grads)}


def cases(tf):
    with tf.Graph().as_default():
        return {"build": build(tf)}
