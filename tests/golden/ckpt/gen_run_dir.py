"""A run directory shared between TF 1.14 and flowgrad, both ways
(tests/test_ckpt_interop.py; the model is run_model.py).

- "tf_run/...": TF trains 3 steps, saving each step (max_to_keep=2, absolute paths
  under a temporary root that is gone afterwards, as a moved run directory): the
  bytes of every file, the values at step 3, and the values after 2 more steps.
- "flowgrad_run/...": TF reads flowgrad's run directory (flowgrad_run/, written by
  make_flowgrad_run.py): latest_checkpoint, list_variables, every tensor, and the
  values after restoring and training 2 more steps.
"""
import os
import shutil
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run_model  # noqa: E402


def _tf_run(tf, out):
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            train, saver, variables = run_model.build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train)
                    saver.save(sess, os.path.join(root, "m"),
                               global_step=tf.train.get_global_step(), write_meta_graph=False)
                out["tf_run/values_step3"] = run_model.values(sess, variables)
                sess.run(train)
                sess.run(train)
                out["tf_run/values_step5"] = run_model.values(sess, variables)
        out["tf_run/root"] = root
        out["tf_run/files"] = {name: open(os.path.join(root, name), "rb").read()
                               for name in sorted(os.listdir(root))}
    finally:
        shutil.rmtree(root)


def _flowgrad_run(tf, out):
    src = os.path.join(HERE, "flowgrad_run")
    root = tempfile.mkdtemp()
    try:
        d = os.path.join(root, "run")
        shutil.copytree(src, d)
        latest = tf.train.latest_checkpoint(d)
        out["flowgrad_run/latest"] = os.path.basename(latest)
        out["flowgrad_run/list_variables"] = [[n, list(s)]
                                              for n, s in tf.train.list_variables(d)]
        reader = tf.train.load_checkpoint(latest)
        read = {}
        for name in sorted(reader.get_variable_to_shape_map()):
            v = reader.get_tensor(name)
            read[name] = np.array(v, dtype=object) if isinstance(v, bytes) else np.asarray(v)
        out["flowgrad_run/read"] = read
        out["flowgrad_run/dtypes"] = {n: d.name for n, d in
                                      sorted(reader.get_variable_to_dtype_map().items())}
        with tf.Graph().as_default():
            train, saver, variables = run_model.build(tf)
            with tf.Session() as sess:
                saver.restore(sess, latest)
                out["flowgrad_run/restored"] = run_model.values(sess, variables)
                sess.run(train)
                sess.run(train)
                out["flowgrad_run/values_step5"] = run_model.values(sess, variables)
                # TF continues the directory: saves step 5 beside flowgrad's files.
                saver.recover_last_checkpoints(
                    tf.train.get_checkpoint_state(d).all_model_checkpoint_paths)
                saver.save(sess, os.path.join(d, "m"), global_step=tf.train.get_global_step(),
                           write_meta_graph=False)
        out["flowgrad_run/after_tf_save"] = sorted(os.listdir(d))
    finally:
        shutil.rmtree(root)


def cases(tf):
    out = {}
    _tf_run(tf, out)
    _flowgrad_run(tf, out)
    return out
