"""TF 1.14 reading GZIP/ZLIB-compressed fixed-length record files: tf.FixedLengthRecordReader
(encoding=...; header, footer, hop_bytes) and tf.data.FixedLengthRecordDataset
(compression_type=...). The files are made here with Python's zlib (deterministic
bytes); tests/test_fixed_compressed.py reads the same files with flowgrad."""
from __future__ import absolute_import

import os
import shutil
import tempfile
import zlib

BODY = bytes(bytearray(range(40)))
RAW = b"HEAD" + BODY + b"FOOT!"


def compress(data, kind):
    z = zlib.compressobj(6, zlib.DEFLATED, 31 if kind == "GZIP" else 15)
    return z.compress(data) + z.flush()


def _put(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def reader(tf, paths, **kw):
    g = tf.Graph()
    with g.as_default():
        q = tf.FIFOQueue(4, tf.string)
        enq = q.enqueue_many([paths])
        close = q.close()
        key, value = tf.FixedLengthRecordReader(**kw).read(q)
        out = []
        with tf.Session() as sess:
            sess.run(enq)
            sess.run(close)
            while True:
                try:
                    k, v = sess.run([key, value])
                except tf.errors.OutOfRangeError:
                    break
                except tf.errors.OpError as e:
                    out.append(type(e).__name__)
                    break
                out.append((os.path.basename(k.decode()), v))
    return out


def dataset(tf, d, paths, **kw):
    g = tf.Graph()
    with g.as_default():
        nxt = tf.data.FixedLengthRecordDataset(paths, **kw).make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    break
                except tf.errors.OpError as e:
                    out.append("%s: %s" % (type(e).__name__,
                                           e.message.split("\n")[0].replace(d, "DIR")))
                    break
    return out


def programs(tf, d):
    out = {}
    for kind in ("GZIP", "ZLIB"):
        p = _put(d, "f_" + kind, compress(RAW, kind))
        p2 = _put(d, "g_" + kind, compress(BODY[:16], kind))
        out["reader/%s/plain" % kind] = reader(
            tf, [p], record_bytes=8, header_bytes=4, footer_bytes=5, encoding=kind)
        out["reader/%s/hop" % kind] = reader(
            tf, [p, p2], record_bytes=6, header_bytes=4, footer_bytes=5, hop_bytes=4,
            encoding=kind)
        out["reader/%s/uneven" % kind] = reader(
            tf, [p], record_bytes=7, header_bytes=4, encoding=kind)
        out["dataset/%s" % kind] = dataset(
            tf, d, [p], record_bytes=8, header_bytes=4, footer_bytes=5, compression_type=kind)
        out["dataset/%s/two_files" % kind] = dataset(
            tf, d, [p2, p2], record_bytes=4, compression_type=kind)
        out["dataset/%s/uneven" % kind] = dataset(
            tf, d, [p], record_bytes=7, header_bytes=4, compression_type=kind)
        out["dataset/%s/uneven_footer" % kind] = dataset(
            tf, d, [p], record_bytes=6, header_bytes=4, footer_bytes=5, compression_type=kind)
        out["dataset/%s/short" % kind] = dataset(
            tf, d, [p2], record_bytes=20, compression_type=kind)
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        return programs(tf, d)
    finally:
        shutil.rmtree(d)
