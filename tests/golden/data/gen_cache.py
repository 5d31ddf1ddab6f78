"""TF 1.14's Dataset.cache(filename) files: the bytes TF writes for a few datasets (hex),
and what a second pass reads back. tests/test_data_cache.py checks that flowgrad writes
the same bytes and reads TF's files."""
from __future__ import absolute_import

import binascii
import os
import shutil
import tempfile

import numpy as np


def _datasets(tf):
    return {
        "ints_strings": lambda: tf.data.Dataset.from_tensor_slices(
            (np.arange(3, dtype=np.int64), np.array([b"a", b"bb", b"c"]))),
        "floats_matrix": lambda: tf.data.Dataset.from_tensor_slices(
            np.arange(12, dtype=np.float32).reshape(3, 2, 2)).map(lambda x: x * 2.0),
        "many_components": lambda: tf.data.Dataset.range(2).map(
            lambda x: tuple(x + i for i in range(11))),
        "empty": lambda: tf.data.Dataset.range(0),
    }


def _plain(v):
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, bytes):
        return v.decode()
    return v


def write_and_read(tf, make, d):
    fn = os.path.join(d, "cache")
    out = []
    for _ in range(2):
        with tf.Graph().as_default():
            nxt = make().cache(fn).make_one_shot_iterator().get_next()
            run = []
            with tf.Session() as sess:
                while True:
                    try:
                        run.append(_plain(sess.run(nxt)))
                    except tf.errors.OutOfRangeError:
                        break
            out.append(run)
    return out


def cases(tf):
    res = {}
    for name, make in sorted(_datasets(tf).items()):
        d = tempfile.mkdtemp()
        try:
            runs = write_and_read(tf, make, d)
            files = {}
            for f in sorted(os.listdir(d)):
                with open(os.path.join(d, f), "rb") as fh:
                    files[f] = binascii.hexlify(fh.read()).decode()
            res[name] = {"runs": runs, "files": files}
        finally:
            shutil.rmtree(d)
    return res
