"""What MonitoredTrainingSession's hooks cost per step: flowgrad against TensorFlow (compat.v1).

    python bench/monitored_hooks.py --steps 2000 --tf-python /tmp/tf114/bin/python

Each system runs in its own process (the same script, `--system tf|flowgrad`): a small
softmax regression (batch 32, 64 features, 10 classes) fed from NumPy, trained --steps
steps with a plain Session loop, then with MonitoredTrainingSession (checkpoint_dir set:
StepCounterHook and SummarySaverHook every 100 steps, CheckpointSaverHook every 600 s,
plus StopAtStepHook and a LoggingTensorHook every 100 steps). Prints steps/sec of both
loops, the per-step overhead of the hooks in microseconds, and peak RSS.
"""
import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def _run(system, steps):
    if system == "tf":
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
        tf.logging.set_verbosity(tf.logging.ERROR)
    else:
        import flowgrad as tf
    import numpy as np
    rng = np.random.RandomState(0)
    xs = rng.rand(32, 64).astype(np.float32)
    ys = rng.randint(0, 10, 32)

    def build():
        x = tf.placeholder(tf.float32, [None, 64])
        y = tf.placeholder(tf.int64, [None])
        w = tf.get_variable("w", initializer=tf.zeros([64, 10]))
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=tf.matmul(x, w)))
        tf.summary.scalar("loss", loss)
        step = tf.train.get_or_create_global_step()
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
        return x, y, loss, train

    with tf.Graph().as_default():
        x, y, loss, train = build()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            t = time.perf_counter()
            for _ in range(steps):
                sess.run(train, {x: xs, y: ys})
            plain = time.perf_counter() - t
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            x, y, loss, train = build()
            hooks = [tf.train.StopAtStepHook(last_step=steps),
                     tf.train.LoggingTensorHook([loss], every_n_iter=100)]
            with tf.train.MonitoredTrainingSession(checkpoint_dir=d, hooks=hooks) as sess:
                t = time.perf_counter()
                while not sess.should_stop():
                    sess.run(train, {x: xs, y: ys})
                monitored = time.perf_counter() - t
    finally:
        shutil.rmtree(d)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"plain_steps_per_s": steps / plain, "monitored_steps_per_s": steps / monitored,
            "hook_overhead_us": (monitored - plain) / steps * 1e6, "peak_mb": peak_mb}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--system", choices=["tf", "flowgrad"])
    ap.add_argument("--tf-python", default=None)
    args = ap.parse_args()
    if args.system:
        print(json.dumps(_run(args.system, args.steps)))
        return
    results = {}
    for system, python in (("flowgrad", sys.executable), ("tf", args.tf_python)):
        if python is None:
            continue
        out = subprocess.run([python, __file__, "--system", system, "--steps", str(args.steps)],
                             capture_output=True, text=True, check=True)
        results[system] = json.loads(out.stdout.strip().splitlines()[-1])
    for system, r in results.items():
        print("%-8s plain %8.0f steps/s  monitored %8.0f steps/s  hooks %7.1f us/step  "
              "peak %6.0f MB" % (system, r["plain_steps_per_s"], r["monitored_steps_per_s"],
                                 r["hook_overhead_us"], r["peak_mb"]))
    if len(results) == 2:
        print("flowgrad/tf monitored steps/s: %.2fx" % (results["flowgrad"]["monitored_steps_per_s"]
                                                        / results["tf"]["monitored_steps_per_s"]))


if __name__ == "__main__":
    main()
