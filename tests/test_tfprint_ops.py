"""tf.print builds TF 1.14's StringFormat and PrintV2 ops (names, order, inputs, attrs),
in get_operations() and in the GraphDef, prints TF's text, and so leaves a later
graph-seeded random op TF's numbers (tests/golden/opcounts/gen_tfprint_ops.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "tfprint_ops")
WANT = goldens.load("opcounts", "tfprint_ops")
BUILDS = {**GEN.TOP, **GEN.NESTED}


@pytest.fixture(scope="module")
def got():
    return {name: GEN._case(tf, build) for name, build in BUILDS.items()}


@pytest.mark.parametrize("name", sorted(GEN.TOP))
def test_ops_and_graph_def_are_tfs(got, name):
    assert got[name]["ops"] == WANT[name]["ops"]
    assert got[name]["nodes"] == WANT[name]["nodes"]


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_print_nodes_text_and_seed_are_tfs(got, name):
    assert got[name]["print_nodes"] == WANT[name]["print_nodes"]
    assert got[name]["printed"] == WANT[name]["printed"]
    np.testing.assert_array_equal(got[name]["random"], WANT[name]["random"])


def test_one_op_pair_per_print():
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0])
        p = tf.print("x", x, name="show")
        assert [(o.name, o.type) for o in g.get_operations()] == [
            ("Const", "Const"), ("show_format", "StringFormat"), ("show", "PrintV2")]
        assert list(p.inputs) == [g.get_tensor_by_name("show_format:0")]
