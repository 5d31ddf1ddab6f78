"""Video-model building blocks without ConvLSTM: frame differences, tf.extract_volume_patches,
max_pool3d/avg_pool3d with strides, conv3d_transpose upsampling, a (2+1)D factorized
convolution with tf.layers.conv3d, temporal global pooling and frame-wise resize via
reshape/resize_bilinear; trained with Momentum on a next-frame loss: op counts, values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(971)
rs = np.random.RandomState(972)
B, T, S, C = 2, 6, 8, 2
V = tf.placeholder(tf.float32, [B, T, S, S, C])
diff = V[:, 1:] - V[:, :-1]
patches = tf.extract_volume_patches(V, [1, 2, 3, 3, 1], [1, 2, 2, 2, 1], "SAME")
mp = tf.nn.max_pool3d(V, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID")
ap = tf.nn.avg_pool3d(diff, [1, 3, 2, 2, 1], [1, 1, 2, 2, 1], "SAME")
init = tf.glorot_uniform_initializer(seed=973)
sp = tf.layers.conv3d(V, 4, (1, 3, 3), padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="spatial")
tm = tf.layers.conv3d(sp, 4, (3, 1, 1), padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="temporal")
down = tf.layers.max_pooling3d(tm, 2, 2)
up = tf.layers.conv3d_transpose(down, C, 2, strides=2, kernel_initializer=init, name="up")
frames = tf.reshape(V, [B * T, S, S, C])
small = tf.image.resize_bilinear(frames, [4, 4], align_corners=True)
small = tf.reshape(small, [B, T, 4, 4, C])
tpool = tf.reduce_mean(tm, 1)
pred = up[:, :-1]
loss = tf.reduce_mean(tf.square(pred - V[:, 1:])) + 0.01 * tf.reduce_mean(tf.abs(tpool))
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
print(patches.shape, mp.shape, ap.shape, up.shape, small.shape)
v = rs.rand(B, T, S, S, C).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for t in s.run([patches, mp, ap, small], {V: v}):
        print(H(t))
    for i in range(5):
        lv, _ = s.run([loss, train], {V: v})
        print(i, repr(float(lv)))
    print(H(s.run(up, {V: v})))
