"""object_detection's preprocessor augmentations with boxes: random_crop_image by
tf.image.sample_distorted_bounding_box (several seeds, many ground-truth boxes,
min_object_covered 0 and a tensor, an empty box set with use_image_if_no_bounding_boxes),
the crop's boxes clipped, pruned by IoA and moved to the crop's frame; random_pad_image
through tf.image.pad_to_bounding_box at seeded offsets; random_jitter_boxes; then
draw_bounding_boxes (DrawBoundingBoxes, TF's colour table, more boxes than its colours) and with
explicit colors (DrawBoundingBoxesV2) on 1, 3 and 4 channel images, fewer colours than boxes,
boxes out of range and flipped. (TF 1.14 aborts on a float16 image: not drawn here.)
Op counts, values at full precision, hashes of the bytes."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def r(x):
    return [repr(float(v)) for v in np.ravel(x)]


tf.set_random_seed(5241)
rs = np.random.RandomState(5242)
img = tf.constant(rs.uniform(0, 255, size=(20, 24, 3)).astype(np.float32))
gt = tf.constant([[0.1, 0.1, 0.4, 0.5], [0.5, 0.2, 0.9, 0.6], [0.3, 0.6, 0.8, 0.95],
                  [0.0, 0.0, 1.0, 0.2]], tf.float32)
cover = tf.placeholder_with_default(0.3, [])


def random_crop(image, boxes, seed, min_cover, **kw):
    begin, size, window = tf.image.sample_distorted_bounding_box(
        tf.shape(image), tf.expand_dims(boxes, 0), seed=seed, min_object_covered=min_cover,
        use_image_if_no_bounding_boxes=True, **kw)
    crop = tf.slice(image, begin, size)
    win = tf.squeeze(window, [0, 1])
    inter_h = tf.maximum(0.0, tf.minimum(boxes[:, 2], win[2]) - tf.maximum(boxes[:, 0], win[0]))
    inter_w = tf.maximum(0.0, tf.minimum(boxes[:, 3], win[3]) - tf.maximum(boxes[:, 1], win[1]))
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    ioa = inter_h * inter_w / area
    keep = tf.reshape(tf.where(tf.greater_equal(ioa, 0.3)), [-1])
    kept = tf.gather(boxes, keep)
    clipped = tf.clip_by_value(kept, tf.tile(win[:2], [2]), tf.tile(win[2:], [2]))
    wh = win[2] - win[0]
    ww = win[3] - win[1]
    framed = (clipped - tf.stack([win[0], win[1], win[0], win[1]])) / \
        tf.stack([wh, ww, wh, ww])
    return crop, framed, keep, begin, size


crops = [random_crop(img, gt, 1, 0.0), random_crop(img, gt, 2, cover),
         random_crop(img, gt, 3, 0.5, aspect_ratio_range=(0.5, 2.0),
                     area_range=(0.3, 1.0), max_attempts=20)]
empty = tf.image.sample_distorted_bounding_box(tf.constant([20, 24, 3]),
                                               tf.zeros([1, 0, 4]), seed=4,
                                               use_image_if_no_bounding_boxes=True)

oy = tf.random_uniform([], 0, 7, tf.int32, seed=5)
ox = tf.random_uniform([], 0, 5, tf.int32, seed=6)
padded = tf.image.pad_to_bounding_box(img, oy, ox, 26, 28)
pad_boxes = (gt * [20., 24., 20., 24.] + tf.cast(tf.stack([oy, ox, oy, ox]), tf.float32)) / \
    [26., 28., 26., 28.]
jit = tf.random_uniform(tf.shape(gt), -0.05, 0.05, seed=7)
hh = gt[:, 2] - gt[:, 0]
ww = gt[:, 3] - gt[:, 1]
jittered = gt + jit * tf.stack([hh, ww, hh, ww], 1)

batch = tf.stack([img / 255., img[::-1] / 255.])
bxs = tf.constant([[[0.1, 0.1, 0.5, 0.5], [0.6, 0.7, 0.3, 0.2], [-0.1, 0.4, 0.7, 1.2]],
                   [[0.2, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 1.0], [0.45, 0.45, 0.55, 0.55]]])
d_one = tf.image.draw_bounding_boxes(batch, bxs)
colors = tf.constant([[1.0, 0.0, 0.5, 1.0], [0.2, 0.9, 0.1, 0.5]])
d_v2 = {c: tf.image.draw_bounding_boxes(
    tf.concat([batch, batch[..., :1]], 3)[..., :c], bxs, colors=colors) for c in (1, 3, 4)}
many = tf.constant(rs.uniform(0, 1, size=(1, 14, 4)).astype(np.float32))
d_many = tf.image.draw_bounding_boxes(batch[:1], many)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("types", sorted(set(op.type for op in g.get_operations())))
print("static", [c[0].shape.as_list() for c in crops], padded.shape.as_list(),
      d_one.dtype.name, [d_v2[c].shape.as_list() for c in (1, 3, 4)])

with tf.Session() as sess:
    for run in range(3):
        out = sess.run(crops + [empty])
        for k, (c, f, kp, b, s) in enumerate(out[:3]):
            print("crop", run, k, b.tolist(), s.tolist(), kp.tolist(), h(c), r(f[:1]))
        print("empty", run, [x.ravel().tolist() for x in out[3][:2]], r(out[3][2]))
    print("fed", sess.run(crops[1][3:], {cover: 0.9}))
    p, pb, j, y, x = sess.run([padded, pad_boxes, jittered, oy, ox])
    print("pad", int(y), int(x), h(p), r(pb[0]), h(j), r(j[1]))
    dh, dm = sess.run([d_one, d_many])
    print("draw", h(dh), h(dm))
    for c in (1, 3, 4):
        v = sess.run(d_v2[c])
        print("draw v2", c, h(v), r(v[0, 2, 2]))
