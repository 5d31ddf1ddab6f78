"""Tensors of the wrong dtype raise TF 1.14's op_def_library TypeErrors, checked from the
OpDefs (engine/framework/input_types.py); Python values convert to the type an earlier
input fixed (tests/golden/framework/gen_input_types.py)."""
from __future__ import annotations

import pytest

import flowgrad as tf
from flowgrad.engine.framework.input_types import check_input_types

import goldens

GOLDEN = goldens.load("framework", "input_types")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("framework", "input_types", tf)[name]
    assert got == GOLDEN[name]


def test_refused_op_leaves_no_op():
    g = tf.Graph()
    with g.as_default():
        a, b = tf.zeros([2]), tf.zeros([2], tf.float64)
        n = len(g.get_operations())
        with pytest.raises(TypeError):
            tf.add(a, b)
        assert len(g.get_operations()) == n


def test_unknown_op_types_and_ambiguous_lists_are_left_to_the_ops():
    g = tf.Graph()
    with g.as_default():
        a, b = tf.zeros([2]), tf.zeros([2], tf.int32)
        check_input_types("NotATfOp", [a, b])        # no OpDef: nothing to check
        check_input_types("Add", [a])                # another input count: not TF's layout
        with pytest.raises(TypeError, match="argument 'x'"):
            check_input_types("Add", [a, b])
