"""tf.train.Example / SequenceExample written with the proto classes and parsed by
parse_example / parse_single_example / parse_single_sequence_example (VarLenFeature,
FixedLenSequenceFeature(allow_missing), SparseFeature, defaults, errors); TFRecordWriter
and tf_record_iterator with TFRecordOptions (none, GZIP, ZLIB); TFRecordReader.read_up_to;
SparseReorder's input checks. tests/test_pqueue_records.py runs the same `cases`."""
import os
import re
import shutil
import tempfile

import numpy as np


def _run(sess, build):
    try:
        return sess.run(build())
    except Exception as e:  # noqa: BLE001
        msg = getattr(e, "message", None) or str(e)      # resource ids are process-wide
        return (type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0]))


def _example(tf, **kw):
    feats = {}
    for k, v in sorted(kw.items()):
        if isinstance(v[0], bytes):
            feats[k] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
        elif isinstance(v[0], float):
            feats[k] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
        else:
            feats[k] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
    return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()


def _examples(tf):
    return [_example(tf, a=[1, 2], b=[1.5], s=[b"x", b"yy"], idx=[0, 3], val=[0.5, 0.25]),
            _example(tf, a=[3], b=[2.5, 3.5], idx=[1], val=[9.0]),
            _example(tf, b=[4.0])]


def _sparse(v):
    return {"indices": v.indices, "values": v.values, "dense_shape": v.dense_shape} \
        if hasattr(v, "dense_shape") else v


def examples(tf):
    e1, e2, e3 = _examples(tf)
    ex = _example
    out = {}
    feats = {"a": tf.VarLenFeature(tf.int64),
             "b": tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True,
                                             default_value=-1.0),
             "s": tf.VarLenFeature(tf.string),
             "sp": tf.SparseFeature(index_key="idx", value_key="val", dtype=tf.float32, size=5)}
    with tf.Session() as sess:
        parsed = tf.parse_example([e1, e2, e3], feats)
        out["parse_example"] = {k: _sparse(v) for k, v in sess.run(parsed).items()}
        out["shapes"] = sorted((k, str(v.dense_shape.shape) if isinstance(v, tf.SparseTensor)
                                else str(v.shape)) for k, v in parsed.items())
        for name, build in [
                ("single", lambda: tf.parse_single_example(e1, {
                    "a": tf.FixedLenFeature([2], tf.int64), "b": tf.FixedLenFeature([], tf.float32),
                    "c": tf.FixedLenFeature([2], tf.float32, default_value=[7., 8.])})),
                ("single_missing", lambda: tf.parse_single_example(
                    e3, {"a": tf.FixedLenFeature([2], tf.int64)})),
                ("single_length", lambda: tf.parse_single_example(
                    e1, {"a": tf.FixedLenFeature([3], tf.int64)})),
                ("batch_length", lambda: tf.parse_example(
                    [e3, e1], {"a": tf.FixedLenFeature([3], tf.int64)})),
                ("dtype", lambda: tf.parse_example([e1], {"a": tf.FixedLenFeature([2], tf.float32)})),
                ("dtype_varlen", lambda: tf.parse_example([e1], {"s": tf.VarLenFeature(tf.int64)})),
                ("garbage", lambda: tf.parse_example([b"garbage"], {"s": tf.VarLenFeature(tf.int64)})),
                ("single_garbage", lambda: tf.parse_single_example(
                    b"\x0a\x03abc", {"s": tf.VarLenFeature(tf.int64)})),
                ("seq_2d", lambda: tf.parse_example([e1, e2, e3], {
                    "a": tf.FixedLenSequenceFeature([1], tf.int64, allow_missing=True)})),
                ("seq_bad", lambda: tf.parse_example([e2], {
                    "b": tf.FixedLenSequenceFeature([3], tf.float32, allow_missing=True)})),
                ("sparse_range", lambda: tf.parse_example([ex(tf, idx=[7], val=[1.0])], {
                    "sp": tf.SparseFeature("idx", "val", tf.float32, 5)})),
                ("sparse_unsorted", lambda: tf.parse_example([ex(tf, idx=[3, 1], val=[1., 2.])], {
                    "sp": tf.SparseFeature("idx", "val", tf.float32, 5)})),
                ("sparse_counts", lambda: tf.parse_example([ex(tf, idx=[3, 1], val=[1.])], {
                    "sp": tf.SparseFeature("idx", "val", tf.float32, 5)})),
                ("reorder_matrix", lambda: tf.sparse_reorder(tf.SparseTensor(
                    tf.placeholder_with_default(np.zeros([2], np.int64), None), [1, 2], [3]))),
                ("reorder_vector", lambda: tf.sparse_reorder(tf.SparseTensor(
                    [[0], [1]], tf.placeholder_with_default([[1, 2], [3, 4]], None), [3]))),
                ("reorder_rank", lambda: tf.sparse_reorder(tf.SparseTensor(
                    [[0], [1]], [1, 2], tf.placeholder_with_default(
                        np.array([3, 3], np.int64), [None]))))]:
            got = _run(sess, build)
            out[name] = {k: _sparse(v) for k, v in got.items()} if isinstance(got, dict) \
                else _sparse(got)
    for name, build in [
            ("seq_no_allow", lambda: tf.parse_example(
                [e1], {"b": tf.FixedLenSequenceFeature([], tf.float32)})),
            ("no_features", lambda: tf.parse_example([e1], {})),
            ("fixed_none", lambda: tf.parse_example([e1], {"a": tf.FixedLenFeature(None, tf.int64)})),
            ("fixed_unknown", lambda: tf.parse_example(
                [e1], {"a": tf.FixedLenFeature([None], tf.int64)}))]:
        try:
            build()
            out[name] = "built"
        except (TypeError, ValueError) as e:
            out[name] = (type(e).__name__, str(e))
    return out


def sequences(tf):
    feature = tf.train.Feature
    se = tf.train.SequenceExample(
        context=tf.train.Features(feature={"len": feature(int64_list=tf.train.Int64List(value=[3]))}),
        feature_lists=tf.train.FeatureLists(feature_list={
            "tok": tf.train.FeatureList(feature=[
                feature(int64_list=tf.train.Int64List(value=[i, i + 1])) for i in range(3)]),
            "w": tf.train.FeatureList(feature=[
                feature(float_list=tf.train.FloatList(value=[i * 0.5])) for i in range(2)] +
                [feature(float_list=tf.train.FloatList(value=[]))])})).SerializeToString()
    out = {}
    with tf.Session() as sess:
        for name, build in [
                ("all", lambda: tf.parse_single_sequence_example(
                    se, context_features={"len": tf.FixedLenFeature([], tf.int64)},
                    sequence_features={
                        "tok": tf.FixedLenSequenceFeature([2], tf.int64),
                        "w": tf.VarLenFeature(tf.float32),
                        "miss": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=True)})),
                ("bad_shape", lambda: tf.parse_single_sequence_example(
                    se, sequence_features={"tok": tf.FixedLenSequenceFeature([3], tf.int64)})),
                ("missing", lambda: tf.parse_single_sequence_example(
                    se, sequence_features={"zz": tf.FixedLenSequenceFeature([3], tf.int64)})),
                ("empty_step", lambda: tf.parse_single_sequence_example(
                    se, sequence_features={"w": tf.FixedLenSequenceFeature([], tf.float32)}))]:
            got = _run(sess, build)
            out[name] = [{k: _sparse(v) for k, v in part.items()} for part in got] \
                if isinstance(got, tuple) and isinstance(got[0], dict) else got
    return out


def records(tf):
    d = tempfile.mkdtemp()
    out = {}
    try:
        kinds = tf.python_io.TFRecordCompressionType
        with tf.Session() as sess:
            for comp in [None, kinds.NONE, kinds.GZIP, kinds.ZLIB, "GZIP"]:
                p = os.path.join(d, "r%s.tfr" % comp)
                opts = tf.python_io.TFRecordOptions(comp) if comp is not None else None
                with tf.python_io.TFRecordWriter(p, opts) as w:
                    # fixed bytes: a serialized Example's map order is the protobuf
                    # runtime's (upb's hash order varies from process to process)
                    for e in [b"one" * 20, b"", bytes(range(64)) * 2]:
                        w.write(e)
                res = {"iter": [len(r) for r in tf.python_io.tf_record_iterator(p, opts)],
                       "type": tf.python_io.TFRecordOptions.get_compression_type_string(opts)}
                if comp in (None, kinds.NONE, kinds.ZLIB):
                    res["size"] = os.path.getsize(p)
                try:
                    res["as_zlib"] = [len(r) for r in tf.python_io.tf_record_iterator(
                        p, tf.python_io.TFRecordOptions(kinds.ZLIB))]
                except Exception as e:  # noqa: BLE001
                    res["as_zlib"] = (type(e).__name__, str(e).split("\n")[0])
                q = tf.FIFOQueue(3, tf.string)
                k, v = tf.TFRecordReader(options=opts).read_up_to(q, 2)
                sess.run(q.enqueue(p))
                sess.run(q.close())
                res["reader"] = [_run(sess, lambda: [tf.strings.regex_replace(k, ".*/", ""),
                                                     tf.size(v)]) for _ in range(3)]
                out[str(comp)] = res
        with open(os.path.join(d, "trunc"), "wb") as f:
            with open(os.path.join(d, "rNone.tfr"), "rb") as g:
                f.write(g.read()[:-3])
        for name, build in [
                ("bad_type", lambda: tf.python_io.TFRecordOptions("BZ2")),
                ("missing", lambda: list(tf.python_io.tf_record_iterator(os.path.join(d, "no")))),
                ("truncated", lambda: [len(r) for r in tf.python_io.tf_record_iterator(
                    os.path.join(d, "trunc"))])]:
            try:
                out[name] = build()
            except Exception as e:  # noqa: BLE001
                out[name] = (type(e).__name__, str(e).replace(d, "D").split("\n")[0])
    finally:
        shutil.rmtree(d)
    return out


CASES = [examples, sequences, records]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out
