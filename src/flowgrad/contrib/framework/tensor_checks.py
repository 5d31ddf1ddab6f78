"""tf.contrib.framework's tensor helpers (TF 1.14 contrib/framework/python/framework/
tensor_util.py): reduce_sum_n, with_shape / with_same_shape (static checks, else an Assert
on the shape at run time), assert_scalar_int, remove_squeezable_dimensions (predictions
first), convert_to_tensor_or_sparse_tensor."""
from __future__ import annotations

import numpy as np

from ... import logging
from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor, is_tensor
from ...engine.framework.graph import get_default_graph, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, comparison_ops, control_flow_ops, math_ops
from ...ops.logging_ops import Assert
from ...ops.sparse_tensor import SparseTensor, SparseTensorValue
from .tensor_util import assert_scalar

__all__ = ["reduce_sum_n", "remove_squeezable_dimensions", "with_shape", "with_same_shape",
           "assert_scalar_int", "convert_to_tensor_or_sparse_tensor"]


def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None):
    """A SparseTensor (or SparseTensorValue, converted) as is, anything else as a Tensor.

    Raises:
      RuntimeError: a SparseTensor whose dtype differs from `dtype`.
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        if dtype and not dtype.is_compatible_with(value.dtype):
            raise RuntimeError("Sparse dtype: requested = %s, actual = %s"
                               % (dtype.name, value.dtype.name))
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)


def reduce_sum_n(tensors, name=None):
    """The sum of all elements of all `tensors` (a Sum each, then AddN).

    Raises:
      ValueError: no tensors.
    """
    if not tensors:
        raise ValueError("No tensors provided.")
    with name_scope(name, "reduce_sum_n", tensors) as scope:
        tensors = [math_ops.reduce_sum(t, name="%s/sum" % t.op.name) for t in tensors]
        if len(tensors) == 1:
            return tensors[0]
        return math_ops.add_n(tensors, name=scope)


def remove_squeezable_dimensions(predictions, labels, name=None):
    """(predictions, labels) with a trailing size-1 dimension squeezed from the one whose
    rank is one more (a tf.cond on the ranks when they are unknown). Deprecated in TF for
    tf.confusion_matrix.remove_squeezable_dimensions (labels first)."""
    logging.warning("remove_squeezable_dimensions (from tensorflow.contrib.framework) is "
                    "deprecated: Please switch to remove_squeezable_dimensions from "
                    "tf.confusion_matrix. Note that the order of the inputs and outputs of "
                    "labels and predictions have also been switched.")
    with name_scope(name, "remove_squeezable_dimensions", [predictions, labels]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        predictions_shape = predictions.get_shape()
        predictions_rank = predictions_shape.ndims
        labels_shape = labels.get_shape()
        labels_rank = labels_shape.ndims
        if labels_rank is not None and predictions_rank is not None:
            rank_diff = predictions_rank - labels_rank
            if rank_diff == -1:
                labels = array_ops.squeeze(labels, [-1])
            elif rank_diff == 1:
                predictions = array_ops.squeeze(predictions, [-1])
            return predictions, labels
        rank_diff = array_ops.rank(predictions) - array_ops.rank(labels)
        if predictions_rank is None or predictions_shape.dims[-1].is_compatible_with(1):
            predictions = control_flow_ops.cond(
                comparison_ops.equal(1, rank_diff),
                lambda: array_ops.squeeze(predictions, [-1]), lambda: predictions)
        if labels_rank is None or labels_shape.dims[-1].is_compatible_with(1):
            labels = control_flow_ops.cond(
                comparison_ops.equal(-1, rank_diff),
                lambda: array_ops.squeeze(labels, [-1]), lambda: labels)
        return predictions, labels


def _shape_tensor_compatible(expected_shape, actual_shape):
    with name_scope("shape_tensor_equal", values=[expected_shape, actual_shape]) as scope:
        return math_ops.reduce_all(
            comparison_ops.logical_or(
                comparison_ops.equal(expected_shape, -1),
                comparison_ops.equal(expected_shape, actual_shape, "equal"),
                name="exclude_partial_shape"),
            name=scope)


def _is_rank(expected_rank, actual_tensor):
    with name_scope("is_rank", values=[actual_tensor]) as scope:
        expected = convert_to_tensor(expected_rank, name="expected")
        actual = array_ops.rank(actual_tensor, name="actual")
        return comparison_ops.equal(expected, actual, name=scope)


def _is_shape(expected_shape, actual_tensor, actual_shape=None):
    with name_scope("is_shape", values=[actual_tensor]) as scope:
        is_rank = _is_rank(array_ops.size(expected_shape), actual_tensor)
        if actual_shape is None:
            actual_shape = array_ops.shape(actual_tensor, name="actual")
        shape_equal = _shape_tensor_compatible(expected_shape, actual_shape)
        return comparison_ops.logical_and(is_rank, shape_equal, name=scope)


def _assert_shape_op(expected_shape, actual_tensor):
    with name_scope("assert_shape", values=[actual_tensor]) as scope:
        actual_shape = array_ops.shape(actual_tensor, name="actual")
        if isinstance(expected_shape, TensorShape) and not expected_shape.is_fully_defined():
            expected_shape = [d if d else -1 for d in expected_shape.as_list()]
        is_shape = _is_shape(expected_shape, actual_tensor, actual_shape)
        return Assert(is_shape, ["Wrong shape for %s [expected] [actual]." % actual_tensor.name,
                                 expected_shape, actual_shape], name=scope)


def with_same_shape(expected_tensor, tensor):
    """`tensor`, checked (statically, or by an Assert) to have expected_tensor's shape."""
    with name_scope("%s/" % tensor.op.name, values=[expected_tensor, tensor]):
        shape = expected_tensor.get_shape()
        expected_shape = (shape.as_list() if shape.is_fully_defined()
                          else array_ops.shape(expected_tensor, name="expected_shape"))
        return with_shape(expected_shape, tensor)


def with_shape(expected_shape, tensor):
    """`tensor`, checked against `expected_shape` (a list, an int32 array or Tensor): now
    when the shapes are static, else by an Assert the returned Identity depends on.

    Raises:
      ValueError: a SparseTensor, an expected shape of rank > 1 or not int32, or static
        shapes that differ.
    """
    if isinstance(tensor, SparseTensor):
        raise ValueError("SparseTensor not supported.")
    if is_tensor(expected_shape):
        if expected_shape.dtype.base_dtype != dtypes.int32:
            raise ValueError("Invalid dtype %s for shape %s expected of tensor %s."
                             % (expected_shape.dtype, expected_shape, tensor.name))
    if isinstance(expected_shape, (list, tuple)):
        if not expected_shape:
            expected_shape = np.asarray([], dtype=np.int32)
        else:
            np_expected_shape = np.asarray(expected_shape)
            expected_shape = (np.asarray(expected_shape, dtype=np.int32)
                              if np_expected_shape.dtype == np.int64 else np_expected_shape)
    if isinstance(expected_shape, np.ndarray):
        if expected_shape.ndim > 1:
            raise ValueError("Invalid rank %s for shape %s expected of tensor %s."
                             % (expected_shape.ndim, expected_shape, tensor.name))
        if expected_shape.dtype != np.int32:
            raise ValueError("Invalid dtype %s for shape %s expected of tensor %s."
                             % (expected_shape.dtype, expected_shape, tensor.name))
    actual_shape = tensor.get_shape()
    if not actual_shape.is_fully_defined() or is_tensor(expected_shape):
        with name_scope("%s/" % tensor.op.name, values=[tensor]):
            if not is_tensor(expected_shape) and len(expected_shape) < 1:
                return array_ops.reshape(tensor, [])
            with get_default_graph().control_dependencies(
                    [_assert_shape_op(expected_shape, tensor)]):
                result = array_ops.identity(tensor)
            if not is_tensor(expected_shape):
                result.set_shape(expected_shape)
            return result
    if not is_tensor(expected_shape) and not actual_shape.is_compatible_with(expected_shape):
        if len(expected_shape) < 1 and actual_shape.is_compatible_with([1]):
            with name_scope("%s/" % tensor.op.name, values=[tensor]):
                return array_ops.reshape(tensor, [])
        raise ValueError("Invalid shape for tensor %s, expected %s, got %s."
                         % (tensor.name, expected_shape, actual_shape))
    return tensor


def assert_scalar_int(tensor, name=None):
    """`tensor`, checked to be an integer scalar.

    Raises:
      ValueError: not an integer dtype, or not a scalar.
    """
    with name_scope(name, "assert_scalar_int", [tensor]) as scope:
        tensor = convert_to_tensor(tensor)
        data_type = tensor.dtype
        if not data_type.base_dtype.is_integer:
            raise ValueError("Expected integer type for %s, received type: %s."
                             % (tensor.name, data_type))
        return assert_scalar(tensor, name=scope)
