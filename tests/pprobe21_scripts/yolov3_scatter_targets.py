"""YOLOv3-style targets and loss on two scales (4x4 and 2x2 grids, two anchors each):
each truth's best anchor by width/height IoU (argmax over the four anchors), its cell by
floor, the target tensors built by tf.scatter_nd of [image, row, col, anchor] indices,
predictions decoded with a tf.meshgrid cell grid, sigmoid offsets and exp-scaled anchors,
the ignore mask (best IoU with the image's truths under 0.1) computed per image in a
tf.while_loop writing a TensorArray with tf.boolean_mask of the valid truths, the
sigmoid cross-entropy xy / objectness / class terms and the squared wh term scaled by
2 - w*h, trained with Adam."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2151)
rs = np.random.RandomState(2152)
B, C, T = 2, 3, 3
anchors = np.array([[0.1, 0.12], [0.2, 0.15], [0.35, 0.4], [0.6, 0.5]], np.float32)
imgs = rs.uniform(size=(B, 16, 16, 3)).astype(np.float32)
# truths (cy, cx, h, w) in [0, 1], a class, a valid flag (image 1 has two)
tb = np.concatenate([rs.uniform(0.15, 0.85, (B, T, 2)), rs.uniform(0.08, 0.6, (B, T, 2))],
                    -1).astype(np.float32)
tc = rs.randint(0, C, (B, T)).astype(np.int32)
tv = np.array([[1, 1, 1], [1, 1, 0]], bool)

x = tf.constant(imgs)
f4 = tf.layers.conv2d(x, 8, 3, strides=4, padding="same", activation=tf.nn.leaky_relu,
                      name="f4", kernel_initializer=tf.glorot_uniform_initializer(seed=51))
f2 = tf.layers.conv2d(f4, 8, 3, strides=2, padding="same", activation=tf.nn.leaky_relu,
                      name="f2", kernel_initializer=tf.glorot_uniform_initializer(seed=52))
outs = [tf.reshape(tf.layers.conv2d(f, 2 * (5 + C), 1, name="head%d" % g,
                                    kernel_initializer=tf.glorot_uniform_initializer(
                                        seed=53 + g)), [B, g, g, 2, 5 + C])
        for f, g in ((f4, 4), (f2, 2))]

truth = tf.constant(tb)
valid = tf.constant(tv)
wh = truth[..., 2:]
inter = tf.reduce_prod(tf.minimum(wh[:, :, None], anchors[None, None]), -1)
wh_iou = inter / (tf.reduce_prod(wh, -1)[..., None] + np.prod(anchors, -1) - inter)
best = tf.argmax(wh_iou, -1, output_type=tf.int32)            # [B, T] in 0..3


def box_iou(a, b):
    amin, amax = a[..., :2] - a[..., 2:] / 2, a[..., :2] + a[..., 2:] / 2
    bmin, bmax = b[..., :2] - b[..., 2:] / 2, b[..., :2] + b[..., 2:] / 2
    i = tf.reduce_prod(tf.maximum(tf.minimum(amax, bmax) - tf.maximum(amin, bmin), 0.0), -1)
    return i / (tf.reduce_prod(a[..., 2:], -1) + tf.reduce_prod(b[..., 2:], -1) - i)


loss = 0.0
stats = []
for s_i, (out, g) in enumerate(zip(outs, (4, 2))):
    an = anchors[2 * s_i:2 * s_i + 2]
    cy, cx = tf.meshgrid(tf.range(g, dtype=tf.float32), tf.range(g, dtype=tf.float32),
                         indexing="ij")
    grid = tf.stack([cy, cx], -1)[None, :, :, None, :]
    pxy = (tf.sigmoid(out[..., :2]) + grid) / g
    pwh = tf.exp(out[..., 2:4]) * an
    pbox = tf.concat([pxy, pwh], -1)
    mine = tf.logical_and(valid, tf.logical_and(best >= 2 * s_i, best < 2 * s_i + 2))
    idx_b = tf.cast(tf.where(mine), tf.int32)                       # [n, 2]
    tsel = tf.gather_nd(truth, idx_b)
    cell = tf.cast(tf.floor(tsel[:, :2] * g), tf.int32)
    a_i = tf.gather_nd(best, idx_b) - 2 * s_i
    idx = tf.concat([idx_b[:, :1], cell, a_i[:, None]], 1)
    shape = [B, g, g, 2]
    obj = tf.scatter_nd(idx, tf.ones_like(a_i, tf.float32), shape)
    t_xy = tf.scatter_nd(idx, tsel[:, :2] * g - tf.cast(cell, tf.float32), shape + [2])
    t_wh = tf.scatter_nd(idx, tf.log(tsel[:, 2:] / tf.gather(tf.constant(an), a_i)),
                         shape + [2])
    t_cls = tf.scatter_nd(idx, tf.one_hot(tf.gather_nd(tf.constant(tc), idx_b), C),
                          shape + [C])
    scale = tf.scatter_nd(idx, 2.0 - tsel[:, 2] * tsel[:, 3], shape)

    def body(b, ta):
        t = tf.boolean_mask(truth[b], valid[b])
        ious = box_iou(pbox[b][:, :, :, None, :], t[None, None, None])
        return b + 1, ta.write(b, tf.cast(tf.reduce_max(ious, -1) < 0.1, tf.float32))

    _, ta = tf.while_loop(lambda b, ta: b < B, body,
                          [0, tf.TensorArray(tf.float32, size=B)])
    ignore = ta.stack()
    xe = tf.nn.sigmoid_cross_entropy_with_logits
    l_xy = tf.reduce_sum(obj[..., None] * scale[..., None] * xe(labels=t_xy,
                                                                 logits=out[..., :2]))
    l_wh = tf.reduce_sum(obj[..., None] * scale[..., None] * 0.5 *
                         tf.square(t_wh - out[..., 2:4]))
    l_obj = tf.reduce_sum(obj * xe(labels=obj, logits=out[..., 4]) +
                          (1 - obj) * ignore * xe(labels=obj, logits=out[..., 4]))
    l_cls = tf.reduce_sum(obj[..., None] * xe(labels=t_cls, logits=out[..., 5:]))
    loss += (l_xy + l_wh + l_obj + l_cls) / B
    stats += [tf.reduce_sum(obj), tf.reduce_sum(ignore)]
train = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("best", s.run(best).tolist(), "stats", s.run(stats))
    for i in range(6):
        lv, st, _ = s.run([loss, stats, train])
        print(i, repr(float(lv)), st)
    print("heads", [h(v) for v in s.run(outs)])
print("ops", len(tf.get_default_graph().get_operations()))
