"""control_flow_ops.switch / merge of an IndexedSlices or SparseTensor (TF's
_SwitchRefOrTensor / merge of composite tensors) raise NotImplementedError naming it."""
import pytest

import flowgrad as tf
from flowgrad.ops import control_flow_ops


def test_switch_of_indexed_slices_is_named():
    with tf.Graph().as_default():
        s = tf.IndexedSlices(tf.constant([[1.0]]), tf.constant([0]), tf.constant([2, 1]))
        with pytest.raises(NotImplementedError, match="switch of an IndexedSlices"):
            control_flow_ops.switch(s, tf.constant(True))


def test_merge_of_sparse_tensors_is_named():
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
        with pytest.raises(NotImplementedError, match="merge of IndexedSlices or SparseTensor"):
            control_flow_ops.merge([sp, sp])
