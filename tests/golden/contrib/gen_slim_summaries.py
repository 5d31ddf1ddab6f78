"""TF 1.14's tf.contrib.slim.summaries: the summary ops each helper builds (names, types,
the SUMMARIES collection with print_summary's Print ops), the serialized Summary protos
they compute and their images' pixels (zero_fraction's tf.cond has no Switch ops in flowgrad: op counts are
not compared). tests/test_slim_summaries.py runs the same program with flowgrad."""
from __future__ import absolute_import

import numpy as np


def build(tf):
    ss = tf.contrib.slim.summaries
    with tf.Graph().as_default():
        w = tf.Variable(np.array([[0.0, 1.5], [-2.0, 0.0]], np.float32), name="weights")
        act = tf.nn.relu(tf.constant([-1.0, 2.0, 0.0, 3.0]), name="act")
        img = tf.constant(np.linspace(0, 1, 2 * 3 * 3 * 1, dtype=np.float32)
                          .reshape(2, 3, 3, 1), name="img")
        loss = tf.reduce_mean(w, name="loss")
        made = [ss.add_histogram_summary(w),
                ss.add_histogram_summary(act, name="activations", prefix="train"),
                ss.add_image_summary(img, prefix="in"),
                ss.add_scalar_summary(loss, "Total Loss"),
                ss.add_scalar_summary(loss, prefix="eval", print_summary=True),
                ss.add_zero_fraction_summary(act),
                ss.add_zero_fraction_summary(w, name="w0", prefix="p", print_summary=True)]
        made += ss.add_histogram_summaries([w, act], prefix="all")
        made += ss.add_scalar_summaries([loss], prefix="s")
        made += ss.add_zero_fraction_summaries([act])
        made += ss.add_image_summaries([img])
        names = [[t.name, t.op.type] for t in made]
        coll = [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run(made)
            pixels = []
            for v in values:   # PNG bytes depend on the encoder (libpng's filters in TF)
                for val in tf.Summary.FromString(v).value:
                    if val.HasField("image"):
                        pixels.append(sess.run(tf.image.decode_png(
                            val.image.encoded_image_string)))
        return {"names": names, "collection": coll, "values": values, "pixels": pixels}


def cases(tf):
    return {"build": build(tf)}
