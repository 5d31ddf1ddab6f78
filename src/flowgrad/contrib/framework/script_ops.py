"""tf.contrib.framework.py_func (TF 1.14 contrib/framework/python/ops/script_ops.py):
tf.py_func over nested args, kwargs and outputs (flattened as tf.nest flattens them),
with optional output shapes."""
from __future__ import annotations

from ...engine.framework import tensor_shape
from ...ops import _nest as nest
from ...ops.script_ops import py_func as _py_func
from ...util_nest import assert_shallow_structure, map_structure_up_to

__all__ = ["py_func"]


def py_func(func, args=(), kwargs=None, output_types=None, output_shapes=None, stateful=True,
            name=None):
    """Runs func(*args, **kwargs) as a PyFunc op: args and kwargs may nest tensors and Python
    values; output_types (or a function of the args giving them) is the structure of what
    func returns; output_shapes (or such a function) sets the outputs' static shapes.

    Raises:
      TypeError: args is not a list/tuple, or kwargs not a dict.
    """
    if kwargs is None:
        kwargs = {}
    if not isinstance(args, (list, tuple)):
        raise TypeError("args must be list and not {}. args: {}".format(type(args), args))
    if not isinstance(kwargs, dict):
        raise TypeError("kwargs must be dict and not {}. args: {}".format(type(kwargs), kwargs))
    if callable(output_types):
        output_types = output_types(*args, **kwargs)
    if callable(output_shapes):
        output_shapes = output_shapes(*args, **kwargs)
    flat_output_types = nest.flatten(output_types)
    args = (args, kwargs)
    flat_args = nest.flatten(args)

    def python_function_wrapper(*py_args):
        py_args, py_kwargs = nest.pack_sequence_as(args, py_args)
        ret = func(*py_args, **py_kwargs)
        assert_shallow_structure(output_types, ret)
        return nest.flatten(ret)

    flat_values = _py_func(python_function_wrapper, flat_args, flat_output_types,
                           stateful=stateful, name=name)
    if output_shapes is not None:
        shapes = nest.flatten(map_structure_up_to(output_types, tensor_shape.as_shape,
                                                  output_shapes))
        for ret_t, shape in zip(flat_values, shapes):
            ret_t.set_shape(shape)
    return nest.pack_sequence_as(output_types, flat_values)
