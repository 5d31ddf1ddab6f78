"""Session.make_callable with feed_list, nested fetches, an op, a call with fewer values,
and accept_options (RunOptions FULL_TRACE / RunMetadata: only stable facts); values at full
precision (partial_run is absent from flowgrad, so it is not probed here)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
a = tf.placeholder(tf.float32, [2], name="a")
b = tf.placeholder(tf.float32, [2], name="b")
c = tf.placeholder(tf.float32, [], name="c")
w = tf.Variable(tf.random_uniform([2], seed=2), name="w")
r1 = tf.add(a, w, name="r1")
r2 = tf.multiply(r1, b, name="r2")
r3 = tf.reduce_sum(r2 * c, name="r3")

with tf.Session() as sess:
    sess.run(w.initializer)
    f = sess.make_callable([r2, {"s": r3}], feed_list=[a, b, c])
    o = f(np.array([1.0, 1.0], np.float32), [3.0, 4.0], 0.5)
    print(repr(o[0].tolist()), sorted(o[1]), repr(o[1]["s"]))
    g = sess.make_callable(r3, feed_list=[a, b, c])
    print(repr(g([1.0, 2.0], [3.0, 4.0], 2.0)))
    try:
        g([1.0, 2.0], [3.0, 4.0])
    except Exception as ex:  # noqa
        print(type(ex).__name__, str(ex).split("\n")[0])
    h = sess.make_callable(r1.op, feed_list=[a])
    print(h([5.0, 6.0]))
    k = sess.make_callable(r3, feed_list=[a, b, c], accept_options=True)
    md = tf.RunMetadata()
    opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    print(repr(k([1.0, 2.0], [3.0, 4.0], 1.0, options=opts, run_metadata=md)))
    print(md.HasField("step_stats"), len(md.step_stats.dev_stats) > 0)
    names = set(n.node_name for d in md.step_stats.dev_stats for n in d.node_stats)
    print(sorted(n for n in names if n in ("r1", "r2", "r3", "a", "b", "c")))
    print(repr(sess.run(r3, {a: [1.0, 1.0], b: [1.0, 1.0], c: 1.0})))
