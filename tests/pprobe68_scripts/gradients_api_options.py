"""tf.gradients' arguments as TF1 code passes them: grad_ys, stop_gradients,
unconnected_gradients='zero' and 'none', aggregation_method, colocate_gradients_with_ops,
gate_gradients; tf.hessians of a small quadratic form; and the errors TF raises for a
gradient of an int tensor, an unknown unconnected_gradients and a None gradient given to
apply_gradients: values, op counts and messages."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(5)

a = tf.constant([1.0, 2.0, 3.0])
b = tf.constant([0.5, -1.0, 4.0])
c = a * b
d = tf.reduce_sum(c * c + a)
e = tf.constant(7.0)
print(tf.gradients(d, [a, e]))
print([g is None for g in tf.gradients(d, [a, b], stop_gradients=[c])])
gz = tf.gradients(d, [a, e], unconnected_gradients="zero")
gz2 = tf.gradients(d, [a, e], unconnected_gradients=tf.UnconnectedGradients.ZERO)
gs = tf.gradients(d, [a, b], stop_gradients=[c], unconnected_gradients="zero")
gsa = tf.gradients(a + b + c, [a, b], stop_gradients=[a])
n0 = len(tf.get_default_graph().get_operations())
agg = tf.gradients(tf.reduce_sum(a * a + a * 3.0 + tf.sin(a)), a,
                   aggregation_method=tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N)
n1 = len(tf.get_default_graph().get_operations())
agg2 = tf.gradients(tf.reduce_sum(a * a + a * 3.0 + tf.sin(a)), a,
                    aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
n2 = len(tf.get_default_graph().get_operations())
gg = tf.gradients(d, a, gate_gradients=True, colocate_gradients_with_ops=True)
n3 = len(tf.get_default_graph().get_operations())
print(n1 - n0, n2 - n1, n3 - n2, agg[0].op.type, agg2[0].op.type, gg[0].op.type)
print(sorted(op.type for op in tf.get_default_graph().get_operations()[n2:n3]))
try:
    tf.gradients(d, a, unconnected_gradients="zeros")
except ValueError as err:
    print("ValueError", err)
i = tf.constant([1, 2, 3])
fi = tf.cast(i, tf.float32) * a
print(tf.gradients(tf.reduce_sum(fi), i))
print(tf.gradients(tf.reduce_sum(i * i), i), tf.gradients(fi, [a, i]))

xv = tf.constant([1.0, -2.0])
A = tf.constant([[2.0, 1.0], [1.0, 3.0]])
f = tf.reduce_sum(xv * tf.linalg.matvec(A, xv)) + tf.reduce_sum(xv ** 3)
H = tf.hessians(f, xv)
H2 = tf.hessians(f + tf.reduce_sum(a * a * a), [xv, a])
print(H[0].shape, H2[1].shape, H[0].op.type, H2[1].op.name)
try:
    tf.hessians(f, [xv, a])
except ValueError as err:
    print("ValueError", str(err)[:60])
with tf.Session() as sess:
    print([v.tolist() for v in sess.run(gz)], [v.tolist() for v in sess.run(gz2)])
    print([v.tolist() for v in sess.run(gs)], [v.tolist() for v in sess.run(gsa)])
    print(sess.run(agg)[0].tolist(), sess.run(agg2)[0].tolist(), sess.run(gg)[0].tolist())
    print(sess.run(H)[0].tolist(), sess.run(H2)[1].tolist())

with tf.Graph().as_default():
    tf.set_random_seed(1)
    w = tf.Variable([1.0, 2.0], name="w")
    u = tf.Variable([3.0], name="u")
    loss = tf.reduce_sum(w * w)
    opt = tf.train.GradientDescentOptimizer(0.1)
    gv = opt.compute_gradients(loss, [w, u])
    print([(g is None, v.op.name) for g, v in gv])
    try:
        opt.apply_gradients([(None, u)])
    except ValueError as err:
        print("ValueError", err)
    try:
        opt.minimize(tf.reduce_sum(u * 0.0) + tf.stop_gradient(tf.reduce_sum(w)), var_list=[w])
    except ValueError as err:
        print("ValueError", str(err).split("\n")[0])
    train = opt.apply_gradients(gv)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(3):
            print(step, sess.run(loss))
            sess.run(train)
        print(sess.run([w, u]))
