"""tf.fake_quant_* against TF 1.14 (tests/golden/core/gen_fake_quant.py): quantized
levels bit for bit, errors, and the gradient ops tf.gradients builds."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

fq_cases = goldens.generator("core", "fake_quant")
GOLDEN = goldens.load("core", "fake_quant")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, str):
        assert got == want, where
    else:
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want), err_msg=where)
        assert np.asarray(got).dtype == np.asarray(want).dtype, where


@pytest.mark.parametrize("fn", [fq_cases.values, fq_cases.errors, fq_cases.gradients,
                                fq_cases.range_gradient_sums],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)


def test_gradient_ops_have_no_gradient():
    with tf.Graph().as_default():
        x = tf.constant([0.5, 1.5])
        g = tf.fake_quant_with_min_max_args_gradient(tf.ones([2]), x)
        with pytest.raises(LookupError, match="FakeQuantWithMinMaxArgsGradient"):
            tf.gradients(g, x)


TIES = goldens.load("core", "fake_quant_ties")
ties_cases = goldens.generator("core", "fake_quant_ties")


@pytest.mark.parametrize("name", ["ties", "zero_range"])
def test_vars_divide_by_the_scale_and_zero_ranges(name, monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", TIES["vendor"])
    with tf.Graph().as_default():
        got = getattr(ties_cases, name)(tf)
    _same(got, TIES[name], name)
