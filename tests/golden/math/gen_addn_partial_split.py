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


def cases(tf):
    out = {}
    for pad in range(5):
        for mean_img in (True, False):
            out["pad%d_%s" % (pad, "sq" if mean_img else "nosq")] = _case(tf, pad, mean_img)
    return out
