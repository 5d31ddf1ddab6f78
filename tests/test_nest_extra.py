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


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("contrib_framework", "nest_extra", tf)[name]
    if name == "signatures":   # TF's functions (flowgrad.nest also holds tf.data's helpers)
        want = {n for n, _ in GOLDEN[name]}
        got = [row for row in got if row[0] in want]
    goldens.same_exact(got, GOLDEN[name], name)
    if isinstance(GOLDEN[name], goldens.GoldenError):   # the whole message
        assert goldens.GoldenError.of(got).message == GOLDEN[name].message


def test_tf_nest_holds_tf_names_only():
    """tf.nest holds TF 1.14's five functions, no more (the others are
    tf.contrib.framework.nest's)."""
    public = {n for n in dir(tf.nest) if not n.startswith("_") and callable(getattr(tf.nest, n))}
    assert public == set(GOLDEN["tf_nest_names"]) == set(tf.nest.__all__)
    assert not hasattr(tf.nest, "flatten_up_to")


def test_private_path_has_every_name():
    """Under `flowgrad run`, tensorflow.python.util.nest holds each of TF's functions."""
    with alias_tensorflow():
        nest = importlib.import_module("tensorflow.python.util.nest")
        for name, _ in GOLDEN["signatures"]:
            assert getattr(nest, name) is getattr(tf.contrib.framework.nest, name)
