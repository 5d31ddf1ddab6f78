"""nlintz/TensorFlow-Tutorials' "modern net": a 3-layer perceptron with ReLU, dropout on
input and hidden layers through keep-probability placeholders, random_normal(stddev=0.01)
weights and RMSPropOptimizer(0.001, 0.9); batches of 16, test accuracy per epoch, then the
same net with tf.nn.dropout's noise_shape and tf.layers.dropout in training/inference."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def init_weights(shape):
    return tf.Variable(tf.random_normal(shape, stddev=0.01))


def model(X, w_h, w_h2, w_o, p_keep_input, p_keep_hidden):
    X = tf.nn.dropout(X, p_keep_input)
    h = tf.nn.relu(tf.matmul(X, w_h))
    h = tf.nn.dropout(h, p_keep_hidden)
    h2 = tf.nn.relu(tf.matmul(h, w_h2))
    h2 = tf.nn.dropout(h2, p_keep_hidden)
    return tf.matmul(h2, w_o)


tf.set_random_seed(1141)
rs = np.random.RandomState(1142)
W_true = rs.randn(20, 5).astype(np.float32)
trX = rs.randn(128, 20).astype(np.float32)
trY = np.eye(5, dtype=np.float32)[np.argmax(trX.dot(W_true) + 0.3 * rs.randn(128, 5), 1)]
teX = rs.randn(48, 20).astype(np.float32)
teY = np.eye(5, dtype=np.float32)[np.argmax(teX.dot(W_true), 1)]

X = tf.placeholder("float", [None, 20])
Y = tf.placeholder("float", [None, 5])
w_h = init_weights([20, 32])
w_h2 = init_weights([32, 32])
w_o = init_weights([32, 5])
p_keep_input = tf.placeholder("float")
p_keep_hidden = tf.placeholder("float")
py_x = model(X, w_h, w_h2, w_o, p_keep_input, p_keep_hidden)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=py_x, labels=Y))
train_op = tf.train.RMSPropOptimizer(0.001, 0.9).minimize(cost)
predict_op = tf.argmax(py_x, 1)
print("ops", len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in tf.global_variables()))

with tf.Session() as sess:
    tf.global_variables_initializer().run()
    for i in range(5):
        for start, end in zip(range(0, len(trX), 16), range(16, len(trX) + 1, 16)):
            sess.run(train_op, feed_dict={X: trX[start:end], Y: trY[start:end],
                                          p_keep_input: 0.8, p_keep_hidden: 0.5})
        pred = sess.run(predict_op, feed_dict={X: teX, p_keep_input: 1.0, p_keep_hidden: 1.0})
        c = sess.run(cost, feed_dict={X: trX, Y: trY, p_keep_input: 0.8, p_keep_hidden: 0.5})
        print(i, repr(float(np.mean(np.argmax(teY, axis=1) == pred))), repr(float(c)))
    print([H(v) for v in sess.run([w_h, w_h2, w_o])])
    slots = [v for v in tf.global_variables() if 'RMSProp' in v.name]
    print([H(v) for v in sess.run(slots)])

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(1143)
    x = tf.constant(rs.randn(6, 8).astype(np.float32))
    training = tf.placeholder_with_default(False, [])
    d1 = tf.nn.dropout(x, keep_prob=0.6, noise_shape=[6, 1], seed=3)
    d2 = tf.nn.dropout(x, rate=0.25, noise_shape=[1, 8])
    d3 = tf.layers.dropout(x, rate=0.5, training=training, seed=5)
    d4 = tf.keras.layers.Dropout(0.3, seed=6)(x, training=True)
    print("ops", len(g.get_operations()), [t.name for t in (d1, d2, d3, d4)])
    with tf.Session() as sess:
        for _ in range(2):
            print([H(v) for v in sess.run([d1, d2, d4])])
            print(H(sess.run(d3)), H(sess.run(d3, {training: True})))
