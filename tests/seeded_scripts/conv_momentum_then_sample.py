"""A small convnet trained with Momentum (gradients of conv, pool, bias_add, mean), then
random ops with only the graph-level seed."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
rng = np.random.RandomState(1)
images = rng.rand(4, 8, 8, 3).astype(np.float32)
labels = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=4)]

x = tf.placeholder(tf.float32, [None, 8, 8, 3])
y = tf.placeholder(tf.float32, [None, 3])
h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
h = tf.layers.max_pooling2d(h, 2, 2)
logits = tf.layers.dense(tf.layers.flatten(h), 3)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
u = tf.random_uniform([2, 3])
t = tf.truncated_normal([4], stddev=0.5)
perm = tf.random_shuffle(tf.range(6))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, lv = sess.run([train, loss], {x: images, y: labels})
        print("step %d loss %.6f" % (step, lv))
    np.set_printoptions(precision=5, suppress=True)
    print(sess.run(u))
    print(sess.run(t))
    print(sess.run(perm))
