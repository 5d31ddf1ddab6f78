"""An MNIST-like MLP with tf.layers, trained on random data (a flowgrad run tutorial)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
rng = np.random.RandomState(0)
images = rng.rand(64, 784).astype(np.float32)
labels = rng.randint(0, 10, size=64)

x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.int64, [None])
training = tf.placeholder_with_default(False, [])
h = tf.layers.dense(x, 64, activation=tf.nn.relu)
h = tf.layers.dropout(h, rate=0.25, training=True)
logits = tf.layers.dense(h, 10)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, loss_value = sess.run([train, loss], {x: images, y: labels})
        print("step %d loss %.5f" % (step, loss_value))
    print("accuracy %.4f" % sess.run(acc, {x: images, y: labels}))
    print([v.name for v in tf.trainable_variables()])
