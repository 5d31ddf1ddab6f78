"""Hands-On ML (1st ed.) ch. 14: time-series prediction as in the book: a BasicRNNCell
wrapped in tf.contrib.rnn.OutputProjectionWrapper through tf.nn.dynamic_rnn, the
stacked variant (MultiRNNCell of three cells, outputs reshaped, one dense layer, reshaped
back), and a DropoutWrapper(input_keep_prob) stack (parallel_iterations=1: with the batch size
unknown TF runs the first cell's dropout of several steps at once, so its random stream
follows the scheduling); then generating a sequence by feeding
back predictions; Adam; op counts and values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1651)
rs = np.random.RandomState(1652)
t_min, t_max, resolution = 0, 30, 0.1


def time_series(t):
    return t * np.sin(t) / 3 + 2 * np.sin(t * 5)


def next_batch(batch_size, n_steps):
    t0 = rs.rand(batch_size, 1) * (t_max - t_min - n_steps * resolution)
    Ts = t0 + np.arange(0., n_steps + 1) * resolution
    ys = time_series(Ts)
    return (ys[:, :-1].reshape(-1, n_steps, 1).astype(np.float32),
            ys[:, 1:].reshape(-1, n_steps, 1).astype(np.float32))


n_steps, n_inputs, n_neurons, n_outputs = 8, 1, 10, 1
X = tf.placeholder(tf.float32, [None, n_steps, n_inputs])
y = tf.placeholder(tf.float32, [None, n_steps, n_outputs])
with tf.variable_scope("proj"):
    cell = tf.contrib.rnn.OutputProjectionWrapper(
        tf.contrib.rnn.BasicRNNCell(num_units=n_neurons, activation=tf.nn.relu),
        output_size=n_outputs)
    outputs, states = tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)
    loss = tf.reduce_mean(tf.square(outputs - y))
    training_op = tf.train.AdamOptimizer(0.001).minimize(loss)
with tf.variable_scope("stacked"):
    layers = [tf.contrib.rnn.BasicRNNCell(num_units=6) for _ in range(3)]
    multi = tf.contrib.rnn.MultiRNNCell(layers)
    rnn_outputs, mstates = tf.nn.dynamic_rnn(multi, X, dtype=tf.float32)
    stacked_rnn_outputs = tf.reshape(rnn_outputs, [-1, 6])
    stacked_outputs = tf.layers.dense(stacked_rnn_outputs, n_outputs)
    outputs2 = tf.reshape(stacked_outputs, [-1, n_steps, n_outputs])
    loss2 = tf.reduce_mean(tf.square(outputs2 - y))
    training_op2 = tf.train.AdamOptimizer(0.001).minimize(loss2)
with tf.variable_scope("drop"):
    keep_prob = tf.placeholder_with_default(1.0, shape=())
    cells = [tf.contrib.rnn.DropoutWrapper(tf.contrib.rnn.BasicRNNCell(num_units=5),
                                           input_keep_prob=keep_prob, seed=1653)
             for _ in range(2)]
    dout, _ = tf.nn.dynamic_rnn(tf.contrib.rnn.MultiRNNCell(cells), X, dtype=tf.float32,
                                parallel_iterations=1)
    loss3 = tf.reduce_mean(tf.square(tf.layers.dense(dout, 1) - y))
    training_op3 = tf.train.AdamOptimizer(0.01).minimize(loss3)

g = tf.get_default_graph()
print(len(g.get_operations()), outputs.name, states.name, len(mstates), outputs2.name)
print([v.name for v in tf.trainable_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(30):
        Xb, yb = next_batch(10, n_steps)
        sess.run([training_op, training_op2], feed_dict={X: Xb, y: yb})
        sess.run(training_op3, feed_dict={X: Xb, y: yb, keep_prob: 0.5})
        if it % 10 == 0:
            print(it, [repr(float(v)) for v in sess.run([loss, loss2, loss3],
                                                         feed_dict={X: Xb, y: yb})])
    sequence = [0.] * n_steps
    for iteration in range(12):
        X_batch = np.array(sequence[-n_steps:], np.float32).reshape(1, n_steps, 1)
        y_pred = sess.run(outputs, feed_dict={X: X_batch})
        sequence.append(y_pred[0, -1, 0])
    print([repr(float(v)) for v in sequence[n_steps:]])
    print(H(sess.run(outputs2, feed_dict={X: Xb})), H(sess.run(mstates[-1], feed_dict={X: Xb})))
