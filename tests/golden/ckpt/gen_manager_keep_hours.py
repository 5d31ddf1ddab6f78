"""TF 1.14's tf.train.CheckpointManager with keep_checkpoint_every_n_hours, under a fake
clock (time.time patched): which checkpoints leave the active set and which are kept,
the files left, the `checkpoint` state file (times, last preserved time), a manager
recovering that state (also with a clock behind it), and the max_to_keep check.
tests/test_manager_keep_hours.py runs the same program with flowgrad."""
from __future__ import absolute_import

import glob
import os
import shutil
import tempfile
import time


class _Clock(object):
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _state(tf, d):
    st = tf.train.get_checkpoint_state(d)
    rel = lambda p: os.path.relpath(p, d)  # noqa: E731
    return {"latest": rel(st.model_checkpoint_path),
            "all": [rel(p) for p in st.all_model_checkpoint_paths],
            "timestamps": list(st.all_model_checkpoint_timestamps),
            "last_preserved": st.last_preserved_timestamp}


def _files(d):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, "*.index")))


def program(tf, d):
    clock = _Clock()
    real = time.time
    time.time = clock
    try:
        out = {}
        g = tf.Graph()
        with g.as_default():
            v = tf.Variable(1.0)
            ck = tf.train.Checkpoint(v=v)
            with tf.Session() as sess:
                sess.run(v.initializer)
                clock.now = 1000.0
                m = tf.train.CheckpointManager(ck, d, max_to_keep=2,
                                               keep_checkpoint_every_n_hours=1.5)
                steps = []
                for t in (1000.0, 2000.0, 5000.0, 9000.0, 12000.0, 20000.0, 20500.0,
                          26000.0):
                    clock.now = t
                    path = m.save()
                    steps.append({"saved": os.path.basename(path),
                                  "active": [os.path.basename(p) for p in m.checkpoints],
                                  "files": _files(d), "state": _state(tf, d)})
                out["steps"] = steps
                clock.now = 30000.0
                m2 = tf.train.CheckpointManager(ck, d, max_to_keep=1,
                                                keep_checkpoint_every_n_hours=1.0)
                out["recovered"] = [os.path.basename(p) for p in m2.checkpoints]
                out["recovered_latest"] = os.path.basename(m2.latest_checkpoint)
                clock.now = 31000.0
                m2.save(checkpoint_number=77)
                out["after_recovered_save"] = {
                    "active": [os.path.basename(p) for p in m2.checkpoints],
                    "files": _files(d), "state": _state(tf, d)}
                clock.now = 100.0
                m3 = tf.train.CheckpointManager(ck, d, max_to_keep=3)
                out["behind"] = [os.path.basename(p) for p in m3.checkpoints]
                m3.save()
                out["behind_state"] = _state(tf, d)
                m4 = tf.train.CheckpointManager(ck, os.path.join(d, "none"), max_to_keep=None,
                                                keep_checkpoint_every_n_hours=0.5)
                for t in (200.0, 5000.0):
                    clock.now = t
                    m4.save()
                out["keep_all"] = _state(tf, os.path.join(d, "none"))
                try:
                    tf.train.CheckpointManager(ck, d, max_to_keep=0)
                    out["zero"] = "no error"
                except ValueError as e:
                    out["zero"] = str(e)
        return out
    finally:
        time.time = real


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        return program(tf, d)
    finally:
        shutil.rmtree(d)
