"""tf.contrib.copy_graph against TF 1.14 (tests/golden/contrib/gen_copy_graph.py): the ops,
collections and values of variables and ops copied to another graph, with and without a
scope; get_copied_op; TF's errors; the import paths TF programs use."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GOLD = goldens.load("contrib", "copy_graph")


@pytest.fixture(autouse=True)
def _intel(monkeypatch):
    # the golden was made on an Intel Xeon (its values are exact: small integer arithmetic)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases("contrib", "copy_graph", tf)


@pytest.mark.parametrize("key", ["scoped", "unscoped", "errors", "no_variables", "gradient"])
def test_case(got, key):
    goldens.same_values(got[key], GOLD[key], key)


def test_import_paths():
    src = """
import tensorflow as tf
from tensorflow.contrib import copy_graph
from tensorflow.contrib.copy_graph.python.util import copy_elements
assert copy_graph.copy_op_to_graph is copy_elements.copy_op_to_graph
assert tf.contrib.copy_graph.get_copied_op is copy_elements.get_copied_op
"""
    with alias_tensorflow():
        exec(compile(src, "<script>", "exec"), {})


def test_device_block_of_the_target_graph_is_refused_before_copying():
    """TF merges to_graph's device functions into each copied NodeDef's device: not
    implemented; nothing is copied."""
    g = tf.Graph()
    with g.as_default():
        y = tf.identity(tf.placeholder(tf.float32, [2], name="x"), name="y")
    g2 = tf.Graph()
    with g2.device("/cpu:0"):
        with pytest.raises(NotImplementedError, match="copy_op_to_graph inside a device"):
            tf.contrib.copy_graph.copy_op_to_graph(y, g2, [], "s")
    assert g2.get_operations() == []
