"""tf.contrib.framework.py_func (TF 1.14 contrib/framework/python/ops/script_ops.py):
tf.py_func over nested args, kwargs and outputs (flattened as tf.nest flattens them),
with optional output shapes."""
from __future__ import annotations

from ...engine.framework import tensor_shape
from ...ops import _nest as nest
from ...ops.script_ops import py_func as _py_func

__all__ = ["py_func"]


def _assert_shallow_structure(shallow_tree, input_tree):
    """TF's nest.assert_shallow_structure (check_types=True)."""
    if not nest.is_sequence(shallow_tree):
        return
    if not nest.is_sequence(input_tree):
        raise TypeError("If shallow structure is a sequence, input must also be a sequence. "
                        "Input has type: %s." % type(input_tree))
    if type(input_tree) is not type(shallow_tree) and not (
            isinstance(input_tree, dict) and isinstance(shallow_tree, dict)):
        raise TypeError("The two structures don't have the same sequence type. Input "
                        "structure has type %s, while shallow structure has type %s."
                        % (type(input_tree), type(shallow_tree)))
    if len(input_tree) != len(shallow_tree):
        raise ValueError("The two structures don't have the same sequence length. Input "
                         "structure has length %s, while shallow structure has length %s."
                         % (len(input_tree), len(shallow_tree)))
    if isinstance(shallow_tree, dict):
        for key in input_tree:
            if key not in shallow_tree:
                raise ValueError("The two structures don't have the same keys. Input "
                                 "structure has keys %s, while shallow structure has keys %s."
                                 % (list(input_tree), list(shallow_tree)))
        children = [(shallow_tree[k], input_tree[k]) for k in sorted(shallow_tree)]
    else:
        children = list(zip(shallow_tree, input_tree))
    for s, i in children:
        _assert_shallow_structure(s, i)


def _flatten_up_to(shallow_tree, input_tree):
    if not nest.is_sequence(shallow_tree):
        return [input_tree]
    keys = sorted(shallow_tree) if isinstance(shallow_tree, dict) else range(len(shallow_tree))
    out = []
    for k in keys:
        out.extend(_flatten_up_to(shallow_tree[k], input_tree[k]))
    return out


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
        _assert_shallow_structure(output_types, ret)
        return nest.flatten(ret)

    flat_values = _py_func(python_function_wrapper, flat_args, flat_output_types,
                           stateful=stateful, name=name)
    if output_shapes is not None:
        _assert_shallow_structure(output_types, output_shapes)
        shapes = [tensor_shape.as_shape(s) for s in _flatten_up_to(output_types, output_shapes)]
        for ret_t, shape in zip(flat_values, shapes):
            ret_t.set_shape(shape)
    return nest.pack_sequence_as(output_types, flat_values)
