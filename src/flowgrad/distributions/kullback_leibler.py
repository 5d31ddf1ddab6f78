"""KL divergence between distributions (TF 1.14's kullback_leibler.py): a registry keyed by
the two classes, searched along their MROs, and TF's checks and name scopes."""
from __future__ import annotations

import inspect

from ..engine.framework.graph import get_default_graph, name_scope
from ..ops import array_ops, math_ops
from ..ops.comparison_ops import logical_not
from ..ops.logging_ops import Assert

__all__ = ["RegisterKL", "kl_divergence", "cross_entropy"]

_DIVERGENCES = {}


def _registered_kl(type_a, type_b):
    """The registered function closest to (type_a, type_b) along both MROs."""
    dist_to_children = None
    kl_fn = None
    for mro_to_a, parent_a in enumerate(inspect.getmro(type_a)):
        for mro_to_b, parent_b in enumerate(inspect.getmro(type_b)):
            candidate_dist = mro_to_a + mro_to_b
            candidate_kl_fn = _DIVERGENCES.get((parent_a, parent_b), None)
            if not kl_fn or (candidate_kl_fn and candidate_dist < dist_to_children):
                dist_to_children = candidate_dist
                kl_fn = candidate_kl_fn
    return kl_fn


def kl_divergence(distribution_a, distribution_b, allow_nan_stats=True, name=None):
    """KL(distribution_a || distribution_b), from the function registered for their types.

    Raises:
      NotImplementedError: none registered.
    """
    kl_fn = _registered_kl(type(distribution_a), type(distribution_b))
    if kl_fn is None:
        raise NotImplementedError(
            "No KL(distribution_a || distribution_b) registered for distribution_a type %s "
            "and distribution_b type %s" % (type(distribution_a).__name__,
                                            type(distribution_b).__name__))
    with name_scope("KullbackLeibler"):
        kl_t = kl_fn(distribution_a, distribution_b, name=name)
        if allow_nan_stats:
            return kl_t
        kl_t = array_ops.identity(kl_t, name="kl")
        check = Assert(logical_not(math_ops.reduce_any(math_ops.is_nan(kl_t))),
                       ["KL calculation between %s and %s returned NaN values (and was called "
                        "with allow_nan_stats=False). Values:" % (distribution_a.name,
                                                                  distribution_b.name), kl_t])
        with get_default_graph().control_dependencies([check]):
            return array_ops.identity(kl_t, name="checked_kl")


def cross_entropy(ref, other, allow_nan_stats=True, name=None):
    """H[ref, other] = entropy(ref) + KL(ref || other)."""
    with name_scope(name, "cross_entropy"):
        return ref.entropy() + kl_divergence(ref, other, allow_nan_stats=allow_nan_stats)


class RegisterKL:
    """Decorator registering a KL(dist_cls_a || dist_cls_b) function `kl_fn(a, b, name)`."""

    def __init__(self, dist_cls_a, dist_cls_b):
        self._key = (dist_cls_a, dist_cls_b)

    def __call__(self, kl_fn):
        if not callable(kl_fn):
            raise TypeError("kl_fn must be callable, received: %s" % kl_fn)
        if self._key in _DIVERGENCES:
            raise ValueError("KL(%s || %s) has already been registered to: %s"
                             % (self._key[0].__name__, self._key[1].__name__,
                                _DIVERGENCES[self._key]))
        _DIVERGENCES[self._key] = kl_fn
        return kl_fn
