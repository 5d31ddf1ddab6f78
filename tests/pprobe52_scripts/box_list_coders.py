"""object_detection's box_list_ops and box coders written out in TF1: area, intersection by
tf.split / tf.transpose, IoU and IoA (intersection over the second box's area),
clip_to_window with filter of the zero-area boxes (tf.where / tf.reshape / tf.gather),
prune_completely_outside_window, change_coordinate_frame, to_absolute_coordinates with
tf.assert_less_equal, FasterRcnnBoxCoder (scale factors 10, 10, 5, 5; EPSILON 1e-8) and
SquareBoxCoder encode then decode, KeypointBoxCoder's keypoint offsets; random horizontal
flip of boxes and keypoints under tf.cond with a seeded tf.random_uniform; op counts,
values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def r(x):
    return [repr(float(v)) for v in np.ravel(x)]


tf.set_random_seed(5211)
rs = np.random.RandomState(5212)
EPS = 1e-8


def area(b):
    with tf.name_scope("Area"):
        y_min, x_min, y_max, x_max = tf.split(b, 4, axis=1)
        return tf.squeeze((y_max - y_min) * (x_max - x_min), [1])


def intersection(b1, b2):
    with tf.name_scope("Intersection"):
        y1a, x1a, y2a, x2a = tf.split(b1, 4, axis=1)
        y1b, x1b, y2b, x2b = tf.split(b2, 4, axis=1)
        hh = tf.maximum(0.0, tf.minimum(y2a, tf.transpose(y2b)) -
                        tf.maximum(y1a, tf.transpose(y1b)))
        ww = tf.maximum(0.0, tf.minimum(x2a, tf.transpose(x2b)) -
                        tf.maximum(x1a, tf.transpose(x1b)))
        return hh * ww


def iou(b1, b2):
    with tf.name_scope("IOU"):
        inter = intersection(b1, b2)
        unions = tf.expand_dims(area(b1), 1) + tf.expand_dims(area(b2), 0) - inter
        return tf.where(tf.equal(inter, 0.0), tf.zeros_like(inter), tf.truediv(inter, unions))


def ioa(b1, b2):
    with tf.name_scope("IOA"):
        return tf.truediv(intersection(b1, b2), tf.expand_dims(area(b2), 0))


def clip_to_window(b, window, filter_nonoverlapping=True):
    with tf.name_scope("ClipToWindow"):
        y_min, x_min, y_max, x_max = tf.split(b, 4, axis=1)
        wy0, wx0, wy1, wx1 = tf.unstack(window)
        y_min_c = tf.maximum(tf.minimum(y_min, wy1), wy0)
        y_max_c = tf.maximum(tf.minimum(y_max, wy1), wy0)
        x_min_c = tf.maximum(tf.minimum(x_min, wx1), wx0)
        x_max_c = tf.maximum(tf.minimum(x_max, wx1), wx0)
        clipped = tf.concat([y_min_c, x_min_c, y_max_c, x_max_c], 1)
        if filter_nonoverlapping:
            nonzero = tf.greater(area(clipped), 0.0)
            keep = tf.reshape(tf.where(nonzero), [-1])
            clipped = tf.gather(clipped, keep)
        return clipped


def prune_outside(b, window):
    with tf.name_scope("PruneCompleteleyOutsideWindow"):
        y_min, x_min, y_max, x_max = tf.split(b, 4, axis=1)
        wy0, wx0, wy1, wx1 = tf.unstack(window)
        cond = tf.concat([tf.greater_equal(y_min, wy1), tf.greater_equal(x_min, wx1),
                          tf.less_equal(y_max, wy0), tf.less_equal(x_max, wx0)], 1)
        valid = tf.reshape(tf.where(tf.logical_not(tf.reduce_any(cond, 1))), [-1])
        return tf.gather(b, valid), valid


def change_frame(b, window):
    with tf.name_scope("ChangeCoordinateFrame"):
        wh = window[2] - window[0]
        ww = window[3] - window[1]
        shifted = b - [window[0], window[1], window[0], window[1]]
        return shifted * tf.stack([1.0 / wh, 1.0 / ww, 1.0 / wh, 1.0 / ww])


def to_absolute(b, height, width):
    with tf.name_scope("ToAbsoluteCoordinates"):
        height = tf.cast(height, tf.float32)
        width = tf.cast(width, tf.float32)
        max_val = tf.reduce_max(b)
        check = tf.assert_less_equal(max_val, 1.01, message="Boxes are not normalized")
        with tf.control_dependencies([check]):
            return tf.identity(b * tf.stack([height, width, height, width]))


def center_size(b):
    ymin, xmin, ymax, xmax = tf.unstack(tf.transpose(b))
    return (ymin + ymax) / 2., (xmin + xmax) / 2., ymax - ymin, xmax - xmin


def rcnn_encode(b, anchors, scale=(10., 10., 5., 5.)):
    ya, xa, ha, wa = center_size(anchors)
    yc, xc, hh, ww = center_size(b)
    ha += EPS
    wa += EPS
    hh += EPS
    ww += EPS
    tx = (xc - xa) / wa * scale[1]
    ty = (yc - ya) / ha * scale[0]
    tw = tf.log(ww / wa) * scale[3]
    th = tf.log(hh / ha) * scale[2]
    return tf.transpose(tf.stack([ty, tx, th, tw]))


def rcnn_decode(codes, anchors, scale=(10., 10., 5., 5.)):
    ya, xa, ha, wa = center_size(anchors)
    ty, tx, th, tw = tf.unstack(tf.transpose(codes))
    ty /= scale[0]
    tx /= scale[1]
    th /= scale[2]
    tw /= scale[3]
    w = tf.exp(tw) * wa
    hh = tf.exp(th) * ha
    yc = ty * ha + ya
    xc = tx * wa + xa
    return tf.transpose(tf.stack([yc - hh / 2., xc - w / 2., yc + hh / 2., xc + w / 2.]))


def square_encode(b, anchors, scale=(10., 10., 5.)):
    ya, xa, ha, wa = center_size(anchors)
    la = tf.sqrt(ha * wa)
    yc, xc, hh, ww = center_size(b)
    lb = tf.sqrt(hh * ww)
    la += EPS
    lb += EPS
    tx = (xc - xa) / la * scale[1]
    ty = (yc - ya) / la * scale[0]
    tl = tf.log(lb / la) * scale[2]
    return tf.transpose(tf.stack([ty, tx, tl]))


def square_decode(codes, anchors, scale=(10., 10., 5.)):
    ya, xa, ha, wa = center_size(anchors)
    la = tf.sqrt(ha * wa)
    ty, tx, tl = tf.unstack(tf.transpose(codes))
    side = tf.exp(tl / scale[2]) * la
    yc = ty / scale[0] * la + ya
    xc = tx / scale[1] * la + xa
    return tf.transpose(tf.stack([yc - side / 2., xc - side / 2., yc + side / 2.,
                                  xc + side / 2.]))


def keypoint_offsets(kp, anchors, scale=(10., 10.)):
    ya, xa, ha, wa = center_size(anchors)
    kpt = tf.transpose(kp, [2, 1, 0])          # [2, num_kp, n]
    off = (kpt - tf.stack([ya, xa])[:, None, :]) / tf.stack([ha + EPS, wa + EPS])[:, None, :]
    return tf.transpose(off * tf.constant(scale)[:, None, None], [2, 1, 0])


n = 10
ctr = rs.uniform(-0.1, 1.1, size=(n, 2))
wh = rs.uniform(0.05, 0.5, size=(n, 2))
bx = np.concatenate([ctr - wh / 2, ctr + wh / 2], -1).astype(np.float32)
an = np.concatenate([ctr + rs.uniform(-0.05, 0.05, size=(n, 2)) - 0.15,
                     ctr + rs.uniform(-0.05, 0.05, size=(n, 2)) + 0.15], -1).astype(np.float32)
kp = rs.uniform(0, 1, size=(n, 3, 2)).astype(np.float32)
boxes = tf.constant(bx, name="boxes")
anchors = tf.constant(an, name="anchors")
window = tf.constant([0.0, 0.0, 1.0, 1.0])
sub_window = tf.constant([0.1, 0.2, 0.8, 0.9])

ious = iou(boxes, anchors)
ioas = ioa(boxes, anchors)
clipped = clip_to_window(boxes, window)
clipped_all = clip_to_window(boxes, window, filter_nonoverlapping=False)
pruned, valid = prune_outside(boxes, sub_window)
framed = change_frame(clipped_all, sub_window)
absolute = to_absolute(clipped_all, tf.constant(300), 400)
codes = rcnn_encode(clipped_all, anchors)
decoded = rcnn_decode(codes, anchors)
sq = square_encode(clipped_all, anchors)
sq_dec = square_decode(sq, anchors)
kpo = keypoint_offsets(tf.constant(kp), anchors)
flip = tf.less(tf.random_uniform([], seed=7), 0.5)


def flip_boxes():
    ymin, xmin, ymax, xmax = tf.split(clipped_all, 4, axis=1)
    return tf.concat([ymin, 1.0 - xmax, ymax, 1.0 - xmin], 1), \
        tf.concat([kp[:, :, :1], 1.0 - kp[:, :, 1:]], 2)


fb, fk = tf.cond(flip, flip_boxes, lambda: (clipped_all, tf.constant(kp)))
bad_abs = to_absolute(boxes * 2.0, 10, 10)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("names", [t.op.name for t in (ious, ioas, clipped, pruned, framed, absolute, codes,
                                    sq, kpo, fb)])
print("static", clipped.shape.as_list(), pruned.shape.as_list(), kpo.shape.as_list(),
      fb.shape.as_list(), fk.shape.as_list())

with tf.Session() as sess:
    out = sess.run({"ious": ious, "ioas": ioas, "clipped": clipped, "pruned": pruned,
                    "valid": valid, "framed": framed, "absolute": absolute, "codes": codes,
                    "decoded": decoded, "sq": sq, "sq_dec": sq_dec, "kpo": kpo})
    for k in sorted(out):
        print(k, h(out[k]), r(out[k][:2]))
    print("valid", out["valid"].tolist())
    for _ in range(3):
        f, b1, k1 = sess.run([flip, fb, fk])
        print("flip", bool(f), h(b1), h(k1), r(b1[0]))
    try:
        sess.run(bad_abs)
    except tf.errors.InvalidArgumentError as e:
        print("error", type(e).__name__, e.message.splitlines()[0][:60])
