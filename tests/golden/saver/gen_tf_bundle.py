"""Checkpoints written by TF 1.14 in its V2 format (tensor bundle), for tests/test_tensor_bundle.py.

Each case "<ckpt>/index" and "<ckpt>/data" holds the bytes of the `.index` and
`.data-00000-of-00001` files TF's SaveV2 wrote, and "<ckpt>/values" the tensors saved
(as TF reads them back), so the suite can check flowgrad's reader against TF's files
and flowgrad's writer byte for byte against TF's, without TensorFlow.
"""
import os
import shutil
import tempfile

import numpy as np


def _tensors(tf):
    rs = np.random.RandomState(0)
    out = {
        "f32": np.arange(12, dtype=np.float32).reshape(3, 4) / 7,
        "f64": rs.randn(2, 3),
        "f16": (rs.randn(5) * 3).astype(np.float16),
        "i8": np.array([-128, 0, 127], np.int8),
        "i16": np.array([-3, 4], np.int16),
        "i32": np.array([[1, -2], [3, 2147483647]], np.int32),
        "i64": np.array([2 ** 40, -5], np.int64),
        "u8": np.array([0, 255, 7], np.uint8),
        "u16": np.array([65535, 1], np.uint16),
        "bool": np.array([[True, False, True]]),
        "c64": np.array([1 + 2j, -3.5 - 0.25j], np.complex64),
        "c128": np.array([[1e-3 + 1j]], np.complex128),
        "scalar": np.float32(2.5),
        "empty": np.zeros((0, 3), np.float32),
        "layer/kernel": rs.randn(4, 2).astype(np.float32),
        "str": np.array([b"", b"a", b"hello world", b"\x00\xff" * 70], dtype=object),
        "str_scalar": np.array(b"just one", dtype=object),
        "str_matrix": np.array([[b"x", b"yy"], [b"zzz", b""]], dtype=object),
    }
    return out


def _save(tf, tensors, prefix, extra=None):
    from tensorflow.python.ops import gen_io_ops
    g = tf.Graph()
    with g.as_default():
        names = sorted(tensors)
        ts = [tf.constant(tensors[n], dtype=tf.string if tensors[n].dtype == object else None)
              for n in names]
        if extra:
            for n, make in sorted(extra.items()):
                names.append(n)
                ts.append(make())
        op = gen_io_ops.save_v2(prefix, names, [""] * len(names), ts)
        with tf.Session(graph=g) as sess:
            sess.run(op)


def _read_back(tf, prefix):
    r = tf.train.load_checkpoint(prefix)
    out = {}
    for name in sorted(r.get_variable_to_shape_map()):
        v = r.get_tensor(name)
        out[name] = np.asarray(v, dtype=object) if isinstance(v, bytes) else np.asarray(v)
    return out


def cases(tf):
    root = tempfile.mkdtemp()
    try:
        out = {}
        tensors = _tensors(tf)
        # bfloat16 has no NumPy dtype: saved from a cast, read back as float32 values.
        extra = {"bf16": lambda: tf.cast(tf.constant([1.0, -2.5, 3.140625, 1e-3]),
                                         tf.bfloat16)}
        sets = {"all_dtypes": (tensors, extra), "one_float": ({"w": tensors["f32"]}, None),
                "no_tensors_but_one_empty": ({"e": tensors["empty"]}, None)}
        for ck, (ts, ex) in sorted(sets.items()):
            prefix = os.path.join(root, ck, "model")
            _save(tf, ts, prefix, ex)
            out[ck + "/index"] = open(prefix + ".index", "rb").read()
            out[ck + "/data"] = open(prefix + ".data-00000-of-00001", "rb").read()
            values = _read_back(tf, prefix)
            if ex:
                r = tf.train.load_checkpoint(prefix)
                out[ck + "/dtypes"] = {n: r.get_variable_to_dtype_map()[n].name
                                       for n in sorted(values)}
            out[ck + "/values"] = values
        # A variable partitioned into slices, saved by tf.train.Saver (entries with slices).
        g = tf.Graph()
        with g.as_default():
            v = tf.get_variable("part", shape=[5, 2], initializer=tf.zeros_initializer(),
                                partitioner=tf.fixed_size_partitioner(2))
            full = np.arange(10, dtype=np.float32).reshape(5, 2)
            assigns, row = [], 0
            for p in v:
                n = int(p.shape[0])
                assigns.append(p.assign(full[row:row + n]))
                row += n
            saver = tf.train.Saver()
            with tf.Session(graph=g) as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(assigns)
                prefix = saver.save(sess, os.path.join(root, "partitioned", "model"),
                                    write_meta_graph=False)
            del v
        out["partitioned/index"] = open(prefix + ".index", "rb").read()
        out["partitioned/data"] = open(prefix + ".data-00000-of-00001", "rb").read()
        out["partitioned/values"] = _read_back(tf, prefix)
    finally:
        shutil.rmtree(root)
    return out
