"""contrib.layers' regularizers (TF 1.14 contrib/layers/python/layers/regularizers.py):
l1_regularizer, l2_regularizer, l1_l2_regularizer, sum_regularizer and
apply_regularization. A regularizer maps a weights tensor to a scalar penalty Tensor (or
None when its scale is 0)."""
from __future__ import annotations

import numbers

from ..engine.framework import graph as _g
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import GraphKeys
from . import math_ops, nn_ops

__all__ = ["apply_regularization", "l1_l2_regularizer",
           "l1_regularizer", "l2_regularizer", "sum_regularizer"]


def _check_scale(scale, what="scale", suffix=""):
    """ValueError for an integer or negative scale; True when the scale disables the
    regularizer."""
    if isinstance(scale, numbers.Integral):
        raise ValueError("%s cannot be an integer: %s" % (what, scale))
    if isinstance(scale, numbers.Real):
        if scale < 0.:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g%s" % (scale,
                                                                                   suffix))
        if scale == 0.:
            return True
    return False


def l1_regularizer(scale, scope=None):
    """weights -> scale * sum(|weights|) (op `l1_regularizer`); None-returning if scale 0.

    Raises:
      ValueError: an integer or negative scale.
    """
    if _check_scale(scale):
        return lambda _: None

    def l1(weights, name=None):
        with _g.name_scope(scope, "l1_regularizer", [weights]) as name:
            my_scale = convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return math_ops.multiply(my_scale, math_ops.reduce_sum(math_ops.abs(weights)),
                                     name=name)
    return l1


def l2_regularizer(scale, scope=None):
    """weights -> scale * sum(weights²) / 2 (op `l2_regularizer`); None-returning if
    scale 0.

    Raises:
      ValueError: an integer or negative scale.
    """
    if isinstance(scale, numbers.Integral):
        raise ValueError("scale cannot be an integer: %s" % (scale,))
    if _check_scale(scale, suffix="."):
        return lambda _: None

    def l2(weights):
        with _g.name_scope(scope, "l2_regularizer", [weights]) as name:
            my_scale = convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return math_ops.multiply(my_scale, nn_ops.l2_loss(weights), name=name)
    return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """The sum of l1_regularizer(scale_l1) and l2_regularizer(scale_l2).

    Raises:
      ValueError: an integer or negative scale.
    """
    if isinstance(scale_l1, numbers.Integral):
        raise ValueError("scale_l1 cannot be an integer: %s" % (scale_l1,))
    if isinstance(scale_l2, numbers.Integral):
        raise ValueError("scale_l2 cannot be an integer: %s" % (scale_l2,))
    scope = scope or "l1_l2_regularizer"
    if scale_l1 == 0.:
        return l2_regularizer(scale_l2, scope)
    if scale_l2 == 0.:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def sum_regularizer(regularizer_list, scope=None):
    """weights -> AddN of the regularizers' penalties (None if the list is empty)."""
    regularizer_list = [reg for reg in regularizer_list if reg is not None]
    if not regularizer_list:
        return None

    def sum_reg(weights):
        with _g.name_scope(scope, "sum_regularizer", [weights]) as name:
            regularizer_tensors = [reg(weights) for reg in regularizer_list]
            return math_ops.add_n(regularizer_tensors, name=name)
    return sum_reg


def apply_regularization(regularizer, weights_list=None):
    """The summed penalty of `regularizer` over `weights_list` (default: the WEIGHTS
    collection), added to REGULARIZATION_LOSSES.

    Raises:
      ValueError: no weights, or a regularizer that returns a non-scalar.
    """
    if not weights_list:
        weights_list = _g.get_collection(GraphKeys.WEIGHTS)
    if not weights_list:
        raise ValueError("No weights to regularize.")
    with _g.name_scope("get_regularization_penalty", values=weights_list) as scope:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [p if p is not None else constant(0.0) for p in penalties]
        for p in penalties:
            if p.shape.ndims != 0:
                raise ValueError("regularizer must return a scalar Tensor instead of a "
                                 "Tensor with rank %d." % p.shape.ndims)
        summed_penalty = math_ops.add_n(penalties, name=scope)
        _g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, summed_penalty)
        return summed_penalty
