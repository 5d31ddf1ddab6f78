"""resize_bicubic / bilinear / nearest (align_corners, half_pixel_centers) and
crop_and_resize (bilinear and nearest, extrapolation) with their image and box gradients."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(float(a.ravel()[-1])),
    )


g = tf.get_default_graph()
rs = np.random.RandomState(1)
x = tf.constant(rs.rand(2, 7, 9, 3).astype(np.float32))
w = tf.constant(rs.rand(2, 5, 4, 3).astype(np.float32))
outs = {}
for name, fn in [
    ("bicubic", lambda: tf.image.resize_bicubic(x, [5, 4])),
    ("bicubic_ac", lambda: tf.image.resize_bicubic(x, [5, 4], align_corners=True)),
    ("bicubic_hp", lambda: tf.image.resize_bicubic(x, [5, 4], half_pixel_centers=True)),
    ("bilinear_hp", lambda: tf.image.resize_bilinear(x, [5, 4], half_pixel_centers=True)),
    ("nearest_up", lambda: tf.image.resize_nearest_neighbor(x, [5, 4])),
    (
        "cr",
        lambda: tf.image.crop_and_resize(
            x,
            tf.constant([[0.1, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 1.0], [0.3, 0.5, 0.2, 0.1]]),
            tf.constant([0, 1, 1]),
            [5, 4],
        ),
    ),
    (
        "cr_near",
        lambda: tf.image.crop_and_resize(
            x,
            tf.constant([[0.1, 0.2, 0.8, 0.9], [-0.1, 0.0, 1.1, 1.0]]),
            tf.constant([1, 0]),
            [5, 4],
            method="nearest",
            extrapolation_value=0.5,
        ),
    ),
]:
    try:
        y = fn()
        print(name, len(g.get_operations()))
        gr = tf.gradients(
            tf.reduce_sum(y * w[:, :, :, :] if y.shape[0] == 2 else y * tf.concat([w, w[:1]], 0)), x
        )[0]
        print(name, "g", len(g.get_operations()))
        outs[name] = (y, gr)
    except Exception as e:
        print(name, type(e).__name__, str(e)[:200])
box = tf.constant([[0.1, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 1.0], [0.3, 0.5, 0.2, 0.1]])
cr = tf.image.crop_and_resize(x, box, tf.constant([0, 1, 1]), [5, 4])
gb = tf.gradients(tf.reduce_sum(cr * tf.concat([w, w[:1]], 0)), box)[0]
print(len(g.get_operations()))
with tf.Session() as s:
    for k in sorted(outs):
        y, gr = s.run(outs[k])
        print(k, H(y), H(gr))
    print("gbox", H(s.run(gb)))
