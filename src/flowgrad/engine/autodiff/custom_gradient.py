"""`tf.custom_gradient` in graph mode.

As in TF, the decorated function's outputs and inputs pass through one
IdentityN op whose gradient is overridden by the user's `grad_fn`; the
original computation of the outputs gets no gradient. Variables that `f`
reads (and that are not inputs) are found from the ops `f` created, and
`grad_fn(*dys, variables=...)` must then return `(input_grads, variable_grads)`.

flowgrad difference: TF 1.14 accepts only resource variables inside a
custom-gradient function in graph mode; flowgrad's variables are reference
variables, and they work here.
"""
from __future__ import annotations

import functools
import inspect
from typing import Callable

from ..framework import dtypes as _dt
from ..framework.constant_op import convert_to_tensor
from ..framework.graph import UIDS, GraphKeys, Tensor, get_default_graph
from ..framework.registry import GRADIENTS
from ..ops.shape import identity_n

__all__ = ["custom_gradient"]


def _is_resource(v):
    """A resource variable: its _ref is its resource handle."""
    return v._ref().dtype.base_dtype == _dt.resource


def _scope_variables(graph):
    """TF's current_var_scope.global_variables() + local_variables(): the collections'
    variables under the current variable scope's name."""
    store = graph._variable_scope_store
    scope = store.current_scope.name if store is not None else ""
    return (graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope or None)
            + graph.get_collection(GraphKeys.LOCAL_VARIABLES, scope or None))


def _variables_read(graph, first_op_id, args):
    """Variables whose value the ops created since `first_op_id` read (not via args): as
    TF's tape.watched_variables(), only trainable resource variables (their reads notify
    the tape; a ref variable's never does)."""
    arg_set = set(args)
    variables = (graph.get_collection(GraphKeys.GLOBAL_VARIABLES)
                 + graph.get_collection(GraphKeys.LOCAL_VARIABLES))
    # a resource variable's reads take its handle (its _ref)
    by_ref = {v._ref(): v for v in variables if _is_resource(v) and v.trainable}
    found = []
    for op in graph._ops[first_op_id:]:
        for t in op._inputs:
            v = by_ref.get(t)
            if v is not None and t not in arg_set and v not in found:
                found.append(v)
    return found


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    return [x]


def custom_gradient(f: Callable) -> Callable:
    """Decorator: `f(*x)` returns `(y, grad_fn)`; gradients of y use `grad_fn(*dy)`.

    Args:
      f: function of tensors returning a tensor (or list) and a gradient
        function. `grad_fn(*dys)` returns one gradient per input; if `f` reads
        variables, `grad_fn(*dys, variables=vars)` returns
        `(input_grads, variable_grads)`.
    Returns:
      The wrapped function.
    Raises:
      TypeError: `f` reads variables but grad_fn takes no `variables` argument.
      TypeError: `f` creates a variable (in the current variable scope) that is not a
        resource variable.
      ValueError: grad_fn returns the wrong number of gradients (when differentiated).

    >>> @tf.custom_gradient
    ... def log1pexp(x):
    ...     e = tf.exp(x)
    ...     return tf.log(1 + e), lambda dy: dy * (1 - 1 / (1 + e))
    """

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        if kwargs:
            raise ValueError("The custom_gradient decorator currently supports keywords "
                             "arguments only when eager execution is enabled.")
        # TF's process-wide ops.uid(), taken before the arguments are converted (every
        # Tensor and Graph takes one too, so the number shows what the process has built)
        name = f"CustomGradient-{next(UIDS)}"
        g = get_default_graph()
        args = [convert_to_tensor(a) for a in args]
        start = len(g._ops)
        # as TF: the variables of the current variable scope before and after f; a new
        # one that is not a resource variable is refused
        before = set(_scope_variables(g))
        result, grad_fn = f(*args)
        for v in _scope_variables(g):
            if v not in before and not _is_resource(v):
                raise TypeError(
                    "All variables used by a function wrapped with @custom_gradient must "
                    "be `ResourceVariable`s. Ensure that no `variable_scope` is created "
                    "with `use_resource=False`.")
        flat = list(result) if isinstance(result, (list, tuple)) else [result]
        flat = [convert_to_tensor(r) for r in flat]
        variables = _variables_read(g, start, args)
        params = inspect.signature(grad_fn).parameters
        takes_vars = "variables" in params or any(
            p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
        if variables and not takes_vars:
            raise TypeError("If using @custom_gradient with a function that uses variables, "
                            "then grad_fn must accept a keyword argument 'variables'.")
        n_res = len(flat)

        def grad_rule(op, *result_grads):
            dys = result_grads[:n_res]
            if variables:
                input_grads, variable_grads = grad_fn(*dys, variables=variables)
                if len(variable_grads) != len(variables):
                    raise ValueError("Must return gradient for each variable from "
                                     "@custom_gradient grad_fn.")
            else:
                input_grads = grad_fn(*dys)
                variable_grads = []
            # TF's nest.flatten; a wrong count fails as any rule's ("Num gradients ...
            # generated for op <IdentityN's NodeDef> do not match num inputs ...")
            input_grads = _flatten(input_grads)
            return [None] * n_res + input_grads + list(variable_grads)

        GRADIENTS[name] = grad_rule
        with g.gradient_override_map({"IdentityN": name}):
            with g.name_scope("IdentityN") as scope:   # TF reads the variables in it
                everything = flat + args + [v.value() for v in variables]
            outs = identity_n(everything, name=scope)
        for v in variables:   # TF converts the original tensors again: a resource read each
            if _is_resource(v):
                v.value()
        outs = outs[:n_res]
        for o, r in zip(outs, flat):
            if isinstance(o, Tensor):
                o.set_shape(r.shape)
        if isinstance(result, (list, tuple)):
            return type(result)(outs) if isinstance(result, tuple) else list(outs)
        return outs[0]

    return decorated
