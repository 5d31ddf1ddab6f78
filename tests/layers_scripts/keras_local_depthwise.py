"""tf.keras layers in graph mode (LocallyConnected1D/2D in both implementations,
DepthwiseConv2D, SeparableConv2D) with tf.losses and tf.metrics; graph-seeded weights."""
import numpy as np
import tensorflow as tf

K = tf.keras.layers
tf.set_random_seed(11)
rng = np.random.RandomState(2)
images = rng.rand(4, 8, 8, 3).astype(np.float32)
targets = rng.rand(4, 2).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 8, 8, 3])
t = tf.placeholder(tf.float32, [None, 2])
h = K.DepthwiseConv2D(3, depth_multiplier=2, activation="relu")(x)
h = K.SeparableConv2D(4, 2, dilation_rate=2, padding="same")(h)
h = K.LocallyConnected2D(3, 2, strides=2, implementation=2, padding="same")(h)
h = K.LocallyConnected2D(2, 2, activation="tanh")(h)
h = K.Reshape((4, 2))(h)
h = K.LocallyConnected1D(3, 2, implementation=1)(h)
h = K.Flatten()(h)
out = K.Dense(2)(h)
loss = tf.losses.mean_squared_error(t, out, weights=[[1.0, 0.5]])
huber = tf.losses.huber_loss(t, out, delta=0.5, reduction=tf.losses.Reduction.MEAN)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
mse, mse_up = tf.metrics.mean_squared_error(t, out)
rmse, rmse_up = tf.metrics.root_mean_squared_error(t, out)
with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    for step in range(5):
        _, lv, hl = sess.run([train, loss, huber], {x: images, t: targets})
        print("step %d loss %.6f huber %.6f" % (step, lv, hl))
    sess.run([mse_up, rmse_up], {x: images, t: targets})
    print("mse %.6f rmse %.6f" % tuple(sess.run([mse, rmse])))
    print([(v.name, v.shape.as_list()) for v in tf.trainable_variables()
           if "locally" in v.name])
