"""TF 1.14's TFRecordDataset -> batch(n) -> map(parse_example) over files of Examples:
batches that cross flowgrad's read chunks (it reads 64 records first, then more), the last
short batch kept or dropped, files of Examples of different sizes, missing keys (their
defaults), a record that is not an Example and a corrupted record (the error, then what
the iterator gives next). The "big/" files span several of flowgrad's 1 MB reads (records
and batches across them, a record larger than a read, a corrupted record and a truncated
end after the first read); their batches are compared by digest. flowgrad parses such
batches in place from the file's buffer (engine/ops/_fused.py);
tests/test_data_parse_batches.py runs the same programs."""
from __future__ import absolute_import

import hashlib
import os
import shutil
import tempfile

import numpy as np


def _example(tf, x=None, y=None, s=None):
    feats = {}
    if x is not None:
        feats["x"] = tf.train.Feature(float_list=tf.train.FloatList(value=x))
    if y is not None:
        feats["y"] = tf.train.Feature(int64_list=tf.train.Int64List(value=[y]))
    if s is not None:
        feats["s"] = tf.train.Feature(bytes_list=tf.train.BytesList(value=[s]))
    return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()


def _uniform(tf, n):
    return [_example(tf, x=[i * 0.5, -i, i / 7.0], y=i % 7) for i in range(n)]


def _mixed(tf):
    out = _uniform(tf, 20)
    out[3] = _example(tf, x=[1.0, 2.0, 3.0], y=300)       # a two-byte varint
    out[9] = _example(tf, x=[4.0, 5.0, 6.0])              # y missing: its default
    out[12] = _example(tf, x=[7.0, 8.0, 9.0], y=-1)       # a ten-byte varint
    out[15] = _example(tf, x=[1.0, 1.0, 1.0], y=2, s=b"extra")
    return out


def _big(tf, n, pad=None, seed=0):
    """n Examples of 784 float32s and a label; `pad(i)`: the length of an extra bytes
    feature of Example i (not parsed), for records of different sizes."""
    rs = np.random.RandomState(seed)
    out = []
    for i in range(n):
        feats = {"image": tf.train.Feature(float_list=tf.train.FloatList(
            value=rs.rand(784).astype(np.float32))),
            "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i % 10]))}
        if pad is not None:
            feats["pad"] = tf.train.Feature(bytes_list=tf.train.BytesList(
                value=[b"p" * pad(i)]))
        out.append(tf.train.Example(features=tf.train.Features(feature=feats))
                   .SerializeToString())
    return out


def _big_spec(tf):
    return {"image": tf.FixedLenFeature([784], tf.float32),
            "label": tf.FixedLenFeature([], tf.int64)}


def _digest(values):
    """[dtype, shape, sha1 of the bytes] of each output (little-endian)."""
    out = []
    for v in values:
        a = np.ascontiguousarray(v)
        a = a.astype(a.dtype.newbyteorder("<"))
        out.append([str(a.dtype), list(a.shape), hashlib.sha1(a.tobytes()).hexdigest()])
    return out


def _spec(tf, with_default=True):
    return {"x": tf.FixedLenFeature([3], tf.float32),
            "y": tf.FixedLenFeature([], tf.int64, default_value=-5 if with_default else None)}


def _err(e):
    return "%s: %s" % (type(e).__name__, e.message.split("\n")[0])


def _run(tf, records, batch, drop=False, spec=None, corrupt=None, limit=40, shuffle=False,
         truncate=0, digest=False):
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "ex.tfrecord")
        with tf.python_io.TFRecordWriter(path) as w:
            for r in records:
                w.write(r)
        if corrupt is not None:     # flip a byte of that record's data
            with open(path, "rb") as f:
                data = bytearray(f.read())
            pos = sum(len(r) + 16 for r in records[:corrupt]) + 12 + 2
            data[pos] ^= 0xFF
            with open(path, "wb") as f:
                f.write(bytes(data))
        if truncate:
            with open(path, "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data[:-truncate])
        with tf.Graph().as_default():
            sp = spec(tf) if spec is not None else _spec(tf)
            ds = tf.data.TFRecordDataset(path).batch(batch, drop_remainder=drop)
            ds = ds.map(lambda s: tf.parse_example(s, sp))
            nxt = ds.make_one_shot_iterator().get_next()
            out = []
            with tf.Session() as sess:
                for _ in range(limit):
                    try:
                        v = sess.run(nxt)
                        vals = [v[k] for k in sorted(v)]
                        out.append(_digest(vals) if digest else vals)
                    except tf.errors.OutOfRangeError:
                        out.append("end")
                        break
                    except tf.errors.OpError as e:
                        out.append(_err(e))
            return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROGRAMS = {
    "uniform/50": lambda tf: _run(tf, _uniform(tf, 150), 50),
    "uniform/50/drop": lambda tf: _run(tf, _uniform(tf, 150), 50, drop=True),
    "uniform/64": lambda tf: _run(tf, _uniform(tf, 150), 64),
    "uniform/7/drop": lambda tf: _run(tf, _uniform(tf, 40), 7, drop=True),
    "uniform/1": lambda tf: _run(tf, _uniform(tf, 3), 1),
    "uniform/200": lambda tf: _run(tf, _uniform(tf, 150), 200),
    "uniform/200/drop": lambda tf: _run(tf, _uniform(tf, 150), 200, drop=True),
    "empty": lambda tf: _run(tf, [], 4),
    "mixed/4": lambda tf: _run(tf, _mixed(tf), 4),
    "mixed/no_default": lambda tf: _run(tf, _mixed(tf), 4,
                                        spec=lambda t: _spec(t, with_default=False)),
    "not_an_example": lambda tf: _run(tf, _uniform(tf, 10)[:5] + [b"not an example"] +
                                      _uniform(tf, 10)[5:], 4),
    "corrupt": lambda tf: _run(tf, _uniform(tf, 150), 32, corrupt=100),
    "wrong_type": lambda tf: _run(tf, _uniform(tf, 8), 4, spec=lambda t: {
        "x": t.FixedLenFeature([3], t.int64)}),
    "wrong_size": lambda tf: _run(tf, _uniform(tf, 8), 4, spec=lambda t: {
        "x": t.FixedLenFeature([2], t.float32)}),
    "big/uniform": lambda tf: _run(tf, _big(tf, 1500), 128, spec=_big_spec, digest=True),
    "big/uniform/drop": lambda tf: _run(tf, _big(tf, 1500), 100, drop=True, spec=_big_spec,
                                        digest=True),
    "big/varied": lambda tf: _run(tf, _big(tf, 1200, pad=lambda i: (i * 7919) % 3001),
                                  128, spec=_big_spec, digest=True),
    "big/huge_record": lambda tf: _run(tf, _big(tf, 700, pad=lambda i: 1500000 if i == 400
                                                else 0), 64, spec=_big_spec, digest=True),
    "big/corrupt": lambda tf: _run(tf, _big(tf, 1500), 128, spec=_big_spec, corrupt=1200,
                                   digest=True),
    "big/truncated": lambda tf: _run(tf, _big(tf, 1500), 128, spec=_big_spec, truncate=100,
                                     digest=True),
}


def cases(tf):
    _ = np
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
