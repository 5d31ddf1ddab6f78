"""The order of CheckpointReader.get_variable_to_shape_map() / _dtype_map() under TF 1.14
(that of the C++ unordered_map TF fills; scripts print these dicts as they come), and the
init_from_checkpoint error that prints one (probe pg; tests/test_pg_train_io.py)."""
import os
import shutil
import tempfile

import numpy as np


def _save(tf, tmp, build):
    with tf.Graph().as_default():
        build()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return tf.train.Saver().save(sess, os.path.join(tmp, "model"),
                                         write_meta_graph=False)


def _maps(tf, path):
    r = tf.train.NewCheckpointReader(path)
    shapes = r.get_variable_to_shape_map()
    return {"shape_map": [[k, v] for k, v in shapes.items()],
            "dtype_map": [[k, v.name] for k, v in r.get_variable_to_dtype_map().items()]}


def model(tf):
    def build():
        x = tf.constant(np.ones([2, 4], np.float32))
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="hidden")
        y = tf.layers.dense(h, 1, name="out")
        with tf.variable_scope("emb"):
            tf.get_variable("table", [10, 3], partitioner=tf.fixed_size_partitioner(3))
        gs = tf.train.get_or_create_global_step()
        tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y), global_step=gs)
    tmp = tempfile.mkdtemp()
    try:
        return _maps(tf, _save(tf, tmp, build))
    finally:
        shutil.rmtree(tmp)


def many(tf):
    """300 variables (the map rehashes several times)."""
    rng = np.random.RandomState(7)
    names = sorted(set("scope%d/%s" % (rng.randint(50), "".join(
        chr(97 + rng.randint(26)) for _ in range(rng.randint(1, 15)))) for _ in range(300)))

    def build():
        for n in names:
            tf.Variable(0.0, name=n)
    tmp = tempfile.mkdtemp()
    try:
        return _maps(tf, _save(tf, tmp, build))["shape_map"]
    finally:
        shutil.rmtree(tmp)


def init_error(tf):
    tmp = tempfile.mkdtemp()
    try:
        def build():
            for n in ("w", "b", "dense/kernel", "dense/bias", "global_step"):
                tf.Variable(0.0, name=n)
        path = _save(tf, tmp, build)
        with tf.Graph().as_default():
            tf.get_variable("v", [])
            try:
                tf.train.init_from_checkpoint(path, {"missing": "v"})
            except ValueError as e:
                return str(e).replace(path, "<CKPT>")
    finally:
        shutil.rmtree(tmp)


def cases(tf):
    return {"model": model(tf), "many": many(tf), "init_error": init_error(tf)}
