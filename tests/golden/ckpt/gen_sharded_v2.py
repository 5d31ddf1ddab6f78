"""TF 1.14 writes a V2 checkpoint in two data shards (a sharded Saver over variables on two
CPU devices: m.data-00000-of-00002, m.data-00001-of-00002, one m.index); flowgrad reads and
restores it (tests/test_ckpt_interop.py)."""
import os
import shutil
import tempfile

import numpy as np

A = np.arange(6, dtype=np.float32).reshape(2, 3)
B = np.array([1.5, -2.0], np.float64)


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            with tf.device("/cpu:0"):
                tf.Variable(A, name="a")
            with tf.device("/cpu:1"):
                tf.Variable(B, name="b")
            saver = tf.train.Saver(sharded=True)
            with tf.Session(config=tf.ConfigProto(device_count={"CPU": 2})) as sess:
                sess.run(tf.global_variables_initializer())
                saver.save(sess, os.path.join(d, "m"), write_meta_graph=False,
                           write_state=False)
        files = {}
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), "rb") as f:
                files[name] = f.read()
        return {"files": files, "a": A, "b": B}
    finally:
        shutil.rmtree(d)
