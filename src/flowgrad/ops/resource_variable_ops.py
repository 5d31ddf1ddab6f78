"""`tensorflow.python.ops.resource_variable_ops`: ResourceVariable and the resource ops'
wrappers (TF's gen_resource_variable_ops names).

The ops live in engine/ops/resource.py; the ResourceVariable class beside the
reference variable in ops/variables.py (tf.Variable's creator picks one).
"""
from __future__ import annotations

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.resource import (  # noqa: F401 - TF's gen_resource_variable_ops names
    assign_add_variable_op,
    assign_sub_variable_op,
    assign_variable_op,
    read_variable_op,
    resource_count_up_to,
    resource_gather,
    resource_scatter_add,
    resource_scatter_div,
    resource_scatter_max,
    resource_scatter_min,
    resource_scatter_mul,
    resource_scatter_sub,
    resource_scatter_update,
    var_handle_op,
    var_is_initialized_op,
    variable_shape,
)
from .variables import (  # noqa: F401 - re-exported
    ResourceVariable,
    _UnreadVariable,
    is_resource_variable,
)

__all__ = ["ResourceVariable", "is_resource_variable", "var_handle_op", "read_variable_op",
           "assign_variable_op", "assign_add_variable_op", "assign_sub_variable_op",
           "var_is_initialized_op", "variable_shape", "resource_gather", "resource_scatter_add",
           "resource_scatter_sub", "resource_scatter_mul", "resource_scatter_div",
           "resource_scatter_min", "resource_scatter_max", "resource_scatter_update",
           "resource_count_up_to", "shape_safe_assign_variable_handle"]


def shape_safe_assign_variable_handle(handle, shape, value, name=None):
    """AssignVariableOp after checking that `value`'s static shape is compatible with `shape`."""
    value = convert_to_tensor(value)
    shape.assert_is_compatible_with(value.shape)
    return assign_variable_op(handle, value, name=name)
