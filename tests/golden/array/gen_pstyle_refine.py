"""Static shapes TF 1.14's shape refiner gives to shape tensors computed with float
arithmetic (it evaluates the constant subgraph whole, float ops included): an image size
scaled by a float and cast back to int for zeros / fill / reshape / tile / slice /
random_crop / resize / crop_to_bounding_box, with known and unknown dims."""
import numpy as np

SHAPES = [
    ("zeros_half_shape", lambda tf, v: tf.zeros(tf.to_int32(tf.to_float(tf.shape(v["img"]))
                                                             * 0.5))),
    ("fill_round", lambda tf, v: tf.fill(tf.cast(tf.round(tf.constant([2.6, 3.2])), tf.int32),
                                         1.0)),
    ("reshape_scaled", lambda tf, v: tf.reshape(
        tf.range(24), tf.cast(tf.constant([2., 3.]) * 2, tf.int32) * [1, 1])),
    ("unknown_batch", lambda tf, v: tf.zeros(tf.cast(tf.cast(tf.shape(v["ph"]), tf.float32)
                                                     * 0.5, tf.int32))),
    ("known_slice_of_unknown", lambda tf, v: tf.zeros(
        tf.cast(tf.cast(tf.shape(v["ph"])[1:3], tf.float32) / 1.4, tf.int32))),
    ("maximum", lambda tf, v: tf.zeros(tf.cast(tf.maximum(
        tf.cast(tf.shape(v["c"]), tf.float32) - 5.0, 1.0), tf.int32))),
    ("floor_ceil", lambda tf, v: tf.zeros(tf.cast(
        tf.floor(tf.cast(tf.shape(v["c"]), tf.float32) / 3.0)
        + tf.ceil(tf.constant([0.5, 0.5])), tf.int32))),
    ("random_crop", lambda tf, v: tf.random_crop(v["img"], tf.cast(
        tf.cast(tf.shape(v["img"]), tf.float32) * [1., .8, .8, 1.], tf.int32), seed=1)),
    ("slice", lambda tf, v: tf.slice(v["img"], [0, 0, 0, 0], tf.cast(
        tf.cast(tf.shape(v["img"]), tf.float32) * 0.5 + 0.5, tf.int32))),
    ("tile", lambda tf, v: tf.tile(v["c"], tf.cast(tf.constant([1.5, 2.5]), tf.int32))),
    ("neg", lambda tf, v: tf.zeros(tf.cast(-tf.constant([-2.0, -3.0]), tf.int32))),
    ("resize", lambda tf, v: tf.image.resize_images(v["img"], tf.cast(
        tf.cast(tf.shape(v["img"])[1:3], tf.float32) * 1.3, tf.int32))),
    ("crop_to_bounding_box", lambda tf, v: tf.image.crop_to_bounding_box(
        v["img"], 2, 3, tf.cast(tf.cast(tf.shape(v["img"])[1], tf.float32) * 0.5, tf.int32),
        10)),
]


def shapes(tf):
    """{case: the static shape as a list (None for an unknown dim)}."""
    tf.reset_default_graph()
    inputs = {"img": tf.Variable(np.zeros((1, 20, 30, 3), np.float32)),
              "ph": tf.placeholder(tf.float32, [None, 20, 30, 3]),
              "c": tf.constant(np.zeros((3, 4), np.float32))}
    return {name: fn(tf, inputs).shape.as_list() for name, fn in SHAPES}


def cases(tf):
    return {"shapes": shapes(tf)}
