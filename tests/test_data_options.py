"""tf.data.Options and its parts against TF 1.14 (tests/golden/data/gen_options.py):
defaults, type checks, merging, Dataset.with_options / options() through a pipeline,
the ops an initializable iterator adds for them, and a seeded shuffle + repeat with
shuffle_and_repeat_fusion on and off (one-shot and initializable iterators)."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "options")
GOLD = goldens.load("data", "options")


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


def test_every_part_refuses_unknown_attributes_and_compares_by_value():
    x = tf.data.experimental
    for cls in (tf.data.Options, x.OptimizationOptions, x.MapVectorizationOptions,
                x.ThreadingOptions, x.StatsOptions, x.DistributeOptions):
        a, b = cls(), cls()
        assert a == b and not (a != b)
        with pytest.raises(AttributeError, match=f"Cannot set the property nope on "
                                                 f"{cls.__name__}."):
            a.nope = 1
