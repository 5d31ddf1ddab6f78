"""dynamic_rnn over an LSTM stack and a GRU (sequence lengths, default-seeded weights made
inside the loops), a dense layer on the outputs, a variable and a dropout mask made after
them (only the graph-level seed), trained with Adam. (Random ops made after the gradients
of a while loop do not get TF's seeds: flowgrad's loop gradient builds fewer ops.)"""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
rng = np.random.RandomState(5)
data = rng.rand(4, 6, 3).astype(np.float32)
target = rng.rand(4, 2).astype(np.float32)

x = tf.placeholder(tf.float32, [4, 6, 3], name="x")
lengths = tf.placeholder(tf.int32, [4], name="lengths")
stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(5),
                                     tf.nn.rnn_cell.BasicLSTMCell(4)])
outs, state = tf.nn.dynamic_rnn(stack, x, sequence_length=lengths, dtype=tf.float32,
                                scope="lstm")
gru_outs, gru_state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), outs, dtype=tf.float32,
                                        scope="gru")
logits = tf.layers.dense(tf.concat([gru_state, state[1].h], 1), 2)
loss = tf.reduce_mean(tf.squared_difference(logits, target))
w_after = tf.get_variable("after", [2, 3], initializer=tf.glorot_uniform_initializer())
mask = tf.nn.dropout(tf.ones([2, 5]), rate=0.4)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
feed = {x: data, lengths: [6, 3, 1, 5]}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    np.set_printoptions(precision=5, suppress=True)
    print(sess.run(logits, feed))
    for step in range(3):
        _, lv = sess.run([train, loss], feed)
        print("step %d loss %.6f" % (step, lv))
    print(sess.run(w_after))
    print(sess.run(mask))
