"""TF 1.14's linear_operator_algebra: registries of adjoint, cholesky, inverse, matmul and
solve between operator classes, looked up by the nearest registered classes in the MROs."""
from __future__ import annotations

import itertools

from ..engine.framework.graph import name_scope

__all__ = ["RegisterAdjoint", "RegisterCholesky", "RegisterInverse", "RegisterMatmul",
           "RegisterSolve", "adjoint", "cholesky", "inverse", "matmul", "solve"]

_ADJOINTS: dict = {}
_CHOLESKY_DECOMPS: dict = {}
_MATMUL: dict = {}
_SOLVE: dict = {}
_INVERSES: dict = {}


def _registered_function(type_list, registry):
    """The function registered for the classes nearest to type_list in their MROs."""
    hierarchies = [enumerate(t.__mro__) for t in type_list]

    def distance(combination):
        if tuple(c[1] for c in combination) in registry:
            return sum(c[0] for c in combination)
        return 10000

    best = min(itertools.product(*hierarchies), key=distance)
    return registry.get(tuple(c[1] for c in best), None)


def _apply(registry, operators, missing, name, default_name):
    fn = _registered_function([type(o) for o in operators], registry)
    if fn is None:
        raise ValueError(missing)
    with name_scope(name, default_name):
        return fn(*operators)


def adjoint(lin_op_a, name=None):
    return _apply(_ADJOINTS, [lin_op_a], "No adjoint registered for {}".format(
        type(lin_op_a)), name, "Adjoint")


def cholesky(lin_op_a, name=None):
    return _apply(_CHOLESKY_DECOMPS, [lin_op_a],
                  "No cholesky decomposition registered for {}".format(type(lin_op_a)),
                  name, "Cholesky")


def inverse(lin_op_a, name=None):
    return _apply(_INVERSES, [lin_op_a], "No inverse registered for {}".format(
        type(lin_op_a)), name, "Inverse")


def matmul(lin_op_a, lin_op_b, name=None):
    return _apply(_MATMUL, [lin_op_a, lin_op_b], "No matmul registered for {}.matmul({})"
                  .format(type(lin_op_a), type(lin_op_b)), name, "Matmul")


def solve(lin_op_a, lin_op_b, name=None):
    return _apply(_SOLVE, [lin_op_a, lin_op_b], "No solve registered for {}.solve({})"
                  .format(type(lin_op_a), type(lin_op_b)), name, "Solve")


class _Register:
    _registry: dict = {}
    _what = ""

    def __init__(self, *classes):
        self._key = tuple(classes)

    def __call__(self, fn):
        if not callable(fn):
            raise TypeError("{}_fn must be callable, received: {}".format(self._what, fn))
        if self._key in self._registry:
            raise ValueError(self._duplicate())
        self._registry[self._key] = fn
        return fn

    def _duplicate(self):
        return "{}({}) has already been registered to: {}".format(
            self._what.capitalize(), self._key[0].__name__, self._registry[self._key])


class RegisterAdjoint(_Register):
    """Decorator registering the adjoint of a LinearOperator subclass."""
    _registry = _ADJOINTS
    _what = "adjoint"

    def __init__(self, lin_op_cls_a):
        super().__init__(lin_op_cls_a)


class RegisterCholesky(_Register):
    """Decorator registering the Cholesky factor of a LinearOperator subclass."""
    _registry = _CHOLESKY_DECOMPS
    _what = "cholesky"

    def __init__(self, lin_op_cls_a):
        super().__init__(lin_op_cls_a)


class RegisterInverse(_Register):
    """Decorator registering the inverse of a LinearOperator subclass."""
    _registry = _INVERSES
    _what = "inverse"

    def __init__(self, lin_op_cls_a):
        super().__init__(lin_op_cls_a)


class RegisterMatmul(_Register):
    """Decorator registering the product of two LinearOperator subclasses."""
    _registry = _MATMUL
    _what = "matmul"

    def __init__(self, lin_op_cls_a, lin_op_cls_b):
        super().__init__(lin_op_cls_a, lin_op_cls_b)

    def _duplicate(self):
        return "Matmul({}, {}) has already been registered.".format(
            self._key[0].__name__, self._key[1].__name__)


class RegisterSolve(_Register):
    """Decorator registering the solve between two LinearOperator subclasses."""
    _registry = _SOLVE
    _what = "solve"

    def __init__(self, lin_op_cls_a, lin_op_cls_b):
        super().__init__(lin_op_cls_a, lin_op_cls_b)

    def _duplicate(self):
        return "Solve({}, {}) has already been registered.".format(
            self._key[0].__name__, self._key[1].__name__)
