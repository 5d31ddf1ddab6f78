"""TF 1.14's AutoCastVariable (keras/mixed_precision/experimental/autocast_variable.py):
a float resource variable that reads as the graph's auto-cast dtype (set by a Keras
layer's call under a 'infer_float32_vars' policy: the inputs' float dtype) and as itself
elsewhere. Reads under a cast are the variable's ReadVariableOp then a Cast (TF's
'dense/MatMul/ReadVariableOp', 'dense/MatMul/Cast'); assigns, the optimizer's updates,
saving and everything else reach the wrapped variable."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import (convert_to_tensor,
                                             register_tensor_conversion_function)
from ...engine.framework.graph import get_default_graph
from ...ops import math_ops
from ...ops.variables import is_resource_variable

__all__ = ["AutoCastVariable"]


class AutoCastVariable:
    """Wraps a floating-point resource variable; reads cast to the graph's
    `_auto_cast_variable_read_dtype` when that is set and differs."""

    def __init__(self, variable):
        if not is_resource_variable(variable):
            raise ValueError("variable must be of type tf.ResourceVariable, but got: %s"
                             % variable)
        if not variable.dtype.is_floating:
            raise ValueError("variable must be a floating point variable but has type: %s"
                             % variable.dtype.name)
        self._variable = variable

    @property
    def name(self):
        return self._variable.name

    def _should_cast(self):
        read = get_default_graph()._auto_cast_variable_read_dtype
        return read is not None and self.true_dtype != read

    @property
    def dtype(self):
        """The dtype this variable reads as here."""
        if self._should_cast():
            return get_default_graph()._auto_cast_variable_read_dtype
        return self._variable.dtype

    @property
    def true_dtype(self):
        """The wrapped variable's dtype."""
        return self._variable.dtype

    def value(self):
        val = self._variable.value()
        if not self._should_cast():
            return val
        return math_ops.cast(val, self.dtype)

    def read_value(self):
        val = self._variable.read_value()
        if not self._should_cast():
            return val
        return math_ops.cast(val, self.dtype)

    def sparse_read(self, indices, name=None):
        val = self._variable.sparse_read(indices, name=name)
        if not self._should_cast():
            return val
        return math_ops.cast(val, self.dtype)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._variable.assign(value, use_locking=use_locking, name=name,
                                     read_value=read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._variable.assign_add(delta, use_locking=use_locking, name=name,
                                         read_value=read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._variable.assign_sub(delta, use_locking=use_locking, name=name,
                                         read_value=read_value)

    def __getattr__(self, name):
        if name == "_variable":   # not set yet (copy / unpickling): no recursion
            raise AttributeError(name)
        return getattr(self._variable, name)

    def __repr__(self):
        return "<AutoCastVariable %r (read as %s)>" % (self._variable, self.dtype.name)

    def _dense_var_to_tensor(self, dtype=None, name=None, as_ref=False):
        if not self._should_cast():
            return convert_to_tensor(self._variable, dtype=dtype, name=name, as_ref=as_ref)
        assert not as_ref
        if dtype is not None and not _dt.as_dtype(dtype).is_compatible_with(self.dtype):
            raise ValueError("Incompatible type conversion requested to type {!r} for "
                             "variable of type {!r}".format(_dt.as_dtype(dtype).name,
                                                            self.dtype.name))
        val = convert_to_tensor(self._variable, dtype=self._variable.dtype, name=name)
        return math_ops.cast(val, self.dtype)

    def _should_act_as_resource_variable(self):
        """Passes is_resource_variable."""


register_tensor_conversion_function(AutoCastVariable, AutoCastVariable._dense_var_to_tensor)
