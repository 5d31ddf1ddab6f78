"""A spatial transformer with a hand-written bilinear sampler as in the public STN
re-implementations: affine_grid from theta, floor / clip_by_value / cast, gather_nd of the
four corners, weights from the fractional parts, trained a few Adam steps on a 4-image
batch (gradients flow through theta by the weights only): op counts, values at full
precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def affine_grid(theta, h, w):
    xs = tf.linspace(-1.0, 1.0, w)
    ys = tf.linspace(-1.0, 1.0, h)
    gx, gy = tf.meshgrid(xs, ys)
    ones = tf.ones_like(gx)
    grid = tf.stack([tf.reshape(gx, [-1]), tf.reshape(gy, [-1]), tf.reshape(ones, [-1])])
    grid = tf.tile(tf.expand_dims(grid, 0), [tf.shape(theta)[0], 1, 1])
    return tf.matmul(theta, grid)          # [b, 2, h*w]


def bilinear(img, grid, h, w):
    b = tf.shape(img)[0]
    H_, W_ = img.shape[1].value, img.shape[2].value
    x = (grid[:, 0] + 1.0) * 0.5 * tf.cast(W_ - 1, tf.float32)
    y = (grid[:, 1] + 1.0) * 0.5 * tf.cast(H_ - 1, tf.float32)
    x0 = tf.cast(tf.floor(x), tf.int32)
    y0 = tf.cast(tf.floor(y), tf.int32)
    x1, y1 = x0 + 1, y0 + 1
    x0c = tf.clip_by_value(x0, 0, W_ - 1)
    x1c = tf.clip_by_value(x1, 0, W_ - 1)
    y0c = tf.clip_by_value(y0, 0, H_ - 1)
    y1c = tf.clip_by_value(y1, 0, H_ - 1)
    bidx = tf.tile(tf.range(b)[:, None], [1, h * w])

    def at(yy, xx):
        return tf.gather_nd(img, tf.stack([bidx, yy, xx], -1))

    xf0, xf1 = tf.cast(x0c, tf.float32), tf.cast(x1c, tf.float32)
    yf0, yf1 = tf.cast(y0c, tf.float32), tf.cast(y1c, tf.float32)
    wa = ((xf1 - x) * (yf1 - y))[..., None]
    wb = ((xf1 - x) * (y - yf0))[..., None]
    wc = ((x - xf0) * (yf1 - y))[..., None]
    wd = ((x - xf0) * (y - yf0))[..., None]
    out = tf.add_n([wa * at(y0c, x0c), wb * at(y1c, x0c), wc * at(y0c, x1c), wd * at(y1c, x1c)])
    return tf.reshape(out, [b, h, w, img.shape[3].value])


tf.set_random_seed(5)
rs = np.random.RandomState(5)
imgs = rs.rand(4, 9, 9, 1).astype(np.float32)
labels = np.array([1, 0, 2, 1], np.int32)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [None, 9, 9, 1], name="x")
lab = tf.placeholder(tf.int32, [None], name="lab")
with tf.variable_scope("loc"):
    hid = tf.layers.dense(tf.layers.flatten(x), 8, tf.nn.tanh,
                          kernel_initializer=tf.truncated_normal_initializer(0, 0.1, seed=1))
    th = tf.layers.dense(hid, 6, kernel_initializer=tf.zeros_initializer(),
                         bias_initializer=tf.constant_initializer([0.8, 0.1, 0.05,
                                                                   -0.1, 0.8, -0.05]))
theta = tf.reshape(th, [-1, 2, 3])
n0 = len(g.get_operations())
warped = bilinear(x, affine_grid(theta, 6, 6), 6, 6)
print("sampler ops", len(g.get_operations()) - n0, warped.shape)
logits = tf.layers.dense(tf.layers.flatten(warped), 3,
                         kernel_initializer=tf.glorot_normal_initializer(seed=9))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=logits))
gth = tf.gradients(loss, theta)[0]
n1 = len(g.get_operations())
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print("adam ops", len(g.get_operations()) - n1)
fd = {x: imgs, lab: labels}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    wv, gv = sess.run([warped, gth], fd)
    print("warped", H(wv), repr(float(wv[0, 0, 0, 0])), repr(float(wv[3, 5, 4, 0])))
    print("gtheta", H(gv), [repr(float(v)) for v in gv[2].ravel()])
    for step in range(5):
        lv, _ = sess.run([loss, train], fd)
        print(step, repr(float(lv)))
    tv = sess.run(theta, fd)
    print("theta", H(tv), repr(float(tv[1, 0, 2])))
