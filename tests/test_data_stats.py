"""tf.data.experimental's statistics against TF 1.14 (tests/golden/data/gen_stats.py):
StatsAggregator summaries of bytes_produced_stats and latency_stats, prefixes, the ops
added; and what flowgrad refuses."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "stats")
GOLD = goldens.load("data", "stats")


def _same(a, b, path="."):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b), (path, a, b)
        for k in b:
            _same(a[k], b[k], f"{path}/{k}")
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(b, (str, bytes, bool)) or b is None:
        assert a == b, (path, a, b)
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, (path, a, b)
        np.testing.assert_array_equal(a, b, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    _same(GEN.PROGRAMS[name](tf), GOLD[name])


def test_what_is_not_built_raises():
    with tf.Graph().as_default():
        o = tf.data.Options()
        o.experimental_stats.aggregator = tf.data.experimental.StatsAggregator()
        ds = tf.data.Dataset.range(3).with_options(o)
        with pytest.raises(NotImplementedError, match="experimental_stats.aggregator"):
            ds.make_one_shot_iterator()
        o2 = tf.data.Options()
        o2.experimental_stats.latency_all_edges = True
        with pytest.raises(NotImplementedError, match="latency_all_edges"):
            tf.data.Dataset.range(3).with_options(o2).make_initializable_iterator()

