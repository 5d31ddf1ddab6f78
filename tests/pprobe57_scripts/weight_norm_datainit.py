"""Weight normalization written by hand (Salimans & Kingma; the PixelCNN++ style): dense,
conv2d and conv2d_transpose layers w = g * v / ||v|| with a data-dependent init pass
(tf.nn.moments of the first batch, g and b assigned under control dependencies, an
`init` flag switching the graph), a sub-pixel (depth_to_space) upsampling head, then a
few Adam steps; the init pass and the training graph share the variables via reuse."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def wn_dense(x, n, name, init, scale=1.0):
    with tf.variable_scope(name):
        v = tf.get_variable("V", [int(x.shape[1]), n], tf.float32,
                            tf.random_normal_initializer(0, 0.05, seed=11))
        g = tf.get_variable("g", [n], tf.float32, tf.constant_initializer(1.0))
        b = tf.get_variable("b", [n], tf.float32, tf.constant_initializer(0.0))
        if init:
            v_norm = tf.nn.l2_normalize(v, [0])
            x0 = tf.matmul(x, v_norm)
            m, var = tf.nn.moments(x0, [0])
            s0 = scale / tf.sqrt(var + 1e-10)
            with tf.control_dependencies([g.assign(s0), b.assign(-m * s0)]):
                return tf.reshape(s0, [1, n]) * (x0 - tf.reshape(m, [1, n]))
        x = tf.matmul(x, v)
        sc = g / tf.sqrt(tf.reduce_sum(tf.square(v), [0]))
        return tf.reshape(sc, [1, n]) * x + tf.reshape(b, [1, n])


def wn_conv(x, n, name, init, k=3, stride=1):
    with tf.variable_scope(name):
        v = tf.get_variable("V", [k, k, int(x.shape[-1]), n], tf.float32,
                            tf.random_normal_initializer(0, 0.05, seed=12))
        g = tf.get_variable("g", [n], tf.float32, tf.constant_initializer(1.0))
        b = tf.get_variable("b", [n], tf.float32, tf.constant_initializer(0.0))
        w = tf.reshape(g, [1, 1, 1, n]) * tf.nn.l2_normalize(v, [0, 1, 2])
        y = tf.nn.bias_add(tf.nn.conv2d(x, w, [1, stride, stride, 1], "SAME"), b)
        if init:
            m, var = tf.nn.moments(y, [0, 1, 2])
            s0 = 1.0 / tf.sqrt(var + 1e-8)
            with tf.control_dependencies([g.assign(g * s0), b.assign_add(-m * s0)]):
                y = tf.identity((y - m) * s0)
        return y


def wn_deconv(x, n, name, init):
    with tf.variable_scope(name):
        cin = int(x.shape[-1])
        v = tf.get_variable("V", [3, 3, n, cin], tf.float32,
                            tf.random_normal_initializer(0, 0.05, seed=13))
        g = tf.get_variable("g", [n], tf.float32, tf.constant_initializer(1.0))
        b = tf.get_variable("b", [n], tf.float32, tf.constant_initializer(0.0))
        w = tf.reshape(g, [1, 1, n, 1]) / tf.sqrt(
            tf.reduce_sum(tf.square(v), [0, 1, 3], keepdims=True)) * v
        sh = tf.shape(x)
        out = tf.stack([sh[0], sh[1] * 2, sh[2] * 2, n])
        y = tf.nn.conv2d_transpose(x, w, out, [1, 2, 2, 1], "SAME") + b
        if init:
            m, var = tf.nn.moments(y, [0, 1, 2])
            s0 = 1.0 / tf.sqrt(var + 1e-8)
            with tf.control_dependencies([g.assign(g * s0), b.assign_add(-m * s0)]):
                y = (y - m) * s0
        return y


def model(x, init):
    with tf.variable_scope("net", reuse=not init):
        h = tf.nn.elu(wn_conv(x, 8, "c1", init))
        h = tf.nn.elu(wn_conv(h, 8, "c2", init, stride=2))
        z = wn_dense(tf.reshape(h, [-1, 4 * 4 * 8]), 10, "fc", init)
        d = tf.nn.elu(wn_deconv(h, 4, "dc", init))
        sp = tf.nn.depth_to_space(wn_conv(d, 4 * 4, "sub", init, k=1), 2)
        return z, tf.nn.space_to_depth(sp, 4)


tf.set_random_seed(57)
rs = np.random.RandomState(7)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None, 8, 8, 2], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
z0, r0 = model(x, True)
print(len(g.get_operations()), r0.shape)
z, r = model(x, False)
print(len(g.get_operations()), z.shape, r.shape)
loss = tf.losses.sparse_softmax_cross_entropy(y, z) + 0.1 * tf.reduce_mean(
    tf.square(tf.nn.depth_to_space(r, 4)[:, :8, :8, :2] - x))
opt = tf.train.AdamOptimizer(0.005, beta1=0.95)
train = opt.minimize(loss)
print(len(g.get_operations()), len(tf.global_variables()))
X = rs.randn(6, 8, 8, 2).astype(np.float32)
Y = rs.randint(0, 10, 6).astype(np.int64)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    zi, ri = s.run([z0, r0], {x: X})
    print(H(zi), H(ri))
    print([repr(float(t)) for t in zi.std(0, dtype=np.float64)[:3]])
    vs = sorted(tf.global_variables(), key=lambda t: t.name)
    for v in vs:
        if "/g:" in v.name or "/b:" in v.name:
            print(v.name, H(s.run(v)))
    for step in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y})
        print(step, repr(float(lv)))
    print([H(v) for v in s.run(tf.trainable_variables())])
    print(repr(float(s.run(loss, {x: X, y: Y}))))
