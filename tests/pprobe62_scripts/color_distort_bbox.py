"""An Inception / slim preprocessing_for_train style: sample_distorted_bounding_box with a
seed (min_object_covered, aspect_ratio_range, area_range, max_attempts,
use_image_if_no_bounding_boxes) and tf.slice of the image with its begin / size, resize
with a method picked by a Python loop, a distort_color with each color_ordering (random
brightness / saturation / hue / contrast with op seeds), then a random_crop / flip for
a CIFAR-style chain, draw_bounding_boxes of the distorted box; three runs of the whole
chain: the boxes, shapes and values at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(17)
tf.set_random_seed(170)
img_np = np.random.rand(20, 24, 3).astype(np.float32)
image = tf.constant(img_np)
bbox = tf.constant([[[0.1, 0.2, 0.8, 0.9]]], tf.float32)


def distort_color(img, ordering, seed):
    if ordering == 0:
        img = tf.image.random_brightness(img, max_delta=32. / 255., seed=seed)
        img = tf.image.random_saturation(img, lower=0.5, upper=1.5, seed=seed + 1)
        img = tf.image.random_hue(img, max_delta=0.2, seed=seed + 2)
        img = tf.image.random_contrast(img, lower=0.5, upper=1.5, seed=seed + 3)
    elif ordering == 1:
        img = tf.image.random_saturation(img, lower=0.5, upper=1.5, seed=seed)
        img = tf.image.random_brightness(img, max_delta=32. / 255., seed=seed + 1)
        img = tf.image.random_contrast(img, lower=0.5, upper=1.5, seed=seed + 2)
        img = tf.image.random_hue(img, max_delta=0.2, seed=seed + 3)
    elif ordering == 2:
        img = tf.image.random_contrast(img, lower=0.5, upper=1.5, seed=seed)
        img = tf.image.random_hue(img, max_delta=0.2, seed=seed + 1)
        img = tf.image.random_brightness(img, max_delta=32. / 255., seed=seed + 2)
        img = tf.image.random_saturation(img, lower=0.5, upper=1.5, seed=seed + 3)
    else:
        img = tf.image.random_hue(img, max_delta=0.2, seed=seed)
        img = tf.image.random_saturation(img, lower=0.5, upper=1.5, seed=seed + 1)
        img = tf.image.random_contrast(img, lower=0.5, upper=1.5, seed=seed + 2)
        img = tf.image.random_brightness(img, max_delta=32. / 255., seed=seed + 3)
    return tf.clip_by_value(img, 0.0, 1.0)


begin, size, box = tf.image.sample_distorted_bounding_box(
    tf.shape(image), bounding_boxes=bbox, seed=4, min_object_covered=0.3,
    aspect_ratio_range=(0.75, 1.33), area_range=(0.1, 1.0), max_attempts=50,
    use_image_if_no_bounding_boxes=True)
print("sdbb", begin, size, box)
crop = tf.slice(image, begin, size)
print("crop shape", crop.shape)
outs = []
methods = [tf.image.ResizeMethod.BILINEAR, tf.image.ResizeMethod.NEAREST_NEIGHBOR,
           tf.image.ResizeMethod.BICUBIC, tf.image.ResizeMethod.AREA]
for k in range(4):
    r = tf.image.resize_images(crop, [12, 12], method=methods[k])
    r.set_shape([12, 12, 3])
    r = tf.image.random_flip_left_right(r, seed=30 + k)
    outs.append(distort_color(r, k, 40 + 4 * k))
distorted = tf.stack(outs)
b2, s2, box2 = tf.image.sample_distorted_bounding_box(
    tf.shape(image), bounding_boxes=tf.zeros([1, 0, 4]), seed=5, area_range=(0.3, 0.6),
    use_image_if_no_bounding_boxes=True)
drawn = tf.image.draw_bounding_boxes(tf.expand_dims(image, 0), box)
ops = tf.get_default_graph().get_operations()
print("ops", len(ops),
      sorted({op.type for op in ops if "Random" in op.type or "Sample" in op.type}))

with tf.Session() as sess:
    for run in range(3):
        b, s, bx, d, bb2, ss2, dr = sess.run([begin, size, box, distorted, b2, s2, drawn])
        print("run", run, b.tolist(), s.tolist(), [repr(float(v)) for v in bx.reshape(-1)])
        print("  no-box", bb2.tolist(), ss2.tolist())
        print("  distorted", repr(float(d.astype(np.float64).sum())),
              [[repr(float(v)) for v in d[k, 0, 0]] for k in range(4)])
        print("  drawn", repr(float(dr.astype(np.float64).sum())))
