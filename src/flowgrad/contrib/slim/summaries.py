"""tf.contrib.slim.summaries: histogram, image, scalar and zero-fraction summaries named
after their tensors' ops, with an optional prefix (TF 1.14 slim/python/slim/summaries.py)."""
from __future__ import annotations

from ... import summary
from ...engine.framework.graph import GraphKeys, add_to_collection
from ...ops import logging_ops, nn_ops

__all__ = ["add_histogram_summary", "add_image_summary", "add_scalar_summary",
           "add_zero_fraction_summary", "add_histogram_summaries", "add_image_summaries",
           "add_scalar_summaries", "add_zero_fraction_summaries"]


def _get_summary_name(tensor, name=None, prefix=None, postfix=None):
    """`name` or the tensor's op name, as prefix/name/postfix."""
    if not name:
        name = tensor.op.name
    if prefix:
        name = prefix + "/" + name
    if postfix:
        name = name + "/" + postfix
    return name


def add_histogram_summary(tensor, name=None, prefix=None):
    """A histogram summary of `tensor`."""
    return summary.histogram(_get_summary_name(tensor, name, prefix), tensor)


def _printed(op, tensor, summary_name):
    """print_summary: the summary passes through a Print of `tensor`, which is what the
    SUMMARIES collection holds."""
    op = logging_ops.Print(op, [tensor], summary_name)
    add_to_collection(GraphKeys.SUMMARIES, op)
    return op


def add_image_summary(tensor, name=None, prefix=None, print_summary=False):
    """An image summary of a [batch, height, width, channels] tensor."""
    summary_name = _get_summary_name(tensor, name, prefix)
    op = summary.image(name=summary_name, tensor=tensor,
                       collections=[] if print_summary else None)
    return _printed(op, tensor, summary_name) if print_summary else op


def add_scalar_summary(tensor, name=None, prefix=None, print_summary=False):
    """A scalar summary of `tensor`."""
    summary_name = _get_summary_name(tensor, name, prefix)
    op = summary.scalar(name=summary_name, tensor=tensor,
                        collections=[] if print_summary else None)
    return _printed(op, tensor, summary_name) if print_summary else op


def add_zero_fraction_summary(tensor, name=None, prefix=None, print_summary=False):
    """A scalar summary of the fraction of zeros in `tensor` (name/Fraction_of_Zero_Values)."""
    name = _get_summary_name(tensor, name, prefix, "Fraction_of_Zero_Values")
    return add_scalar_summary(nn_ops.zero_fraction(tensor), name,
                              print_summary=print_summary)


def add_histogram_summaries(tensors, prefix=None):
    """add_histogram_summary of each tensor."""
    return [add_histogram_summary(t, prefix=prefix) for t in tensors]


def add_image_summaries(tensors, prefix=None):
    """add_image_summary of each tensor."""
    return [add_image_summary(t, prefix=prefix) for t in tensors]


def add_scalar_summaries(tensors, prefix=None, print_summary=False):
    """add_scalar_summary of each tensor."""
    return [add_scalar_summary(t, prefix=prefix, print_summary=print_summary)
            for t in tensors]


def add_zero_fraction_summaries(tensors, prefix=None):
    """add_zero_fraction_summary of each tensor."""
    return [add_zero_fraction_summary(t, prefix=prefix) for t in tensors]
