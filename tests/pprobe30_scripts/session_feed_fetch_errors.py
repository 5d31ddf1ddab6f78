"""The errors a user causes at Session.run in a small seeded TF1 regression: running before
initializing (FailedPreconditionError naming the variable), a placeholder not fed
(InvalidArgumentError with its name, dtype and shape), feeding a value of the wrong shape
or dtype, a feed of a string to a float placeholder, fetching None, fetching a tensor and
an op of another graph, a feed key of another graph, and running a closed session; each
caught and printed (class, message up to its traceback, the op's and node_def's names),
then the program trains on as TF does; values at full precision, op counts."""

import re

import numpy as np
import tensorflow as tf

tf.set_random_seed(30)
rng = np.random.RandomState(30)
X = rng.randn(8, 3).astype(np.float32)
Y = (X @ np.array([[0.5], [-1.0], [2.0]], np.float32)).astype(np.float32)

g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
w = tf.get_variable("w", [3, 1], initializer=tf.truncated_normal_initializer(seed=4))
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
pred = tf.add(tf.matmul(x, w), b, name="pred")
loss = tf.reduce_mean(tf.square(pred - y), name="loss")
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(len(g.get_operations()))

other = tf.Graph()
with other.as_default():
    o_c = tf.constant(1.0, name="other_c")
    o_op = tf.no_op(name="other_noop")


def head(e):
    # TF's message up to its traceback-dependent part; the file of "defined at" without
    # its folders (TF strips a prefix common to the traceback's files)
    s = str(e).split("\n\nOriginal stack trace")[0].split("\n\nErrors may have")[0]
    return re.sub(r"defined at [^ )]*/", "defined at ", s)


def show(what, f):
    try:
        r = f()
        print(what, "ok", r)
    except tf.errors.OpError as e:
        print(what, type(e).__name__, repr(head(e)))
        print("   op", e.op.name if e.op is not None else None,
              e.node_def.name if e.node_def is not None else None, e.error_code)
    except (TypeError, ValueError, RuntimeError) as e:
        print(what, type(e).__name__, repr(str(e)))


s = tf.Session()
show("uninit", lambda: s.run(pred, {x: X}))
show("uninit_b", lambda: s.run(b))
s.run(tf.global_variables_initializer())
show("nofeed", lambda: s.run(pred))
show("nofeed_y", lambda: s.run(loss, {x: X}))
show("shape", lambda: s.run(pred, {x: X[:, :2]}))
show("rank", lambda: s.run(pred, {x: X[0]}))
show("dtype_str", lambda: s.run(pred, {x: [["a", "b", "c"]]}))
show("dtype_int", lambda: s.run(pred, {x: X.astype(np.int32)})[0].dtype)
show("fetch_none", lambda: s.run(None))
show("fetch_none_list", lambda: s.run([pred, None], {x: X}))
show("other_tensor", lambda: s.run(o_c))
show("other_op", lambda: s.run(o_op))
show("other_feed", lambda: s.run(pred, {o_c: 2.0, x: X}))
show("feed_str_key", lambda: s.run(pred, {"nope:0": X}))
show("fetch_str", lambda: s.run("nope:0"))
for step in range(5):
    _, lv = s.run([train, loss], {x: X, y: Y})
    print(step, repr(float(lv)))
print(s.run(w).ravel().tolist(), s.run(b).tolist())
s.close()
show("closed", lambda: s.run(loss, {x: X, y: Y}))
print(len(g.get_operations()))
