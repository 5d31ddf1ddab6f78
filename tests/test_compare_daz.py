"""TF 1.14's comparisons read float32 / float64 / bfloat16 / complex denormals as zero
(its CPU threads run with DAZ; float16's stay): golden math/compare_daz, made on an Intel
host (comparisons do not depend on it)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "compare_daz")
GOLD = goldens.load("math", "compare_daz")


@pytest.fixture(autouse=True)
def _intel_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def test_comparisons_of_denormals_are_tf():
    with tf.Session() as sess:
        got = sess.run(GEN.build(tf))
    assert sorted(got) == sorted(k for k in GOLD if k != "vendor")
    for name, value in got.items():
        assert np.array_equal(value, GOLD[name]), name


def test_not_equal_of_a_denormal_and_zero_is_false():
    with tf.Session() as sess:
        assert not sess.run(tf.not_equal(np.float32(1e-45), 0.0))
        assert sess.run(tf.not_equal(np.float16(6e-8), np.float16(0)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_element_side_reads_denormals_as_the_elementwise_path(dtype):
    """A comparison against a one-element tensor takes a one-pass path (a threshold at the
    smallest normal for a zero); it answers as the flushing path the golden checks, for
    every value of the golden's set on either side, scalar or shape (1, 1)."""
    from flowgrad.engine.ops import comparison as c
    x = np.unique(GEN.values(dtype)[0])
    x = np.concatenate([x, -x, np.array([np.inf, -np.inf, 2.5], dtype)])
    for kernel in (np.equal, np.not_equal, np.less, np.less_equal, np.greater,
                   np.greater_equal):
        run = c._daz_kernel(kernel)
        for s in x:
            for one in (np.array(s, dtype), np.full((1, 1), s, dtype)):
                for a, b in ((x, one), (one, x)):
                    want = kernel(c._daz(a), c._daz(b))
                    got = run(a, b)
                    assert got.shape == want.shape and np.array_equal(got, want), (kernel, s)
