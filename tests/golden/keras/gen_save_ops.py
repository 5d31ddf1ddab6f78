"""TF 1.14's graph-mode model.save_weights in the TF format: saving again (same path or
another) adds no ops to the graph (the model's saver is made once)."""
import os
import shutil
import tempfile

import numpy as np


def run(tf):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default() as g:
            with tf.Session():
                model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
                model.compile("adam", "mse")
                model.fit(np.ones((2, 3)), np.ones((2, 2)), verbose=0)
                model.save_weights(os.path.join(d, "a"))
                counts = []
                for name in ("a", "b", "a"):
                    n = len(g.get_operations())
                    model.save_weights(os.path.join(d, name))
                    counts.append(len(g.get_operations()) - n)
                return {"added": counts,
                        "keys": sorted(k for k, _ in tf.train.list_variables(
                            os.path.join(d, "b")))}
    finally:
        shutil.rmtree(d)


def cases(tf):
    return {"save_again": run(tf)}
