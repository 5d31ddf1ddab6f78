"""A static LSTM trained with RMSProp and gradient clipping, then a layer initialized
after the training ops (glorot_uniform with only the graph-level seed)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(99)
rng = np.random.RandomState(2)
seq = [rng.rand(3, 2).astype(np.float32) for _ in range(4)]
target = rng.rand(3, 5).astype(np.float32)

xs = [tf.placeholder(tf.float32, [3, 2]) for _ in range(4)]
cell = tf.nn.rnn_cell.BasicLSTMCell(5)
outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
loss = tf.reduce_mean(tf.squared_difference(outs[-1], target))
opt = tf.train.RMSPropOptimizer(0.01)
grads, tvars = zip(*opt.compute_gradients(loss))
clipped, norm = tf.clip_by_global_norm(grads, 1.0)
train = opt.apply_gradients(zip(clipped, tvars))
w_after = tf.get_variable("after", [2, 3], initializer=tf.glorot_uniform_initializer())
mask = tf.nn.dropout(tf.ones([2, 6]), rate=0.3)
feed = dict(zip(xs, seq))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, lv, n = sess.run([train, loss, norm], feed)
        print("step %d loss %.6f norm %.6f" % (step, lv, n))
    np.set_printoptions(precision=5, suppress=True)
    print(sess.run(w_after))
    print(sess.run(mask))
