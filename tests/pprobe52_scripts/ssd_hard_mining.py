"""A tiny SSD trained four steps: object_detection's grid anchor generator on two feature
levels (scales x aspect ratios by tf.meshgrid, sqrt of the ratios), an argmax matcher with
matched / unmatched thresholds and force_match_for_each_row (tf.one_hot of the argmax over
anchors, tf.where), the Faster R-CNN box coder on the matched ground truth (tf.gather), a
weighted smooth L1 by hand, softmax class loss, hard-negative mining by tf.nn.top_k with a
dynamic k = min(3 * positives, negatives), Adam under tf.clip_by_global_norm; then decoding
and tf.image.combined_non_max_suppression over the batch (one box per anchor, clip_boxes).
Op counts, losses at full precision, hashes of the bytes."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def r(x):
    return [repr(float(v)) for v in np.ravel(x)]


tf.set_random_seed(5231)
rs = np.random.RandomState(5232)
NCLS = 3


def grid_anchors(fh, fw, scales, ratios, base=0.25):
    scales_g, ratios_g = tf.meshgrid(tf.constant(scales), tf.constant(ratios))
    scales_g = tf.reshape(scales_g, [-1])
    ratios_g = tf.reshape(ratios_g, [-1])
    sq = tf.sqrt(ratios_g)
    heights = scales_g / sq * base
    widths = scales_g * sq * base
    ys = (tf.cast(tf.range(fh), tf.float32) + 0.5) / fh
    xs = (tf.cast(tf.range(fw), tf.float32) + 0.5) / fw
    xg, yg = tf.meshgrid(xs, ys)
    yc = tf.reshape(yg, [-1, 1])
    xc = tf.reshape(xg, [-1, 1])
    boxes = tf.stack([yc - heights / 2, xc - widths / 2, yc + heights / 2, xc + widths / 2], 2)
    return tf.reshape(boxes, [-1, 4])


anchors = tf.concat([grid_anchors(4, 4, [1.0, 1.4], [1.0, 2.0]),
                     grid_anchors(2, 2, [2.0], [0.5, 1.0, 2.0])], 0)
NA = 4 * 4 * 4 + 2 * 2 * 3


def iou(a, b):
    ya0, xa0, ya1, xa1 = tf.split(a, 4, 1)
    yb0, xb0, yb1, xb1 = tf.split(b, 4, 1)
    ih = tf.maximum(0.0, tf.minimum(ya1, tf.transpose(yb1)) - tf.maximum(ya0, tf.transpose(yb0)))
    iw = tf.maximum(0.0, tf.minimum(xa1, tf.transpose(xb1)) - tf.maximum(xa0, tf.transpose(xb0)))
    inter = ih * iw
    aa = (ya1 - ya0) * (xa1 - xa0)
    ab = (yb1 - yb0) * (xb1 - xb0)
    return inter / (aa + tf.transpose(ab) - inter)


def match(sim, matched=0.5, unmatched=0.4):
    # sim: [gt, anchors]; result: matched gt per anchor, -1 unmatched, -2 ignored
    matches = tf.argmax(sim, 0, output_type=tf.int32)
    vals = tf.reduce_max(sim, 0)
    below = tf.greater(unmatched, vals)
    between = tf.logical_and(tf.greater_equal(vals, unmatched), tf.greater(matched, vals))
    matches = tf.where(below, -1 * tf.ones_like(matches), matches)
    matches = tf.where(between, -2 * tf.ones_like(matches), matches)
    force = tf.argmax(sim, 1, output_type=tf.int32)
    force_mask = tf.one_hot(force, NA, dtype=tf.int32)
    force_ids = tf.argmax(force_mask, 0, output_type=tf.int32)
    force_any = tf.cast(tf.reduce_max(force_mask, 0), tf.bool)
    return tf.where(force_any, force_ids, matches)


def encode(b, a):
    def cs(x):
        y0, x0, y1, x1 = tf.unstack(tf.transpose(x))
        return (y0 + y1) / 2, (x0 + x1) / 2, y1 - y0 + 1e-8, x1 - x0 + 1e-8
    ya, xa, ha, wa = cs(a)
    yb, xb, hb, wb = cs(b)
    return tf.transpose(tf.stack([(yb - ya) / ha * 10., (xb - xa) / wa * 10.,
                                  tf.log(hb / ha) * 5., tf.log(wb / wa) * 5.]))


def decode(c, a):
    y0, x0, y1, x1 = tf.unstack(tf.transpose(a))
    ya, xa, ha, wa = (y0 + y1) / 2, (x0 + x1) / 2, y1 - y0, x1 - x0
    ty, tx, th, tw = tf.unstack(tf.transpose(c))
    hh = tf.exp(th / 5.) * ha
    ww = tf.exp(tw / 5.) * wa
    yc = ty / 10. * ha + ya
    xc = tx / 10. * wa + xa
    return tf.transpose(tf.stack([yc - hh / 2, xc - ww / 2, yc + hh / 2, xc + ww / 2]))


images = tf.constant(rs.uniform(0, 1, size=(2, 16, 16, 3)).astype(np.float32))
gt_boxes = [tf.constant([[0.1, 0.1, 0.5, 0.45], [0.55, 0.3, 0.95, 0.9]], tf.float32),
            tf.constant([[0.2, 0.6, 0.7, 0.95], [0.0, 0.0, 0.3, 0.3], [0.4, 0.1, 0.9, 0.5]],
                        tf.float32)]
gt_labels = [tf.constant([1, 2]), tf.constant([3, 1, 2])]

init = tf.glorot_uniform_initializer(seed=11)
f1 = tf.layers.conv2d(images, 8, 3, strides=4, padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="f1")
f2 = tf.layers.conv2d(f1, 8, 3, strides=2, padding="same", activation=tf.nn.relu,
                      kernel_initializer=init, name="f2")
cls_out, box_out = [], []
for k, (f, na) in enumerate(((f1, 4), (f2, 3))):
    c = tf.layers.conv2d(f, na * (NCLS + 1), 3, padding="same", kernel_initializer=init,
                         name="cls%d" % k)
    b = tf.layers.conv2d(f, na * 4, 3, padding="same", kernel_initializer=init,
                         name="box%d" % k)
    cls_out.append(tf.reshape(c, [2, -1, NCLS + 1]))
    box_out.append(tf.reshape(b, [2, -1, 4]))
cls_logits = tf.concat(cls_out, 1)
box_codes = tf.concat(box_out, 1)

loc_losses, cls_losses, npos_all, mined = [], [], [], []
for i in range(2):
    m = match(iou(gt_boxes[i], anchors))
    pos = tf.greater_equal(m, 0)
    neg = tf.equal(m, -1)
    safe = tf.maximum(m, 0)
    tgt = encode(tf.gather(gt_boxes[i], safe), anchors)
    labels = tf.where(pos, tf.gather(gt_labels[i], safe), tf.zeros_like(m))
    diff = tf.abs(box_codes[i] - tgt)
    sl1 = tf.reduce_sum(tf.where(diff < 1.0, 0.5 * tf.square(diff), diff - 0.5), 1)
    posf = tf.cast(pos, tf.float32)
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=cls_logits[i])
    npos = tf.reduce_sum(tf.cast(pos, tf.int32))
    nneg = tf.reduce_sum(tf.cast(neg, tf.int32))
    k = tf.minimum(3 * npos, nneg)
    neg_loss = tf.where(neg, xent, tf.zeros_like(xent) - 1.0)
    top, top_idx = tf.nn.top_k(neg_loss, k=k)
    loc_losses.append(tf.reduce_sum(sl1 * posf))
    cls_losses.append(tf.reduce_sum(xent * posf) + tf.reduce_sum(top))
    npos_all.append(npos)
    mined.append((m, top_idx, k))
norm = tf.maximum(1.0, tf.cast(tf.add_n(npos_all), tf.float32))
loss = (tf.add_n(loc_losses) + tf.add_n(cls_losses)) / norm
opt = tf.train.AdamOptimizer(0.01)
gv = opt.compute_gradients(loss)
grads, gnorm = tf.clip_by_global_norm([g for g, _ in gv], 5.0)
step = opt.apply_gradients(zip(grads, [v for _, v in gv]))

scores = tf.nn.softmax(cls_logits)[:, :, 1:]
dec = tf.stack([decode(box_codes[i], anchors) for i in range(2)])
nms = tf.image.combined_non_max_suppression(tf.expand_dims(dec, 2), scores, 5, 8,
                                            iou_threshold=0.5, score_threshold=0.2)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("vars", [v.name for v in tf.trainable_variables()])
print("static", anchors.shape.as_list(), cls_logits.shape.as_list(),
      nms.nmsed_boxes.shape.as_list(), mined[0][1].shape.as_list())

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a = sess.run(anchors)
    print("anchors", h(a), r(a[0]), r(a[-1]))
    for i in range(2):
        m, ti, kk = sess.run(mined[i])
        print("match", i, m.tolist(), int(kk), sorted(ti.tolist()))
    for s in range(4):
        lv, gn, _ = sess.run([loss, gnorm, step])
        print("step", s, repr(float(lv)), repr(float(gn)))
    o = sess.run(nms)
    print("nms", o.valid_detections.tolist(), o.nmsed_classes.tolist())
    print("  scores", r(o.nmsed_scores[:, :3]))
    print("  boxes", h(o.nmsed_boxes), r(o.nmsed_boxes[0, 0]))
