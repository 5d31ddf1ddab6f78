"""LSTM language-model training step: flowgrad against TF compat.v1 and PyTorch.

    PYTHONPATH=src python bench/lstm.py [--tf-python /work/benchvenv/bin/python]
        [--torch-python PY] [--torch-threads 1] [--sizes 32,64,256 1,200,32]
        [--vocab 10000] [--rounds 2] [--reps 7] [--cell lstm|gru|lstm2|gru2] [--busy 0,1,2]

One step = embedding lookup of [batch, steps] token ids, an LSTM over them, sampled
softmax (64 log-uniform candidates of `--vocab` classes) on every output, forward +
backward + Adam. flowgrad and TF run the same graph program (tf.nn.dynamic_rnn over a
cell with BasicLSTMCell's math on get_variable, since TF 2.x's compat.v1 has no
BasicLSTMCell without Keras 2; tf.nn.sampled_softmax_loss; tf.train.AdamOptimizer).
PyTorch runs nn.LSTM, and a Python loop of nn.LSTMCell, with the same sampled softmax
written out (true and sampled logits less log Q, cross entropy) and torch.optim.Adam.
Each framework runs in its own process (this file with `--worker`), alternating over
`--rounds`; the table gives the best round's median step time (wall clock), the median
CPU time of a step (all of the process's threads: on a loaded machine the fairer figure)
and the process's peak resident memory over what it held after its imports (ru_maxrss at
the end less the RSS before the model is built: variables, Adam slots and the steps'
high-water mark). PyTorch runs `--torch-threads` intra-op threads (default 1: with more,
its OpenMP workers spin-wait and slow it 10x on a loaded machine; TF and flowgrad use
their defaults). A peer whose Python is missing or lacks its package is left out.
`--busy 0,1,2` runs the whole table beside 0, then 1, then 2 busy neighbour processes
(bench/run.py's: single-threaded Python loops), one table each.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

SAMPLED = 64


def _rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _data(B, T, V):
    rng = np.random.RandomState(0)
    ids = rng.randint(0, V, size=(B, T)).astype(np.int32)
    labels = rng.randint(0, V, size=(B * T, 1)).astype(np.int64)
    return ids, labels


def _time(step, reps, rss0):
    step()
    step()
    ts, cpu = [], []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        step()
        ts.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {"median_ms": 1000 * statistics.median(ts), "cpu_ms": 1000 * statistics.median(cpu),
            "peak_mb": _peak_mb() - rss0}   # the high-water mark over the imports' RSS


def graph_worker(which, B, T, H, V, reps, cell="lstm"):
    if which == "tf":
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
    else:
        import flowgrad as tf

    class Cell(object):
        state_size = (H, H)
        output_size = H

        def zero_state(self, b, dtype):
            return (tf.zeros([b, H], dtype), tf.zeros([b, H], dtype))

        def __call__(self, x, state, scope=None):
            c, h = state
            init = tf.random_uniform_initializer(-0.05, 0.05, seed=1)
            w = tf.get_variable("kernel", [x.shape[1] + H, 4 * H], initializer=init)
            b = tf.get_variable("bias", [4 * H], initializer=tf.zeros_initializer())
            z = tf.nn.bias_add(tf.matmul(tf.concat([x, h], 1), w), b)
            i, j, f, o = tf.split(z, 4, axis=1)
            c = c * tf.sigmoid(f + 1.0) + tf.sigmoid(i) * tf.tanh(j)
            h = tf.tanh(c) * tf.sigmoid(o)
            return h, (c, h)

    class GRU(object):   # GRUCell's math on get_variable
        state_size = H
        output_size = H

        def zero_state(self, b, dtype):
            return tf.zeros([b, H], dtype)

        def __call__(self, x, h, scope=None):
            init = tf.random_uniform_initializer(-0.05, 0.05, seed=1)
            d = x.shape[1] + H
            wg = tf.get_variable("gates/kernel", [d, 2 * H], initializer=init)
            bg = tf.get_variable("gates/bias", [2 * H], initializer=tf.ones_initializer())
            wc = tf.get_variable("candidate/kernel", [d, H], initializer=init)
            bc = tf.get_variable("candidate/bias", [H], initializer=tf.zeros_initializer())
            v = tf.sigmoid(tf.nn.bias_add(tf.matmul(tf.concat([x, h], 1), wg), bg))
            r, u = tf.split(v, 2, axis=1)
            c = tf.tanh(tf.nn.bias_add(tf.matmul(tf.concat([x, r * h], 1), wc), bc))
            new_h = u * h + (1 - u) * c
            return new_h, new_h

    class Stack(object):   # two LSTM layers (MultiRNNCell's structure)
        layer = Cell
        state_size = ((H, H), (H, H))
        output_size = H

        def zero_state(self, b, dtype):
            return tuple(self.layer().zero_state(b, dtype) for _ in range(2))

        def __call__(self, x, state, scope=None):
            new = []
            for i, st in enumerate(state):
                with tf.variable_scope("cell_%d" % i):
                    x, s = self.layer()(x, st)
                new.append(s)
            return x, tuple(new)

    class GRUStack(Stack):   # two GRU layers
        layer = GRU
        state_size = (H, H)

    rss0 = _rss_mb()
    ids, labels = _data(B, T, V)
    init = tf.random_uniform_initializer(-0.05, 0.05, seed=2)
    emb = tf.get_variable("embedding", [V, H], initializer=init)
    x = tf.nn.embedding_lookup(emb, tf.constant(ids))
    with tf.variable_scope("rnn", reuse=tf.AUTO_REUSE):
        rnn_cell = {"lstm": Cell, "gru": GRU, "lstm2": Stack, "gru2": GRUStack}[cell]()
        out, _ = tf.nn.dynamic_rnn(rnn_cell, x, dtype=tf.float32)
    sm_w = tf.get_variable("softmax_w", [V, H], initializer=init)
    sm_b = tf.get_variable("softmax_b", [V], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.nn.sampled_softmax_loss(
        sm_w, sm_b, tf.constant(labels), tf.reshape(out, [-1, H]), SAMPLED, V))
    train = tf.train.AdamOptimizer(1e-3).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return _time(lambda: s.run(train), reps, rss0)


def torch_worker(which, B, T, H, V, reps, threads=1):
    import torch
    torch.set_num_threads(threads)
    rss0 = _rss_mb()
    torch.manual_seed(0)
    ids, labels = _data(B, T, V)
    ids = torch.from_numpy(ids.astype(np.int64))
    labels = torch.from_numpy(labels[:, 0])
    emb = torch.nn.Embedding(V, H)
    if which == "torch-lstm":
        rnn = torch.nn.LSTM(H, H, batch_first=True)
        run = lambda x: rnn(x)[0]   # noqa: E731
    else:
        rnn = torch.nn.LSTMCell(H, H)

        def run(x):
            h = x.new_zeros(B, H)
            c = x.new_zeros(B, H)
            outs = []
            for t in range(T):
                h, c = rnn(x[:, t], (h, c))
                outs.append(h)
            return torch.stack(outs, 1)
    sm_w = torch.nn.Parameter(torch.empty(V, H).uniform_(-0.05, 0.05))
    sm_b = torch.nn.Parameter(torch.zeros(V))
    params = list(emb.parameters()) + list(rnn.parameters()) + [sm_w, sm_b]
    opt = torch.optim.Adam(params, 1e-3)
    log_v1 = np.log(V + 1.0)
    rng = np.random.RandomState(1)

    def log_q(c):   # log-uniform sampler's expected counts, as TF's
        c = c.double()
        p = (torch.log(c + 2.0) - torch.log(c + 1.0)) / log_v1
        return torch.log(-torch.expm1(SAMPLED * torch.log1p(-p))).float()

    def step():
        x = run(emb(ids)).reshape(-1, H)
        cand = torch.from_numpy(np.unique(
            (np.exp(rng.rand(4 * SAMPLED) * log_v1).astype(np.int64) - 1) % V)[:SAMPLED])
        true_logit = (x * sm_w[labels]).sum(1) + sm_b[labels] - log_q(labels)
        samp_logit = x @ sm_w[cand].t() + sm_b[cand] - log_q(cand)
        logits = torch.cat([true_logit[:, None], samp_logit], 1)
        loss = torch.nn.functional.cross_entropy(logits, torch.zeros_like(labels))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return _time(step, reps, rss0)


PEERS = (("flowgrad", "fg"), ("TF compat.v1", "tf"), ("torch nn.LSTM", "torch-lstm"),
         ("torch LSTMCell loop", "torch-cell"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tf-python", default="/work/benchvenv/bin/python")
    ap.add_argument("--torch-python", default="/work/benchvenv/bin/python")
    ap.add_argument("--sizes", nargs="*", default=["32,64,256", "1,200,32"])
    ap.add_argument("--vocab", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--torch-threads", type=int, default=1)
    ap.add_argument("--cell", choices=["lstm", "gru", "lstm2", "gru2"], default="lstm",
                    help="gru: GRUCell's math; lstm2 / gru2: two LSTM / GRU layers "
                         "(MultiRNNCell); all against TF only")
    ap.add_argument("--busy", default="0", metavar="N[,N...]",
                    help="run the table beside N busy neighbour processes (one table per N)")
    ap.add_argument("--worker", nargs=5)
    a = ap.parse_args()
    if a.worker:
        which, B, T, H, V = a.worker
        args = (which, int(B), int(T), int(H), int(V), a.reps)
        print(json.dumps(torch_worker(*args, a.torch_threads) if which.startswith("torch")
                         else graph_worker(*args, cell=a.cell)))
        return
    here = os.path.abspath(__file__)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    pys = {"fg": sys.executable, "tf": a.tf_python, "torch-lstm": a.torch_python,
           "torch-cell": a.torch_python}
    mods = {"fg": "flowgrad", "tf": "tensorflow", "torch-lstm": "torch", "torch-cell": "torch"}

    def runnable(w):
        return os.path.exists(pys[w]) and subprocess.run(
            [pys[w], "-c", f"import {mods[w]}"], capture_output=True, env=env).returncode == 0
    peers = [(label, w) for label, w in PEERS if runnable(w) and
             (a.cell == "lstm" or not w.startswith("torch"))]
    left = [label for label, w in PEERS if (label, w) not in peers]
    if left:
        print("left out (no Python with the package): " + ", ".join(left))
    import run  # bench/run.py: the busy neighbours
    for n_busy in [int(n) for n in a.busy.split(",")]:
        if n_busy or a.busy != "0":
            print(f"### beside {n_busy} busy neighbour process(es)")
        neighbours = run.start_neighbours(n_busy)
        try:
            table(a, peers, pys, here, env)
        finally:
            run.stop_neighbours(neighbours)


def table(a, peers, pys, here, env):
    print("batch steps hidden | " + " | ".join(f"{label} ms (CPU ms, peak MB)"
                                               for label, _ in peers) + " | flowgrad / TF")
    for size in a.sizes:
        B, T, H = size.split(",")
        res = {w: [] for _, w in peers}
        for _ in range(a.rounds):
            for _, w in peers:
                p = subprocess.run([pys[w], here, "--reps", str(a.reps), "--torch-threads",
                                    str(a.torch_threads), "--cell", a.cell, "--worker", w, B,
                                    T, H, str(a.vocab)],
                                   capture_output=True, text=True, env=env)
                lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
                if p.returncode or not lines:
                    sys.exit(f"{w} failed:\n{p.stderr[-2000:]}")
                res[w].append(json.loads(lines[-1]))
        best = {w: min(r, key=lambda d: d["median_ms"]) for w, r in res.items()}
        cells = [f"{best[w]['median_ms']:.1f} ({best[w]['cpu_ms']:.0f}, "
                 f"{max(r['peak_mb'] for r in res[w]):.0f})" for _, w in peers]
        ratio = best["fg"]["median_ms"] / best["tf"]["median_ms"] if "tf" in best else float("nan")
        print(f"{B:>5} {T:>5} {H:>6} | " + " | ".join(cells) + f" | {ratio:.2f}")


if __name__ == "__main__":
    main()
