"""The docstring examples of the nn and conv modules run, with `tf` = flowgrad."""
import doctest
import importlib

import pytest

import flowgrad as tf

MODULES = [
    "flowgrad.ops.nn_ops",
    "flowgrad.ops.conv_ops",
    "flowgrad.engine.ops.activations",
    "flowgrad.engine.ops.bias_add",
    "flowgrad.engine.ops.losses",
    "flowgrad.engine.ops.normalization",
    "flowgrad.engine.ops.top_k",
    "flowgrad.engine.ops.convolution",
    "flowgrad.engine.ops.pooling",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    with tf.Graph().as_default():
        result = doctest.testmod(module, extraglobs={"tf": tf}, report=True,
                                 optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
