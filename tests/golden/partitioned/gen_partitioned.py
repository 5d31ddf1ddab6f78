"""Partitioned variables under TF 1.14 (tests/test_partitioned_variables.py): get_variable
with fixed_size / min_max / variable_axis_size partitioners (part names, shapes, save-slice
specs), reading the concatenated value, embedding_lookup over the parts ("mod" and "div"),
one Adagrad step (slots and their checkpoint keys), the checkpoint's files byte for byte,
create_partitioned_variables, reuse, and the errors."""
import os
import shutil
import tempfile

import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the class and message are the answer
        return type(e).__name__ + ": " + str(e).split("\n")[0]
    return None


def _files(d):
    out = {}
    for name in sorted(os.listdir(d)):
        if name.startswith("ck.") and not name.endswith(".meta"):
            with open(os.path.join(d, name), "rb") as f:
                out[name] = f.read().hex()
    return out


def _model(tf):
    tf.set_random_seed(3)
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
        w = tf.get_variable("w", [7, 2])
    with tf.variable_scope("m", partitioner=tf.min_max_variable_partitioner(
            max_partitions=4, min_slice_size=16)):
        m = tf.get_variable("m", [5, 4], initializer=tf.ones_initializer())
    with tf.variable_scope("a", partitioner=tf.variable_axis_size_partitioner(
            max_shard_bytes=20, axis=1)):
        a = tf.get_variable("a", [2, 6], initializer=tf.constant_initializer(2.0))
    with tf.variable_scope("r", partitioner=tf.fixed_size_partitioner(2), use_resource=True):
        r = tf.get_variable("r", [4, 3], initializer=tf.random_uniform_initializer(-1, 1))
    return w, m, a, r


def cases(tf):
    out = {}
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            w, m, a, r = _model(tf)
            pvs = {"w": w, "m": m, "a": a, "r": r}
            out["parts"] = {k: [[v.op.name, v.shape.as_list(), v._save_slice_info.spec,
                                 v._save_slice_info.full_name] for v in pv]
                            for k, pv in pvs.items()}
            out["pv"] = {k: [pv.name, pv.get_shape().as_list(), pv.dtype.name, len(pv),
                             list(pv._get_partitions())] for k, pv in pvs.items()}
            ids = tf.constant([0, 6, 3, 5, 1])
            e_mod = tf.nn.embedding_lookup(w, ids)
            e_div = tf.nn.embedding_lookup(w, ids, partition_strategy="div")
            e_res = tf.nn.embedding_lookup(r, tf.constant([3, 0, 1]))
            full = tf.convert_to_tensor(w)
            out["concat_ops"] = [full.op.name, full.op.type, full.op.inputs[0].op.type]
            loss = (tf.reduce_sum(e_mod * e_mod) + tf.reduce_sum(tf.convert_to_tensor(a)) +
                    tf.reduce_sum(e_res))
            with tf.variable_scope("train"):
                step = tf.train.AdagradOptimizer(0.1).minimize(loss)
            assigns = m.assign(np.arange(20, dtype=np.float32).reshape(5, 4))
            out["globals"] = sorted(v.op.name for v in tf.global_variables())
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                out["init"] = {k: s.run(pv.as_tensor()) for k, pv in pvs.items()}
                out["lookups"] = s.run({"mod": e_mod, "div": e_div, "res": e_res})
                s.run(step)
                s.run(assigns)
                out["trained"] = {k: s.run(tf.convert_to_tensor(pv)) for k, pv in pvs.items()}
                saver = tf.train.Saver()
                saver.save(s, os.path.join(d, "ck"))
            out["files"] = _files(d)
            reader = tf.train.NewCheckpointReader(os.path.join(d, "ck"))
            out["ckpt_shapes"] = sorted([k, v] for k, v in
                                        reader.get_variable_to_shape_map().items())
            out["ckpt_values"] = {k: reader.get_tensor(k) for k in ("emb/w", "m/m")}
        with tf.Graph().as_default():   # restore into a graph partitioned differently
            with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(2)):
                w2 = tf.get_variable("w", [7, 2])
            with tf.Session() as s:
                tf.train.Saver([w2]).restore(s, os.path.join(d, "ck"))
                out["restored_2_parts"] = s.run(w2.as_tensor())
        with tf.Graph().as_default():
            parts = tf.create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer(),
                                                    name="cpv")
            out["create_partitioned"] = [[v.op.name, v.shape.as_list()] for v in parts]
            with tf.variable_scope("s", partitioner=tf.fixed_size_partitioner(2)):
                x = tf.get_variable("x", [6, 2])
            with tf.variable_scope("s", reuse=True):
                out["reuse_same"] = tf.get_variable("x", [6, 2]) is x
            out["errors"] = {
                "exists": _err(lambda: tf.get_variable(
                    "s/x", [6, 2], partitioner=tf.fixed_size_partitioner(2))),
                "no_partitioner": _err(lambda: tf.get_variable("s/x/part_0/y", [1])),
                "unpartitioned_found": _err(lambda: (tf.get_variable("u", [4]), tf.get_variable(
                    "u", [4], partitioner=tf.fixed_size_partitioner(2)))),
                "partitioned_found": _err(lambda: tf.get_variable("s/x", [6, 2])),
                "two_axes": _err(lambda: tf.get_variable(
                    "t", [4, 4], partitioner=lambda shape, dtype: [2, 2])),
                "bad_rank": _err(lambda: tf.get_variable(
                    "t2", [4, 4], partitioner=lambda shape, dtype: [2])),
                "zero": _err(lambda: tf.get_variable(
                    "t3", [4, 4], partitioner=lambda shape, dtype: [0, 1])),
                "not_callable": _err(lambda: tf.get_variable("t4", [4], partitioner=3)),
                "unknown_shape": _err(lambda: tf.get_variable(
                    "t5", [None, 2], partitioner=tf.fixed_size_partitioner(2))),
                "reuse_missing": _err(lambda: tf.get_variable(
                    "nope", [4], partitioner=tf.fixed_size_partitioner(2),
                    reuse=True) if False else _reuse_missing(tf)),
                "as_ref": _err(lambda: tf.assign(x, tf.zeros([6, 2]))),
                "axis_size_bad": _err(lambda: tf.variable_axis_size_partitioner(0)),
                "min_max_axis": _err(lambda: tf.get_variable(
                    "t6", [4], partitioner=tf.min_max_variable_partitioner(axis=2))),
            }
            out["scalar_not_partitioned"] = type(tf.get_variable(
                "sc", [], partitioner=tf.fixed_size_partitioner(2))).__name__
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out


def _reuse_missing(tf):
    with tf.variable_scope("rm", reuse=True):
        tf.get_variable("nope", [4], partitioner=tf.fixed_size_partitioner(2))
