"""One workload on one framework, in this process: `python bench/peers.py PEER WORKLOAD [VARIANT]`.

Prints one JSON object (the measurements) on the last line of stdout. bench/run.py
starts one such process per (peer, workload, variant), so peers never share a
process (and W4's peak RSS is the whole process's, from a fresh start).

Peers: flowgrad, flowgrad-xla (its XLA backend, FLOWGRAD_XLA=1), tensorflow (compat.v1
graph mode), tensorflow-xla (with XLA auto-clustering), torch (eager autograd), jax
(jit(grad)). Workloads: W1..W5 as described in bench/run.py.
"""
from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import sys
import time

import numpy as np

QUICK = os.environ.get("BENCH_QUICK") == "1"


_BEFORE_TIMING = []   # hooks run before a timing loop (flowgrad-xla: wait for XLA's compile)


def timeit(fn, min_time=0.5, max_reps=200000, min_reps=5, warmup=1):
    """Median seconds per call of fn() over batches (small calls are batched)."""
    for _ in range(warmup):
        fn()
    if _BEFORE_TIMING:
        fn()      # a plan's second run starts its XLA build
        for hook in _BEFORE_TIMING:
            hook()
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    if QUICK:
        min_time = min_time / 5
    batch = max(1, int(0.01 / max(one, 1e-7)))
    samples = []
    start = time.perf_counter()
    while (time.perf_counter() - start < min_time or len(samples) < min_reps) and \
            len(samples) * batch < max_reps:
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - t0) / batch)
    return statistics.median(samples)


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def mlp_init(sizes, seed=0):
    rs = np.random.RandomState(seed)
    ws = [(rs.randn(a, b) * np.sqrt(2.0 / a)).astype(np.float32)
          for a, b in itertools.pairwise(sizes)]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    return ws, bs


W2_SIZES = [784, 512, 512, 10]
W2_BATCH = 128
W3_STEPS = 1000
W4_LAYERS, W4_WIDTH, W4_BATCH = 64, 512, 4096
W5_SIZES = [32, 64, 64, 1]
W5_BATCH = 64


def w2_data():
    rs = np.random.RandomState(1)
    x = rs.rand(W2_BATCH, 784).astype(np.float32)
    y = rs.randint(0, 10, W2_BATCH).astype(np.int64)
    return x, y


def w4_data():
    rs = np.random.RandomState(2)
    x = rs.randn(W4_BATCH, W4_WIDTH).astype(np.float32)
    ws = [(rs.randn(W4_WIDTH, W4_WIDTH) / np.sqrt(W4_WIDTH)).astype(np.float32)
          for _ in range(W4_LAYERS)]
    bs = [np.zeros(W4_WIDTH, np.float32) for _ in range(W4_LAYERS)]
    return x, ws, bs


def w5_data():
    rs = np.random.RandomState(3)
    ws, bs = mlp_init(W5_SIZES, seed=3)
    x = rs.randn(W5_BATCH, W5_SIZES[0]).astype(np.float32)
    y = rs.randn(W5_BATCH, 1).astype(np.float32)
    vs = [rs.randn(*w.shape).astype(np.float32) for w in ws] + \
         [rs.randn(*b.shape).astype(np.float32) for b in bs]
    return x, y, ws, bs, vs


# ------------------------------------------------------------------------------------------
# TF 1.x-style graph programs: identical for flowgrad and tensorflow.compat.v1
# ------------------------------------------------------------------------------------------
def graph_w1(tf):
    x = tf.Variable(tf.constant(3.0), name="x")
    y = x ** 2
    dy_dx = tf.gradients(y, x)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    f = sess.make_callable(dy_dx)
    assert abs(sess.run(dy_dx)[0] - 6.0) < 1e-6
    return {"run_s": timeit(lambda: sess.run(dy_dx)), "callable_s": timeit(f)}


def graph_w2(tf):
    t0 = time.perf_counter()
    ws, bs = mlp_init(W2_SIZES)
    xv, yv = w2_data()
    x = tf.placeholder(tf.float32, [W2_BATCH, 784])
    y = tf.placeholder(tf.int64, [W2_BATCH])
    h = x
    vs = []
    for i, (w, b) in enumerate(zip(ws, bs)):
        W, B = tf.Variable(w), tf.Variable(b)
        vs += [W, B]
        h = tf.matmul(h, W) + B
        if i < len(ws) - 1:
            h = tf.nn.relu(h)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=h))
    step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    feed = {x: xv, y: yv}
    sess.run(step, feed)
    first_s = time.perf_counter() - t0
    f = sess.make_callable(step, [x, y])
    return {"step_s": timeit(lambda: sess.run(step, feed)), "callable_s": timeit(lambda: f(xv, yv)),
            "loss": float(sess.run(loss, feed)), "first_s": first_s}


def graph_w3(tf, checkpoints=None):
    t0 = time.perf_counter()
    w = tf.Variable(np.linspace(0.1, 0.9, 16).astype(np.float32))
    h = tf.ones([16])
    for _ in range(W3_STEPS):
        h = tf.tanh(h * w + 0.1)
    g = tf.gradients(tf.reduce_sum(h), w)[0]
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    first = sess.run(g)
    first_s = time.perf_counter() - t0
    return {"first_s": first_s, "steady_s": timeit(lambda: sess.run(g)),
            "check": float(first.sum())}


def graph_w4(tf, checkpoints=None):
    t0 = time.perf_counter()
    xv, ws, bs = w4_data()
    x = tf.constant(xv)
    params = []
    h = x
    for w, b in zip(ws, bs):
        W, B = tf.Variable(w), tf.Variable(b)
        params += [W, B]
        h = tf.tanh(tf.matmul(h, W) + B)
    loss = tf.reduce_mean(tf.square(h))
    kw = {"checkpoints": checkpoints} if checkpoints else {}
    grads = tf.gradients(loss, params, **kw)
    step = tf.group(*[tf.assign_sub(p, 0.01 * g) for p, g in zip(params, grads)])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    base = peak_rss_bytes()
    sess.run(step)
    first_s = time.perf_counter() - t0
    t = timeit(lambda: sess.run(step), min_time=0, min_reps=3, warmup=0)
    return {"step_s": t, "peak_rss": peak_rss_bytes(), "rss_before_steps": base,
            "first_s": first_s}


def graph_w5(tf, hvp=None):
    t0 = time.perf_counter()
    xv, yv, ws, bs, vs = w5_data()
    x, y = tf.constant(xv), tf.constant(yv)
    params = [tf.Variable(w) for w in ws] + [tf.Variable(b) for b in bs]
    h = x
    n = len(ws)
    for i in range(n):
        h = tf.matmul(h, params[i]) + params[n + i]
        if i < n - 1:
            h = tf.tanh(h)
    loss = tf.reduce_mean(tf.square(h - y))
    vts = [tf.constant(v) for v in vs]
    if hvp is not None:
        out = hvp(loss, params, vts)
    else:
        grads = tf.gradients(loss, params)
        inner = tf.add_n([tf.reduce_sum(g * v) for g, v in zip(grads, vts)])
        out = tf.gradients(inner, params)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    res = sess.run(out)
    first_s = time.perf_counter() - t0
    return {"hvp_s": timeit(lambda: sess.run(out)), "check": float(sum(r.sum() for r in res)),
            "first_s": first_s}


# ------------------------------------------------------------------------------------------
# peers
# ------------------------------------------------------------------------------------------
def _flowgrad_xla(tf):
    """flowgrad with its XLA backend (FLOWGRAD_XLA=1): timing loops start once every plan
    built so far has switched to XLA; compile_s is the background compile's wall time."""
    from flowgrad.engine.runtime.xla import switch
    sessions = []
    init = tf.Session.__init__

    def tracking_init(self, *a, **k):
        init(self, *a, **k)
        sessions.append(self)
    tf.Session.__init__ = tracking_init
    info = {}

    def wait():
        t0 = time.perf_counter()
        for s in sessions:
            switch.wait(s, timeout=600)
        builds = [b for s in sessions for b in s._xla_builds]
        info["compile_s"] = max([b.seconds or 0.0 for b in builds] + [0.0])
        info["compile_wait_s"] = time.perf_counter() - t0
        info["xla_states"] = sorted({b.state for b in builds})
        info["xla_clusters"] = sum(len(b.stats) for b in builds)
    _BEFORE_TIMING.append(wait)
    return info


def run_flowgrad_xla(work, variant):
    """flowgrad with its XLA backend switched on by its own option (FLOWGRAD_XLA=1)."""
    if work in ("W6", "W7", "W8"):
        return {"skipped": "input pipelines are host work"}
    os.environ["FLOWGRAD_XLA"] = "1"
    import flowgrad as tf
    info = _flowgrad_xla(tf)
    res = run_flowgrad(work, variant)
    res.update(info)
    return res


def run_tensorflow_xla(work, variant):
    """TensorFlow graph mode with XLA auto-clustering on CPU (TF_XLA_FLAGS, the switch
    global_jit_level=ON_2 sets; TF does not auto-cluster CPU ops without it)."""
    if work in ("W6", "W7", "W8"):
        return {"skipped": "input pipelines are host work"}
    os.environ["TF_XLA_FLAGS"] = "--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit"
    return run_tensorflow(work, variant)


def run_flowgrad(work, variant):
    import flowgrad as tf
    if work in ("W6", "W7", "W8"):
        import pipeline
        if variant:
            return pipeline.w7(tf, QUICK, single=True)
        return getattr(pipeline, work.lower())(tf, QUICK)
    if work == "W1":
        return graph_w1(tf)
    if work == "W2":
        return graph_w2(tf)
    if work == "W3":
        return graph_w3(tf)
    if work == "W4":
        return graph_w4(tf, checkpoints=variant or None)
    if work == "W5":
        return graph_w5(tf, hvp=tf.hessian_vector_product)
    raise KeyError(work)


def run_tensorflow(work, variant):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf
    tf.disable_eager_execution()
    if work in ("W6", "W7", "W8"):
        import pipeline
        if variant:
            return pipeline.w7(tf, QUICK, single=True)
        return getattr(pipeline, work.lower())(tf, QUICK)
    if work == "W1":
        return graph_w1(tf)
    if work == "W2":
        return graph_w2(tf)
    if work == "W3":
        return graph_w3(tf)
    if work == "W4":
        if variant:
            return {"skipped": "no checkpointing in TF 1.x graph mode"}
        return graph_w4(tf)
    if work == "W5":
        return graph_w5(tf)
    raise KeyError(work)


def run_torch(work, variant):
    if work in ("W6", "W7", "W8"):
        return {"skipped": "a tf.data pipeline (flowgrad and TensorFlow only)"}
    import torch
    torch.manual_seed(0)
    if work == "W1":
        x = torch.tensor(3.0, requires_grad=True)

        def f():
            (g,) = torch.autograd.grad(x ** 2, x)
            return g.item()
        assert f() == 6.0
        return {"run_s": timeit(f)}
    if work == "W2":
        t0 = time.perf_counter()
        ws, bs = mlp_init(W2_SIZES)
        xv, yv = w2_data()
        ps = [torch.tensor(a, requires_grad=True) for a in ws + bs]
        x, y = torch.tensor(xv), torch.tensor(yv)
        n = len(ws)

        def loss_fn(x, y, *qs):
            h = x
            for i in range(n):
                h = h @ qs[i] + qs[n + i]
                if i < n - 1:
                    h = torch.relu(h)
            return torch.nn.functional.cross_entropy(h, y)
        fwd = torch.compile(loss_fn) if COMPILE else loss_fn

        def step():
            loss = fwd(x, y, *ps)
            gs = torch.autograd.grad(loss, ps)
            with torch.no_grad():
                for p, g in zip(ps, gs):
                    p.sub_(0.01 * g)
            return loss
        t1 = time.perf_counter()
        step()
        done = time.perf_counter()
        res = {"step_s": timeit(step, warmup=0), "first_s": done - t0}
        if COMPILE:
            res["compile_s"] = done - t1
        return res
    if work == "W3":
        t0 = time.perf_counter()
        w = torch.tensor(np.linspace(0.1, 0.9, 16).astype(np.float32), requires_grad=True)

        def grad():
            h = torch.ones(16)
            for _ in range(W3_STEPS):
                h = torch.tanh(h * w + 0.1)
            (g,) = torch.autograd.grad(h.sum(), w)
            return g
        first = grad()
        first_s = time.perf_counter() - t0
        return {"first_s": first_s, "steady_s": timeit(grad), "check": float(first.sum())}
    if work == "W4":
        t0 = time.perf_counter()
        xv, ws, bs = w4_data()
        x = torch.tensor(xv)
        Ws = [torch.tensor(w, requires_grad=True) for w in ws]
        Bs = [torch.tensor(b, requires_grad=True) for b in bs]

        class Layer(torch.nn.Module):
            def __init__(self, i):
                super().__init__()
                self.i = i

            def forward(self, h):
                return torch.tanh(h @ Ws[self.i] + Bs[self.i])
        layers = [Layer(i) for i in range(W4_LAYERS)]
        seq = torch.nn.Sequential(*layers)

        def forward():
            if variant:
                from torch.utils.checkpoint import checkpoint_sequential
                return checkpoint_sequential(seq, int(np.sqrt(W4_LAYERS)), x,
                                             use_reentrant=False)
            h = x
            for f in layers:
                h = f(h)
            return h

        def loss_fn(*qs):
            h = x
            for i in range(W4_LAYERS):
                h = torch.tanh(h @ qs[i] + qs[W4_LAYERS + i])
            return (h ** 2).mean()
        if COMPILE:
            loss_of = torch.compile(loss_fn)
        else:
            def loss_of(*qs):
                return (forward() ** 2).mean()

        def step():
            gs = torch.autograd.grad(loss_of(*Ws, *Bs), Ws + Bs)
            with torch.no_grad():
                for p, g in zip(Ws + Bs, gs):
                    p.sub_(0.01 * g)
        base = peak_rss_bytes()
        t1 = time.perf_counter()
        step()
        done = time.perf_counter()
        t = timeit(step, min_time=0, min_reps=3, warmup=0)
        res = {"step_s": t, "peak_rss": peak_rss_bytes(), "rss_before_steps": base,
               "first_s": done - t0}
        if COMPILE:
            res["compile_s"] = done - t1
        return res
    if work == "W5":
        t0 = time.perf_counter()
        xv, yv, ws, bs, vs = w5_data()
        x, y = torch.tensor(xv), torch.tensor(yv)
        ps = [torch.tensor(a, requires_grad=True) for a in ws + bs]
        vts = [torch.tensor(v) for v in vs]
        n = len(ws)

        def hvp():
            h = x
            for i in range(n):
                h = h @ ps[i] + ps[n + i]
                if i < n - 1:
                    h = torch.tanh(h)
            loss = ((h - y) ** 2).mean()
            gs = torch.autograd.grad(loss, ps, create_graph=True)
            inner = sum((g * v).sum() for g, v in zip(gs, vts))
            return torch.autograd.grad(inner, ps)
        res = hvp()
        first_s = time.perf_counter() - t0
        return {"hvp_s": timeit(hvp), "check": float(sum(r.sum() for r in res)),
                "first_s": first_s}
    raise KeyError(work)


def run_jax(work, variant):
    if work in ("W6", "W7", "W8"):
        return {"skipped": "a tf.data pipeline (flowgrad and TensorFlow only)"}
    import jax
    import jax.numpy as jnp
    if work == "W1":
        g = jax.jit(jax.grad(lambda x: x ** 2))
        x = jnp.float32(3.0)
        assert float(g(x)) == 6.0
        return {"run_s": timeit(lambda: g(x).block_until_ready())}
    if work == "W2":
        t0 = time.perf_counter()
        ws, bs = mlp_init(W2_SIZES)
        xv, yv = w2_data()
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
        ps = [jnp.asarray(a) for a in ws + bs]
        x, y = jnp.asarray(xv), jnp.asarray(yv.astype(np.int32))
        state = {"ps": ps}

        def run():
            state["ps"] = step(state["ps"], x, y)
            jax.block_until_ready(state["ps"])
        t1 = time.perf_counter()
        run()       # traces and compiles
        done = time.perf_counter()
        return {"step_s": timeit(run, warmup=0), "compile_s": done - t1, "first_s": done - t0}
    if work == "W3":
        t0 = time.perf_counter()

        def f(w):   # a fori_loop: unrolling 1,000 steps takes XLA minutes to compile
            h = jax.lax.fori_loop(0, W3_STEPS, lambda i, h: jnp.tanh(h * w + 0.1),
                                  jnp.ones(16, jnp.float32))
            return h.sum()
        g = jax.jit(jax.grad(f))
        w = jnp.asarray(np.linspace(0.1, 0.9, 16).astype(np.float32))
        first = g(w).block_until_ready()
        first_s = time.perf_counter() - t0
        return {"first_s": first_s, "steady_s": timeit(lambda: g(w).block_until_ready()),
                "check": float(first.sum())}
    if work == "W4":
        t0 = time.perf_counter()
        xv, ws, bs = w4_data()
        x = jnp.asarray(xv)

        def layer(h, wb):
            w, b = wb
            return jnp.tanh(h @ w + b)

        def loss_fn(ps):
            h = x
            lay = jax.checkpoint(layer) if variant else layer
            for i in range(W4_LAYERS):
                h = lay(h, (ps[i], ps[W4_LAYERS + i]))
            return jnp.mean(h ** 2)

        @jax.jit
        def step(ps):
            gs = jax.grad(loss_fn)(ps)
            return [p - 0.01 * g for p, g in zip(ps, gs)]
        state = {"ps": [jnp.asarray(a) for a in ws + bs]}

        def run():
            state["ps"] = step(state["ps"])
            jax.block_until_ready(state["ps"])
        base = peak_rss_bytes()
        t1 = time.perf_counter()
        run()       # traces and compiles
        done = time.perf_counter()
        t = timeit(run, min_time=0, min_reps=3, warmup=0)
        return {"step_s": t, "peak_rss": peak_rss_bytes(), "rss_before_steps": base,
                "compile_s": done - t1, "first_s": done - t0}
    if work == "W5":
        t0 = time.perf_counter()
        xv, yv, ws, bs, vs = w5_data()
        n = len(ws)
        x, y = jnp.asarray(xv), jnp.asarray(yv)

        def loss_fn(ps):
            h = x
            for i in range(n):
                h = h @ ps[i] + ps[n + i]
                if i < n - 1:
                    h = jnp.tanh(h)
            return jnp.mean((h - y) ** 2)

        @jax.jit
        def hvp(ps, vs):
            return jax.jvp(jax.grad(loss_fn), (ps,), (vs,))[1]
        ps = [jnp.asarray(a) for a in ws + bs]
        vts = [jnp.asarray(v) for v in vs]
        t1 = time.perf_counter()
        res = jax.block_until_ready(hvp(ps, vts))     # traces and compiles
        done = time.perf_counter()
        return {"hvp_s": timeit(lambda: jax.block_until_ready(hvp(ps, vts))),
                "check": float(sum(r.sum() for r in res)), "compile_s": done - t1,
                "first_s": done - t0}
    raise KeyError(work)


def run_torch_compile(work, variant):
    """PyTorch with the loss compiled by torch.compile (TorchInductor; backward through
    AOTAutograd): W2 and W4; compile_s is the first step's wall time."""
    global COMPILE
    if work not in ("W2", "W4") or variant:
        return {"skipped": "torch.compile: W2 and W4 only (no double backward for W5; "
                           "W1/W3 are dispatch-bound Python loops)"}
    COMPILE = True
    return run_torch(work, variant)


COMPILE = False     # run_torch with torch.compile (the torch-compile peer)
PEERS = {"flowgrad": run_flowgrad, "flowgrad-xla": run_flowgrad_xla,
         "tensorflow": run_tensorflow, "tensorflow-xla": run_tensorflow_xla, "torch": run_torch,
         "torch-compile": run_torch_compile, "jax": run_jax}


def versions(peer):
    try:
        if peer.startswith("flowgrad"):
            import flowgrad
            return getattr(flowgrad, "__version__", "0.1.0") + f" (numpy {np.__version__})"
        if peer.startswith("tensorflow"):
            import tensorflow
            return tensorflow.__version__
        if peer.startswith("torch"):
            import torch
            return torch.__version__
        if peer == "jax":
            import jax
            return jax.__version__
    except ImportError:
        return None
    return None


def main(argv):
    peer, work = argv[0], argv[1]
    variant = argv[2] if len(argv) > 2 else ""
    res = PEERS[peer](work, variant)
    res["version"] = versions(peer)
    print(json.dumps(res))


if __name__ == "__main__":
    main(sys.argv[1:])
