"""tf.contrib.receptive_field against TF 1.14 (tests/golden/contrib/gen_receptive_field.py):
receptive fields of small nets and of slim's alexnet_v2, vgg_16, resnet_v1_50 and
inception_v3, get_compute_order, ReceptiveField's coordinate maps, TF's errors; the import
paths TF programs use."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GOLD = goldens.load("contrib", "receptive_field")


@pytest.fixture(autouse=True)
def _intel(monkeypatch):
    # the golden was made on an Intel Xeon (no float kernels of TF's are involved: the
    # receptive field is integer bookkeeping over GraphDefs)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases("contrib", "receptive_field", tf)


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k != "vendor"))
def test_case(got, key):
    goldens.same_values(got[key], GOLD[key], key)


def test_import_paths():
    src = """
import tensorflow as tf
from tensorflow.contrib.receptive_field import receptive_field_api as receptive_field
from tensorflow.contrib.receptive_field.python.util import (graph_compute_order,
    parse_layer_parameters, receptive_field as rf_lib)
assert receptive_field.get_compute_order is graph_compute_order.get_compute_order
assert tf.contrib.receptive_field.compute_receptive_field_from_graph_def is \\
    rf_lib.compute_receptive_field_from_graph_def
assert parse_layer_parameters.get_layer_params
"""
    with alias_tensorflow():
        exec(compile(src, "<script>", "exec"), {})


def test_get_layer_params_force():
    """An unknown op: eight Nones with force, TF's ValueError without."""
    from flowgrad.contrib.receptive_field import parse_layer_parameters

    g = tf.Graph()
    with g.as_default():
        tf.sigmoid(tf.placeholder(tf.float32, [1, 4, 4, 1], name="x"), name="s")
    node = [n for n in g.as_graph_def().node if n.name == "s"][0]
    assert parse_layer_parameters.get_layer_params(node, {}, force=True) == (None,) * 8
    with pytest.raises(ValueError, match="Unknown layer for operation 's': Sigmoid"):
        parse_layer_parameters.get_layer_params(node, {})
