"""tf.Assert and tf.debugging.assert_* with data and summarize in a seeded TF1 graph: the
InvalidArgumentError messages TF builds (the condition line, the data entries as their
summaries: strings, ints, floats, bools, a 3-d tensor cut by summarize), assert_near with
rtol/atol, assert_none_equal, assert_greater_equal, assert_rank_at_least / assert_rank_in
fed, assert_scalar, assert_integer / assert_type TypeErrors at construction and
assert_equal on constants failing at construction; op names and counts."""

import re

import numpy as np
import tensorflow as tf

tf.set_random_seed(4511)
rs = np.random.RandomState(4512)


def msg(e):
    """The message up to TF's node_def / traceback lines."""
    lines = []
    for ln in e.message.split("\n"):
        if ln.strip().startswith("[[") or ln.startswith("Caused by") or ln.startswith("Errors"):
            break
        lines.append(ln)
    return re.sub(r"\s+$", "", "\n".join(lines))


x = tf.placeholder(tf.float32, [None, 3], name="x")
n = tf.placeholder(tf.int32, None, name="n")
w = tf.get_variable("w", [3], initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=3))
y = x * w
a0 = tf.Assert(tf.reduce_all(y < 0.5), ["y too big:", y, "w:", w, tf.constant(True), n],
               summarize=4, name="big")
a1 = tf.Assert(tf.reduce_all(x > -9.0), [tf.reshape(tf.range(30), [2, 3, 5]), x],
               summarize=7)
a2 = tf.debugging.assert_near(y, x, rtol=0.25, atol=0.01, message="near?", summarize=2)
a3 = tf.debugging.assert_none_equal(x, tf.zeros_like(x), data=["custom", x], summarize=5)
a4 = tf.debugging.assert_greater_equal(n, 2, message="n small")
a5 = tf.debugging.assert_rank_at_least(n, 1, message="rank")
a6 = tf.debugging.assert_rank_in(x, [1, 2])
a7 = tf.debugging.assert_scalar(tf.constant(1.0))
a8 = tf.debugging.assert_less_equal(x, tf.constant(3.0), data=[x, "ends"])
print("ops", len(tf.get_default_graph().get_operations()))
for a in (a0, a1, a2, a3, a4, a5, a8):
    print(a.name)
print(a6, a7.name)
for make in (lambda: tf.debugging.assert_integer(x, message="ints"),
             lambda: tf.debugging.assert_type(n, tf.float32, message="type"),
             lambda: tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]),
                                               message="const", summarize=1),
             lambda: tf.debugging.assert_rank(tf.zeros([2, 2]), 3, message="static rank"),
             lambda: tf.debugging.assert_scalar(tf.zeros([2]))):
    try:
        print(make())
    except (TypeError, ValueError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__, str(e).split("\n")[0])

xs = rs.uniform(-1.0, 1.0, [2, 3]).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(repr(sess.run(w).tolist()))
    cases = [(a0, {x: xs, n: 3}), (a0, {x: xs * 8, n: [4, 5]}), (a1, {x: xs}),
             (a1, {x: xs - 20}), (a2, {x: xs}), (a3, {x: xs}),
             (a3, {x: np.where(xs > 0, xs, 0).astype(np.float32)}), (a4, {n: [3, 1, 2]}),
             (a4, {n: 2}), (a5, {n: 3}), (a5, {n: [[1]]}), (a8, {x: xs * 10})]
    for op, feed in cases:
        try:
            print("ok", sess.run(op, feed))
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, repr(msg(e)))
