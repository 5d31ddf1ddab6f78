"""Neural style transfer (Gatys et al. tutorial style) with a small fixed random conv net:
Gram matrices of two layers for the style loss, a content loss, total_variation_loss,
the image as a tf.Variable optimized with Adam and clipped back to [0, 1] with
tf.assign(tf.clip_by_value) after each step."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(121)
rs = np.random.RandomState(122)
S = 12
content = tf.constant(rs.rand(1, S, S, 3).astype(np.float32))
style = tf.constant(rs.rand(1, S, S, 3).astype(np.float32))
img = tf.Variable(content + tf.random_uniform([1, S, S, 3], -0.1, 0.1, seed=4), name="img")
k1 = tf.constant(rs.randn(3, 3, 3, 8).astype(np.float32) * 0.3)
k2 = tf.constant(rs.randn(3, 3, 8, 8).astype(np.float32) * 0.3)


def feats(x):
    a = tf.nn.relu(tf.nn.conv2d(x, k1, [1, 1, 1, 1], "SAME"))
    b = tf.nn.relu(
        tf.nn.conv2d(
            tf.nn.avg_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"), k2, [1, 1, 1, 1], "SAME"
        )
    )
    return a, b


def gram(f):
    s = tf.shape(f)
    m = tf.reshape(f, [-1, s[3]])
    return tf.matmul(m, m, transpose_a=True) / tf.cast(s[1] * s[2] * s[3], tf.float32)


fi, fs, fc = feats(img), feats(style), feats(content)
style_loss = tf.add_n([tf.reduce_mean(tf.square(gram(a) - gram(b))) for a, b in zip(fi, fs)])
content_loss = tf.reduce_mean(tf.square(fi[1] - fc[1]))
tv = tf.reduce_sum(tf.image.total_variation(img))
loss = 10.0 * style_loss + content_loss + 1e-3 * tv
opt = tf.train.AdamOptimizer(0.02).minimize(loss, var_list=[img])
with tf.control_dependencies([opt]):
    train = tf.assign(img, tf.clip_by_value(img, 0.0, 1.0))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        a, b, c, _ = s.run([style_loss, content_loss, tv, train])
        print(i, repr(float(a)), repr(float(b)), repr(float(c)))
    print(H(s.run(img)))
