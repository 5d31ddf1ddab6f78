"""Dropout as TF1 repositories use it: tf.nn.dropout with keep_prob from a placeholder and a
noise_shape for spatial (channel-wise) dropout, tf.layers.dropout with a training
placeholder and noise_shape, tf.contrib.nn.alpha_dropout with seeds in a SELU net; losses over
a few steps, the masks' shapes and kept fractions, op names and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(8)
tf.set_random_seed(31)
xs = np.random.rand(4, 6, 6, 5).astype(np.float32)
ys = np.random.randn(4, 2).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6, 6, 5])
y = tf.placeholder(tf.float32, [None, 2])
keep = tf.placeholder_with_default(1.0, [], name="keep_prob")
training = tf.placeholder_with_default(False, [], name="is_training")
c = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu,
                     kernel_initializer=tf.glorot_uniform_initializer(seed=1))
shp = tf.shape(c)
c = tf.nn.dropout(c, keep_prob=keep, noise_shape=[shp[0], 1, 1, shp[3]], seed=5)
c2 = tf.layers.dropout(c, rate=0.3, noise_shape=[4, 1, 1, 4], training=training, seed=6)
f = tf.layers.flatten(c2)
h = tf.layers.dense(f, 16, activation=tf.nn.selu,
                    kernel_initializer=tf.variance_scaling_initializer(1.0, seed=2))
h = tf.contrib.nn.alpha_dropout(h, keep_prob=0.8, seed=7)
out = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
loss = tf.reduce_mean(tf.square(out - y))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(c.name, c2.name, h.name, "ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        _, lv = sess.run([train, loss], {x: xs, y: ys, keep: 0.6, training: True})
        print(i, repr(float(lv)))
    cv, c2v = sess.run([c, c2], {x: xs, keep: 0.6, training: True})
    zero_maps = (np.abs(cv).sum(axis=(1, 2)) == 0).sum()
    print(cv.shape, int(zero_maps), repr(float(c2v.sum())))
    print("eval", repr(float(sess.run(loss, {x: xs, y: ys}))))

with tf.Graph().as_default():
    tf.set_random_seed(3)
    a = tf.constant(np.linspace(-2.0, 2.0, 40).reshape(8, 5).astype(np.float32))
    d1 = tf.nn.dropout(a, keep_prob=0.5, noise_shape=[8, 1], seed=1)
    d2 = tf.nn.dropout(a, rate=0.25, noise_shape=[1, 5], seed=2)
    d3 = tf.contrib.nn.alpha_dropout(a, 0.7, noise_shape=[8, 1], seed=3)
    d4 = tf.contrib.nn.alpha_dropout(a, 1.0)
    d5 = tf.layers.dropout(a, 0.5, training=True, seed=4)
    d6 = tf.keras.layers.SpatialDropout2D(0.5, seed=5)(tf.reshape(a, [2, 2, 2, 5]),
                                                         training=True)
    print([t.name for t in [d1, d2, d3, d4, d5, d6]], len(tf.get_default_graph().get_operations()))
    with tf.Session() as sess:
        for t in sess.run([d1, d2, d3, d4, d5, d6]):
            print(np.asarray(t).ravel()[[0, 7, 13, 22, 38]].tolist())
    for bad in [lambda: tf.nn.dropout(a, keep_prob=1.5),
                lambda: tf.nn.dropout(a, rate=1.0),
                lambda: tf.nn.dropout(a, keep_prob=0.5, rate=0.5),
                lambda: tf.nn.dropout(a, keep_prob=0.5, noise_shape=[3, 1]),
                lambda: tf.contrib.nn.alpha_dropout(a, 0.0),
                lambda: tf.nn.dropout(tf.constant([1, 2]), 0.5)]:
        try:
            r = bad()
            print("no error", r.name)
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0])
