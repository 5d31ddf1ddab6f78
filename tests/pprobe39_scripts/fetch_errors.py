"""Session.run's feed/fetch errors and edge cases: an empty fetch list, fetching a string
name ("out:0", an op name), feeding by name, feeding a non-feedable shape mismatch, a fetch
of None (TypeError), a feed of a wrong type key, the closed session; messages' first lines."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [2, 2], name="x")
y = tf.matmul(x, tf.constant([[1.0, 2.0], [3.0, 4.0]]), name="y")
z = tf.reduce_mean(y, name="z")
noop = tf.no_op(name="nop")
xv = np.array([[0.1, 0.2], [0.3, 0.4]], np.float32)


def first(f):
    try:
        r = f()
        print("ok", repr(r) if not isinstance(r, list) else [repr(t) for t in r])
    except Exception as ex:  # noqa
        print(type(ex).__name__, str(ex).split("\n")[0])


sess = tf.Session()
first(lambda: sess.run([]))
first(lambda: sess.run({}))
first(lambda: sess.run("z:0", feed_dict={"x:0": xv}))
first(lambda: sess.run("nop"))
first(lambda: sess.run(["y:0", "z"], feed_dict={x: xv}))
first(lambda: sess.run(z, feed_dict={x: np.zeros([3, 2], np.float32)}))
first(lambda: sess.run(None))
first(lambda: sess.run([z, None], feed_dict={x: xv}))
first(lambda: sess.run(z, feed_dict={3: xv}))
first(lambda: sess.run(z, feed_dict={"nope:0": xv}))
first(lambda: sess.run(z))
first(lambda: sess.run(z, feed_dict={x: [[1, 2], [3, 4]]}))
first(lambda: sess.run(z, feed_dict={x: "ab"}))
first(lambda: sess.run(tf.constant(2) * 3))
first(lambda: sess.run((z, (z,)), feed_dict={x: xv}))
sess.close()
first(lambda: sess.run(z, feed_dict={x: xv}))
print(len(tf.get_default_graph().get_operations()))
