"""Newton's method for L2-regularised logistic regression with tf.hessians: the gradient by
tf.gradients, the Hessian by tf.hessians of the loss w.r.t. one weight vector, the step by
tf.matrix_solve applied with tf.assign, iterated from Python; then a Newton solve of a
2-variable nonlinear system (Rosenbrock) with the Hessian of a float64 function; values at
full precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1551)
rs = np.random.RandomState(1552)
X = rs.randn(50, 4)
y = (X[:, 0] - 2.0 * X[:, 1] + 0.5 * X[:, 2] + 0.3 * rs.randn(50) > 0).astype(np.float64)

w = tf.Variable(tf.zeros([4], tf.float64), name="w")
logits = tf.linalg.matvec(tf.constant(X), w)
loss = (tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(y),
                                                                logits=logits))
        + 0.01 * tf.reduce_sum(tf.square(w)))
g = tf.gradients(loss, w)[0]
H = tf.hessians(loss, w)[0]
n_h = len(tf.get_default_graph().get_operations())
step = tf.assign_sub(w, tf.squeeze(tf.matrix_solve(H, g[:, None]), 1))
print(n_h, len(tf.get_default_graph().get_operations()), H.shape, H.name)

z = tf.Variable(tf.constant([-1.2, 1.0], tf.float64), name="z")
rosen = tf.square(1.0 - z[0]) + 100.0 * tf.square(z[1] - z[0] ** 2)
Hz = tf.hessians(rosen, z)[0]
gz = tf.gradients(rosen, z)[0]
zstep = tf.assign_sub(z, tf.linalg.solve(Hz, gz[:, None])[:, 0])
hx = tf.hessians(tf.reduce_sum(tf.sin(z) * tf.exp(z)), [z])

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, gn = s.run([loss, tf.norm(g)])
        print(i, repr(lv), repr(gn))
        s.run(step)
    print(s.run(w).tolist())
    print(s.run(H).tolist())
    for i in range(7):
        s.run(zstep)
    print(s.run([z, rosen, Hz])[0].tolist(), repr(s.run(rosen)))
    print(s.run(hx)[0].tolist())
