"""contrib.layers' utils (TF 1.14 contrib/layers/python/layers/utils.py): output aliases
and end-point dictionaries (slim's nets), shape helpers."""
from collections import OrderedDict

from ...engine.framework.graph import (Tensor, add_to_collections, get_collection,
                                       get_default_graph)
from ...engine.framework.static_value import constant_value as _tensor_constant_value
from ...ops import control_flow_ops, variables

__all__ = ["collect_named_outputs", "append_tensor_alias", "gather_tensors_aliases",
           "get_tensor_aliases", "convert_collection_to_dict", "last_dimension",
           "channel_dimension", "constant_value", "static_cond", "smart_cond"]


def constant_value(value_or_tensor_or_var, dtype=None):
    """The value of a value, of a Tensor (tensor_util.constant_value: Const, Shape/Size/Rank
    of known shapes, Pack, ConcatV2, Fill...) or None (a Variable, a run-time Tensor).

    Raises:
      ValueError: the argument is None, or a Tensor/Variable not of `dtype`.
    """
    if value_or_tensor_or_var is None:
        raise ValueError("value_or_tensor_or_var cannot be None")
    value = value_or_tensor_or_var
    if isinstance(value, (Tensor, variables.Variable)):
        if dtype and value.dtype != dtype:
            raise ValueError("It has the wrong type %s instead of %s" % (value.dtype, dtype))
        if isinstance(value, variables.Variable):
            return None
        return _tensor_constant_value(value)
    return value


def static_cond(pred, fn1, fn2):
    """fn1() when `pred` is true, else fn2()."""
    if not callable(fn1):
        raise TypeError("fn1 must be callable.")
    if not callable(fn2):
        raise TypeError("fn2 must be callable.")
    return fn1() if pred else fn2()


def smart_cond(pred, fn1, fn2, name=None):
    """static_cond when `pred` has a constant value (constant_value, no evaluation of
    other ops), else tf.cond."""
    pred_value = constant_value(pred)
    if pred_value is not None:
        return static_cond(pred_value, fn1, fn2)
    return control_flow_ops.cond(pred, fn1, fn2, name)


def collect_named_outputs(collections, alias, outputs):
    """Adds `outputs` to `collections`, with `alias` appended to its `aliases`."""
    if collections:
        append_tensor_alias(outputs, alias)
        add_to_collections(collections, outputs)
    return outputs


def append_tensor_alias(tensor, alias):
    """Appends `alias` (a trailing '/' dropped) to `tensor.aliases`."""
    if alias[-1] == "/":
        alias = alias[:-1]
    if hasattr(tensor, "aliases"):
        tensor.aliases.append(alias)
    else:
        tensor.aliases = [alias]
    return tensor


def get_tensor_aliases(tensor):
    """The tensor's aliases; without any, its op's name (its own name if not output 0)."""
    if hasattr(tensor, "aliases"):
        return tensor.aliases
    return [tensor.op.name] if tensor.name[-2:] == ":0" else [tensor.name]


def gather_tensors_aliases(tensors):
    return [alias for tensor in tensors for alias in get_tensor_aliases(tensor)]


def convert_collection_to_dict(collection, clear_collection=False):
    """OrderedDict {alias: tensor} of the collection's tensors."""
    output = OrderedDict((alias, tensor) for tensor in get_collection(collection)
                         for alias in get_tensor_aliases(tensor))
    if clear_collection:
        get_default_graph().clear_collection(collection)
    return output


def _get_dimension(shape, dim, min_rank=1):
    dims = shape.dims
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    value = dims[dim].value
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (dim, shape))
    return value


def channel_dimension(shape, data_format, min_rank=1):
    return _get_dimension(shape, 1 if data_format == "channels_first" else -1,
                          min_rank=min_rank)


def last_dimension(shape, min_rank=1):
    """The last dimension of `shape` (ValueError if unknown or rank < min_rank)."""
    return _get_dimension(shape, -1, min_rank=min_rank)
