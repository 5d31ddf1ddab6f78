import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(1)
X = rng.rand(16, 784).astype(np.float32)
Y = np.eye(10, dtype=np.float32)[rng.randint(0, 10, 16)]


def weight_variable(shape):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
with tf.name_scope("reshape"):
    x_image = tf.reshape(x, [-1, 28, 28, 1])
with tf.name_scope("conv1"):
    W_conv1 = weight_variable([5, 5, 1, 8])
    b_conv1 = bias_variable([8])
    h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)
with tf.name_scope("pool1"):
    h_pool1 = max_pool_2x2(h_conv1)
with tf.name_scope("conv2"):
    W_conv2 = weight_variable([5, 5, 8, 16])
    b_conv2 = bias_variable([16])
    h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)
with tf.name_scope("pool2"):
    h_pool2 = max_pool_2x2(h_conv2)
with tf.name_scope("fc1"):
    W_fc1 = weight_variable([7 * 7 * 16, 64])
    b_fc1 = bias_variable([64])
    h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 16])
    h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)
with tf.name_scope("dropout"):
    keep_prob = tf.placeholder(tf.float32)
    h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
with tf.name_scope("fc2"):
    W_fc2 = weight_variable([64, 10])
    b_fc2 = bias_variable([10])
    y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2
with tf.name_scope("loss"):
    cross_entropy = tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv)
    )
with tf.name_scope("adam_optimizer"):
    train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy)
with tf.name_scope("accuracy"):
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        _, lv = s.run([train_step, cross_entropy], {x: X, y_: Y, keep_prob: 0.5})
        print(i, repr(float(lv)))
    print(repr(float(s.run(accuracy, {x: X, y_: Y, keep_prob: 1.0}))))
    print(s.run(b_conv2).astype(np.float64).tolist())
    print(s.run(W_fc2)[0].astype(np.float64).tolist())
