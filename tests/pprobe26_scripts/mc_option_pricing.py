"""Monte Carlo option pricing: geometric Brownian paths by tf.scan over seeded
random_normal shocks (float64), antithetic pairs, European and Asian calls; Merton jump
diffusion with random_poisson jump counts and random_gamma-built jump sizes drawn inside
a tf.while_loop; a pathwise Monte Carlo gradient through random_gamma (w.r.t. a Variable
shape) in a while_loop fed by a placeholder, with op-seedless draws (graph seed only), a
cond, map_fn and a scan of distribution samples; prices from two session.run calls."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(2026)
g = tf.get_default_graph()
S0, K, r, sig, T, n = 100.0, 100.0, 0.03, 0.25, 1.0, 12
dt = T / n
npath = 64
z = tf.random_normal([n, npath], seed=5, dtype=tf.float64)
z = tf.concat([z, -z], axis=1)


def step(logs, zt):
    return logs + (r - 0.5 * sig * sig) * dt + sig * np.sqrt(dt) * zt


logs = tf.scan(step, z, initializer=tf.fill([2 * npath], tf.constant(np.log(S0), tf.float64)),
               parallel_iterations=1)
paths = tf.exp(logs)
disc = np.exp(-r * T)
euro = disc * tf.reduce_mean(tf.nn.relu(paths[-1] - K))
asian = disc * tf.reduce_mean(tf.nn.relu(tf.reduce_mean(paths, axis=0) - K))
print(len(g.get_operations()))


def jbody(t, logs):
    nj = tf.random_poisson(0.5 * dt, [npath], seed=8, dtype=tf.float64)
    size = tf.random_gamma([npath], 2.0, beta=20.0, seed=9, dtype=tf.float64) - 0.1
    w = tf.random_normal([npath], seed=10, dtype=tf.float64)
    return t + 1, logs + (r - 0.5 * sig * sig) * dt + sig * np.sqrt(dt) * w + nj * size


_, jl = tf.while_loop(lambda t, lg: t < n, jbody,
                      [0, tf.fill([npath], tf.constant(np.log(S0), tf.float64))],
                      parallel_iterations=1)
jump = disc * tf.reduce_mean(tf.nn.relu(tf.exp(jl) - K))
print(len(g.get_operations()))
k = tf.Variable(2.0)
x = tf.placeholder(tf.float32, [None, 3])


def gbody(i, acc):
    zg = tf.random_gamma([3], k)
    w = tf.random.normal(tf.shape(x)) * x
    c = tf.cond(tf.reduce_sum(w) > 0, lambda: tf.random.uniform([]),
                lambda: -tf.random.uniform([]))
    st = tf.random.stateless_normal([3], tf.stack([tf.cast(i, tf.int64), 7]))
    sh = tf.random.shuffle(tf.reshape(tf.range(6), [3, 2]))
    return i + 1, (acc + tf.reduce_sum(zg) + tf.reduce_sum(w) + c + tf.reduce_sum(st)
                   + tf.cast(sh[0, 0], tf.float32))


_, gacc = tf.while_loop(lambda i, a: i < 4, gbody, [0, 0.0], parallel_iterations=1)
gk, = tf.gradients(gacc, k)
mf = tf.map_fn(lambda r: r * tf.random_normal([]), tf.range(4.0), parallel_iterations=1)
sc = tf.scan(lambda a, r: a + tf.distributions.Normal(0.0, 1.0).sample() * r, tf.ones([5]),
             parallel_iterations=1)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for _ in range(2):
        e, a, j, p = s.run([euro, asian, jump, paths])
        print(repr(e), repr(a), repr(j))
        print(p[:, 0].tolist())
        r = s.run([gacc, gk, mf, sc], {x: np.ones((2, 3), np.float32)})
        print(repr(r[0]), repr(r[1]), [v.tolist() for v in r[2:]])
