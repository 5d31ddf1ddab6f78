"""Strings through tf.data as TF 1.14 keeps them (found by tests/pprobe13_scripts):
padded_batch of string components longer than the batch's first element (scalars, vectors,
dict components, a padding value), fetched as object arrays of bytes; and
tf.data.experimental.TFRecordWriter writing records that end in NUL bytes (a serialized
tf.train.Example may), read back whole; `+` of scalar strings ending in NULs."""
import os
import tempfile

STRS = [b"a", b"bbbb", b"cc", b"", b"dddddd"]
NULS = [b"ab\x00\x00", b"x\x00y\x00", b"\x00", b"q"]


def _run(tf, t):
    with tf.Session() as s:
        return s.run(t)


def _show(v):
    """The fetched value with its NumPy dtype and its elements' Python types."""
    return {"dtype": str(v.dtype), "shape": list(v.shape), "items": v.ravel().tolist(),
            "types": sorted({type(x).__name__ for x in v.ravel().tolist()})}


def padded_scalars(tf):
    ds = tf.data.Dataset.from_tensor_slices(STRS).padded_batch(3, padded_shapes=[])
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as s:
        return [_show(s.run(nxt)), _show(s.run(nxt))]


def padded_vectors(tf):
    ds = tf.data.Dataset.from_tensor_slices(STRS).map(lambda x: tf.fill([tf.strings.length(x) % 3 + 1], x))
    v = _run(tf, ds.padded_batch(5, padded_shapes=[4], padding_values="<pad>")
             .make_one_shot_iterator().get_next())
    return _show(v)


def padded_dict(tf):
    ds = tf.data.Dataset.from_tensor_slices(STRS).map(
        lambda x: {"s": x, "n": tf.strings.length(x)})
    v = _run(tf, ds.padded_batch(4, padded_shapes={"s": [], "n": []},
                                 padding_values={"s": "", "n": -1})
             .make_one_shot_iterator().get_next())
    return [_show(v["s"]), v["n"].tolist()]


def bucketed_strings(tf):
    ds = tf.data.Dataset.from_tensor_slices(STRS).map(lambda x: (x, tf.strings.length(x)))
    ds = ds.apply(tf.data.experimental.bucket_by_sequence_length(
        lambda x, n: n, [3], [2, 2], padding_values=("?", 0)))
    nxt = ds.make_one_shot_iterator().get_next()
    out = []
    with tf.Session() as s:
        while True:
            try:
                out.append(_show(s.run(nxt)[0]))
            except tf.errors.OutOfRangeError:
                return out


def tfrecord_writer_nuls(tf):
    path = os.path.join(tempfile.mkdtemp(), "nuls.tfrecord")
    write = tf.data.experimental.TFRecordWriter(path).write(
        tf.data.Dataset.from_tensor_slices(tf.constant(NULS)))
    _run(tf, write)
    back = list(tf.python_io.tf_record_iterator(path))
    ds = _run(tf, tf.data.TFRecordDataset(path).batch(10).make_one_shot_iterator().get_next())
    return [os.path.getsize(path), back, ds.tolist()]


def string_add_nuls(tf):
    """`+` of scalar strings keeps trailing NULs: a slice of a constant, in a Dataset.map,
    and the records the map makes written with the dataset TFRecordWriter."""
    c = tf.constant(NULS)
    ds = tf.data.Dataset.from_tensor_slices(c).map(lambda x: x + b"\x00")
    path = os.path.join(tempfile.mkdtemp(), "added.tfrecord")
    write = tf.data.experimental.TFRecordWriter(path).write(ds)
    with tf.Session() as s:
        got = s.run([c[0] + "", tf.strings.length(c[1] + c[2]), c[0] + c[2]])
        nxt = ds.make_one_shot_iterator().get_next()
        mapped = [s.run(nxt) for _ in NULS]
        s.run(write)
    return [[got[0], int(got[1]), got[2]], mapped, list(tf.python_io.tf_record_iterator(path))]


def cases(tf):
    return {"padded_scalars": padded_scalars(tf), "padded_vectors": padded_vectors(tf),
            "padded_dict": padded_dict(tf), "bucketed_strings": bucketed_strings(tf),
            "tfrecord_writer_nuls": tfrecord_writer_nuls(tf),
            "string_add_nuls": string_add_nuls(tf)}
