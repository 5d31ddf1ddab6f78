"""An Estimator DNNClassifier on feature columns, and a MonitoredTrainingSession loop with
checkpoint and summary hooks: flowgrad against TensorFlow, one process per run.

    python bench/estimator_train.py --tf114-python /tmp/tf114/bin/python \
        --tf2-python /work/benchvenv/bin/python [--steps 300]

Workloads (the same data and model for every system):
  dnn  tf.estimator.DNNClassifier(hidden_units=[64, 32]) on 16 numeric features (one
       numeric_column of shape 16) and a 4-word vocabulary column (indicator_column),
       3 classes, batch 128 from a repeated tf.data.Dataset; `train(steps)` is timed
       twice (the second call resumes from the first's checkpoint; both include the
       graph build and session start, as Estimator.train always does). Reports
       examples/s of the second call.
  mts  the same MLP written with tf.get_variable / matmul on the same batches: a plain
       Session loop, then a MonitoredTrainingSession (checkpoint every 100 steps,
       summaries every 10 steps, StepCounterHook, StopAtStepHook). Reports examples/s
       of both loops and the hooks' overhead per step (monitored - plain).
Systems: flowgrad (this interpreter), tf114 (TensorFlow 1.14), tf2 (TensorFlow 2.x under
tf.compat.v1; it has no tf.estimator since 2.16, so it runs `mts` only). Peak memory is
each process's peak RSS.
"""
import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time

BATCH = 128
N = 4096
WORDS = ["alpha", "beta", "gamma", "delta"]


def _tf(system):
    if system == "flowgrad":
        import flowgrad as tf
        return tf
    if system == "tf2":
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
    else:
        import tensorflow as tf
    tf.logging.set_verbosity(tf.logging.ERROR)
    return tf


def _data():
    import numpy as np
    rng = np.random.RandomState(0)
    x = rng.rand(N, 16).astype(np.float32)
    word = np.array([WORDS[i] for i in rng.randint(0, 4, N)], dtype=object)
    y = (x[:, 0] + x[:, 1] > 1).astype(np.int64) + (word == "alpha").astype(np.int64)
    return x, word, y


def _dnn(tf, steps):
    x, word, y = _data()

    def input_fn():
        ds = tf.data.Dataset.from_tensor_slices(({"x": x, "word": word}, y))
        return ds.repeat().batch(BATCH)
    columns = [tf.feature_column.numeric_column("x", shape=[16]),
               tf.feature_column.indicator_column(
                   tf.feature_column.categorical_column_with_vocabulary_list("word", WORDS))]
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.DNNClassifier(
            hidden_units=[64, 32], feature_columns=columns, n_classes=3, model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=1, save_checkpoints_steps=100,
                                          save_summary_steps=100, log_step_count_steps=None))
        t = time.perf_counter()
        est.train(input_fn, steps=steps)
        first = time.perf_counter() - t
        t = time.perf_counter()
        est.train(input_fn, steps=steps)
        second = time.perf_counter() - t
        acc = float(est.evaluate(input_fn, steps=8)["accuracy"])
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return {"first_train_s": first, "examples_per_s": steps * BATCH / second,
            "accuracy": acc}


def _mts(tf, steps):
    x, word, y = _data()
    onehot = (word[:, None] == __import__("numpy").array(WORDS)[None, :]).astype("float32")
    feats = __import__("numpy").concatenate([x, onehot], axis=1)

    def build():
        ds = tf.data.Dataset.from_tensor_slices((feats, y)).repeat().batch(BATCH)
        bx, by = ds.make_one_shot_iterator().get_next()
        h = bx
        for i, (n_in, n_out) in enumerate(((20, 64), (64, 32), (32, 3))):
            w = tf.get_variable("w%d" % i, [n_in, n_out],
                                initializer=tf.glorot_uniform_initializer())
            b = tf.get_variable("b%d" % i, [n_out], initializer=tf.zeros_initializer())
            h = tf.nn.bias_add(tf.matmul(h, w), b)
            if i < 2:
                h = tf.nn.relu(h)
        logits = h
        loss = tf.losses.sparse_softmax_cross_entropy(by, logits)
        tf.summary.scalar("loss", loss)
        tf.summary.histogram("logits", logits)
        step = tf.train.get_or_create_global_step()
        train = tf.train.AdagradOptimizer(0.05).minimize(loss, global_step=step)
        return train

    with tf.Graph().as_default():
        tf.set_random_seed(1)
        train = build()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            t = time.perf_counter()
            for _ in range(steps):
                sess.run(train)
            plain = time.perf_counter() - t
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            tf.set_random_seed(1)
            train = build()
            hooks = [tf.train.StopAtStepHook(last_step=steps + 1),
                     tf.train.StepCounterHook(every_n_steps=100, output_dir=d)]
            with tf.train.MonitoredTrainingSession(
                    checkpoint_dir=d, hooks=hooks, save_checkpoint_steps=100,
                    save_summaries_steps=10, log_step_count_steps=None) as sess:
                sess.run(train)
                t = time.perf_counter()
                while not sess.should_stop():
                    sess.run(train)
                monitored = time.perf_counter() - t
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return {"plain_examples_per_s": steps * BATCH / plain,
            "monitored_examples_per_s": steps * BATCH / monitored,
            "hook_overhead_us": (monitored - plain) / steps * 1e6}


def _child(system, workload, steps):
    tf = _tf(system)
    out = (_dnn if workload == "dnn" else _mts)(tf, steps)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--system", choices=["flowgrad", "tf114", "tf2"])
    ap.add_argument("--workload", choices=["dnn", "mts"])
    ap.add_argument("--tf114-python", default=None)
    ap.add_argument("--tf2-python", default=None)
    args = ap.parse_args()
    if args.system:
        _child(args.system, args.workload, args.steps)
        return
    pythons = {"flowgrad": sys.executable, "tf114": args.tf114_python, "tf2": args.tf2_python}
    results = {}
    for workload in ("dnn", "mts"):
        for system, python in pythons.items():
            if python is None or (system == "tf2" and workload == "dnn"):
                continue
            out = subprocess.run([python, __file__, "--system", system, "--workload", workload,
                                  "--steps", str(args.steps)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print("%s/%s failed: %s" % (system, workload, out.stderr.strip()[-400:]))
                continue
            results[(workload, system)] = json.loads(out.stdout.strip().splitlines()[-1])
    print("steps per timed loop: %d, batch %d" % (args.steps, BATCH))
    for (workload, system), r in results.items():
        if workload == "dnn":
            print("dnn  %-8s %9.0f examples/s (2nd train call)  first call %6.2f s  "
                  "accuracy %.3f  peak %5.0f MB" % (system, r["examples_per_s"],
                                                    r["first_train_s"], r["accuracy"],
                                                    r["peak_mb"]))
        else:
            print("mts  %-8s plain %9.0f ex/s  monitored %9.0f ex/s  hooks %8.1f us/step  "
                  "peak %5.0f MB" % (system, r["plain_examples_per_s"],
                                     r["monitored_examples_per_s"], r["hook_overhead_us"],
                                     r["peak_mb"]))
    for workload, key in (("dnn", "examples_per_s"), ("mts", "monitored_examples_per_s")):
        for peer in ("tf114", "tf2"):
            if (workload, "flowgrad") in results and (workload, peer) in results:
                print("%s flowgrad/%s: %.2fx" % (workload, peer,
                                                 results[(workload, "flowgrad")][key]
                                                 / results[(workload, peer)][key]))


if __name__ == "__main__":
    main()
