"""tf.keras.layers used functionally in a graph (Input, Concatenate, LeakyReLU, Dropout,
Add) next to tf.layers with l2 regularization; trained with tf.losses.get_total_loss."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(2)
a_data = rng.randn(12, 3).astype(np.float32)
b_data = rng.randn(12, 2).astype(np.float32)
target = (a_data[:, :1] - 2 * b_data[:, 1:]).astype(np.float32)

a = tf.keras.layers.Input(shape=(3,), name="a")
b = tf.keras.layers.Input(shape=(2,), name="b")
h = tf.keras.layers.concatenate([a, b])
h = tf.layers.dense(h, 8, kernel_regularizer=tf.contrib.layers.l2_regularizer(0.01),
                    name="hidden")
h = tf.keras.layers.LeakyReLU(alpha=0.2)(h)
h = tf.keras.layers.Dropout(0.25, seed=4)(h, training=True)
skip = tf.layers.dense(a, 1, use_bias=False, kernel_initializer=tf.ones_initializer(),
                       name="skip")
out = tf.keras.layers.add([tf.layers.dense(h, 1, name="out"), skip])
y = tf.placeholder(tf.float32, [None, 1])
tf.losses.mean_squared_error(y, out)
loss = tf.losses.get_total_loss()
train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, value = sess.run([train, loss], {a: a_data, b: b_data, y: target})
        print("step %d loss %.5f" % (step, value))
    print(a.name, b.name, h.name, out.name)
    print([v.name for v in tf.trainable_variables()])
    print([t.name for t in tf.losses.get_losses()])
    print(np.round(sess.run(tf.losses.get_regularization_loss()), 5))
