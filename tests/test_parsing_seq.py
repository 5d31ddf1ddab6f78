"""parse_sequence_example / parse_single_sequence_example, SparseFeature, the ops TF 1.14
builds for its file datasets and parsers, and TFRecordDataset's errors on damaged files,
against TF 1.14 goldens (tests/golden/data/gen_parsing_seq.py)."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
from test_data import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
import gen_parsing_seq as G  # noqa: E402

GOLD = load("data", "parsing_seq")


def _ops(got, want):
    assert [[tuple(op) for op in g] for g in got] == [[tuple(op) for op in g] for g in want]


def test_file_datasets_build_tfs_ops(tmp_path):
    _ops(G.dataset_ops(tf, str(tmp_path)), GOLD["dataset_ops"])


def test_parsers_build_tfs_ops(tmp_path):
    _ops(G.parse_ops(tf, str(tmp_path)), GOLD["parse_ops"])


@pytest.mark.parametrize("name", ["single_seq", "batch_seq", "seq_errors", "sparse_feature"])
def test_parsing(tmp_path, name):
    _same(getattr(G, name)(tf, str(tmp_path)), GOLD[name])


def test_tfrecord_dataset_errors(tmp_path):
    _same(G.dataset_errors(tf, str(tmp_path)), GOLD["dataset_errors"])


def _write(path, records):
    with tf.python_io.TFRecordWriter(path) as w:
        for r in records:
            w.write(r)


def test_many_records_of_mixed_sizes(tmp_path):
    # records of every size class the batched CRC check groups (short, padded, equal,
    # long): read back in order through the dataset, the iterator and batches
    rs = np.random.RandomState(0)
    sizes = [0, 1, 3, 4, 5, 8, 63, 64, 65, 1000, 3208, 3208, 3208, 20000, 7, 3208]
    recs = [rs.bytes(n) for n in sizes] * 40
    path = str(tmp_path / "mixed.tfrecord")
    _write(path, recs)
    assert list(tf.python_io.tf_record_iterator(path)) == recs
    with tf.Graph().as_default():
        nxt = tf.data.TFRecordDataset([path, path]).batch(7).make_one_shot_iterator() \
            .get_next()
        got = []
        with tf.Session() as sess:
            while True:
                try:
                    got.extend(sess.run(nxt).tolist())
                except tf.errors.OutOfRangeError:
                    break
    assert got == recs * 2


def test_corruption_deep_in_a_large_file(tmp_path):
    recs = [bytes([i % 256]) * 3000 for i in range(3000)]
    path = str(tmp_path / "big.tfrecord")
    _write(path, recs)
    data = bytearray(open(path, "rb").read())
    at = 2500 * 3016 + 12 + 100           # inside record 2500's data
    data[at] ^= 0x40
    open(path, "wb").write(bytes(data))
    got = []
    with pytest.raises(tf.errors.DataLossError, match=f"corrupted record at {2500 * 3016 + 12}"):
        for r in tf.python_io.tf_record_iterator(path):
            got.append(r)
    assert got == recs[:2500]


@pytest.mark.parametrize("kind", ["ZLIB", "GZIP"])
def test_compressed_large_file_streams(tmp_path, kind):
    recs = [bytes([i % 251]) * (i % 700) for i in range(2000)]
    path = str(tmp_path / "c.tfrecord")
    opts = tf.python_io.TFRecordOptions(getattr(tf.python_io.TFRecordCompressionType, kind))
    with tf.python_io.TFRecordWriter(path, opts) as w:
        for r in recs:
            w.write(r)
    assert list(tf.python_io.tf_record_iterator(path, opts)) == recs


def test_map_parse_single_then_batch_matches_per_element(tmp_path):
    # the fused path (one ParseExample per batch) against the per-element path
    path = str(tmp_path / "ex.tfrecord")
    exs = [tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=[i, i + 0.5])),
        "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))}))
        .SerializeToString() for i in range(10)]
    _write(path, exs)
    spec = {"x": tf.FixedLenFeature([2], tf.float32), "y": tf.FixedLenFeature([], tf.int64),
            "z": tf.FixedLenFeature([], tf.string, default_value="d")}
    with tf.Graph().as_default():
        fused = tf.data.TFRecordDataset(path).map(
            lambda s: tf.parse_single_example(s, spec)).batch(4)
        plain = tf.data.TFRecordDataset(path).map(
            lambda s: tf.parse_single_example(s, spec)).map(lambda d: d).batch(4)
        a = fused.make_one_shot_iterator().get_next()
        b = plain.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            for _ in range(3):
                _same(sess.run(a), sess.run(b))
    # a bad record in a batch: the per-element error, as without fusion
    _write(path, exs[:2] + [b"\x0a\x03zz"] + exs[:2])
    with tf.Graph().as_default():
        nxt = tf.data.TFRecordDataset(path).map(
            lambda s: tf.parse_single_example(s, spec)).batch(4) \
            .make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="Could not parse example input"):
                sess.run(nxt)


def test_writer_pending_records_reach_the_file(tmp_path):
    # records are framed many at a time: flush() and dropping the writer write them out
    path = str(tmp_path / "w.tfrecord")
    w = tf.python_io.TFRecordWriter(path)
    w.write(b"a")
    w.write(b"bc")
    w.flush()
    assert list(tf.python_io.tf_record_iterator(path)) == [b"a", b"bc"]
    w.write(b"d")
    del w
    assert list(tf.python_io.tf_record_iterator(path)) == [b"a", b"bc", b"d"]


def test_writer_takes_bytes_only_and_fails_after_close(tmp_path):
    # TF 1.14 (checked with its oracle): the SWIG StringPiece typemap takes bytes (a
    # subclass too) and None (an empty record), else TypeError naming CPython's tp_name;
    # PyRecordWriter's write and flush after close are FailedPrecondition, close again is not
    path = str(tmp_path / "t.tfrecord")
    w = tf.python_io.TFRecordWriter(path)
    w.write(np.bytes_(b"nb"))
    w.write(None)
    for bad, name in (("str", "str"), (bytearray(b"ba"), "bytearray"), (5, "int"),
                      (np.array([1], np.uint8), "numpy.ndarray")):
        with pytest.raises(TypeError, match=f"^expected bytes, {name} found$"):
            w.write(bad)
    w.close()
    for after in (lambda: w.write(b"x"), w.flush):
        with pytest.raises(tf.errors.FailedPreconditionError,
                           match="^Writer not initialized or previously closed$"):
            after()
    w.close()
    assert list(tf.python_io.tf_record_iterator(path)) == [b"nb", b""]
