"""tf.hessians of one and two xs, Hessian-vector products (double backprop and
_hessian_vector_product)."""

import numpy as np
import tensorflow as tf
from tensorflow.python.ops import gradients_impl

tf.set_random_seed(2)
np.set_printoptions(precision=5, suppress=True)
x = tf.Variable([1.0, 2.0, 3.0], name="x")
A = tf.constant([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]])
f = 0.5 * tf.reduce_sum(x * tf.linalg.matvec(A, x)) + tf.reduce_sum(tf.sin(x))
H = tf.hessians(f, x)
w = tf.Variable(tf.ones([2, 2]), name="w")
f2 = tf.reduce_sum(tf.pow(w, 3)) + tf.reduce_sum(tf.matmul(w, w))
H2 = tf.hessians(f2, [w])
v = tf.constant([1.0, 0.0, -1.0])
g = tf.gradients(f, x)[0]
hvp = tf.gradients(tf.reduce_sum(g * tf.stop_gradient(v)), x)[0]

hvp2 = gradients_impl._hessian_vector_product(f, [x], [v])
print(H[0].name, H2[0].name, hvp.name, hvp2[0].name)
# (tf.hessians' while_loop: flowgrad's graph holds it as one While op, TF's as frames)
n = tf.random_normal([3])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(H))
    print(s.run(H2[0]))
    print(s.run([hvp, hvp2]))
    print(s.run(n))
