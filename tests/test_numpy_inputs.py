"""API calls given NumPy/Python inputs make TF 1.14's ops (names and types), tf.cond
branches returning Python numbers make their Const in the branch, and tf.stack of NumPy
arrays and the dense-shape error are TF's: against the golden."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("framework", "numpy_inputs")
GEN = generator("framework", "numpy_inputs")
OPS = GEN.op_lists(tf)


@pytest.mark.parametrize("call", sorted(GOLD["op_lists"]))
def test_op_list(call):
    assert OPS[call] == GOLD["op_lists"][call]


VOPS = GEN.variable_op_lists(tf)


@pytest.mark.parametrize("call", sorted(GOLD["variable_op_lists"]))
def test_variable_op_list(call):
    assert VOPS[call] == GOLD["variable_op_lists"][call]


LOPS = GEN.layer_op_lists(tf)


@pytest.mark.parametrize("call", sorted(GOLD["layer_op_lists"]))
def test_layer_op_list(call):
    assert LOPS[call] == GOLD["layer_op_lists"][call]


def test_scatter_op_lists():
    assert GEN.scatter_op_lists(tf) == GOLD["scatter_op_lists"]


def test_cond_constants():
    assert GEN.cond_constants(tf) == GOLD["cond_constants"]


def test_stacks_and_lists():
    assert GEN.stacks_and_lists(tf) == GOLD["stacks_and_lists"]
