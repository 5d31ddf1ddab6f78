"""Random walks with tf.scan: a lazy walk whose step comes from a tf.cond on a seeded
coin (random_uniform in the predicate, random_normal in one branch, random_gamma and
random_poisson in the other), a reflecting walk on integers from tf.multinomial, and
a nested while_loop of first-passage times; the streams advance per element, two runs
and a second Session restarts them."""
import tensorflow as tf

tf.set_random_seed(31)
g = tf.get_default_graph()


def step(x, _):
    coin = tf.random_uniform([], seed=1) < 0.5
    d = tf.cond(coin,
                lambda: tf.random_normal([], seed=2),
                lambda: tf.random_gamma([], 1.5, seed=3) - tf.random_poisson(1.5, [], seed=4))
    return x + d


walk = tf.scan(step, tf.zeros([10]), initializer=tf.constant(0.0), parallel_iterations=1)
moves = tf.multinomial(tf.log([[0.3, 0.2, 0.5]]), 15, seed=5)[0] - 1


def refl(x, m):
    return tf.abs(x + tf.cast(m, tf.int32))


rw = tf.scan(refl, moves, initializer=tf.constant(0, tf.int32), parallel_iterations=1)


def passage(k, out):
    def inner(t, pos):
        return t + 1, pos + tf.sign(tf.random_uniform([], -1.0, 1.0, seed=6))
    t, _ = tf.while_loop(lambda t, pos: tf.logical_and(tf.abs(pos) < 3.0, t < 100), inner,
                         [0, tf.constant(0.0)], parallel_iterations=1)
    return k + 1, out.write(k, t)


_, fp = tf.while_loop(lambda k, o: k < 6, passage, [0, tf.TensorArray(tf.int32, 6)],
                      parallel_iterations=1)
fp = fp.stack()
print(len(g.get_operations()))
for si in range(2):
    with tf.Session() as s:
        for _ in range(2):
            w, r, f = s.run([walk, rw, fp])
            print(si, w.tolist(), r.tolist(), f.tolist())
