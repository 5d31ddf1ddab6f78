"""Writes tests/golden/keras/flowgrad_h5/<optimizer>.h5.gz with flowgrad (the files TF 1.14
loads in gen_optimizer_state.py). Run from the repository root:

    .venv/bin/python tests/golden/keras/make_optimizer_state.py
"""
import gzip
import os
import sys
import tempfile

import flowgrad as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_optimizer_state as gen  # noqa: E402

if __name__ == "__main__":
    os.makedirs(gen.FLOWGRAD_FILES, exist_ok=True)
    for name, make in gen.optimizers(tf):
        with tf.Graph().as_default():
            with tf.Session():
                path = os.path.join(tempfile.mkdtemp(), name + ".h5")
                gen.train_and_save(tf, make(), path)
        with open(path, "rb") as f:
            data = gzip.compress(f.read(), 9, mtime=0)
        with open(os.path.join(gen.FLOWGRAD_FILES, name + ".h5.gz"), "wb") as f:
            f.write(data)
        print("wrote", name)
