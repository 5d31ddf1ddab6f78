"""The ops tf.contrib.seq2seq composes, gathered from flowgrad's op modules."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.static_value import constant_value
from ...engine.framework.graph import Tensor, get_default_graph, name_scope
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...engine.ops.comparison import (equal, greater, greater_equal, less, less_equal, logical_and,
                                      logical_not, logical_or, not_equal)
from ...engine.ops.control_flow import cond, while_loop
from ...ops import _nest as nest
from ...ops import array_ops, init_ops, math_ops, nn_ops, random_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn import _transpose_batch_time
from ...ops.tensor_array_ops import TensorArray

__all__ = ["Tensor", "TensorArray", "TensorShape", "array_ops", "cond", "constant_value",
           "constant", "convert_to_tensor", "dimension_value", "dtypes", "equal",
           "get_default_graph", "greater", "greater_equal", "init_ops", "less", "less_equal",
           "logical_and",
           "logical_not", "logical_or", "math_ops", "matmul", "name_scope", "nest", "nn_ops",
           "not_equal", "random_ops", "transpose_batch_time", "vs", "while_loop"]

transpose_batch_time = _transpose_batch_time
