"""ImageNet-style random-sized crop: sample_distorted_bounding_box with op seeds on a
batch of boxes, tf.slice of the sampled window, then resize_images with each method
(bilinear, nearest, bicubic, area) with and without align_corners, preserve_aspect_ratio,
resize_image_with_pad and draw_bounding_boxes of the sampled box; three runs, hashes of
the bytes and values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1411)
rs = np.random.RandomState(1412)
image = tf.constant(rs.uniform(0, 255, size=(20, 28, 3)).astype(np.float32))
boxes = tf.constant([[[0.1, 0.2, 0.8, 0.9], [0.3, 0.0, 0.6, 0.5]]], tf.float32)
begin, size, bbox = tf.image.sample_distorted_bounding_box(
    tf.shape(image), bounding_boxes=boxes, seed=5, min_object_covered=0.3,
    aspect_ratio_range=[0.75, 1.33], area_range=[0.2, 1.0], max_attempts=50,
    use_image_if_no_bounding_boxes=True)
crop = tf.slice(image, begin, size)
crop.set_shape([None, None, 3])
outs = []
methods = [tf.image.ResizeMethod.BILINEAR, tf.image.ResizeMethod.NEAREST_NEIGHBOR,
           tf.image.ResizeMethod.BICUBIC, tf.image.ResizeMethod.AREA]
for m in methods:
    for ac in (False, True):
        if m == tf.image.ResizeMethod.AREA and ac:
            continue
        outs.append(tf.image.resize_images(crop, [9, 11], method=m, align_corners=ac))
keep = tf.image.resize_images(image, [12, 12], preserve_aspect_ratio=True)
keep_nn = tf.image.resize_images(image, [15, 10], method=1, preserve_aspect_ratio=True)
pad = tf.image.resize_image_with_pad(image, 16, 16)
drawn = tf.image.draw_bounding_boxes(tf.expand_dims(image / 255.0, 0), bbox)
u8 = tf.image.resize_images(tf.cast(image, tf.uint8), [7, 9], method=1)
print("ops", len(tf.get_default_graph().get_operations()))
print("static", [str(o.shape) for o in outs], keep.shape, keep_nn.shape, pad.shape, u8.dtype)

with tf.Session() as sess:
    for run in range(3):
        b, s, bb = sess.run([begin, size, bbox])
        print("run", run, b.tolist(), s.tolist(), [repr(float(v)) for v in bb.ravel()])
    tf.set_random_seed(1411)
    r = sess.run(outs + [begin, size])
    print("resized", [h(a) for a in r[:-2]], r[-2].tolist(), r[-1].tolist())
    print(" bicubic[0,0]", [repr(float(v)) for v in r[4][0, 0]])
    print(" area[3,4]", [repr(float(v)) for v in r[6][3, 4]])
    r2 = sess.run([keep, keep_nn, pad, drawn, u8])
    print("fixed", [h(a) for a in r2])
    print(" keep[5,5]", [repr(float(v)) for v in r2[0][5, 5]])
    print(" pad[1,1]", [repr(float(v)) for v in r2[2][1, 1]])
