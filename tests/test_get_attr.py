"""Operation.get_attr / node_def / str(op) against TF 1.14 (tests/golden/core/gen_get_attr.py):
TF's Python decodes each AttrValue of the op's NodeDef (bytes for strings, DType,
TensorShapeProto, TensorProto, lists), so scripts that read a frozen graph's constants
(`tf.make_ndarray(op.get_attr("value"))`) or compare paddings (`== b"SAME"`) behave as on TF.
"""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("core", "get_attr")
GOLDEN = goldens.load("core", "get_attr")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    got = gen.cases(tf)
    assert got[key] == GOLDEN[key]


def test_const_value_reads_back_through_make_ndarray():
    with tf.Graph().as_default() as g:
        tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3), name="c")
    value = g.get_operation_by_name("c").get_attr("value")
    np.testing.assert_array_equal(tf.make_ndarray(value), np.arange(6).reshape(2, 3))
    assert g.get_operation_by_name("c").node_def.attr["dtype"].type == tf.float32.as_datatype_enum


def test_imported_graph_keeps_tf_attrs():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [1, 4, 4, 1], name="x")
        tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME", name="p")
    with tf.Graph().as_default() as h:
        tf.import_graph_def(g.as_graph_def(), name="")
        op = h.get_operation_by_name("p")
        assert op.get_attr("padding") == b"SAME"
        assert op.get_attr("ksize") == [1, 2, 2, 1]
        assert op.get_attr("T") == tf.float32
