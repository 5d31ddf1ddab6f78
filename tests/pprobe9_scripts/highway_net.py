"""Highway networks (Srivastava et al.) in TF1 style: stacked highway layers with carry-gate
bias -2 via tf.layers.dense, plus a convolutional highway block, trained with momentum on a
synthetic classification task; tf.nn.relu and sigmoid gates, op counts, losses, gate means."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def highway(x, size, name):
    with tf.variable_scope(name):
        h = tf.layers.dense(x, size, tf.nn.relu, name="H",
                            kernel_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=1))
        t = tf.layers.dense(x, size, tf.sigmoid, name="T",
                            bias_initializer=tf.constant_initializer(-2.0),
                            kernel_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2))
        return h * t + x * (1.0 - t), tf.reduce_mean(t)


def conv_highway(x, name):
    with tf.variable_scope(name):
        c = x.get_shape()[-1].value
        h = tf.layers.conv2d(x, c, 3, padding="same", activation=tf.nn.relu, name="H")
        t = tf.layers.conv2d(x, c, 3, padding="same", activation=tf.sigmoid, name="T",
                             bias_initializer=tf.constant_initializer(-1.0))
        return h * t + x * (1 - t)


tf.set_random_seed(921)
rs = np.random.RandomState(922)
X = tf.placeholder(tf.float32, [None, 6, 6, 2])
Y = tf.placeholder(tf.int64, [None])
h = conv_highway(X, "ch1")
h = conv_highway(h, "ch2")
h = tf.layers.flatten(h)
h = tf.layers.dense(h, 10, tf.nn.relu, name="inp")
gates = []
for i in range(4):
    h, g = highway(h, 10, "hw%d" % i)
    gates.append(g)
logits = tf.layers.dense(h, 4, name="out")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), Y), tf.float32))
train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(8, 6, 6, 2).astype(np.float32)
y = (x.sum((1, 2, 3)) > 0).astype(np.int64) + 2 * (x[:, 0, 0, 0] > 0)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        lv, gv, _ = s.run([loss, gates, train], {X: x, Y: y})
        print(i, repr(float(lv)), [repr(float(v)) for v in gv])
    print(repr(float(s.run(acc, {X: x, Y: y}))))
    print(H(s.run(logits, {X: x})))
