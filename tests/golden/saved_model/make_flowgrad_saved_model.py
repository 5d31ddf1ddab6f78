"""Writes flowgrad's SavedModel tests/golden/saved_model/flowgrad_saved_model/ (run with
flowgrad: `python tests/golden/saved_model/make_flowgrad_saved_model.py`): the linear
model of linear_model.py, with w set to 2*w by an assign before saving, by simple_save.
TF 1.14 loads and serves it in gen_saved_model.py."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import linear_model  # noqa: E402


def write(tf, export_dir):
    with tf.Graph().as_default():
        x, y = linear_model.build(tf)
        w = tf.get_default_graph().get_tensor_by_name("w:0")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.assign(w, 2 * w))
            tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": y})
            return sess.run(y, {x: linear_model.X})


if __name__ == "__main__":
    import flowgrad
    d = os.path.join(HERE, "flowgrad_saved_model")
    shutil.rmtree(d, ignore_errors=True)
    print(write(flowgrad, d))
