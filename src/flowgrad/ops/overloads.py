"""Python operators on Tensor and Variable, wired as TF 1.x wires them.

`x + y` opens a name scope `add` (so the op is `add`, a converted Python
operand `add/y`), converts the other operand to x's dtype (a hint for `x + y`,
required for the reflected `y + x`), then calls the op function: the same names
and dtype rules as TF 1.14.
"""
from __future__ import annotations

import importlib

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, _nested_in, get_default_graph
from ..engine.ops import sparse as _sparse
from .sparse_tensor import SparseTensor
from .variables import Variable


def _fn(module, name):
    mod = importlib.import_module(f"flowgrad.ops.{module}")
    return getattr(mod, name)


def _graph(t):
    """The graph the op goes to: `t`'s, or the default graph when that is a function graph
    nested in it (an outer tensor used in tf.data's map: captured there)."""
    g = t.graph
    d = get_default_graph()
    return d if d is not g and _nested_in(d, g) else g


def _scoped(g, scope_name):
    """Enters a fresh name scope cheaply; returns (scope, old name stack)."""
    old = g._name_stack
    scope = g.unique_name(scope_name)
    g._name_stack = scope
    return scope, old


def _binary(module, fname, scope_name):
    cache = []

    def forward(x, y):
        if not cache:
            cache.append(_fn(module, fname))
        fn = cache[0]
        if not isinstance(x, Tensor):
            x = convert_to_tensor(x)
        g = _graph(x)
        scope, old = _scoped(g, scope_name)
        try:
            if fname == "multiply" and isinstance(y, SparseTensor):
                # TF's _mul_dispatch: `dense * sp` scales sp's values, keeps its indices
                values = _sparse.sparse_dense_cwise_mul(y.indices, y.values, y.dense_shape, x,
                                                        name=scope + "/")
                return SparseTensor(y.indices, values, y.dense_shape)
            if not isinstance(y, Tensor):
                y = convert_to_tensor(y, preferred_dtype=x.dtype.base_dtype, name="y")
            return fn(x, y, name=scope + "/")
        finally:
            g._name_stack = old

    def reverse(y, x):
        if not cache:
            cache.append(_fn(module, fname))
        fn = cache[0]
        if not isinstance(y, Tensor):
            y = convert_to_tensor(y)
        g = _graph(y)
        scope, old = _scoped(g, scope_name)
        try:
            # TF's r_binary_op_wrapper: the left operand must convert to y's dtype
            # (`1.5 * int_tensor`: "Expected int32, got 1.5 of type 'float' instead.")
            x = convert_to_tensor(x, dtype=y.dtype.base_dtype, name="x")
            return fn(x, y, name=scope + "/")
        finally:
            g._name_stack = old

    return forward, reverse


def _direct(module, fname):
    cache = []

    def call(*args):
        if not cache:
            cache.append(_fn(module, fname))
        return cache[0](*args)
    return call


_BINARY = [
    ("add", "math_ops", "add", "add"),
    ("sub", "math_ops", "subtract", "sub"),
    ("mul", "math_ops", "multiply", "mul"),
    ("truediv", "math_ops", "truediv", "truediv"),
    ("div", "math_ops", "div", "div"),
    ("floordiv", "math_ops", "floordiv", "floordiv"),
    ("mod", "math_ops", "floormod", "mod"),
    ("pow", "math_ops", "pow", "pow"),
    ("matmul", "linalg_ops", "matmul", "matmul"),
    ("and", "comparison_ops", "logical_and", "and"),
    ("or", "comparison_ops", "logical_or", "or"),
    ("xor", "comparison_ops", "logical_xor", "xor"),
]


def _install(cls, to_tensor):
    def wrap(f):
        if to_tensor is None:
            return f

        def g(self, *args):
            return f(to_tensor(self), *args)
        g.__name__ = f.__name__
        return g

    for op, module, fname, scope in _BINARY:
        fwd, rev = _binary(module, fname, scope)
        setattr(cls, f"__{op}__", wrap(fwd))
        setattr(cls, f"__r{op}__", wrap(rev))
    for op, module, fname in [("lt", "comparison_ops", "less"),
                              ("le", "comparison_ops", "less_equal"),
                              ("gt", "comparison_ops", "greater"),
                              ("ge", "comparison_ops", "greater_equal"),
                              ("neg", "math_ops", "negative"),
                              ("abs", "math_ops", "abs"),
                              ("invert", "comparison_ops", "logical_not"),
                              ("getitem", "slicing", "getitem")]:
        setattr(cls, f"__{op}__", wrap(_direct(module, fname)))


_install(Tensor, None)
_install(Variable, lambda v: v.value())
_slice_getitem = _direct("slicing", "getitem")


def _variable_getitem(var, slice_spec):
    """TF's _SliceHelperVar: a slice of the variable's value whose `assign` writes it."""
    return _slice_getitem(var.value(), slice_spec, var)


Variable.__getitem__ = _variable_getitem
