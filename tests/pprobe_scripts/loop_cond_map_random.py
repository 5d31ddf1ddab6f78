"""Random ops in a while_loop body, in a cond branch, in map_fn (one iteration at a time:
TF's parallel iterations draw in thread order) and in scan, over two runs."""
import tensorflow as tf

tf.set_random_seed(83)
g = tf.get_default_graph()


def body(i, acc):
    return i + 1, acc + tf.random_uniform([3]) * tf.cast(i, tf.float32)


_, a = tf.while_loop(lambda i, acc: i < 4, body, [0, tf.zeros([3])])
print(len(g.get_operations()))
b = tf.cond(
    tf.constant(True), lambda: tf.random_normal([2], seed=5), lambda: tf.random_uniform([2])
)
print(len(g.get_operations()))
c = tf.map_fn(
    lambda r: tf.random.shuffle(r, seed=3), tf.reshape(tf.range(12), [3, 4]), parallel_iterations=1
)
print(len(g.get_operations()))
d = tf.map_fn(lambda r: r + tf.random_uniform([]), tf.ones([4]), parallel_iterations=1)
print(len(g.get_operations()))
e = tf.scan(lambda acc, r: acc * 0.5 + tf.random_normal([2], seed=7), tf.ones([3, 2]))
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for t in (a, b, c, d, e):
            print(r, s.run(t).ravel().tolist())
