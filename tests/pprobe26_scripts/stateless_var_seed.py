"""stateless_random_uniform / normal / truncated_normal / multinomial with seeds built
from a Variable step counter (assign_add between runs) and the while_loop counter: the
same step gives the same numbers in a second Session; tf.set_random_seed set after some
stateful ops exist."""
import hashlib

import tensorflow as tf

g = tf.get_default_graph()
early = tf.random_uniform([3], seed=4)
tf.set_random_seed(99)
late = tf.random_uniform([3], seed=4)
late2 = tf.random_normal([2])
step = tf.Variable(10, dtype=tf.int64)
inc = tf.assign_add(step, 1)


def body(i, acc):
    seed = tf.stack([step, tf.cast(i, tf.int64)])
    u = tf.random.stateless_uniform([4], seed)
    n = tf.random.stateless_normal([4], seed + 7, dtype=tf.float64)
    t = tf.random.stateless_truncated_normal([4], tf.cast(seed, tf.int32))
    return i + 1, acc + u * tf.cast(n, tf.float32) + t


_, acc = tf.while_loop(lambda i, a: i < 5, body, [0, tf.zeros([4])])
cat = tf.random.stateless_multinomial(tf.log([[0.5, 0.25, 0.25]]), 12,
                                      tf.stack([step, step * 3]))
ui = tf.random.stateless_uniform([5], [step, 2], minval=0, maxval=100, dtype=tf.int32)
print(len(g.get_operations()))
init = tf.global_variables_initializer()
for sess_i in range(2):
    with tf.Session() as s:
        s.run(init)
        print(s.run(early).tolist(), s.run(late).tolist(), s.run(late2).tolist())
        for _ in range(2):
            a, c, v = s.run([acc, cat, ui])
            print(a.tolist(), c.tolist(), v.tolist(), hashlib.md5(a.tobytes()).hexdigest())
            s.run(inc)
