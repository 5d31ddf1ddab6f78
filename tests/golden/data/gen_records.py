"""TF 1.14's TFRecord files (the bytes its writer makes, plain/ZLIB/GZIP), what its readers
and datasets return for them, corrupted files, tf.train.Example parsing, decode_raw and
decode_csv. Programs take (tf, tmpdir) and run under TF 1.14 and flowgrad alike; the file
bytes TF wrote are kept in the golden, so tests/test_data_records.py checks flowgrad writes
the same bytes (TF reads them) and reads TF's."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np

RECORDS = [b"", b"hello", bytes(bytearray(range(256))) * 2, b"x" * 1000]


def _opts(tf, kind):
    if kind is None:
        return None
    return tf.python_io.TFRecordOptions(getattr(tf.python_io.TFRecordCompressionType, kind))


def write_file(tf, d, kind):
    path = os.path.join(d, "f_%s.tfrecord" % kind)
    w = tf.python_io.TFRecordWriter(path, _opts(tf, kind))
    for r in RECORDS:
        w.write(r)
    w.close()
    with open(path, "rb") as f:
        return f.read()


def read_iter(tf, d, kind, data):
    path = os.path.join(d, "r_%s.tfrecord" % kind)
    with open(path, "wb") as f:
        f.write(data)
    return list(tf.python_io.tf_record_iterator(path, _opts(tf, kind)))


def read_error(tf, d, data):
    path = os.path.join(d, "bad.tfrecord")
    with open(path, "wb") as f:
        f.write(data)
    out = []
    try:
        for r in tf.python_io.tf_record_iterator(path):
            out.append(r)
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        out.append("%s: %s" % (type(e).__name__, getattr(e, "message", str(e))))
    return out


def dataset_read(tf, d, kind, data, batch=None):
    path = os.path.join(d, "ds_%s.tfrecord" % kind)
    with open(path, "wb") as f:
        f.write(data)
    g = tf.Graph()
    with g.as_default():
        ds = tf.data.TFRecordDataset([path, path], compression_type=kind or "")
        nxt = ds.make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    break
    return out


def text_and_fixed(tf, d):
    p1 = os.path.join(d, "a.txt")
    with open(p1, "wb") as f:
        f.write(b"line one\nline two\r\n\nlast")
    p2 = os.path.join(d, "b.bin")
    with open(p2, "wb") as f:
        f.write(b"HDR" + bytes(bytearray(range(18))) + b"FT")
    p3 = os.path.join(d, "c.bin")
    with open(p3, "wb") as f:
        f.write(bytes(bytearray(range(20))))
    g = tf.Graph()
    with g.as_default():
        a = tf.data.TextLineDataset(p1).make_one_shot_iterator().get_next()
        b = tf.data.FixedLengthRecordDataset(p2, 6, header_bytes=3, footer_bytes=2) \
            .map(lambda r: tf.decode_raw(r, tf.uint8)).make_one_shot_iterator().get_next()
        c = tf.data.FixedLengthRecordDataset(p3, 6).make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            for t in (a, b, c):
                while True:
                    try:
                        out.append(sess.run(t))
                    except tf.errors.OutOfRangeError:
                        out.append("END")
                        break
                    except tf.errors.InvalidArgumentError as e:
                        out.append(e.message.split("\n")[0].replace(d, "DIR"))
                        break
    return out


def _example(tf, **feats):
    f = {}
    for k, v in feats.items():
        if isinstance(v, list) and v and isinstance(v[0], float):
            f[k] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
        elif isinstance(v, list) and v and isinstance(v[0], bytes):
            f[k] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
        else:
            f[k] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
    return tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString()


def _examples(tf):
    return [_example(tf, a=[1.0, 2.0], b=[3, -4, 5], c=[b"x"], d=[1, 2, 3, 4]),
            _example(tf, a=[5.5, 6.5], b=[7], d=[9, 8]),
            _example(tf, a=[0.25, -1.0], b=[], c=[b"yz"], d=[])]


def parse(tf, d):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [None])
        out = tf.parse_example(s, {
            "a": tf.FixedLenFeature([2], tf.float32),
            "b": tf.VarLenFeature(tf.int64),
            "c": tf.FixedLenFeature([], tf.string, default_value="none"),
            "d": tf.FixedLenSequenceFeature([2], tf.int64, allow_missing=True, default_value=-1),
            "e": tf.FixedLenFeature([1, 2], tf.float32, default_value=[[3.0, 4.0]]),
        })
        with tf.Session() as sess:
            r = sess.run(out, {s: _examples(tf)})
    return {k: tuple(v) if isinstance(v, tuple) else v for k, v in r.items()}


def parse_single(tf, d):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [])
        out = tf.parse_single_example(s, {
            "a": tf.FixedLenFeature([2], tf.float32),
            "b": tf.VarLenFeature(tf.int64),
            "c": tf.FixedLenFeature([], tf.string, default_value="none")})
        with tf.Session() as sess:
            return [{k: tuple(v) if isinstance(v, tuple) else v
                     for k, v in sess.run(out, {s: e}).items()} for e in _examples(tf)]


def parse_errors(tf, d):
    out = []
    specs = [{"a": tf.FixedLenFeature([3], tf.float32)},
             {"zz": tf.FixedLenFeature([], tf.int64)},
             {"a": tf.FixedLenFeature([2], tf.int64)}]
    for spec in specs:
        g = tf.Graph()
        with g.as_default():
            s = tf.placeholder(tf.string, [None])
            t = tf.parse_example(s, spec)
            with tf.Session() as sess:
                try:
                    sess.run(t, {s: _examples(tf)})
                    out.append("no error")
                except tf.errors.InvalidArgumentError as e:
                    out.append(e.message.split("\n")[0])
    return out


def parse_pipeline(tf, d):
    path = os.path.join(d, "ex.tfrecord")
    w = tf.python_io.TFRecordWriter(path)
    for e in _examples(tf) * 2:
        w.write(e)
    w.close()
    g = tf.Graph()
    with g.as_default():
        ds = tf.data.TFRecordDataset(path).batch(4).map(lambda s: tf.parse_example(s, {
            "a": tf.FixedLenFeature([2], tf.float32),
            "c": tf.FixedLenFeature([], tf.string, default_value="")}))
        nxt = ds.make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            for _ in range(2):
                out.append(sess.run(nxt))
    return out


def decoders(tf, d):
    g = tf.Graph()
    with g.as_default():
        raw = tf.constant([b"\x01\x02\x03\x04", b"\xff\xfe\x00\x80"])
        csv = tf.constant(["1,2.5,hello", '4,,"a,""b"""', "7,8,"])
        outs = [tf.decode_raw(raw, tf.int16), tf.decode_raw(raw, tf.int16, little_endian=False),
                tf.decode_raw(raw, tf.uint8), tf.decode_raw(raw, tf.float32),
                tf.decode_csv(csv, [[0], [-1.0], ["dflt"]]),
                tf.decode_csv(csv, [[0], ["z"]], select_cols=[0, 2]),
                tf.decode_csv(tf.constant("a|b|NA"), [[""], [""], ["x"]], field_delim="|",
                              na_value="NA")]
        with tf.Session() as sess:
            res = [sess.run(o) for o in outs]
            for bad in (["1,2"], ["x,2.0,s"], ['"unterminated,1,2']):
                try:
                    sess.run(tf.decode_csv(tf.constant(bad), [[0], [0.0], [""]]))
                    res.append("no error")
                except tf.errors.InvalidArgumentError as e:
                    res.append(e.message.split("\n")[0])
    return res


def _bad_files(tf):
    good = write_file(tf, _TMP[0], None)
    flipped = bytearray(good)
    flipped[30] ^= 1
    hdr = bytearray(good)
    hdr[8] ^= 1
    return {"truncated": good[:-3], "data_crc": bytes(flipped), "len_crc": bytes(hdr),
            "short": good[:5]}


_TMP = [None]


def cases(tf):
    d = tempfile.mkdtemp()
    _TMP[0] = d
    try:
        out = {}
        for kind in (None, "ZLIB", "GZIP"):
            data = write_file(tf, d, kind)
            out["bytes/%s" % kind] = data
            out["iter/%s" % kind] = read_iter(tf, d, kind, data)
            out["dataset/%s" % kind] = dataset_read(tf, d, kind, data)
        for name, data in sorted(_bad_files(tf).items()):
            out["bad/" + name] = read_error(tf, d, data)
        out["text_fixed"] = text_and_fixed(tf, d)
        out["examples"] = _examples(tf)
        out["parse"] = parse(tf, d)
        out["parse_single"] = parse_single(tf, d)
        out["parse_errors"] = parse_errors(tf, d)
        out["parse_pipeline"] = parse_pipeline(tf, d)
        out["decoders"] = decoders(tf, d)
        return out
    finally:
        shutil.rmtree(d)
        _ = np
