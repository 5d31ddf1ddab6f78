"""The gradient of a tf.while_loop with float loop variables off the path from the xs of
tf.gradients (a time t advanced by a constant, a phase fed by a placeholder not among the
xs) that body ops on the path read (y * cos(t), y + sin(phase)): TF 1.14's walk reaches no
Switch of those variables, so it makes no gradient rule of the ops only they feed (no
Cos_grad / Sin_grad, no sums of their gradients): the op counts, the gradient frame's op
names, and the values; then the same loop differentiated with respect to the phase too."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
y0 = tf.placeholder(tf.float32, [2, 3], name="y0")
p0 = tf.placeholder(tf.float32, [], name="p0")
A = tf.get_variable("A", [3, 3], initializer=tf.constant_initializer(
    np.random.randn(3, 3).astype(np.float32) * 0.5))


def body(i, t, p, y):
    return [i + 1, t + 0.1, p * 0.5, tf.tanh(y * tf.cos(t) + tf.matmul(y, A)) + tf.sin(p)]


_, t_end, p_end, ye = tf.while_loop(lambda i, t, p, y: i < 3, body,
                                    [tf.constant(0), tf.constant(0.), p0, y0], name="ode")
g = tf.get_default_graph()
n0 = len(g.get_operations())
gA, gy = tf.gradients(tf.reduce_sum(ye), [A, y0])
n1 = len(g.get_operations())
print("grad ops", n1 - n0)
print("frame", sorted(o.name for o in g.get_operations()[n0:n1] if "/ode/" in o.name and
                      ("Cos" in o.name or "Sin" in o.name or "AddN" in o.name or
                       "_grad/b_switch" in o.name)))
gp = tf.gradients(tf.reduce_sum(ye), [A, p0])
n2 = len(g.get_operations())
print("with phase", n2 - n1, sorted(o.type for o in g.get_operations()[n1:n2]
                                    if o.type in ("Cos", "Sin", "AddN")))
fd = {y0: np.random.randn(2, 3).astype(np.float32), p0: 0.3}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("gA", sess.run(gA, fd).tolist())
    print("gy", sess.run(gy, fd).tolist())
    a, b = sess.run(gp, fd)
    print("gp", a.tolist(), repr(float(b)))
