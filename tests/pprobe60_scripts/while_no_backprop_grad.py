"""tf.gradients of a tf.while_loop built with back_prop=False (the trick the ODE and
sampling loops of TF1 repositories use to integrate without a gradient): TF 1.14 answers
None, and still builds the loop's gradient state (the forward iteration counter f_count
in the loop and the gradient frame's counter loop b_count); the op counts and names, the
None, and the same loop differentiated with back_prop=True."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
A = tf.get_variable("A", [2, 2], initializer=tf.constant_initializer([[0.9, 0.1], [-0.2, 0.8]]))
y0 = tf.constant(np.random.randn(3, 2).astype(np.float32))


def run(back_prop, name):
    return tf.while_loop(lambda i, y: i < 4, lambda i, y: [i + 1, tf.tanh(tf.matmul(y, A))],
                         [tf.constant(0), y0], back_prop=back_prop, name=name)[1]


g = tf.get_default_graph()
y_nb = run(False, "no_bp")
n0 = len(g.get_operations())
gr = tf.gradients(tf.reduce_sum(y_nb), A)
ops = g.get_operations()
print("grad", gr, "new ops", len(ops) - n0)
print(sorted((o.name, o.type) for o in ops[n0:]))
print("forward counter", sorted(o.name for o in ops if o.name.startswith("no_bp/") and
                                "f_count" in o.name))
y_bp = run(True, "bp")
gb = tf.gradients(tf.reduce_sum(y_bp), A)[0]
print("ops", len(g.get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y_nb).tolist())
    print(sess.run(gb).tolist())
