"""Inception-style preprocess_for_train: sample_distorted_bounding_box crop,
apply_with_random_selector (switch/merge over resize methods and colour orderings),
distort_color, then a slim conv."""

import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import control_flow_ops


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()



tf.set_random_seed(123)
g = tf.get_default_graph()


def apply_with_random_selector(x, func, num_cases):
    sel = tf.random_uniform([], maxval=num_cases, dtype=tf.int32)
    return control_flow_ops.merge(
        [
            func(control_flow_ops.switch(x, tf.equal(sel, case))[1], case)
            for case in range(num_cases)
        ]
    )[0]


def distort_color(image, color_ordering=0):
    if color_ordering == 0:
        image = tf.image.random_brightness(image, max_delta=32.0 / 255.0)
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
        image = tf.image.random_hue(image, max_delta=0.2)
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
    elif color_ordering == 1:
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
        image = tf.image.random_brightness(image, max_delta=32.0 / 255.0)
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
        image = tf.image.random_hue(image, max_delta=0.2)
    elif color_ordering == 2:
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
        image = tf.image.random_hue(image, max_delta=0.2)
        image = tf.image.random_brightness(image, max_delta=32.0 / 255.0)
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
    else:
        image = tf.image.random_hue(image, max_delta=0.2)
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
        image = tf.image.random_brightness(image, max_delta=32.0 / 255.0)
    return tf.clip_by_value(image, 0.0, 1.0)


image = tf.constant(np.random.RandomState(12).rand(24, 20, 3).astype(np.float32))
bbox = tf.constant([0.0, 0.0, 1.0, 1.0], dtype=tf.float32, shape=[1, 1, 4])
begin, size, box = tf.image.sample_distorted_bounding_box(
    tf.shape(image),
    bounding_boxes=bbox,
    min_object_covered=0.1,
    aspect_ratio_range=(0.75, 1.33),
    area_range=(0.05, 1.0),
    max_attempts=100,
    use_image_if_no_bounding_boxes=True,
    seed=1,
)
crop = tf.slice(image, begin, size)
crop.set_shape([None, None, 3])
print(len(g.get_operations()))
dist = apply_with_random_selector(
    crop, lambda x, m: tf.image.resize_images(x, [16, 16], method=m), num_cases=4
)
dist = tf.image.random_flip_left_right(dist)
dist = apply_with_random_selector(dist, lambda x, o: distort_color(x, o), num_cases=4)
dist = tf.subtract(dist, 0.5) * 2.0
print(len(g.get_operations()))
net = tf.contrib.slim.conv2d(dist[None], 4, [3, 3])
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        a, b, c = s.run([begin, size, dist])
        print(a.tolist(), b.tolist(), H(c))
    print(H(s.run(net)))
