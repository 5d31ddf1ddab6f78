"""TF 1.14's tf.image.decode_image as a graph sees it: how far the graph's op ids advance
(its nested conds; flowgrad's one DecodeImage op advances them as far, so that a random op
made later draws TF's seed), the static shape, the error resizing an image of unknown rank,
and the numbers of a seeded random op made after decoding, as a slim input pipeline does.
tests/test_pslim_decode_image.py runs the same cases with flowgrad."""
from __future__ import absolute_import

import numpy as np

DTYPES = ["uint8", "uint16", "float32", "int32"]


def op_ids(tf):
    """{dtype/expand/given: [ids used, static shape]} of decode_image on a tensor or bytes."""
    out = {}
    for dt in DTYPES:
        for expand in (True, False):
            for given in ("tensor", "bytes"):
                with tf.Graph().as_default() as g:
                    c = tf.placeholder(tf.string, []) if given == "tensor" else b"abc"
                    v0 = g.version
                    img = tf.image.decode_image(c, channels=3, dtype=getattr(tf, dt),
                                                expand_animations=expand)
                    out["%s/%s/%s" % (dt, expand, given)] = [g.version - v0, str(img.shape)]
    return out


def resize_unknown_rank(tf):
    """resize_images of decode_image's output: TF's ValueError (no static rank)."""
    with tf.Graph().as_default():
        img = tf.image.decode_image(tf.placeholder(tf.string, []))
        try:
            tf.image.resize_images(img, [4, 4])
        except ValueError as e:
            return str(e)
        return None


def seeded_after_decode(tf):
    """A PNG decoded, then a random crop and a random_uniform under a graph seed only."""
    pix = np.random.RandomState(0).randint(0, 256, (6, 5, 3)).astype(np.uint8)
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        png = tf.image.encode_png(tf.constant(pix))
        img = tf.image.decode_image(png, channels=3, expand_animations=False)
        crop = tf.random_crop(img, [3, 3, 3])
        noise = tf.random_uniform([4])
        with tf.Session() as s:
            c, n = s.run([crop, noise])
    return {"crop": c, "noise": n}


def cases(tf):
    return {"op_ids": op_ids(tf), "resize_unknown_rank": resize_unknown_rank(tf),
            "seeded_after_decode": seeded_after_decode(tf)}
