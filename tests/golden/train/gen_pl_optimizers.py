"""TF 1.14's dense float32 updates bit for bit where Eigen's AVX sqrt / rsqrt apply: the
RSQRTPS estimate and a Newton step on packets of 8 of the variable, std::sqrt on the tail
(and in Ftrl's new-var, ProximalAdagrad's and AdagradDA's l1 expressions, which Eigen
does not vectorize); the float32 Sqrt op itself; three steps on variables of 3 to 50 values."""
import numpy as np

SHAPES = [(3,), (13,), (4, 6), (50,)]


def _optimizers(tf):
    return [("adagrad", lambda: tf.train.AdagradOptimizer(0.1)),
            ("adadelta", lambda: tf.train.AdadeltaOptimizer(1.0, epsilon=1e-6)),
            ("proximal_adagrad_l2",
             lambda: tf.train.ProximalAdagradOptimizer(0.1, l2_regularization_strength=0.01)),
            ("proximal_adagrad_l1",
             lambda: tf.train.ProximalAdagradOptimizer(0.1, l1_regularization_strength=0.01)),
            ("rmsprop", lambda: tf.train.RMSPropOptimizer(0.01)),
            ("rmsprop_centered",
             lambda: tf.train.RMSPropOptimizer(0.01, centered=True, momentum=0.5)),
            ("adam", lambda: tf.train.AdamOptimizer(0.01)),
            ("ftrl", lambda: tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.01,
                                                     l2_regularization_strength=0.02))]


def adagrad_da(tf):
    out = {}
    rng = np.random.RandomState(2)
    for shape in SHAPES:
        for l1 in (0.0, 0.01):
            with tf.Graph().as_default():
                step = tf.train.get_or_create_global_step()
                v = tf.Variable(rng.randn(*shape).astype(np.float32))
                t = tf.constant(rng.randn(*shape).astype(np.float32))
                loss = tf.reduce_sum(tf.square(v - t) * tf.abs(t))
                train = tf.train.AdagradDAOptimizer(
                    0.1, step, l1_regularization_strength=l1,
                    l2_regularization_strength=0.01).minimize(loss, global_step=step)
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    for _ in range(3):
                        sess.run(train)
                    out["l1_%s_%s" % (l1, "x".join(map(str, shape)))] = sess.run(v)
    return out


def optimizers(tf):
    out = {}
    rng = np.random.RandomState(0)
    for shape in SHAPES:
        for name, make in _optimizers(tf):
            with tf.Graph().as_default():
                v = tf.Variable(rng.randn(*shape).astype(np.float32))
                t = tf.constant(rng.randn(*shape).astype(np.float32))
                loss = tf.reduce_sum(tf.square(v - t) * tf.abs(t))
                train = make().minimize(loss)
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    steps = []
                    for _ in range(3):
                        sess.run(train)
                        steps.append(sess.run(v))
                    out["%s_%s" % (name, "x".join(map(str, shape)))] = steps
    return out


def sqrt(tf):
    rng = np.random.RandomState(1)
    edges = np.array([np.inf, 0, -1, 1e-40, np.nan, 1, 4, 2.5, 3e38, 1.2e-38, -0.0, 7,
                      -1e-40, 1.17549435e-38], np.float32)
    xs = [rng.rand(1000).astype(np.float32) * 10, np.exp(rng.randn(4003) * 20).astype(
        np.float32), edges, edges[:6], np.float32(2.0)]
    with tf.Graph().as_default(), tf.Session() as sess:
        return sess.run([tf.sqrt(x) for x in xs])


def cases(tf):
    return {"optimizers": optimizers(tf), "sqrt": sqrt(tf), "adagrad_da": adagrad_da(tf)}
