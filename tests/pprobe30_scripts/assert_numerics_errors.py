"""Runtime checks a TF1 user adds to a seeded model and the errors they raise:
tf.assert_equal, assert_less, assert_positive, assert_non_negative, assert_rank (static and
fed), assert_type, assert_integer, assert_shapes-like control dependencies,
tf.Assert with summarize, tf.debugging.check_numerics and tf.add_check_numerics_ops on a
log of zero and a divide by zero, tf.verify_tensor_all_finite; each failing run caught
(class and message up to its traceback, op and node_def names), the passing feeds
printed at full precision; op counts."""

import re

import numpy as np
import tensorflow as tf

tf.set_random_seed(34)
rng = np.random.RandomState(34)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None], name="x")
k = tf.placeholder(tf.int32, [None], name="k")
r = tf.placeholder(tf.float32, None, name="r")
w = tf.get_variable("w", [3], initializer=tf.random_uniform_initializer(0.5, 1.5, seed=8))


def head(e):
    # TF's message up to its traceback-dependent part; the file of "defined at" without
    # its folders (TF strips a prefix common to the traceback's files)
    s = str(e).split("\n\nOriginal stack trace")[0].split("\n\nErrors may have")[0]
    return re.sub(r"defined at [^ )]*/", "defined at ", s)


def build(what, f):
    n = len(g.get_operations())
    try:
        t = f()
        print(what, "built", getattr(t, "name", t), len(g.get_operations()) - n)
        return t
    except (ValueError, TypeError, tf.errors.OpError) as e:
        print(what, type(e).__name__, repr(head(e)), len(g.get_operations()) - n)


checks = {
    "eq": build("eq", lambda: tf.assert_equal(x, w, message="x==w", name="eq")),
    "lt": build("lt", lambda: tf.assert_less(x, 2.0 * w, name="lt")),
    "pos": build("pos", lambda: tf.assert_positive(x, name="pos")),
    "nonneg": build("nonneg", lambda: tf.assert_non_negative(k, summarize=2, name="nonneg")),
    "rank": build("rank", lambda: tf.assert_rank(r, 2, name="rank")),
    "rank_in": build("rank_in", lambda: tf.assert_rank_in(r, [0, 1], name="rank_in")),
    "Assert": build("Assert", lambda: tf.Assert(tf.reduce_all(x < 5.0), [x, k], 2, "Assert")),
}
build("rank_static", lambda: tf.assert_rank(w, 2, message="need matrix"))
build("eq_static", lambda: tf.assert_equal(tf.constant([1, 2]), tf.constant([1, 3])))
build("type", lambda: tf.assert_type(k, tf.float32, message="want float"))
build("integer", lambda: tf.assert_integer(x, message="want int"))
build("eq_shape", lambda: tf.assert_equal(tf.ones([2]), tf.ones([3])))
build("lt_static", lambda: tf.assert_less(tf.constant(3), tf.constant(2)))
build("scalar", lambda: tf.assert_scalar(w))
lg = tf.log(x, name="lg")
num = tf.debugging.check_numerics(lg, "log of x", name="num")
dv = tf.div(w[:1], x[:1] * 0.0, name="dv")
num2 = tf.verify_tensor_all_finite(dv, "div finite", name="num2")
with tf.control_dependencies([checks["pos"]]):
    guarded = tf.reduce_sum(tf.sqrt(x) * w, name="guarded")
print(len(g.get_operations()))
loss = tf.reduce_sum(tf.square(w - 1.0))
build("add_checks", tf.add_check_numerics_ops)   # the asserts' conds refuse it
with tf.Graph().as_default() as g2:
    v2 = tf.Variable([1.0, 0.0], name="v2")
    q2 = tf.div(1.0, v2, name="q2")
    all_checks = tf.add_check_numerics_ops()
    print(all_checks.type, len(all_checks.control_inputs), len(g2.get_operations()))
    with tf.Session() as s2:
        s2.run(v2.initializer)
        try:
            s2.run([q2, all_checks])
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, repr(head(e)), e.op.name)

X = np.array([1.0, 0.25, 3.0], np.float32)


def show(what, t, fd):
    try:
        res = s.run(t, fd)
        print(what, "ok", res if res is None else np.asarray(res).tolist())
    except tf.errors.OpError as e:
        print(what, type(e).__name__, repr(head(e)))
        print("   op", e.op.name if e.op is not None else None,
              e.node_def.name if e.node_def is not None else None, e.error_code)


with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    wv = s.run(w)
    print(wv.tolist())
    show("eq", checks["eq"], {x: X})
    show("eq_pass", checks["eq"], {x: wv})
    show("lt", checks["lt"], {x: X})
    show("pos", checks["pos"], {x: [1.0, -2.0, 0.0]})
    show("nonneg", checks["nonneg"], {k: [3, -1, -4, 2]})
    show("rank", checks["rank"], {r: [1.0, 2.0]})
    show("rank_pass", checks["rank"], {r: [[1.0]]})
    show("rank_in", checks["rank_in"], {r: [[1.0]]})
    show("Assert", checks["Assert"], {x: [1.0, 9.0, 2.0], k: [4, 5, 6]})
    show("num", num, {x: [1.0, 0.0, 2.0]})
    show("num_nan", num, {x: [-1.0, 2.0]})
    show("num_pass", num, {x: X})
    show("num2", num2, {x: X})
    show("guarded", guarded, {x: [4.0, -1.0, 1.0]})
    show("guarded_pass", guarded, {x: X})
print(len(g.get_operations()))
