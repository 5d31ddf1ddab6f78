"""TF 1.14's resize ops given `size` as a list holding tensors (slim's vgg_preprocessing:
resize_bilinear(image, [new_height, new_width]) of an aspect-preserving resize): the Pack
made of the list, static shapes, values, and a seeded vgg-style train preprocessing (random
resize side, aspect-preserving resize, random crop, flip). tests/test_pslim_resize_size.py
runs the same cases with flowgrad."""
from __future__ import absolute_import

import numpy as np


def packed_size(tf):
    """Each resize op of a [tensor, int] size: names of its inputs and the Pack's, shapes."""
    out = {}
    with tf.Graph().as_default() as g:
        x = tf.zeros([1, 5, 5, 3])
        h = tf.placeholder(tf.int32, [])
        for f in (tf.image.resize_bilinear, tf.image.resize_nearest_neighbor,
                  tf.image.resize_bicubic, tf.image.resize_area):
            y = f(x, [h, 4])
            out[y.op.type] = [y.name, str(y.shape), [i.name for i in y.op.inputs],
                              [i.name for i in y.op.inputs[1].op.inputs]]
        y = tf.image.resize_bilinear(x, (h, h + 1), name="tup")
        out["tuple"] = [y.name, str(y.shape), g.version]
        with tf.Session() as s:
            out["value"] = s.run(y, {h: 2})
    return out


def vgg_train(tf):
    """vgg_preprocessing's preprocess_for_train in short, under a graph seed, 3 runs."""
    pix = np.random.RandomState(0).randint(0, 256, (14, 10, 3)).astype(np.uint8)
    with tf.Graph().as_default() as g:
        tf.set_random_seed(5)
        image = tf.constant(pix)
        side = tf.to_float(tf.random_uniform([], minval=8, maxval=13, dtype=tf.int32))
        shape = tf.shape(image)
        height, width = tf.to_float(shape[0]), tf.to_float(shape[1])
        scale = tf.cond(tf.greater(height, width), lambda: side / width, lambda: side / height)
        new_h, new_w = tf.to_int32(tf.rint(height * scale)), tf.to_int32(tf.rint(width * scale))
        image = tf.squeeze(tf.image.resize_bilinear(tf.expand_dims(image, 0), [new_h, new_w]))
        oh = tf.random_uniform([], maxval=tf.reshape(new_h - 6 + 1, []), dtype=tf.int32)
        ow = tf.random_uniform([], maxval=tf.reshape(new_w - 6 + 1, []), dtype=tf.int32)
        image = tf.slice(image, tf.stack([oh, ow, 0]), tf.stack([6, 6, 3]))
        image = tf.image.random_flip_left_right(tf.reshape(image, [6, 6, 3]))
        out = {"version": g.version, "runs": []}
        with tf.Session() as s:
            for _ in range(3):
                out["runs"].append(s.run(image))
    return out


def cases(tf):
    return {"packed_size": packed_size(tf), "vgg_train": vgg_train(tf)}
