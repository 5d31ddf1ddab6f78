"""Grappler's constant folding splits an AddN with some constant inputs, against TF 1.14
bit for bit.

A loss whose gradient has constant terms (`reduce_mean(depthwise_conv2d(img, k))` and
`reduce_mean(img * hr)` with `hr` a constant: their gradients with respect to `img` are
constants) sums them in one gradient AddN with the others. TF's constant folding adds
`ConstantFolding/gradients/AddN_partial_split_2` = AddN of the constant inputs and the
AddN reads that in place of its first constant input; its arithmetic optimizer then sorts
the name first and regroups the tree (AddOpsRewrite). `pad` ops made first shift the
op-seeded initial kernel (each a different value)."""
import numpy as np


def _case(tf, pad, mean_img):
    rs = np.random.RandomState(7)
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        for _ in range(pad):
            tf.constant(1.0, name="pad")
        hr = tf.constant(rs.rand(2, 8, 8, 3).astype(np.float32))
        h = tf.layers.conv2d(hr, 3, 3, padding="same")
        sr = tf.clip_by_value(h + hr, 0.0, 1.0)
        img = tf.identity(sr)
        k = tf.constant(rs.rand(3, 3, 3, 1).astype(np.float32))
        mu = tf.nn.depthwise_conv2d(img, k, [1, 1, 1, 1], "VALID")
        mom = tf.reduce_mean(mu) + tf.reduce_mean(img * hr)
        if mean_img:
            mom += tf.reduce_mean(tf.square(img))
        dy, dx = tf.image.image_gradients(sr)
        loss = tf.reduce_mean(tf.abs(sr - hr)) + mom + \
            0.01 * tf.reduce_mean(tf.square(dx) + tf.square(dy)) + \
            1e-4 * tf.reduce_mean(tf.image.total_variation(sr))
        train = tf.train.AdamOptimizer(0.01).minimize(loss)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            got = []
            for _ in range(2):
                s.run(train)
                got.extend(s.run(tf.trainable_variables()))
            return got


def _order_case(tf, perm):
    """`add_n` of three products and three constants, interleaved two ways (five inputs
    for perm >= 4), read by `1.5 * sum`: the split's name sorts first, and the kernel
    sums from the first product (a buffer it takes over)."""
    rs = np.random.RandomState(3 + perm)
    with tf.Graph().as_default():
        x = tf.Variable(rs.normal(0, 1, [64]).astype(np.float32))
        ts = [tf.multiply(x, float(rs.uniform(0.1, 3)), name=nm)
              for nm in ("zmul", "amul", "mmul")]
        cs = [tf.constant(rs.normal(0, 10, [64]).astype(np.float32), name=nm)
              for nm in ("c1", "c2", "c3")]
        if perm % 2:
            order = [ts[0], cs[0], ts[1], cs[1], ts[2], cs[2]]
        else:
            order = [cs[0], ts[2], cs[1], ts[0], cs[2], ts[1]]
        if perm >= 4:
            order = order[:5]
        out = tf.identity(tf.add_n(order) * 1.5)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return [sess.run(out)]


def cases(tf):
    out = {}
    for perm in range(6):
        out["order%d" % perm] = _order_case(tf, perm)
    for pad in range(5):
        for mean_img in (True, False):
            out["pad%d_%s" % (pad, "sq" if mean_img else "nosq")] = _case(tf, pad, mean_img)
    return out
