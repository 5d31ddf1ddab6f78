"""Writes flowgrad's object-based checkpoint tests/golden/saved_model/flowgrad_object_ckpt/
(run with flowgrad: `python tests/golden/saved_model/make_flowgrad_object_ckpt.py`): the
objects of object_model.py, v set to [7, 8] and w to 9, saved twice by Checkpoint.save.
TF 1.14 restores it in gen_object_checkpoint.py."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import object_model  # noqa: E402


def write(tf, directory):
    with tf.Graph().as_default():
        ckpt, (v, w) = object_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run([v.assign([7.0, 8.0]), w.assign(9)])
            ckpt.save(os.path.join(directory, "ck"))
            return ckpt.save(os.path.join(directory, "ck"))


if __name__ == "__main__":
    import flowgrad
    d = os.path.join(HERE, "flowgrad_object_ckpt")
    shutil.rmtree(d, ignore_errors=True)
    cwd = os.getcwd()
    os.makedirs(d)
    os.chdir(d)
    try:
        print(write(flowgrad, "."))
    finally:
        os.chdir(cwd)
