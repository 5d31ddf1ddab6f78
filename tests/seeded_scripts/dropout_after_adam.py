"""Graph seed only: an MLP trained with Adam, then dropout and a second model built after
minimize(); their random numbers depend on every op the training graph created."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
rng = np.random.RandomState(0)
xs = rng.rand(32, 20).astype(np.float32)
ys = rng.randint(0, 4, size=32)

x = tf.placeholder(tf.float32, [None, 20])
y = tf.placeholder(tf.int64, [None])
h = tf.layers.dense(x, 16, activation=tf.nn.relu)
logits = tf.layers.dense(h, 4)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
# built after minimize(): op seeds come from the graph's op count
dropped = tf.nn.dropout(h, keep_prob=0.5)
noise = tf.random_normal([3, 4])
with tf.variable_scope("second"):
    h2 = tf.layers.dense(x, 5, activation=tf.tanh)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, lv = sess.run([train, loss], {x: xs, y: ys})
        print("step %d loss %.6f" % (step, lv))
    np.set_printoptions(precision=5, suppress=True)
    print(sess.run(dropped, {x: xs[:2]})[:, :8])
    print(sess.run(noise))
    print(sess.run(h2, {x: xs[:2]}))
