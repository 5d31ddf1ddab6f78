"""SpecAugment as TF1 ASR code writes it (the paper's reference-style implementation):
time warping with tf.contrib.image.sparse_image_warp on a log-mel image, frequency and time
masks drawn by tf.random_uniform with int32 dtype and op seeds inside a tf.while_loop,
masks from tf.range comparisons and tf.sequence_mask, a tf.data pipeline that augments
each utterance in a map with seeded random ops, stateless_random_uniform masks, and a
ctc_loss_v2 / ctc_unique_labels check on the augmented batch; shapes, masked counts,
losses at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(31)
tf.set_random_seed(32)
rs = np.random.RandomState(33)
T, M = 20, 16
feats = rs.randn(3, T, M).astype(np.float32)


def freq_mask(spec, F=4, num=2):
    def body(i, s):
        f = tf.random_uniform([], 0, F + 1, dtype=tf.int32, seed=41)
        f0 = tf.random_uniform([], 0, M - f, dtype=tf.int32, seed=42)
        idx = tf.range(M)
        m = tf.logical_and(idx >= f0, idx < f0 + f)
        return i + 1, tf.where(tf.tile(m[None, :], [tf.shape(s)[0], 1]), tf.zeros_like(s), s)
    return tf.while_loop(lambda i, s: i < num, body, [tf.constant(0), spec])[1]


def time_mask(spec, Tm=5):
    n = tf.shape(spec)[0]
    t = tf.random_uniform([], 0, Tm + 1, dtype=tf.int32, seed=43)
    t0 = tf.random_uniform([], 0, n - t, dtype=tf.int32, seed=44)
    keep = tf.logical_not(tf.logical_xor(tf.sequence_mask(t0, n), tf.sequence_mask(t0 + t, n)))
    return spec * tf.cast(keep, spec.dtype)[:, None]


def time_warp(spec, W=3):
    img = spec[None, :, :, None]
    n = tf.shape(spec)[0]
    c = tf.random_uniform([], W, T - W, dtype=tf.int32, seed=45)
    w = tf.random_uniform([], -W, W, dtype=tf.int32, seed=46)
    src = tf.cast(tf.stack([[c, M // 2]]), tf.float32)[None]
    dst = tf.cast(tf.stack([[c + w, M // 2]]), tf.float32)[None]
    warped, flow = tf.contrib.image.sparse_image_warp(img, src, dst, num_boundary_points=1)
    return warped[0, :, :, 0], flow, n


x = tf.placeholder(tf.float32, [T, M])
warped, flow, _ = time_warp(x)
aug = time_mask(freq_mask(warped))
print(warped.shape, flow.shape, aug.shape, len(tf.get_default_graph().get_operations()))
ds = tf.data.Dataset.from_tensor_slices(feats).map(lambda s: time_mask(freq_mask(s)))
ds = ds.repeat().batch(3)
it = ds.make_one_shot_iterator()
batch = it.get_next()
sm = tf.contrib.stateless.stateless_random_uniform([3, M], seed=[7, 8])
smask = tf.cast(sm > 0.3, tf.float32)
stateless_aug = batch * smask[:, None, :]
logits = tf.layers.dense(stateless_aug, 5,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=47))
labels = tf.constant([[1, 1, 2, 0], [3, 4, 0, 0], [2, 2, 2, 1]], tf.int32)
lab_len = tf.constant([3, 2, 4], tf.int32)
loss2 = tf.nn.ctc_loss_v2(labels, logits, lab_len, tf.fill([3], T), logits_time_major=False,
                          blank_index=0)
uniq = tf.nn.ctc_unique_labels(labels)
train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(loss2))
print(batch.shape, loss2.shape, loss2.op.name, uniq[0].shape, uniq[1].shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k in range(3):
        wv, fv, av = s.run([warped, flow, aug], {x: feats[k]})
        print(k, repr(wv[5, :3]), repr(fv[0, 10, 8]), int((av == 0).sum()), repr(av.sum()))
    u0, u1 = s.run(uniq)
    print(u0.tolist(), u1.tolist())
    bv, sv = s.run([batch, smask])
    print(bv.shape, int((bv == 0).sum()), repr(bv.sum()), repr(sv.sum()))
    for step in range(3):
        lv, _ = s.run([loss2, train])
        print(step, repr(lv))
    # ctc_loss_v2's fast path for unique labels (ctc_unique_labels of the batch's labels)
    loss_u = tf.nn.ctc_loss_v2(labels, logits, lab_len, tf.fill([3], T),
                               logits_time_major=False, unique=uniq)
    g_u = tf.gradients(tf.reduce_sum(loss_u), logits)[0]
    lu, lv, gu = s.run([loss_u, loss2, g_u])
    print(repr(lu), repr(lv), repr(gu[1, 4]), loss_u.op.name)
