"""W2 under flowgrad's XLA backend with variables resident on the device, with the
variables copied in and out of each cluster call (residency switched off), and JAX's jit
step (bench/peers.py's), in one process, alternating blocks of 40 steps; prints the best
per-step time of each (a loaded machine moves separate processes' figures too much to
compare them).

    PYTHONPATH=src python bench/xla_resident.py [blocks]
"""
import os
import sys
import time

os.environ["FLOWGRAD_XLA"] = "1"
os.environ["FLOWGRAD_XLA_SYNC"] = "1"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import flowgrad as tf  # noqa: E402
from flowgrad.engine.runtime.xla import cluster  # noqa: E402
import peers  # noqa: E402


def flowgrad_step(resident):
    g = tf.Graph()
    with g.as_default():
        ws, bs = peers.mlp_init(peers.W2_SIZES)
        xv, yv = peers.w2_data()
        x = tf.placeholder(tf.float32, [peers.W2_BATCH, 784])
        y = tf.placeholder(tf.int64, [peers.W2_BATCH])
        h = x
        for i, (w, b) in enumerate(zip(ws, bs)):
            h = tf.matmul(h, tf.Variable(w)) + tf.Variable(b)
            if i < len(ws) - 1:
                h = tf.nn.relu(h)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                             logits=h))
        step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
        orig = cluster._res.resident_vars
        if not resident:
            cluster._res.resident_vars = lambda *a: {}
        try:
            s = tf.Session()
            s.run(tf.global_variables_initializer())
            feed = {x: xv, y: yv}
            s.run(step, feed)
        finally:
            cluster._res.resident_vars = orig
        return lambda: s.run(step, feed)


def jax_step():
    import jax
    import jax.numpy as jnp
    ws, bs = peers.mlp_init(peers.W2_SIZES)
    xv, yv = peers.w2_data()
    n = len(ws)

    def loss_fn(ps, x, y):
        h = x
        for i in range(n):
            h = h @ ps[i] + ps[n + i]
            if i < n - 1:
                h = jax.nn.relu(h)
        logp = jax.nn.log_softmax(h)
        return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))

    @jax.jit
    def step(ps, x, y):
        gs = jax.grad(loss_fn)(ps, x, y)
        return [p - 0.01 * g for p, g in zip(ps, gs)]
    st = {"ps": [jnp.asarray(a) for a in ws + bs]}
    x, y = jnp.asarray(xv), jnp.asarray(yv.astype(np.int32))

    def run():
        st["ps"] = step(st["ps"], x, y)
        jax.block_until_ready(st["ps"])
    run()
    return run


def main(blocks=15):
    fns = {"jax": jax_step(), "flowgrad-xla, variables copied per call": flowgrad_step(False),
           "flowgrad-xla, variables resident": flowgrad_step(True)}
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(blocks):
        for k, f in fns.items():
            t = time.perf_counter()
            for _ in range(40):
                f()
            best[k] = min(best[k], (time.perf_counter() - t) / 40)
    for k, v in best.items():
        print(f"{k}: {v * 1e3:.3f} ms ({v / best['jax']:.2f}x JAX)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
