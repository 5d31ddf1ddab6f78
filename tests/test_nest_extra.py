"""tensorflow.python.util.nest / tf.contrib.framework.nest's names beyond tf.nest's five
(flowgrad.nest): signatures, values and errors (class and whole message) against TF 1.14
(tests/golden/contrib_framework/gen_nest_extra.py)."""
from __future__ import annotations

import importlib

import pytest

import flowgrad as tf
from flowgrad.compat.tf_alias import alias_tensorflow

import goldens

GOLDEN = goldens.load("contrib_framework", "nest_extra")


@pytest.mark.parametrize("name", sorted(set(GOLDEN) - {"tf_nest_names"}))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("contrib_framework", "nest_extra", tf)[name]
    if name == "signatures":   # TF's functions (flowgrad.nest also holds tf.data's helpers)
        want = {n for n, _ in GOLDEN[name]}
        got = [row for row in got if row[0] in want]
    goldens.same_exact(got, GOLDEN[name], name)
    if isinstance(GOLDEN[name], goldens.GoldenError):   # the whole message
        assert goldens.GoldenError.of(got).message == GOLDEN[name].message


def test_tf_nest_has_tf_names():
    """tf.nest keeps TF 1.14's five names (flowgrad's tf.nest module holds the rest too)."""
    assert all(callable(getattr(tf.nest, n)) for n in GOLDEN["tf_nest_names"])
    assert set(tf.nest.__all__) == set(GOLDEN["tf_nest_names"])


def test_private_path_has_every_name():
    """Under `flowgrad run`, tensorflow.python.util.nest holds each of TF's functions."""
    assert tf.contrib.framework.nest is tf.nest
    with alias_tensorflow():
        nest = importlib.import_module("tensorflow.python.util.nest")
        for name, _ in GOLDEN["signatures"]:
            assert getattr(nest, name) is getattr(tf.nest, name)
