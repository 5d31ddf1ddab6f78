"""A fixed-step RK4 integrator of a damped oscillator / small neural ODE written with
tf.while_loop (the neural-ODE tutorials' TF1 style): the state and time as loop vars, a
TensorArray of the trajectory, parameters (a variable matrix, a float64 decay) captured by
the body, the loss on the final state and the trajectory, tf.gradients through the loop and
a few Adam steps (the time, a float loop variable off the path from the parameters, gets
no gradient ops); maximum_iterations, swap_memory, and
tf.contrib.integrate.odeint_fixed (rk4 and midpoint) on the same field."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(9)
D, STEPS, DT = 3, 6, 0.1
y0 = tf.placeholder(tf.float32, [None, D], name="y0")
A = tf.get_variable("A", [D, D], initializer=tf.random_normal_initializer(0., 0.5, seed=5))
b = tf.get_variable("b", [D], initializer=tf.zeros_initializer())


def f(t, y):
    return tf.tanh(tf.matmul(y, A) + b) - 0.1 * y * tf.cos(t)


def rk4_step(t, y, h):
    k1 = f(t, y)
    k2 = f(t + h / 2, y + h / 2 * k1)
    k3 = f(t + h / 2, y + h / 2 * k2)
    k4 = f(t + h, y + h * k3)
    return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def integrate(y_init, steps, back_prop=True, swap_memory=False, name="rk4"):
    with tf.name_scope(name):
        ta = tf.TensorArray(tf.float32, size=steps, element_shape=y_init.shape)

        def body(i, t, y, ta):
            y = rk4_step(t, y, DT)
            return [i + 1, t + DT, y, ta.write(i, y)]

        _, t_end, y_end, traj = tf.while_loop(
            lambda i, t, y, ta: i < steps, body,
            [tf.constant(0), tf.constant(0.), y_init, ta],
            back_prop=back_prop, swap_memory=swap_memory, maximum_iterations=steps + 2)
        return t_end, y_end, traj.stack()


t_end, y_end, traj = integrate(y0, STEPS)
target = tf.constant([[0.5, -0.2, 0.1]])
loss = tf.reduce_mean(tf.square(y_end - target)) + 0.01 * tf.reduce_mean(tf.square(traj))
gA, gb, gy = tf.gradients(loss, [A, b, y0])
train = tf.train.AdamOptimizer(0.05).minimize(loss)
_, y_sw, _ = integrate(y0, STEPS, swap_memory=True, name="swap")
g_sw = tf.gradients(tf.reduce_sum(y_sw), A)[0]
print("shapes", t_end.shape, y_end.shape, traj.shape, gy.shape)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("loop cond", sorted(o.name for o in g.get_operations() if o.type == "LoopCond"))

odeint_fixed = tf.contrib.integrate.odeint_fixed
ts = tf.constant(np.linspace(0., 0.6, 7), tf.float64)
decay = tf.constant(0.7, tf.float64)
y0d = tf.constant([1.0, 0.5], tf.float64)
sol_rk4 = odeint_fixed(lambda y, t: -decay * y + tf.sin(t), y0d, ts, dt=0.05, method="rk4")
sol_mid = odeint_fixed(lambda y, t: -decay * y + tf.sin(t), y0d, ts, dt=0.1, method="midpoint")
g_decay = tf.gradients(tf.reduce_sum(sol_rk4[-1]), decay)[0]
print("odeint shapes", sol_rk4.shape, sol_mid.shape, sol_rk4.dtype)

Y0 = np.random.randn(2, D).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    te, ye, gav, gbv, gyv = sess.run([t_end, y_end, gA, gb, gy], {y0: Y0})
    print("t_end", repr(float(te)), "y_end", ye.tolist())
    print("gA", gav.tolist())
    print("gb", gbv.tolist(), "gy", gyv.tolist())
    print("swap grad equal", bool(np.array_equal(sess.run(g_sw, {y0: Y0}),
                                                 sess.run(tf.gradients(tf.reduce_sum(y_end), A)[0],
                                                          {y0: Y0}))))
    for step in range(4):
        lv, _ = sess.run([loss, train], {y0: Y0})
        print(step, repr(float(lv)))
    print("traj", sess.run(traj, {y0: Y0})[:, 0].tolist())
    r, m, gd = sess.run([sol_rk4, sol_mid, g_decay])
    print("rk4", r.tolist())
    print("mid", m.tolist())
    print("d/ddecay", repr(float(gd)))

try:
    odeint_fixed(lambda y, t: -y, y0d, ts, method="dopri5")
except ValueError as e:
    print("ValueError", e)
