"""slim LeNet with arg_scope (conv2d/fully_connected weights_regularizer, truncated_normal
init), max_pool2d, flatten, dropout(is_training); softmax_cross_entropy and
get_total_loss; slim.learning.create_train_op with RMSProp."""
import hashlib
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(99)
rs = np.random.RandomState(12)
images = tf.constant(rs.rand(4, 16, 16, 1).astype(np.float32))
labels = tf.one_hot(tf.constant([1, 3, 0, 2]), 4)


def lenet(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_initializer=tf.truncated_normal_initializer(stddev=0.1),
                        weights_regularizer=slim.l2_regularizer(0.0005)):
        net = slim.conv2d(images, 6, [5, 5], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], 2, scope="pool1")
        net = slim.conv2d(net, 8, [5, 5], scope="conv2")
        net = slim.max_pool2d(net, [2, 2], 2, scope="pool2")
        net = slim.flatten(net)
        net = slim.fully_connected(net, 20, scope="fc3")
        net = slim.dropout(net, 0.5, is_training=is_training, scope="dropout3")
        return slim.fully_connected(net, 4, activation_fn=None, scope="fc4")


logits = lenet(images, True)
tf.losses.softmax_cross_entropy(labels, logits)
total = tf.losses.get_total_loss()
train = slim.learning.create_train_op(total, tf.train.RMSPropOptimizer(0.01))
with tf.variable_scope("", reuse=True):
    eval_logits = lenet(images, False)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        print(i, repr(float(s.run(train))))
    print(H(s.run(eval_logits)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
