"""Dataset.cache(filename) writes and reads TF 1.14's cache files (tensor bundles) and
refuses planted or damaged ones with TF errors (tests/golden/data/gen_cache.py)."""
import binascii
import os
import pickle

import numpy as np
import pytest

import flowgrad as tf

import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
from gen_cache import _datasets, write_and_read  # noqa: E402
from goldens import load  # noqa: E402

GOLD = load("data", "cache")


def _same(a, b):
    if isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (a, b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(b, str):
        assert a == b
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, (a, b)
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_writes_tfs_bytes_and_reads_them_back(name, tmp_path):
    runs = write_and_read(tf, _datasets(tf)[name], str(tmp_path))
    _same(runs, GOLD[name]["runs"])
    for f, hexed in GOLD[name]["files"].items():
        if f.startswith("cache_"):
            continue    # TF's leftover empty shard of an empty cache: not needed to read it
        with open(tmp_path / f, "rb") as fh:
            assert fh.read() == binascii.unhexlify(hexed), f


@pytest.mark.parametrize("name", sorted(GOLD))
def test_reads_tfs_files(name, tmp_path):
    for f, hexed in GOLD[name]["files"].items():
        (tmp_path / f).write_bytes(binascii.unhexlify(hexed))
    fn = str(tmp_path / "cache")
    with tf.Graph().as_default():
        # a source of the same structure but fewer elements: the cache's must come out
        ds = _datasets(tf)[name]().skip(1)
        nxt = ds.cache(fn).make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    v = sess.run(nxt)
                except tf.errors.OutOfRangeError:
                    break
                out.append([x.decode() if isinstance(x, bytes) else x for x in v]
                           if isinstance(v, tuple) else v)
    _same(out, GOLD[name]["runs"][0])


def _cached_run(fn, ds_fn):
    with tf.Graph().as_default():
        nxt = ds_fn().cache(fn).make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            return sess.run(nxt)


def _write_good(tmp_path):
    fn = str(tmp_path / "c")
    _cached_run_all(fn)
    return fn


def _cached_run_all(fn):
    with tf.Graph().as_default():
        nxt = tf.data.Dataset.range(4).cache(fn).make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            for _ in range(4):
                sess.run(nxt)
            with pytest.raises(tf.errors.OutOfRangeError):
                sess.run(nxt)


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo planted > /dev/null",))


def test_planted_pickle_is_refused_and_never_run(tmp_path, monkeypatch):
    ran = []
    fn = str(tmp_path / "c")
    (tmp_path / "c.index").write_bytes(pickle.dumps(_Boom()))
    (tmp_path / "d.flowgrad-cache").write_bytes(pickle.dumps(_Boom()))
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a))
    with pytest.raises(tf.errors.DataLossError, match="c.index"):
        _cached_run(fn, lambda: tf.data.Dataset.range(4))
    assert ran == []
    # the old pickle name is not read either: the dataset computes its elements
    assert _cached_run(str(tmp_path / "d"), lambda: tf.data.Dataset.range(4)) == 0
    assert ran == []


def test_flipped_byte_in_data_is_data_loss(tmp_path):
    fn = _write_good(tmp_path)
    data = tmp_path / "c.data-00000-of-00001"
    raw = bytearray(data.read_bytes())
    raw[3] ^= 0xFF
    data.write_bytes(bytes(raw))
    with pytest.raises(tf.errors.DataLossError):
        _cached_run(fn, lambda: tf.data.Dataset.range(4))


def test_truncated_files_are_data_loss(tmp_path):
    fn = _write_good(tmp_path)
    data = tmp_path / "c.data-00000-of-00001"
    data.write_bytes(data.read_bytes()[:5])
    with pytest.raises(tf.errors.DataLossError):
        _cached_run(fn, lambda: tf.data.Dataset.range(4))
    index = tmp_path / "c.index"
    index.write_bytes(index.read_bytes()[:-10])
    with pytest.raises(tf.errors.DataLossError):
        _cached_run(fn, lambda: tf.data.Dataset.range(4))


def test_cache_of_another_dataset_is_refused(tmp_path):
    fn = _write_good(tmp_path)          # int64 scalars
    with pytest.raises(tf.errors.InvalidArgumentError, match="does not match the dataset"):
        _cached_run(fn, lambda: tf.data.Dataset.range(4).map(
            lambda x: tf.cast(x, tf.float32)))
    with pytest.raises(tf.errors.InvalidArgumentError, match="does not hold 2-component"):
        _cached_run(fn, lambda: tf.data.Dataset.zip((tf.data.Dataset.range(4),
                                                     tf.data.Dataset.range(4))))


def test_index_that_is_a_symlink_is_refused(tmp_path):
    fn = _write_good(tmp_path)
    real = tmp_path / "real.index"
    os.replace(fn + ".index", real)
    os.symlink(real, fn + ".index")
    with pytest.raises(tf.errors.OpError):
        _cached_run(fn, lambda: tf.data.Dataset.range(4))
