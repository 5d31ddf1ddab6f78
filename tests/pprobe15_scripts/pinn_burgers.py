"""A physics-informed net for the viscous Burgers equation u_t + u u_x = nu u_xx: a tanh MLP
u(x, t), its input derivatives by tf.gradients (u_x, u_t, then u_xx by a second
tf.gradients), a residual loss on seeded collocation points plus initial/boundary losses,
trained with Adam; float32 values at full precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1501)
rs = np.random.RandomState(1502)
nu = 0.01 / np.pi

x = tf.placeholder(tf.float32, [None, 1], name="x")
t = tf.placeholder(tf.float32, [None, 1], name="t")


def net(x, t):
    h = tf.concat([x, t], 1)
    with tf.variable_scope("u", reuse=tf.AUTO_REUSE):
        for i, w in enumerate([16, 16]):
            h = tf.layers.dense(h, w, tf.tanh, name="h%d" % i,
                                kernel_initializer=tf.glorot_normal_initializer(seed=11 + i))
        return tf.layers.dense(h, 1, name="out",
                               kernel_initializer=tf.glorot_normal_initializer(seed=19))


u = net(x, t)
u_x, u_t = tf.gradients(u, [x, t])
u_xx = tf.gradients(u_x, x)[0]
res = u_t + u * u_x - nu * u_xx
n_res = len(tf.get_default_graph().get_operations())

x0 = tf.constant(np.linspace(-1, 1, 21, dtype=np.float32)[:, None])
u0 = net(x0, tf.zeros_like(x0))
tb = tf.random_uniform([10, 1], seed=7)
ub = net(tf.concat([-tf.ones_like(tb), tf.ones_like(tb)], 0), tf.concat([tb, tb], 0))
loss = (tf.reduce_mean(tf.square(res))
        + tf.reduce_mean(tf.square(u0 + tf.sin(np.pi * x0)))
        + tf.reduce_mean(tf.square(ub)))
train = tf.train.AdamOptimizer(5e-3).minimize(loss)
print(n_res, len(tf.get_default_graph().get_operations()))
print(u_xx.op.type, u_xx.shape, res.name)

xc = rs.uniform(-1, 1, (40, 1)).astype(np.float32)
tc = rs.uniform(0, 1, (40, 1)).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(30):
        lv, _ = s.run([loss, train], {x: xc, t: tc})
        if i % 5 == 0:
            print(i, repr(float(lv)))
    r, d2 = s.run([res, u_xx], {x: xc[:5], t: tc[:5]})
    print(r.ravel().tolist())
    print(d2.ravel().tolist())
