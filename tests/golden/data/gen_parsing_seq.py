"""TF 1.14's tf.io.parse_sequence_example / tf.parse_single_sequence_example (context and
feature-list features, FixedLenSequenceFeature, VarLenFeature, their errors),
tf.SparseFeature in parse_example / parse_single_example, the ops TF 1.14 builds for its
file datasets and parsers (names, types, inputs), and TFRecordDataset's errors on damaged
files. Programs take (tf, tmpdir) and run under TF 1.14 and flowgrad alike
(tests/test_parsing_seq.py)."""
from __future__ import absolute_import

import os
import shutil
import tempfile


def _feature(tf, v):
    if isinstance(v, tuple):    # ("bytes" | "float", values): an empty list of that kind
        if v[0] == "bytes":
            return tf.train.Feature(bytes_list=tf.train.BytesList(value=v[1]))
        return tf.train.Feature(float_list=tf.train.FloatList(value=v[1]))
    if isinstance(v, list) and v and isinstance(v[0], float):
        return tf.train.Feature(float_list=tf.train.FloatList(value=v))
    if isinstance(v, list) and v and isinstance(v[0], bytes):
        return tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
    return tf.train.Feature(int64_list=tf.train.Int64List(value=v))


def _seq_example(tf, context, lists):
    ex = tf.train.SequenceExample()
    for k, v in sorted(context.items()):
        ex.context.feature[k].CopyFrom(_feature(tf, v))
    for k, steps in sorted(lists.items()):
        fl = ex.feature_lists.feature_list[k]
        for s in steps:
            fl.feature.add().CopyFrom(_feature(tf, s))
    return ex.SerializeToString()


def seq_examples(tf):
    return [
        _seq_example(tf, {"length": [3], "title": [b"abc"], "w": [1.5, 2.5]},
                     {"tokens": [[4], [5], [6]], "vec": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],
                      "words": [[b"a"], [b"b", b"c"], ("bytes", [])]}),
        _seq_example(tf, {"length": [1], "w": [0.5]},
                     {"tokens": [[7]], "vec": [[7.0, 8.0]]}),
        _seq_example(tf, {"length": [0]}, {"tokens": []}),
        _seq_example(tf, {"length": [2], "w": ("float", [])},
                     {"tokens": [[1], [2]], "vec": [[0.5, 1.0], [1.5, 2.0]],
                      "words": [[b"z"], [b"y"]]}),
    ]


def bad_protos():
    return [b"\x0a\x05xx", b"\xff", b"\x12\x03\x0a\x01", b"\x0a\x02\x0a\x00",
            b"\x12\x04\x0a\x02\x0a\x00", b"", b"\x08\x01"]


def _ctx_spec(tf):
    return {"length": tf.FixedLenFeature([], tf.int64),
            "title": tf.FixedLenFeature([], tf.string, default_value="none"),
            "w": tf.VarLenFeature(tf.float32)}


def _seq_spec(tf, allow_missing=False):
    return {"tokens": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=allow_missing),
            "vec": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True),
            "words": tf.VarLenFeature(tf.string)}


def _plain(r):
    if isinstance(r, dict):
        return {k: _plain(v) for k, v in r.items()}
    if isinstance(r, (tuple, list)):
        return [_plain(v) for v in r]
    if hasattr(r, "indices") and hasattr(r, "dense_shape"):
        return {"indices": r.indices, "values": r.values, "dense_shape": r.dense_shape}
    return r


def _run(tf, build, feed_value, ph_shape):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, ph_shape)
        out = build(s)
        with tf.Session() as sess:
            try:
                return _plain(sess.run(out, {s: feed_value}))
            except tf.errors.OpError as e:
                return "%s: %s" % (type(e).__name__, e.message.split("\n")[0])


def single_seq(tf, d):
    out = []
    exs = seq_examples(tf)
    for allow in (False, True):
        for e in exs:
            out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
                s, _ctx_spec(tf), _seq_spec(tf, allow)), e, []))
    # only context, only sequence, named example
    out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
        s, context_features={"length": tf.FixedLenFeature([1], tf.int64)}), exs[0], []))
    out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
        s, sequence_features={"tokens": tf.FixedLenSequenceFeature([], tf.int64)},
        example_name="ex0"), exs[2], []))
    return out


def batch_seq(tf, d):
    exs = seq_examples(tf)
    out = [_run(tf, lambda s: tf.io.parse_sequence_example(
        s, _ctx_spec(tf), _seq_spec(tf, True)), exs, [None])]
    out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
        s, _ctx_spec(tf), _seq_spec(tf, False)), exs, [None]))
    out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
        s, sequence_features={"vec": tf.FixedLenSequenceFeature([2], tf.float32,
                                                                allow_missing=True)},
        example_names=["a", "b", "c"]), exs[:2], [None]))
    return out


def seq_errors(tf, d):
    exs = seq_examples(tf)
    cases = [
        ({}, {"tokens": tf.FixedLenSequenceFeature([], tf.float32)}),
        ({}, {"vec": tf.FixedLenSequenceFeature([3], tf.float32)}),
        ({"title": tf.FixedLenFeature([], tf.string)}, {}),
        ({"length": tf.FixedLenFeature([], tf.float32)}, {}),
        ({}, {"words": tf.VarLenFeature(tf.int64)}),
        ({}, {"nope": tf.FixedLenSequenceFeature([], tf.int64)}),
    ]
    out = []
    for ctx, seq in cases:
        out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
            s, ctx or None, seq or None), exs[1], []))
        out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
            s, ctx or None, seq or None), exs[:2], [None]))
    for b in bad_protos():
        if b != b"\xff":   # TF 1.14's ParseSingleSequenceExample crashes on this one
            out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
                s, {"c": tf.VarLenFeature(tf.int64)},
                {"tokens": tf.VarLenFeature(tf.int64)}), b, []))
        out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
            s, {"c": tf.VarLenFeature(tf.int64)},
            {"tokens": tf.VarLenFeature(tf.int64)}), [b], [None]))
    mixed = _seq_example(tf, {}, {"words": [[1]]})
    out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
        s, sequence_features={"words": tf.VarLenFeature(tf.string)}, example_name="nm"),
        mixed, []))
    out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
        s, sequence_features={"words": tf.VarLenFeature(tf.string)}, example_names=["nm"]),
        [mixed], [None]))
    out.append(_run(tf, lambda s: tf.parse_single_sequence_example(
        s, {"w": tf.VarLenFeature(tf.int64)}), exs[0], []))
    out.append(_run(tf, lambda s: tf.io.parse_sequence_example(
        s, {"w": tf.VarLenFeature(tf.int64)}), exs[:1], [None]))
    # errors at graph build time
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [])
        for ctx, seq in [(None, None), ({"a": tf.FixedLenSequenceFeature([], tf.int64)}, None),
                         (None, {"a": tf.FixedLenFeature([], tf.int64)}),
                         ({"a": tf.FixedLenFeature([None], tf.int64)}, None)]:
            try:
                tf.parse_single_sequence_example(s, ctx, seq)
                out.append("no error")
            except (ValueError, TypeError) as e:
                out.append("%s: %s" % (type(e).__name__, e))
    return out


def _sparse_examples(tf):
    def ex(**feats):
        return tf.train.Example(features=tf.train.Features(feature={
            k: _feature(tf, v) for k, v in feats.items()})).SerializeToString()
    return [ex(ix=[3, 1, 7], val=[0.5, 1.5, 2.5], i0=[0, 2], i1=[3, 1], v=[10, 20]),
            ex(ix=[], val=("float", []), i0=[1], i1=[0], v=[30]),
            ex(ix=[9], val=[4.0], i0=[], i1=[], v=[])]


def _sparse_spec(tf, sorted_=False):
    return {"sf": tf.SparseFeature("ix", "val", tf.float32, 10, already_sorted=sorted_),
            "sf2": tf.SparseFeature(["i0", "i1"], "v", tf.int64, [3, 4]),
            "ix": tf.VarLenFeature(tf.int64)}


def sparse_feature(tf, d):
    exs = _sparse_examples(tf)
    out = [_run(tf, lambda s: tf.parse_example(s, _sparse_spec(tf)), exs, [None]),
           _run(tf, lambda s: tf.parse_example(s, _sparse_spec(tf, True)), exs, [None])]
    for e in exs:
        out.append(_run(tf, lambda s: tf.parse_single_example(s, _sparse_spec(tf)), e, []))
    # build-time errors
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [None])
        for spec in [{"a": tf.SparseFeature("", "v", tf.float32, 3)},
                     {"a": tf.SparseFeature("i", "", tf.float32, 3)},
                     {"a": tf.SparseFeature("i", "v", tf.float32, 3),
                      "i": tf.VarLenFeature(tf.float32)},
                     {"a": tf.SparseFeature("i", "v", tf.float32, 3),
                      "v": tf.VarLenFeature(tf.int64)}]:
            try:
                tf.parse_example(s, spec)
                out.append("no error")
            except ValueError as e:
                out.append("ValueError: %s" % e)
    return out


def _graph_ops(g):
    return [(op.name, op.type, [t.name for t in op.inputs]) for op in g.get_operations()]


def dataset_ops(tf, d):
    out = []
    builds = [
        lambda: tf.data.TFRecordDataset("a.tfrecord"),
        lambda: tf.data.TFRecordDataset(["a", "b"], compression_type="GZIP", buffer_size=100),
        lambda: tf.data.TFRecordDataset(tf.placeholder(tf.string, [None])),
        lambda: tf.data.TextLineDataset("a.txt"),
        lambda: tf.data.TextLineDataset(["a", "b"], compression_type="ZLIB"),
        lambda: tf.data.FixedLengthRecordDataset("a.bin", 4, header_bytes=2),
        lambda: tf.data.TFRecordDataset("a.tfrecord").batch(2).map(
            lambda s: tf.parse_example(s, {"x": tf.FixedLenFeature([], tf.int64)})),
    ]
    for b in builds:
        g = tf.Graph()
        with g.as_default():
            b()
            out.append(_graph_ops(g))
    return out


def parse_ops(tf, d):
    out = []
    builds = [
        lambda s: tf.parse_example(s, {"a": tf.FixedLenFeature([2], tf.float32),
                                       "b": tf.VarLenFeature(tf.int64),
                                       "c": tf.FixedLenFeature([], tf.string, "x")}),
        lambda s: tf.parse_example(s, _sparse_spec(tf)),
        lambda s: tf.parse_single_example(s[0], {"a": tf.FixedLenFeature([2], tf.float32),
                                                 "b": tf.VarLenFeature(tf.int64)}),
        lambda s: tf.parse_single_example(s[0], _sparse_spec(tf)),
        lambda s: tf.parse_single_sequence_example(s[0], _ctx_spec(tf), _seq_spec(tf, True)),
        lambda s: tf.io.parse_sequence_example(s, _ctx_spec(tf), _seq_spec(tf, True)),
        lambda s: tf.parse_single_sequence_example(
            s[0], {"c": tf.FixedLenFeature([2], tf.int64, default_value=[1, 2])}),
    ]
    for b in builds:
        g = tf.Graph()
        with g.as_default():
            s = tf.placeholder(tf.string, [None], name="s")
            b(s)
            out.append(_graph_ops(g))
    return out


def _good_file(tf, d):
    path = os.path.join(d, "good.tfrecord")
    w = tf.python_io.TFRecordWriter(path)
    for r in [b"", b"hello", b"x" * 300, b"y" * 40]:
        w.write(r)
    w.close()
    with open(path, "rb") as f:
        return f.read()


def bad_files(tf, d):
    good = _good_file(tf, d)
    flipped = bytearray(good)
    flipped[30] ^= 1
    hdr = bytearray(good)
    hdr[16 + 3] ^= 1
    last = bytearray(good)
    last[-1] ^= 1
    return {"truncated": good[:-3], "data_crc": bytes(flipped), "len_crc": bytes(hdr),
            "short": good[:5], "partial_header": good + b"\x01" * 11,
            "header_only": good + good[:12], "last_crc": bytes(last),
            "huge_len": good + b"\xff" * 8 + b"\x00" * 8, "gzip_garbage": b"garbage!"}


def dataset_errors(tf, d):
    out = {}
    for name, data in sorted(bad_files(tf, d).items()):
        path = os.path.join(d, "bad_%s.tfrecord" % name)
        with open(path, "wb") as f:
            f.write(data)
        got = []
        for kind, batch in (("", 0), ("", 2), ("GZIP", 0)):
            if (kind == "GZIP") != (name == "gzip_garbage"):
                continue
            g = tf.Graph()
            with g.as_default():
                ds = tf.data.TFRecordDataset(path, compression_type=kind)
                if batch:
                    ds = ds.batch(batch)
                nxt = ds.make_one_shot_iterator().get_next()
                res = []
                with tf.Session() as sess:
                    for _ in range(8):
                        try:
                            res.append(sess.run(nxt))
                        except tf.errors.OutOfRangeError:
                            res.append("END")
                            break
                        except tf.errors.OpError as e:
                            res.append("%s: %s" % (type(e).__name__,
                                                   e.message.split("\n")[0]))
            got.append(res)
        it = []
        try:
            for r in tf.python_io.tf_record_iterator(
                    path, tf.python_io.TFRecordOptions(
                        tf.python_io.TFRecordCompressionType.GZIP)
                    if name == "gzip_garbage" else None):
                it.append(r)
        except tf.errors.OpError as e:
            it.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
        got.append(it)
        out[name] = got
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        return {"single_seq": single_seq(tf, d), "batch_seq": batch_seq(tf, d),
                "seq_errors": seq_errors(tf, d), "sparse_feature": sparse_feature(tf, d),
                "dataset_ops": dataset_ops(tf, d), "parse_ops": parse_ops(tf, d),
                "dataset_errors": dataset_errors(tf, d)}
    finally:
        shutil.rmtree(d)
