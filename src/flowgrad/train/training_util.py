"""The global step: get_global_step, create_global_step, get_or_create_global_step, global_step.

>>> step = tf.train.get_or_create_global_step()
>>> step.op.name, step.dtype.base_dtype.name
('global_step', 'int64')
"""
from __future__ import annotations


from .. import logging as tf_logging
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import GraphKeys, Tensor, get_default_graph
from ..ops import init_ops
from ..ops import variable_scope as vs
from ..ops.variables import Variable

__all__ = ["global_step", "get_global_step", "create_global_step", "get_or_create_global_step",
           "assert_global_step"]


def global_step(sess, global_step_tensor):
    """The value of the global step as a Python int.

    Args:
      sess: a Session. global_step_tensor: the global step Variable/Tensor or its name.
    """
    return int(sess.run(global_step_tensor))


def get_global_step(graph=None):
    """The global step variable of `graph`: the GLOBAL_STEP collection's single
    entry, else the tensor named 'global_step:0', else None.

    Raises:
      TypeError: the global step is not an integer scalar Variable or Tensor.
    """
    graph = graph or get_default_graph()
    global_step_tensor = None
    tensors = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(tensors) == 1:
        global_step_tensor = tensors[0]
    elif not tensors:
        try:
            global_step_tensor = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    else:
        tf_logging.error("Multiple tensors in global_step collection.")
        return None
    assert_global_step(global_step_tensor)
    return global_step_tensor


def create_global_step(graph=None):
    """Creates the int64 scalar variable 'global_step' (zeros, not trainable) in `graph`.

    It is made by get_variable (so inside variable_scope("foo") it is
    'foo/global_step'), in GLOBAL_VARIABLES and GLOBAL_STEP.

    Raises:
      ValueError: the graph has a global step already.
    """
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        return vs.get_variable(GraphKeys.GLOBAL_STEP, shape=[], dtype=_dt.int64,
                               initializer=init_ops.zeros_initializer(), trainable=False,
                               collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    """The global step of `graph`, created first if it has none."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is None:
        step = create_global_step(graph)
    return step


def assert_global_step(global_step_tensor):
    """Raises TypeError unless `global_step_tensor` is an integer scalar Variable or Tensor."""
    if not isinstance(global_step_tensor, (Variable, Tensor)):
        raise TypeError('Existing "global_step" must be a Variable or Tensor: %s.'
                        % global_step_tensor)
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError('Existing "global_step" does not have integer type: %s'
                        % global_step_tensor.dtype)
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError('Existing "global_step" is not scalar: %s' % shape)
