"""Session.run on nested fetch structures: dicts, lists of tuples, a namedtuple, an op mixed
with tensors (None in its slot), the same tensor fetched twice, a Variable fetched directly;
feeding a tensor in the middle of the graph, a Variable's value and a SparseTensorValue into
a sparse_placeholder; values at full precision."""
import collections

import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.random.seed(3)

Pair = collections.namedtuple("Pair", ["lo", "hi"])
x = tf.placeholder(tf.float32, [None, 3], name="x")
w = tf.Variable(tf.random_normal([3, 2], seed=5), name="w")
h = tf.matmul(x, w, name="h")
mid = tf.tanh(h, name="mid")
out = tf.reduce_sum(mid * 2.0, name="out")
inc = tf.assign_add(w, tf.ones_like(w), name="inc")
grp = tf.group(inc, name="grp")
sp = tf.sparse_placeholder(tf.float32, name="sp")
sp_sum = tf.sparse_reduce_sum(sp)
sp_dense = tf.sparse_tensor_to_dense(sp)

xv = np.random.RandomState(3).randn(2, 3).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run({"a": [(h, mid), (out,)], "b": Pair(lo=mid, hi=out), "c": out, "d": w},
                 feed_dict={x: xv})
    print(sorted(r), type(r["b"]).__name__, type(r["a"]).__name__, type(r["a"][0]).__name__)
    print(repr(r["a"][0][0].tolist()), repr(r["b"].hi), r["c"] == r["a"][1][0])
    print(repr(r["d"].tolist()))
    same = sess.run([out, out, {"k": out}], feed_dict={x: xv})
    print(repr(same[0]), same[0] == same[1] == same[2]["k"])
    mixed = sess.run([grp, x, inc.op], feed_dict={x: xv})
    print(mixed[0], mixed[2], repr(mixed[1].tolist()), repr(sess.run(w).tolist()))
    # feeding the middle of the graph: x need not be fed
    print(repr(sess.run(out, feed_dict={mid: np.full((2, 2), 0.25, np.float32)})))
    print(repr(sess.run(out, feed_dict={h: np.array([[0.5, -1.0]], np.float32)})))
    # feeding a Variable's value overrides it for this run only
    print(repr(sess.run(h, feed_dict={x: xv, w: np.eye(3, 2, dtype=np.float32)}).tolist()))
    print(repr(sess.run(w).tolist()))
    spv = tf.SparseTensorValue(indices=[[0, 1], [2, 0]], values=[1.5, -2.25], dense_shape=[3, 2])
    s1, d1 = sess.run([sp_sum, sp_dense], feed_dict={sp: spv})
    print(repr(s1), repr(d1.tolist()))
    s2 = sess.run(sp, feed_dict={sp: (np.array([[1, 1]], np.int64), np.array([4.0], np.float32),
                                      np.array([2, 2], np.int64))})
    print(type(s2).__name__, s2.indices.tolist(), s2.values.tolist(), s2.dense_shape.tolist())
    print(len(tf.get_default_graph().get_operations()))
