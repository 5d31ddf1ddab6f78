"""The MAML meta-gradient (cbfinn/maml's second order: the inner tf.gradients of the task
loss, the fast weights w - lr * g, the outer loss at the fast weights) of a one-hidden-layer
relu net, three tasks, computed three ways: one task alone, the three tasks unrolled and
summed with tf.add_n, and the three mapped by tf.map_fn (a while loop whose body holds the
inner tf.gradients); prints every gradient's float32 bits, and the first-order variant
(tf.stop_gradient on the inner gradients) through tf.map_fn."""
import numpy as np
import tensorflow as tf

rs = np.random.RandomState(7)
K, H = 5, 8
w = {"w1": tf.Variable(rs.randn(1, H).astype(np.float32) * 0.5, name="w1"),
     "b1": tf.Variable(rs.randn(H).astype(np.float32) * 0.1, name="b1"),
     "w3": tf.Variable(rs.randn(H, 1).astype(np.float32) * 0.5, name="w3"),
     "b3": tf.Variable(np.zeros(1, np.float32), name="b3")}
xa = rs.uniform(-5, 5, [3, K, 1]).astype(np.float32)
ya = (xa * 0.5 + 0.25).astype(np.float32)


def forward(x, weights):
    h = tf.nn.relu(tf.matmul(x, weights["w1"]) + weights["b1"])
    return tf.matmul(h, weights["w3"]) + weights["b3"]


def task(inp, first_order=False):
    ia, la = inp
    loss = tf.reduce_mean(tf.square(forward(ia, w) - la))
    grads = tf.gradients(loss, list(w.values()))
    if first_order:
        grads = [tf.stop_gradient(g) for g in grads]
    fast = {k: w[k] - 0.01 * g for k, g in zip(w.keys(), grads)}
    return tf.reduce_mean(tf.square(forward(ia, fast) - la))


totals = {
    "one": task((tf.constant(xa[0]), tf.constant(ya[0]))),
    "unrolled": tf.add_n([task((tf.constant(xa[i]), tf.constant(ya[i]))) for i in range(3)]),
    "map_fn": tf.reduce_sum(tf.map_fn(task, elems=(tf.constant(xa), tf.constant(ya)),
                                      dtype=tf.float32, parallel_iterations=3)),
    "map_fn first-order": tf.reduce_sum(tf.map_fn(
        lambda inp: task(inp, True), elems=(tf.constant(xa), tf.constant(ya)),
        dtype=tf.float32)),
}
grads = {k: tf.gradients(t, list(w.values())) for k, t in totals.items()}
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for k in totals:
        print(k, "loss", repr(float(sess.run(totals[k]))))
        for name, g in zip(w.keys(), sess.run(grads[k])):
            print(" ", name, np.asarray(g).ravel().view(np.uint32).tolist())
