"""TF 1.14's string form of the sparse packing ops: tf.serialize_sparse,
tf.serialize_many_sparse (out_type=tf.string: TensorProtos as bytes), and
tf.deserialize_many_sparse (op DeserializeManySparse), also under tf.io: the bytes,
static shapes, round trips, and errors. tests/test_sparse_serialize.py runs the same
programs in flowgrad."""
from __future__ import absolute_import

import numpy as np


def _err(e):
    msg = getattr(e, "message", None) or str(e)
    return "%s: %s" % (type(e).__name__, msg.split("\n")[0])


def _sp(tf, kind):
    if kind == "float":
        return tf.SparseTensor([[0, 1], [2, 0]], np.array([1.5, -2.5], np.float32), [3, 4])
    if kind == "int64":
        return tf.SparseTensor([[0, 0, 1], [0, 1, 0], [1, 1, 1]],
                               np.array([7, -1, 2 ** 40], np.int64), [2, 2, 3])
    if kind == "string":
        return tf.SparseTensor([[0, 1], [1, 0], [1, 2]], [b"x", b"", b"yz\x00w"], [3, 3])
    if kind == "bool":
        return tf.SparseTensor([[1, 1]], [True], [2, 2])
    if kind == "int32_empty":
        return tf.SparseTensor(np.zeros((0, 2), np.int64), np.zeros(0, np.int32), [2, 5])
    if kind == "double_1d":
        return tf.SparseTensor([[3]], np.array([0.25]), [5])
    raise KeyError(kind)


KINDS = ["float", "int64", "string", "bool", "int32_empty", "double_1d"]


def _serialize(fn_name, kind, module="tf"):
    def run(tf):
        with tf.Graph().as_default():
            mod = tf if module == "tf" else tf.io
            try:
                t = getattr(mod, fn_name)(_sp(tf, kind))
            except Exception as e:  # noqa: BLE001 - the error is the golden
                return _err(e)
            head = [t.dtype.name, str(t.shape), t.op.type]
            with tf.Session() as sess:
                try:
                    return head + [sess.run(t)]
                except tf.errors.OpError as e:
                    return head + [_err(e)]
    return run


def _round_trip(kind, dtype, rank=None, module="tf"):
    def run(tf):
        with tf.Graph().as_default():
            mod = tf if module == "tf" else tf.io
            s = mod.serialize_many_sparse(_sp(tf, kind))
            d = mod.deserialize_many_sparse(s, getattr(tf, dtype), rank=rank)
            head = [str(d.indices.shape), str(d.values.shape), str(d.dense_shape.shape),
                    d.values.dtype.name]
            with tf.Session() as sess:
                try:
                    v = sess.run(d)
                    return head + [v.indices, v.values, v.dense_shape]
                except tf.errors.OpError as e:
                    return head + [_err(e)]
    return run


def _deserialize_rows(tf):
    """Rows of two SparseTensors serialized apart and stacked (their shapes differ: the
    result's is the largest)."""
    with tf.Graph().as_default():
        a = tf.serialize_sparse(tf.SparseTensor([[0, 1]], [1.0], [2, 3]))
        b = tf.serialize_sparse(tf.SparseTensor([[3, 0], [3, 4]], [2.0, 3.0], [4, 5]))
        d = tf.deserialize_many_sparse(tf.stack([a, b]), tf.float32)
        with tf.Session() as sess:
            v = sess.run(d)
            return [v.indices, v.values, v.dense_shape]


def _deserialize_bad(serialized, dtype="float32"):
    def run(tf):
        with tf.Graph().as_default():
            try:
                d = tf.deserialize_many_sparse(tf.constant(serialized, dtype=tf.string),
                                               getattr(tf, dtype))
                with tf.Session() as sess:
                    return sess.run(d.values)
            except Exception as e:  # noqa: BLE001 - the error is the golden
                return _err(e)
    return run


def _fed(tf):
    with tf.Graph().as_default():
        ind = tf.placeholder(tf.int64, [None, 2])
        val = tf.placeholder(tf.float32, [None])
        shp = tf.placeholder(tf.int64, [2])
        s = tf.serialize_many_sparse(tf.SparseTensor(ind, val, shp))
        with tf.Session() as sess:
            out = [str(s.shape)]
            out.append(sess.run(s, {ind: [[1, 0]], val: [4.0], shp: [2, 2]}))
            for bad in ({ind: [[1, 0], [0, 0]], val: [4.0, 5.0], shp: [2, 2]},):
                try:
                    sess.run(s, bad)
                except tf.errors.OpError as e:
                    out.append(_err(e))
            return out


PROGRAMS = {}
for _k in KINDS:
    PROGRAMS["serialize/" + _k] = _serialize("serialize_sparse", _k)
    PROGRAMS["serialize_many/" + _k] = _serialize("serialize_many_sparse", _k)
PROGRAMS["io/serialize/float"] = _serialize("serialize_sparse", "float", "io")
PROGRAMS["io/serialize_many/string"] = _serialize("serialize_many_sparse", "string", "io")
PROGRAMS["round_trip/float"] = _round_trip("float", "float32")
PROGRAMS["round_trip/float/rank"] = _round_trip("float", "float32", rank=2)
PROGRAMS["round_trip/int64"] = _round_trip("int64", "int64", rank=3)
PROGRAMS["round_trip/string"] = _round_trip("string", "string", module="io")
PROGRAMS["round_trip/empty"] = _round_trip("int32_empty", "int32")
PROGRAMS["round_trip/wrong_dtype"] = _round_trip("float", "float64")
PROGRAMS["deserialize/rows"] = _deserialize_rows
PROGRAMS["deserialize/garbage"] = _deserialize_bad([[b"\xff\xff", b"", b""]])
PROGRAMS["deserialize/not_matrix"] = _deserialize_bad([b"a", b"b", b"c"])
PROGRAMS["deserialize/two_columns"] = _deserialize_bad([[b"", b""]])
PROGRAMS["serialize/fed"] = _fed


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
