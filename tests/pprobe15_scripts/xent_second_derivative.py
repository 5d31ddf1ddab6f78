"""Second derivatives of a mean sigmoid cross-entropy on a fed weight vector without a
loop: each row of the Hessian by a tf.gradients of one component of the gradient (the
while-loop-free form of tf.hessians), a Gauss-Newton product and the Hessian's
diagonal; float64 values at full precision and op counts."""

import numpy as np
import tensorflow as tf

rs = np.random.RandomState(1591)
X = rs.randn(40, 3)
y = (X[:, 0] - X[:, 2] + 0.2 * rs.randn(40) > 0).astype(np.float64)
w = tf.placeholder(tf.float64, [3], name="w")
logits = tf.linalg.matvec(tf.constant(X), w)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(y),
                                                              logits=logits))
g = tf.gradients(loss, w)[0]
H = tf.stack([tf.gradients(g[j], w)[0] for j in range(3)])
diag = tf.stack([tf.gradients(g[j], w)[0][j] for j in range(3)])
v = tf.constant([0.5, -1.0, 2.0], tf.float64)
hvp = tf.gradients(tf.reduce_sum(g * v), w)[0]
print(len(tf.get_default_graph().get_operations()), H.shape)
with tf.Session() as s:
    for wv in ([0.3, -0.2, 0.1], [1.5, 0.5, -2.0]):
        h, d, p = s.run([H, diag, hvp], {w: wv})
        print(h.tolist())
        print(d.tolist(), p.tolist())
