"""tf.contrib.slim conv2d/fully_connected with arg_scope, l2 regularizers, xavier init, batch_norm,
dropout."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


slim = tf.contrib.slim
tf.set_random_seed(99)
g = tf.get_default_graph()
X = np.random.RandomState(5).rand(4, 16, 16, 3).astype(np.float32)
Y = np.array([1, 0, 3, 2])
x = tf.constant(X)
with slim.arg_scope(
    [slim.conv2d, slim.fully_connected],
    activation_fn=tf.nn.relu,
    weights_initializer=slim.xavier_initializer(),
    weights_regularizer=slim.l2_regularizer(0.0005),
    normalizer_fn=slim.batch_norm,
    normalizer_params={"is_training": True, "decay": 0.9},
):
    net = slim.conv2d(x, 8, [3, 3], scope="conv1")
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = slim.repeat(net, 2, slim.conv2d, 6, [3, 3], scope="conv2")
    print(len(g.get_operations()))
    net = slim.flatten(net)
    net = slim.fully_connected(net, 16, scope="fc1")
    net = slim.dropout(net, 0.5, is_training=True, scope="drop")
    logits = slim.fully_connected(net, 4, activation_fn=None, normalizer_fn=None, scope="logits")
print(len(g.get_operations()))
slim.losses.sparse_softmax_cross_entropy(logits, Y) if hasattr(
    slim.losses, "sparse_softmax_cross_entropy"
) else None
tf.losses.sparse_softmax_cross_entropy(Y, logits)
total = tf.losses.get_total_loss()
opt = tf.train.MomentumOptimizer(0.05, 0.9)
train = slim.learning.create_train_op(total, opt, clip_gradient_norm=5.0)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in slim.get_model_variables()[:5]:
        print(v.name, H(s.run(v)))
    for i in range(3):
        print(repr(float(s.run(train))))
    for v in slim.get_variables("logits"):
        print(v.name, H(s.run(v)))
