"""The LOSSES collection helpers (TF 1.14's losses/util.py): add_loss, get_losses,
get_regularization_loss(es), get_total_loss."""
from __future__ import annotations

from ..engine.framework import graph as _g
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import GraphKeys
from ..ops import math_ops

__all__ = ["add_loss", "get_losses", "get_regularization_loss", "get_regularization_losses",
           "get_total_loss"]


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    """Adds `loss` to `loss_collection` (nothing when the collection is None or empty)."""
    if loss_collection:
        _g.add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    """The losses in `loss_collection` whose names match `scope`."""
    return _g.get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    """The REGULARIZATION_LOSSES whose names match `scope`."""
    return _g.get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    """The sum (AddN `name`) of the regularization losses, or the constant 0.0."""
    losses = get_regularization_losses(scope)
    if losses:
        return math_ops.add_n(losses, name=name)
    return constant(0.0)


def get_total_loss(add_regularization_losses=True, name="total_loss"):
    """AddN of the LOSSES and, by default, the REGULARIZATION_LOSSES (ValueError if none:
    TF's add_n message)."""
    losses = get_losses()
    if add_regularization_losses:
        losses += get_regularization_losses()
    return math_ops.add_n(losses, name=name)
