"""The docstring examples of the math family run (with `tf` = flowgrad) and pass."""
from __future__ import annotations

import doctest
import importlib

import pytest

import flowgrad as tf

MODULES = ["flowgrad.ops.math_ops", "flowgrad.ops.comparison_ops",
           "flowgrad.engine.ops.elementwise", "flowgrad.engine.ops.special",
           "flowgrad.engine.ops.cast", "flowgrad.engine.ops.comparison",
           "flowgrad.engine.ops.reductions", "flowgrad.engine.ops.scans"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    with tf.Graph().as_default():
        result = doctest.testmod(module, globs={"tf": tf}, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_no_skipped_examples():
    """No example is marked +SKIP: each one runs or is not there."""
    for name in MODULES:
        module = importlib.import_module(name)
        for test in doctest.DocTestFinder().find(module):
            for ex in test.examples:
                assert doctest.SKIP not in ex.options, (test.name, ex.source)
