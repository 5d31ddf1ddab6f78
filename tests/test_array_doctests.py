"""The docstring examples of the array op families run, and print what they show."""
import doctest

import pytest

import flowgrad as tf
from flowgrad.engine.ops import construction, indexing, joining, matrix, scatter, shape
from flowgrad.ops import array_ops, matrix_ops, scatter_ops, slicing

MODULES = [shape, construction, joining, indexing, matrix, scatter, array_ops, slicing, matrix_ops,
           scatter_ops]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, globs={"tf": tf}):
        tf.reset_default_graph()
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
