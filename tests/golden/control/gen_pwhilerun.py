"""Seeded while loops run several times in one Session, each run fetching the loop's
results, its gradients, both, or subsets (tests/test_pwhilerun.py runs the same case
functions with flowgrad). TF 1.14 runs a loop's forward frame in every run that needs
it, pruned to what that run fetches: a run fetching only a gradient runs the body ops
its stacks need (a random op draws its next numbers), one fetching some results runs the
variables those need; a random op nothing fetched needs draws nothing. Each case gives,
per run, the fetched values; `vendor` is the host's (the test sets FLOWGRAD_CPU)."""
import numpy as np
from goldenio import host_vendor


def _runs(tf, build, steps):
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        fetch, ops = build(tf)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for step in steps:
                if step in ops:
                    s.run(ops[step])
                    continue
                out.append([np.asarray(v) for v in s.run([fetch[k] for k in step.split()])])
        return out


def _gamma(tf):
    alpha, sig = tf.Variable(2.0), tf.Variable(1.5)

    def body(i, acc, acc2):
        g = tf.random_gamma([3], alpha, seed=7)
        u = tf.random_uniform([3], seed=3)
        return i + 1, acc + tf.reduce_sum(g * sig), acc2 + tf.reduce_sum(u)
    _, L, L2 = tf.while_loop(lambda i, a, b: i < 3, body, [0, 0.0, 0.0],
                             parallel_iterations=1)
    da, ds = tf.gradients(L, [alpha, sig])
    return {"L": L, "L2": L2, "da": da, "ds": ds, "da2": tf.gradients(L, alpha)[0]}, {}


def gamma(tf):
    """The brief's repro: a gradient fetched alone draws the next gamma samples."""
    return _runs(tf, _gamma, ["L", "da", "L", "ds", "L", "L2", "da2", "L da", "L2", "L",
                              "da da2", "L"])


def _streams(tf):
    w, w2 = tf.Variable([0.5, 1.0, 1.5]), tf.Variable([2.0, 0.5, 1.0])

    def body(i, a, b, c):
        u = tf.random_uniform([3], seed=1)
        nrm = tf.random_normal([3], seed=2)
        mn = tf.cast(tf.multinomial(tf.log([[0.2, 0.3, 0.5]]), 2, seed=3), tf.float32)
        return (i + 1, a + tf.reduce_sum(w * u), b + tf.reduce_sum(w2 * nrm),
                c + tf.reduce_sum(mn) * tf.reduce_sum(w))
    _, A, B, C = tf.while_loop(lambda i, a, b, c: i < 2, body, [0, 0.0, 0.0, 0.0],
                               parallel_iterations=1)
    gA, gC = (tf.gradients(t, w)[0] for t in (A, C))
    gB = tf.gradients(B, w2)[0]
    gAB, gAB2 = tf.gradients(A + B, [w, w2])
    return {"A": A, "B": B, "C": C, "gA": gA, "gB": gB, "gC": gC, "gAB": gAB,
            "gAB2": gAB2}, {}


def streams(tf):
    """random_uniform, random_normal and multinomial, each feeding one variable; two
    gradients of the loop in one run (its frame runs once, for both)."""
    return _runs(tf, _streams, ["A", "gA", "A", "B", "gB", "gA B", "A B C", "gC", "C",
                                "gA gB", "A B C", "gA gAB2", "A B", "gAB gB", "A B C"])


def _variable_queue(tf):
    v, w = tf.Variable(2.0), tf.Variable(3.0)
    q = tf.FIFOQueue(100, tf.float32, shapes=[[]])

    def body(i, a, b):
        return i + 1, a + v * w + a * 0.5, b + q.dequeue() * w * w
    _, A, B = tf.while_loop(lambda i, a, b: i < 3, body, [0, 1.0, 0.0],
                            parallel_iterations=1)
    fetch = {"A": A, "B": B, "gA": tf.gradients(A, w)[0], "gB": tf.gradients(B, w)[0],
             "size": q.size()}
    return fetch, {"enqueue": q.enqueue_many([[float(k) for k in range(1, 40)]]),
                   "assign": tf.assign(v, v + 1.0)}


def variable_queue(tf):
    """A variable assigned between runs, a queue dequeued in the body."""
    return _runs(tf, _variable_queue, ["enqueue", "A gA", "assign", "gA", "gB", "size",
                                       "A B gB", "size", "gB", "A", "size"])


def _assign_add(tf):
    v, w = tf.Variable(1.0), tf.Variable(3.0)
    rv = tf.Variable(1.0, use_resource=True)

    def body(i, a, b):
        r = tf.assign_add(v, 1.0)
        return i + 1, a + r * w, b + rv.assign_add(2.0) * w * w
    _, A, B = tf.while_loop(lambda i, a, b: i < 3, body, [0, 0.0, 0.0],
                            parallel_iterations=1)
    return {"A": A, "B": B, "gA": tf.gradients(A, w)[0], "gB": tf.gradients(B, w)[0],
            "v": tf.identity(v), "rv": rv.read_value()}, {}


def assign_add(tf):
    """assign_add in the body: a ref variable's (the gradient reads the variable's buffer
    when it runs, as TF's stack holds it) and a resource variable's (its read value)."""
    return _runs(tf, _assign_add, ["A", "gA", "v", "A gA", "v", "gA", "v rv", "B", "gB",
                                   "rv", "A B gA gB", "v rv"])


def cases(tf):
    return {"vendor": host_vendor(), "gamma": gamma(tf), "streams": streams(tf),
            "variable_queue": variable_queue(tf), "assign_add": assign_add(tf)}
