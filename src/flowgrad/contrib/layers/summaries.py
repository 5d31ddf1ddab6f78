"""contrib.layers summaries (TF 1.14 contrib/layers/python/layers/summaries.py): a
scalar summary for scalars, a histogram otherwise, tagged '<op name>_summary'."""
import functools
import re

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import GraphKeys, get_collection
from ...ops import comparison_ops, math_ops
from ... import summary

__all__ = ["summarize_tensor", "summarize_activation", "summarize_tensors",
           "summarize_collection", "summarize_variables", "summarize_weights",
           "summarize_biases", "summarize_activations"]


def _add_scalar_summary(tensor, tag=None):
    tensor.shape.assert_has_rank(0)
    return summary.scalar(tag or "%s_summary" % tensor.op.name, tensor)


def _add_histogram_summary(tensor, tag=None):
    return summary.histogram(tag or "%s_summary" % tensor.op.name, tensor)


def summarize_activation(op):
    """A histogram of an activation, plus the fraction of zeros (Relu, Softplus, Relu6)
    and of sixes (Relu6)."""
    pre = op.op.inputs[0] if op.op.inputs else None
    if op.op.type in ("Relu", "Softplus", "Relu6"):
        below = comparison_ops.less(pre, math_ops.cast(0.0, pre.dtype))
        _add_scalar_summary(math_ops.reduce_mean(math_ops.cast(below, _dt.float32,
                                                               name="ToFloat")),
                            "%s/zeros" % op.op.name)
    if op.op.type == "Relu6":
        above = comparison_ops.greater(pre, math_ops.cast(6.0, pre.dtype))
        _add_scalar_summary(math_ops.reduce_mean(math_ops.cast(above, _dt.float32,
                                                               name="ToFloat")),
                            "%s/sixes" % op.op.name)
    return _add_histogram_summary(op, "%s/activation" % op.op.name)


def summarize_tensor(tensor, tag=None):
    """A scalar summary for a scalar, a histogram otherwise; None for strings/bools."""
    if tensor.dtype.base_dtype in (_dt.string, _dt.bool_):
        return None
    if tensor.shape.ndims == 0:
        return _add_scalar_summary(tensor, tag)
    return _add_histogram_summary(tensor, tag)


def summarize_tensors(tensors, summarizer=summarize_tensor):
    """summarizer(t) for each tensor."""
    return [summarizer(tensor) for tensor in tensors]


def summarize_collection(collection, name_filter=None, summarizer=summarize_tensor):
    """Summarizes the tensors of a collection whose op name matches `name_filter`."""
    tensors = [t for t in get_collection(collection)
               if name_filter is None or re.match(name_filter, t.op.name)]
    return summarize_tensors(tensors, summarizer)


summarize_variables = functools.partial(summarize_collection, GraphKeys.GLOBAL_VARIABLES)
summarize_weights = functools.partial(summarize_collection, GraphKeys.WEIGHTS)
summarize_biases = functools.partial(summarize_collection, GraphKeys.BIASES)


def summarize_activations(name_filter=None, summarizer=summarize_activation):
    """Summarizes the ACTIVATIONS collection."""
    return summarize_collection(GraphKeys.ACTIVATIONS, name_filter, summarizer)
