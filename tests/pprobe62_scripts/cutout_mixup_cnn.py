"""Cutout and mixup written in TF ops as augmentation repositories write them: cutout with a
random center from tf.random_uniform (op seeds), a mask built from tf.range comparisons and
tf.pad of a ones block, mixup with a lambda from tf.distributions.Beta sampled with a seed
and a shuffled partner from tf.random_shuffle, total_variation as a regularizer and
adjust_gamma on the inputs, feeding a small CNN trained a few steps with Adam: masks,
lambdas and losses at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(44)
B, H, W, C = 6, 8, 8, 3
x_np = np.random.rand(B, H, W, C).astype(np.float32)
y_np = np.eye(3, dtype=np.float32)[np.random.randint(0, 3, size=B)]
x = tf.placeholder(tf.float32, [None, H, W, C], name="x")
y = tf.placeholder(tf.float32, [None, 3], name="y")


def cutout(images, size=4, seed=None):
    n = tf.shape(images)[0]
    cy = tf.random_uniform([n], 0, H, dtype=tf.int32, seed=seed)
    cx = tf.random_uniform([n], 0, W, dtype=tf.int32, seed=seed + 1)
    rows = tf.range(H)[None, :, None]
    cols = tf.range(W)[None, None, :]
    in_rows = tf.logical_and(rows >= (cy - size // 2)[:, None, None],
                             rows < (cy + size // 2)[:, None, None])
    in_cols = tf.logical_and(cols >= (cx - size // 2)[:, None, None],
                             cols < (cx + size // 2)[:, None, None])
    inside = tf.logical_and(in_rows, in_cols)
    mask = 1.0 - tf.cast(inside, images.dtype)
    return images * mask[..., None], mask


def pad_cutout(image, seed):
    oy = tf.random_uniform([], 0, H - 3, dtype=tf.int32, seed=seed)
    ox = tf.random_uniform([], 0, W - 3, dtype=tf.int32, seed=seed + 1)
    hole = tf.pad(tf.ones([3, 3]), [[oy, H - 3 - oy], [ox, W - 3 - ox]])
    return image * (1.0 - hole)[:, :, None]


def mixup(images, labels, alpha=0.4, seed=None):
    dist = tf.distributions.Beta(alpha, alpha)
    lam = dist.sample([], seed=seed)
    lam = tf.maximum(lam, 1.0 - lam)
    idx = tf.random_shuffle(tf.range(tf.shape(images)[0]), seed=seed)
    xm = lam * images + (1.0 - lam) * tf.gather(images, idx)
    ym = lam * labels + (1.0 - lam) * tf.gather(labels, idx)
    return xm, ym, lam, idx


xc, mask = cutout(x, seed=10)
xp = pad_cutout(x[0], seed=20)
xm, ym, lam, idx = mixup(xc, y, seed=30)
xg = tf.image.adjust_gamma(xm, gamma=0.8)
print("shapes", xc.shape, mask.shape, xp.shape, xm.shape, ym.shape, lam.shape)

with tf.variable_scope("cnn"):
    h = tf.layers.conv2d(xg, 4, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.average_pooling2d(h, 2, 2)
    h = tf.layers.flatten(h)
    logits = tf.layers.dense(h, 3)
ce = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=ym, logits=logits))
tv = tf.reduce_mean(tf.image.total_variation(xg))
loss = ce + 1e-4 * tv
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))
print("beta ops", sorted({op.type for op in tf.get_default_graph().get_operations()
                          if "Random" in op.type}))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        m, p, l_, i, c, t, _ = sess.run([mask, xp, lam, idx, ce, tv, train], {x: x_np, y: y_np})
        print(step, int(m.sum()), repr(float(p.sum())), repr(float(l_)), i.tolist(),
              repr(float(c)), repr(float(t)))
