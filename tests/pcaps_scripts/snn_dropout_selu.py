"""The SNN repository's (bioinf-jku/SNNs) hand-written selu and dropout_selu, imported from
TF's private modules (tensor_util.constant_value, layers.utils.smart_cond), in a seeded MLP
trained a few steps with a training placeholder."""
import numbers

import numpy as np
import tensorflow as tf
from tensorflow.contrib import layers
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import random_ops
from tensorflow.python.ops import array_ops
from tensorflow.python.layers import utils

np.random.seed(0)
tf.set_random_seed(11)


def selu(x):
    with ops.name_scope('elu'):
        alpha = 1.6732632423543772848170429916717
        scale = 1.0507009873554804934193349852946
        return scale * tf.where(x >= 0.0, x, alpha * tf.nn.elu(x))


def dropout_selu(x, rate, alpha=-1.7580993408473766, fixedPointMean=0.0, fixedPointVar=1.0,
                 noise_shape=None, seed=None, name=None, training=False):
    def dropout_selu_impl(x, rate, alpha, noise_shape, seed, name):
        keep_prob = 1.0 - rate
        x = ops.convert_to_tensor(x, name="x")
        if isinstance(keep_prob, numbers.Real) and not 0 < keep_prob <= 1:
            raise ValueError("keep_prob must be a scalar tensor or a float in the "
                             "range (0, 1], got %g" % keep_prob)
        keep_prob = ops.convert_to_tensor(keep_prob, dtype=x.dtype, name="keep_prob")
        keep_prob.get_shape().assert_is_compatible_with(tensor_shape.scalar())
        alpha = ops.convert_to_tensor(alpha, dtype=x.dtype, name="alpha")
        alpha.get_shape().assert_is_compatible_with(tensor_shape.scalar())
        if tensor_util.constant_value(keep_prob) == 1:
            return x
        noise_shape = noise_shape if noise_shape is not None else array_ops.shape(x)
        random_tensor = keep_prob
        random_tensor += random_ops.random_uniform(noise_shape, seed=seed, dtype=x.dtype)
        binary_tensor = math_ops.floor(random_tensor)
        ret = x * binary_tensor + alpha * (1 - binary_tensor)
        a = math_ops.sqrt(fixedPointVar / (keep_prob * ((1 - keep_prob) * math_ops.pow(
            alpha - fixedPointMean, 2) + fixedPointVar)))
        b = fixedPointMean - a * (keep_prob * fixedPointMean + (1 - keep_prob) * alpha)
        ret = a * ret + b
        ret.set_shape(x.get_shape())
        return ret
    with ops.name_scope(name, "dropout", [x]) as name:
        return utils.smart_cond(training,
                                lambda: dropout_selu_impl(x, rate, alpha, noise_shape, seed,
                                                          name),
                                lambda: array_ops.identity(x))


x = tf.placeholder(tf.float32, [None, 20])
y = tf.placeholder(tf.float32, [None, 3])
is_training = tf.placeholder(tf.bool)
init = layers.variance_scaling_initializer(factor=1.0, mode='FAN_IN', seed=3)
h = x
for i in range(3):
    W = tf.get_variable("W%d" % i, [h.shape[1].value, 16], initializer=init)
    b = tf.get_variable("b%d" % i, [16], initializer=tf.zeros_initializer())
    h = selu(tf.matmul(h, W) + b)
    h = dropout_selu(h, 0.05, training=is_training, seed=7)
logits = tf.layers.dense(h, 3, kernel_initializer=tf.keras.initializers.lecun_normal(seed=5))
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
print(h, logits)
print(len(tf.get_default_graph().get_operations()))
xs = np.random.randn(8, 20).astype(np.float32)
ys = np.eye(3)[np.random.randint(0, 3, 8)]
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        _, loss_value = s.run([train, loss], {x: xs, y: ys, is_training: True})
        print(i, "%.5f" % loss_value)
    print(np.round(s.run(h, {x: xs, is_training: False})[:2], 4))
    print(np.round(s.run(h, {x: xs, is_training: True})[:2], 4))
