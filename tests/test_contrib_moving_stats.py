"""tf.contrib.distributions' moving statistics and LogNormal quadrature schemes against
TF 1.14: the golden generator's case functions run here with flowgrad (values, ops,
variables, errors)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib", "moving_stats")
GOLD = goldens.load("contrib", "moving_stats")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # the golden records the CPU that made it (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["vendor"])


def test_streams_match_tf114():
    with tf.Graph().as_default():
        names, made, steps, ops = GEN.streams(tf)
    want_names, want_made, want_steps, want_ops = GOLD["streams"]
    assert (names, made) == (want_names, want_made)
    assert ops == want_ops
    for got, want in zip(steps, want_steps):
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.tolist() == w.tolist()


def test_errors_match_tf114():
    with tf.Graph().as_default():
        assert GEN.errors(tf) == GOLD["errors"]


def test_quadrature_schemes_match_tf114():
    got = GEN.quadrature(tf)
    for (ops, vals, shapes), (want_ops, want_vals, want_shapes) in zip(got, GOLD["quadrature"]):
        assert (ops, shapes) == (want_ops, want_shapes)
        for g, w in zip(vals, want_vals):
            assert g.dtype == w.dtype and g.tolist() == w.tolist()
    assert len(got) == 4
