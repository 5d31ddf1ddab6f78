"""contrib.layers' recompute_grad (TF 1.14 contrib/layers/python/layers/rev_block_lib.py):
a function whose gradient recomputes its forward pass (in the same variable and arg
scopes, after the output gradients are known) instead of keeping its activations, built on
tf.custom_gradient."""
from __future__ import annotations

import functools
import inspect

import numpy as np

from ...engine.autodiff.custom_gradient import _variables_read, custom_gradient
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import Tensor, control_dependencies, get_default_graph
from ...engine.autodiff.gradients import gradients
from ...ops import array_ops, math_ops
from ...ops.control_flow_ops import tuple as _tuple
from ...ops.variable_scope import get_variable_scope, variable_scope
from ...ops.variables import Variable
from ..framework.arg_scope import arg_scope, current_arg_scope

__all__ = ["recompute_grad"]

_USE_DEFAULT = "__rev_block_lib_default"
_WRONG_VARS_ERR = """\
The variables used on recompute were different than the variables originally
used. The function wrapped with @recompute_grad likley creates its own variable
scope with a default name and has been called twice in the same enclosing scope.
To fix, ensure each call to the function happens in its own unique variable
scope.
"""


def _force_data_dependency(first_compute, then_compute):
    """`then_compute` made to depend on `first_compute` through a tiny added value."""
    def first_element(x):
        if x.get_shape().ndims is None:
            raise ValueError("Rank of Tensor %s must be known" % x)
        ndims = x.get_shape().ndims
        begin = convert_to_tensor([0] * ndims, dtype=_dt.int32)
        size = convert_to_tensor([1] * ndims, dtype=_dt.int32)
        return array_ops.reshape(array_ops.slice(x, begin, size), [])

    total = math_ops.add_n([first_element(x) for x in first_compute if x is not None])
    if not total.dtype.is_floating:
        raise ValueError("_force_data_dependency only supports floating dtypes.")
    zero = array_ops.stop_gradient(np.finfo(total.dtype.as_numpy_dtype).tiny * total)
    return [array_ops.identity(x) + zero if x is not None else None for x in then_compute]


def _enable_with_args(dec):
    """A decorator usable bare (`@dec`) or with arguments (`@dec(...)`), as TF's."""
    @functools.wraps(dec)
    def new_dec(*args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]):
            return dec(args[0])
        return lambda fn: dec(fn, *args, **kwargs)
    return new_dec


@_enable_with_args
def recompute_grad(fn, use_data_dep=_USE_DEFAULT, tupleize_grads=False):
    """`fn` (of Tensors) whose gradient recomputes its forward pass instead of storing it."""
    if fn.__code__.co_freevars:
        closed = dict(zip(fn.__code__.co_freevars, [c.cell_contents for c in fn.__closure__]))
        for var_name, value in closed.items():
            if isinstance(value, (Tensor, Variable)):
                raise ValueError(
                    "fn decorated with @recompute_grad closes over Tensor %s (local variable "
                    "name: %s). The decorated fn must not close over Tensors or Variables "
                    "because gradients will NOT be computed for them through fn. To ensure "
                    "correct gradients, make the Tensor an input to fn." % (value.name,
                                                                            var_name))

    def wrapped(*args):
        return _recompute_grad(fn, args, use_data_dep=use_data_dep,
                               tupleize_grads=tupleize_grads)
    return wrapped if isinstance(fn, functools.partial) else functools.wraps(fn)(wrapped)


def _recomputing_grad_fn(compute_fn, original_args, original_vars, output_grads,
                         grad_fn_variables, use_data_dep, tupleize_grads, scope_args,
                         var_scope, has_is_recompute_kwarg):
    variables = grad_fn_variables or []
    inputs = [array_ops.identity(x) for x in list(original_args)]
    with control_dependencies([g for g in output_grads if g is not None]):
        if use_data_dep:
            inputs = _force_data_dependency(output_grads, inputs)
        with arg_scope(scope_args):
            with variable_scope(var_scope, reuse=True):
                g = get_default_graph()
                start = len(g._ops)
                kwargs = {"is_recomputing": True} if has_is_recompute_kwarg else {}
                outputs = compute_fn(*inputs, **kwargs)
                if set(_variables_read(g, start, inputs)) != original_vars:
                    raise ValueError(_WRONG_VARS_ERR)
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    grads = gradients(outputs, inputs + variables, list(output_grads))
    if tupleize_grads:
        grads = _force_data_dependency(grads, grads) if use_data_dep else _tuple(grads)
    return grads[:len(inputs)], grads[len(inputs):]


def _recompute_grad(fn, args, use_data_dep=_USE_DEFAULT, tupleize_grads=False):
    try:
        has_is_recompute_kwarg = "is_recomputing" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        has_is_recompute_kwarg = False
    for arg in args:
        if not isinstance(arg, Tensor):
            raise ValueError("All inputs to function must be Tensors")
    use_data_dep_ = False if use_data_dep == _USE_DEFAULT else use_data_dep  # no TPU

    @custom_gradient
    def fn_with_recompute(*args):
        vs = get_variable_scope()
        scope_args = current_arg_scope()
        g = get_default_graph()
        start = len(g._ops)
        outputs = fn(*args, **({"is_recomputing": False} if has_is_recompute_kwarg else {}))
        original_vars = set(_variables_read(g, start, args))

        def _grad_fn(output_grads, variables=None):
            if original_vars:
                assert variables, ("Fn created variables but the variables were not passed "
                                   "to the gradient fn.")
                if set(variables) != original_vars:
                    raise ValueError(_WRONG_VARS_ERR)
            return _recomputing_grad_fn(
                compute_fn=fn, original_args=args, original_vars=original_vars,
                output_grads=output_grads, grad_fn_variables=variables,
                use_data_dep=use_data_dep_, tupleize_grads=tupleize_grads,
                scope_args=scope_args, var_scope=vs,
                has_is_recompute_kwarg=has_is_recompute_kwarg)

        if original_vars:
            def grad_fn(*output_grads, **kwargs):
                return _grad_fn(output_grads, kwargs["variables"])
        else:
            def grad_fn(*output_grads):
                return _grad_fn(output_grads)
        return outputs, grad_fn

    return fn_with_recompute(*args)
