"""Every docstring example in flowgrad runs (with `tf` = flowgrad, in a fresh graph) and
passes, and none is marked +SKIP: an example either runs or is not there.

The math, array and nn families have their own doctest files (test_*_doctests.py);
this one covers every other module of the package.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import flowgrad as tf
import test_array_doctests
import test_math_doctests
import test_nn_doctests

COVERED = {m if isinstance(m, str) else m.__name__ for m in
           test_math_doctests.MODULES + test_array_doctests.MODULES + test_nn_doctests.MODULES}
ALL = sorted(m.name for m in pkgutil.walk_packages(tf.__path__, "flowgrad."))
OTHERS = [m for m in ALL if m not in COVERED and not m.endswith("__main__")]


def _examples(module):
    return [t for t in doctest.DocTestFinder().find(module) if t.examples]


@pytest.mark.parametrize("name", OTHERS)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in _examples(module):
        for ex in test.examples:
            assert doctest.SKIP not in ex.options, (test.name, ex.source)
        test.globs = {"tf": tf, "np": np, **test.globs}
        with tf.Graph().as_default():
            runner.run(test)
    assert runner.failures == 0, f"{runner.failures} examples failed in {name}"
