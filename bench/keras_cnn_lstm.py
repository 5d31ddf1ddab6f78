"""Keras fit of a small CNN and of an LSTM text classifier: flowgrad's tf.keras against TF
1.14's graph-mode tf.keras (the oracle), TF 2.x in compat.v1 graph mode (the same models
from tf.compat.v1 ops, a Session and tf.compat.v1.train.AdamOptimizer: TF 2's Keras 3 has
no graph mode and the peers venv has no tf-keras) and TF 2.x's own Keras 3, each in its
own process, one run.

    python bench/keras_cnn_lstm.py [--model cnn|lstm|both] [--tf114-python PY]
                                   [--tf2-python /work/benchvenv/bin/python]

CNN: 10k examples 28x28x1 (uniform, seed 0), 10 classes; Conv2D(16, 3, relu) ->
MaxPooling2D -> Conv2D(32, 3, relu) -> MaxPooling2D -> Flatten -> Dense(64, relu) ->
Dense(10, softmax); adam, sparse_categorical_crossentropy, batch 64, one epoch.
LSTM: 4k sequences of 80 word ids (vocabulary 5000), binary labels; Embedding(5000, 32) ->
LSTM(32) -> Dense(1, sigmoid); adam, binary_crossentropy, batch 64, one epoch.
Reported: examples/s of the timed epoch (after a first train_on_batch), the same per CPU
second of the process (all its threads: on a loaded machine the wall figure mostly says
how much of the cores a peer got), seconds from building the model to the end of that
first train_on_batch (time to first batch), peak RSS (MiB) of the process.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

SPECS = {"cnn": {"n": 10000, "batch": 64}, "lstm": {"n": 4000, "batch": 64}}
VOCAB, SEQ = 5000, 80


def data(model, n):
    rs = np.random.RandomState(0)
    if model == "cnn":
        return rs.rand(n, 28, 28, 1).astype("float32"), rs.randint(0, 10, n).astype("int32")
    return (rs.randint(1, VOCAB, (n, SEQ)).astype("int32"),
            rs.randint(0, 2, n).astype("float32"))


def keras_model(keras, model):
    L = keras.layers
    if model == "cnn":
        m = keras.Sequential([L.Conv2D(16, 3, activation="relu", input_shape=(28, 28, 1)),
                              L.MaxPooling2D(), L.Conv2D(32, 3, activation="relu"),
                              L.MaxPooling2D(), L.Flatten(), L.Dense(64, activation="relu"),
                              L.Dense(10, activation="softmax")])
        m.compile("adam", "sparse_categorical_crossentropy", metrics=["acc"])
    else:
        m = keras.Sequential([L.Embedding(VOCAB, 32, input_length=SEQ), L.LSTM(32),
                              L.Dense(1, activation="sigmoid")])
        m.compile("adam", "binary_crossentropy", metrics=["acc"])
    return m


def run_keras(keras, model, x, y, batch):
    t0 = time.perf_counter()
    m = keras_model(keras, model)
    m.train_on_batch(x[:batch], y[:batch])
    first = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    m.fit(x, y, batch_size=batch, epochs=1, verbose=0)
    return first, time.perf_counter() - t1, time.process_time() - c1


def _v1_graph(v1, tf, model, batch):
    """The same model from tf.compat.v1 ops; returns (x, y, loss, train_op)."""
    init = v1.glorot_uniform_initializer(seed=0)

    def dense(h, units, act=None):
        w = v1.get_variable("w%d" % dense.i, [h.shape[-1], units], initializer=init)
        b = v1.get_variable("b%d" % dense.i, [units], initializer=v1.zeros_initializer())
        dense.i += 1
        out = tf.matmul(h, w) + b
        return act(out) if act else out
    dense.i = 0
    if model == "cnn":
        x = v1.placeholder(tf.float32, [None, 28, 28, 1])
        y = v1.placeholder(tf.int32, [None])
        h = x
        for i, (cin, cout) in enumerate([(1, 16), (16, 32)]):
            k = v1.get_variable("k%d" % i, [3, 3, cin, cout], initializer=init)
            b = v1.get_variable("kb%d" % i, [cout], initializer=v1.zeros_initializer())
            h = tf.nn.relu(tf.nn.conv2d(h, k, [1, 1, 1, 1], "VALID") + b)
            h = tf.nn.max_pool2d(h, 2, 2, "VALID")
        h = tf.reshape(h, [-1, 5 * 5 * 32])
        logits = dense(dense(h, 64, tf.nn.relu), 10)
        loss = v1.losses.sparse_softmax_cross_entropy(y, logits)
    else:
        x = v1.placeholder(tf.int32, [None, SEQ])
        y = v1.placeholder(tf.float32, [None])
        emb = v1.get_variable("emb", [VOCAB, 32],
                              initializer=v1.random_uniform_initializer(-0.05, 0.05))
        seq = tf.transpose(tf.nn.embedding_lookup(emb, x), [1, 0, 2])
        kernel = v1.get_variable("lstm_k", [64, 128], initializer=init)
        bias = v1.get_variable("lstm_b", [128], initializer=v1.zeros_initializer())

        def step(state, xt):
            h, c = state
            z = tf.matmul(tf.concat([xt, h], 1), kernel) + bias
            i, f, g, o = tf.split(z, 4, axis=1)
            c = tf.sigmoid(f + 1.0) * c + tf.sigmoid(i) * tf.tanh(g)
            return tf.sigmoid(o) * tf.tanh(c), c
        zeros = tf.zeros([tf.shape(x)[0], 32])
        hs, _ = v1.scan(step, seq, initializer=(zeros, zeros))
        logits = tf.squeeze(dense(hs[-1], 1), 1)
        loss = v1.losses.sigmoid_cross_entropy(y, logits)
    train = v1.train.AdamOptimizer(0.001).minimize(loss)
    return x, y, loss, train


def run_tf2_v1(model, xs, ys, batch):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    v1 = tf.compat.v1
    v1.disable_v2_behavior()
    t0 = time.perf_counter()
    x, y, loss, train = _v1_graph(v1, tf, model, batch)
    sess = v1.Session()
    sess.run(v1.global_variables_initializer())
    sess.run([loss, train], {x: xs[:batch], y: ys[:batch]})
    first = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    idx = np.random.RandomState(1).permutation(len(xs))
    for s in range(0, len(xs), batch):
        ids = idx[s:s + batch]
        sess.run([loss, train], {x: xs[ids], y: ys[ids]})
    return first, time.perf_counter() - t1, time.process_time() - c1


def worker(which, model):
    n, batch = SPECS[model]["n"], SPECS[model]["batch"]
    t_start = time.perf_counter()
    x, y = data(model, n)
    if which == "tf2_compat_v1":
        first, epoch, cpu = run_tf2_v1(model, x, y, batch)
    else:
        if which == "flowgrad":
            import flowgrad as tf
            keras = tf.keras
        elif which == "tf114":
            import tensorflow as tf
            keras = tf.keras
        else:
            import keras
        first, epoch, cpu = run_keras(keras, model, x, y, batch)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.
    print(json.dumps({"examples_per_s": n / epoch, "examples_per_cpu_s": n / cpu,
                      "first_batch_s": first,
                      "wall_s": time.perf_counter() - t_start, "peak_rss_mib": rss}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="both", choices=["cnn", "lstm", "both"])
    ap.add_argument("--tf114-python", default="/tmp/tf114/bin/python")
    ap.add_argument("--tf2-python", default="/work/benchvenv/bin/python")
    ap.add_argument("--worker")
    a = ap.parse_args()
    if a.worker:
        worker(a.worker, a.model)
        return
    here = os.path.abspath(__file__)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND="tensorflow")
    for model in (["cnn", "lstm"] if a.model == "both" else [a.model]):
        rows = {}
        load = os.getloadavg()
        for which, py in (("flowgrad", sys.executable), ("tf114", a.tf114_python),
                          ("tf2_compat_v1", a.tf2_python), ("keras3", a.tf2_python)):
            if not os.path.exists(py):
                print(f"{which}: {py} missing, skipped")
                continue
            p = subprocess.run([py, here, "--worker", which, "--model", model],
                               capture_output=True, text=True, env=env)
            lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
            if p.returncode or not lines:
                print(f"{which} failed:\n{p.stderr[-1500:]}")
                continue
            rows[which] = json.loads(lines[-1])
        print(f"\n{model}: {SPECS[model]['n']} examples, batch {SPECS[model]['batch']}, "
              "one epoch")
        print(f"load average before: {load[0]:.1f}")
        print("peer          | examples/s | per CPU s | first batch s | peak RSS MiB | "
              "flowgrad/peer speed (wall, CPU)")
        fg = rows.get("flowgrad", {})
        for which, r in rows.items():
            ratio = fg["examples_per_s"] / r["examples_per_s"] if fg else float("nan")
            cratio = fg["examples_per_cpu_s"] / r["examples_per_cpu_s"] if fg else float("nan")
            print(f"{which:13} | {r['examples_per_s']:10.0f} | {r['examples_per_cpu_s']:9.0f} | "
                  f"{r['first_batch_s']:13.2f} | {r['peak_rss_mib']:12.0f} | {ratio:6.2f}, "
                  f"{cratio:5.2f}")


if __name__ == "__main__":
    main()
