"""TFRecordDataset -> batch(n) -> map(parse_example) against TF 1.14
(tests/golden/data/gen_parse_batches.py). flowgrad parses such batches in place from the
file's buffer (engine/ops/_fused.py) and falls back to the function itself for any batch
it cannot: both give TF's values, order, end and errors."""
import os
import shutil
import tempfile

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework import dtypes
from flowgrad.engine.ops import _records
from flowgrad.engine.ops import parsing_batch as pb
from flowgrad.engine.ops.parsing import parse_example_proto

GEN = goldens.generator("data", "parse_batches")
GOLD = goldens.load("data", "parse_batches")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_batch_then_parse_example(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def test_in_place_path_is_taken(monkeypatch):
    from flowgrad.engine.ops import _fused
    calls = []
    orig = _fused.parse_example_vectorizer

    def spy(info):
        fn = orig(info)
        calls.append(fn is not None)
        return fn
    monkeypatch.setattr(_fused, "parse_example_vectorizer", spy)
    goldens.same_values(GEN.PROGRAMS["uniform/50"](tf), GOLD["uniform/50"])
    assert calls == [True]


@pytest.mark.parametrize("name", ["big/corrupt", "big/varied"])
def test_big_files_with_numpy_crc(monkeypatch, name):
    from flowgrad.engine.framework import crc32c as c
    monkeypatch.setattr(c, "_native_extend", None)
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def test_layouts_are_checked_per_batch():
    """Two files of Examples of one size but different layouts (keys in another order, a
    float where an int was): each batch is parsed by its own layout, never a cached one."""
    d = tempfile.mkdtemp()
    try:
        def ex(feats):
            return tf.train.Example(features=tf.train.Features(feature=feats)) \
                .SerializeToString()
        a = [ex({"u": tf.train.Feature(float_list=tf.train.FloatList(value=[i, 2.0])),
                 "v": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))})
             for i in range(6)]
        b = [ex({"v": tf.train.Feature(float_list=tf.train.FloatList(value=[i, 3.0])),
                 "u": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))})
             for i in range(6)]
        assert len({len(r) for r in a + b}) == 1
        for recs, types, shapes in ((a, [dtypes.float32, dtypes.int64], [[2], []]),
                                    (b, [dtypes.int64, dtypes.float32], [[], [2]]),
                                    (a, [dtypes.float32, dtypes.int64], [[2], []])):
            path = os.path.join(d, "f.tfrecord")
            with tf.python_io.TFRecordWriter(path) as w:
                for r in recs:
                    w.write(r)
            parts = list(_records.iter_tfrecord_spans(path))
            got = pb.parse_dense_parts(parts, ["u", "v"], types, shapes)
            want = [np.stack([np.asarray(parse_example_proto(r)[k][1]).reshape(s)
                              for r in recs]) for k, s in zip(["u", "v"], shapes)]
            for g, w_ in zip(got, want):
                np.testing.assert_array_equal(g, w_)
        # a batch mixing both layouts is not read in place
        path = os.path.join(d, "f.tfrecord")
        with tf.python_io.TFRecordWriter(path) as w:
            for r in a[:3] + b[:3]:
                w.write(r)
        parts = list(_records.iter_tfrecord_spans(path))
        assert pb.parse_dense_parts(parts, ["u"], [dtypes.float32], [[2]]) is None
    finally:
        shutil.rmtree(d)
