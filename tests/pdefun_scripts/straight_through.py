"""Straight-through estimators as Defuns: sign binarization (a grad_func Defun giving the
clipped identity, so the gradient is a SymbolicGradient), round-to-grid quantization
(python_grad_func) and an overloaded Defun without types; a small binarized net
trained with Adam, seeded."""

import numpy as np
import tensorflow as tf
from tensorflow.python.framework import function

tf.set_random_seed(11)
np.set_printoptions(precision=5, suppress=True)


@function.Defun(tf.float32, tf.float32)
def BinarizeGrad(x, dy):
    return dy * tf.cast(tf.abs(x) <= 1.0, tf.float32)


@function.Defun(tf.float32, grad_func=BinarizeGrad)
def Binarize(x):
    return tf.sign(x)


def _quantize_grad(op, grad):
    return grad


@function.Defun(tf.float32, python_grad_func=_quantize_grad, func_name="Quantize4")
def quantize(x):
    return tf.round(x * 4.0) / 4.0


@function.Defun()
def hard_tanh(x):
    return tf.clip_by_value(x, -1.0, 1.0)


print(Binarize.name, BinarizeGrad.name, quantize.name)
rng = np.random.RandomState(5)
xs = rng.randn(32, 6).astype(np.float32)
ys = (xs.sum(axis=1) > 0).astype(np.float32)[:, None]

x = tf.constant(xs)
w1 = tf.get_variable("w1", [6, 8], initializer=tf.glorot_uniform_initializer())
w2 = tf.get_variable("w2", [8, 1], initializer=tf.glorot_uniform_initializer())
h = hard_tanh(tf.matmul(quantize(x), Binarize(w1)))
print("h", h.name, h.op.type, h.get_shape())
logits = tf.matmul(h, Binarize(w2)) * 0.25
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=ys, logits=logits))
gw = tf.gradients(loss, [w1, w2])
print([t.name for t in gw])
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print("n_ops", len(tf.get_default_graph().get_operations()))
names = sorted(set(op.type for op in tf.get_default_graph().get_operations()
                   if op.type.startswith(("Binarize", "Quantize", "hard_tanh", "Symbolic"))))
print(names)
gd = tf.get_default_graph().as_graph_def()
print([(g.function_name, g.gradient_func) for g in gd.library.gradient])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(np.round(sess.run(gw[1]).ravel(), 5))
    for step in range(5):
        _, lv = sess.run([train, loss])
        print(step, np.float32(lv))
