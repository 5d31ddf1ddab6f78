"""float32 Tanh run by a session (TF 1.14's Eigen rational tanh, not libm's): fed values
of every packet-tail length, a larger array, special points; a tanh policy layer with its
gradient (TanhGrad), as TRPO / MAML scripts build them."""
import numpy as np


def session_tanh(tf):
    rng = np.random.RandomState(3)
    out = {}
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None])
        y = tf.tanh(x)
        with tf.Session(graph=g) as s:
            for n in list(range(1, 18)) + [1000]:
                out["n%d" % n] = s.run(y, {x: (rng.randn(n) * 2).astype(np.float32)})
            special = np.array([0.0, -0.0, 9.0, -9.0, 9.5, 1e-20, -3e-8, 0.5, 20.0, np.inf],
                               np.float32)
            out["special"] = s.run(y, {x: special})
    return out


def policy_layer(tf):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(0)
        obs = tf.placeholder(tf.float32, [None, 4])
        h = tf.layers.dense(obs, 8, tf.tanh,
                            kernel_initializer=tf.random_normal_initializer(stddev=0.3, seed=1))
        loss = tf.reduce_sum(h * h)
        grads = tf.gradients(loss, tf.trainable_variables())
        ob = np.random.RandomState(0).randn(16, 4).astype(np.float32)
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            return s.run([h, loss] + grads, {obs: ob})


def cases(tf):
    return {"session_tanh": session_tanh(tf), "policy_layer": policy_layer(tf)}
