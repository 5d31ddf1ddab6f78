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
