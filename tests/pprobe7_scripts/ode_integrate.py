"""ODEs with tf.contrib.integrate: odeint (Dormand-Prince, adaptive steps) of a damped
oscillator and of a small neural vector field, odeint_fixed with rk4 and midpoint, the
gradient of a trajectory loss through odeint_fixed trained with SGD."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(871)
rs = np.random.RandomState(872)
t = tf.constant(np.linspace(0.0, 2.0, 9), tf.float64)
y0 = tf.constant([1.0, 0.0], tf.float64)


def osc(y, _t):
    return tf.stack([y[1], -y[0] - 0.3 * y[1]])


ys, info = tf.contrib.integrate.odeint(osc, y0, t, rtol=1e-6, atol=1e-9, full_output=True)
ys_rk4 = tf.contrib.integrate.odeint_fixed(osc, y0, t, dt=0.05, method="rk4")
ys_mid = tf.contrib.integrate.odeint_fixed(osc, y0, t, method="midpoint")
W = tf.get_variable("W", initializer=rs.randn(2, 2).astype(np.float32) * 0.5)
tf32 = tf.cast(t, tf.float32)


def field(y, _t):
    return tf.squeeze(tf.matmul(tf.tanh(y[None]), W), 0)


traj = tf.contrib.integrate.odeint_fixed(
    field, tf.constant([1.0, -0.5]), tf32, dt=tf.constant(0.25)
)
target = tf.constant(
    np.stack([np.cos(np.linspace(0, 2, 9)), -np.sin(np.linspace(0, 2, 9))], 1).astype(np.float32)
)
loss = tf.reduce_mean(tf.square(traj - target))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, inf, b, c = s.run([ys, info, ys_rk4, ys_mid])
    print(repr(a[:, 0].tolist()))
    print(int(inf["num_func_evals"]), repr(inf["integrate_points"].tolist()[:5]))
    print(repr(b[:, 0].tolist()))
    print(repr(c[:, 1].tolist()))
    for i in range(5):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
