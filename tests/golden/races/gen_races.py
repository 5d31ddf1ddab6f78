"""Runs that write a variable and read it with no ordering between the two: the value
TF 1.14's executor gives (the op whose inputs are ready first runs first). Each case is
run 5 times in fresh sessions and kept only if TF gave the same value every time."""
import numpy as np


def _metric_accuracy(tf):
    labels = tf.constant([0, 1, 2, 1, 0, 2], tf.int64)
    x = tf.constant(np.linspace(-1, 1, 24).reshape(6, 4).astype(np.float32))
    w = tf.get_variable("w", initializer=np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
    h = x
    for _ in range(6):   # a deep chain before the update, as a model's forward pass
        h = tf.tanh(h) * 1.5
    logits = tf.matmul(h, w)
    acc, acc_op = tf.metrics.accuracy(labels, tf.argmax(logits, 1))
    mean, mean_op = tf.metrics.mean(tf.reduce_sum(logits, 1))
    return [acc_op, acc, mean_op, mean]


def _shallow_write_deep_read(tf):
    v = tf.get_variable("v", initializer=1.0)
    up = tf.assign_add(v, 10.0)          # inputs ready at once
    r = tf.constant(2.0)
    for _ in range(8):
        r = tf.sqrt(r + 1.0)
    deep = r * v                         # waits for the chain, reads v after the write
    return [deep, up]


def _deep_write_shallow_read(tf):
    v = tf.get_variable("v2", initializer=[1.0, 2.0])
    g = tf.constant([0.5, 0.25])
    for _ in range(8):
        g = tf.sin(g) + 0.1
    up = tf.assign_sub(v, g)
    read = v * 3.0                       # ready at once: the value before the update
    return [read, up]


CASES = {"metric_accuracy": _metric_accuracy,
         "shallow_write_deep_read": _shallow_write_deep_read,
         "deep_write_shallow_read": _deep_write_shallow_read}


def run_case(tf, build):
    with tf.Graph().as_default():
        fetches = build(tf)
        with tf.Session() as s:
            s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            return [np.asarray(a) for a in s.run(fetches)]


def cases(tf):
    out = {}
    for name, build in CASES.items():
        runs = [run_case(tf, build) for _ in range(5)]
        if all(all(np.array_equal(a, b) for a, b in zip(runs[0], r)) for r in runs[1:]):
            out[name] = runs[0]
    return out
