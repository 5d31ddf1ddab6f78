"""TF 1.14's V1 checkpoints (Saver(write_version=SaverDef.V1)) both ways
(tests/test_ckpt_v1.py; the model is v1_model.py):

- "tf/...": TF trains one step and saves a V1 checkpoint: the file's bytes, the values,
  NewCheckpointReader's maps and debug string, and the values after 2 more steps; a
  run directory of V1 checkpoints with max_to_keep=2 (which files remain); a sharded
  V1 save (the returned pattern and the shard's bytes); a partitioned variable saved
  as V1 slices (the file, and the whole tensor TF's reader returns).
- "flowgrad/...": TF reads flowgrad's V1 file (flowgrad_v1/m, from make_flowgrad_v1.py)
  with NewCheckpointReader, restores it and trains 2 more steps.
"""
import os
import shutil
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import v1_model  # noqa: E402


def _reader(tf, prefix, out, key):
    r = tf.train.NewCheckpointReader(prefix)
    out[key + "/shape_map"] = {k: list(v) for k, v in r.get_variable_to_shape_map().items()}
    out[key + "/dtype_map"] = {k: v.name for k, v in r.get_variable_to_dtype_map().items()}
    out[key + "/debug_string"] = r.debug_string()
    t = {}
    for name in sorted(r.get_variable_to_shape_map()):
        try:
            v = r.get_tensor(name)
        except tf.errors.OpError as e:  # TF's V1 reader reads some dtypes only
            t[name] = e
            continue
        t[name] = np.array(v, dtype=object) if isinstance(v, bytes) else np.asarray(v)
    out[key + "/tensors"] = t


def cases(tf):
    out = {}
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            train, saver, variables = v1_model.build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(train)
                path = saver.save(sess, os.path.join(root, "m"), write_meta_graph=False,
                                  write_state=False)
                out["tf/saved_path_is_prefix"] = path == os.path.join(root, "m")
                out["tf/values"] = v1_model.values(sess, variables)
                sess.run(train)
                sess.run(train)
                out["tf/values_after_2_steps"] = v1_model.values(sess, variables)
                out["tf/file"] = open(os.path.join(root, "m"), "rb").read()
                run = os.path.join(root, "run")
                os.makedirs(run)
                for step in range(1, 4):
                    saver.save(sess, os.path.join(run, "m"), global_step=step)
                out["tf/run_files"] = sorted(os.listdir(run))
        _reader(tf, os.path.join(root, "m"), out, "tf")
        with tf.Graph().as_default():
            tf.Variable(np.arange(4, dtype=np.float32), name="v")
            saver = tf.train.Saver(write_version=1, sharded=True)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                os.makedirs(os.path.join(root, "sharded"))
                path = saver.save(sess, os.path.join(root, "sharded", "m"), write_state=False,
                                  write_meta_graph=False)
                out["tf_sharded/pattern"] = os.path.basename(path)
                out["tf_sharded/files"] = {n: open(os.path.join(root, "sharded", n), "rb").read()
                                           for n in sorted(os.listdir(os.path.join(root,
                                                                                   "sharded")))}
        with tf.Graph().as_default():
            tf.get_variable("p", [5, 2], initializer=tf.random_normal_initializer(seed=3),
                            partitioner=tf.fixed_size_partitioner(2))
            saver = tf.train.Saver(write_version=1)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                saver.save(sess, os.path.join(root, "part"), write_state=False,
                           write_meta_graph=False)
        out["tf_partitioned/file"] = open(os.path.join(root, "part"), "rb").read()
        _reader(tf, os.path.join(root, "part"), out, "tf_partitioned")
        # flowgrad's V1 file, read and continued by TF
        mine = os.path.join(HERE, "flowgrad_v1", "m")
        _reader(tf, mine, out, "flowgrad")
        with tf.Graph().as_default():
            train, saver, variables = v1_model.build(tf)
            with tf.Session() as sess:
                saver.restore(sess, mine)
                out["flowgrad/restored"] = v1_model.values(sess, variables)
                sess.run(train)
                sess.run(train)
                out["flowgrad/values_after_2_steps"] = v1_model.values(sess, variables)
    finally:
        shutil.rmtree(root)
    return out
