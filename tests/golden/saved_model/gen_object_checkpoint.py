"""Object-based checkpoints (tf.train.Checkpoint) between TF 1.14 and flowgrad, both ways
(tests/test_object_checkpoint.py; the objects are object_model.py).

- "tf/...": TF saves the objects twice (v=[7, 8], w=9): the files of ck-2, its keys.
- "flowgrad/...": TF restores flowgrad's checkpoint (flowgrad_object_ckpt/, written by
  make_flowgrad_object_ckpt.py) with assert_consumed, and reads its values and keys.
"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import object_model  # noqa: E402


def cases(tf):
    out = {}
    root = tempfile.mkdtemp()
    try:
        d = os.path.join(root, "tf")
        with tf.Graph().as_default():
            ckpt, (v, w) = object_model.build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run([v.assign([7.0, 8.0]), w.assign(9)])
                ckpt.save(os.path.join(d, "ck"))
                path = ckpt.save(os.path.join(d, "ck"))
        out["tf/path"] = os.path.basename(path)
        out["tf/files"] = {n: open(os.path.join(d, n), "rb").read()
                           for n in sorted(os.listdir(d)) if n.startswith("ck-2")}
        reader = tf.train.NewCheckpointReader(path)
        out["tf/keys"] = sorted(reader.get_variable_to_shape_map())
        d = os.path.join(root, "fg")
        shutil.copytree(os.path.join(HERE, "flowgrad_object_ckpt"), d)
        latest = tf.train.latest_checkpoint(d)
        out["flowgrad/latest"] = os.path.basename(latest)
        reader = tf.train.NewCheckpointReader(latest)
        out["flowgrad/keys"] = sorted(reader.get_variable_to_shape_map())
        with tf.Graph().as_default():
            ckpt, (v, w) = object_model.build(tf)
            with tf.Session() as sess:
                status = ckpt.restore(latest)
                status.assert_consumed()
                status.run_restore_ops(sess)
                out["flowgrad/values"] = sess.run([v, w])
                out["flowgrad/save_counter"] = sess.run(ckpt.save_counter)
    finally:
        shutil.rmtree(root)
    return out
