"""`flowgrad.explain_gradients(ys, xs)`: for each x, does d(sum ys)/dx exist, and if it is None
or identically zero, why.

The answer follows tf.gradients' own walk: gradients flow backwards from `ys` along data
edges; they stop at tensors of integer/bool/string dtype, at StopGradient/PreventGradient,
and at ops whose gradient is None (Floor, Round, ArgMax, comparisons, ...); Sign and
Sign passes on an identically zero gradient. When x is not an ancestor of ys the
usual TF1 mistakes are recognized: a variable read through another tensor than the one ys
use (`v.value()`, `tf.identity(v)`, a second `read_value()`), a tensor computed from what ys
use rather than used by them, a placeholder fed but not connected.

Cost: one walk over the ancestors of ys, then per x one walk over the ops between x and ys.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .engine.framework.graph import Tensor
from .engine.framework.op_traceback import defined_at
from .engine.framework.registry import GRADIENTS

__all__ = ["GradientExplanation", "explain_gradients"]

_STOP = frozenset({"StopGradient", "PreventGradient"})
# op types whose gradient is registered but is identically zero (TF's _SignGrad: zeros)
_ZERO = frozenset({"Sign"})
# op types whose registered rule returns None for every input (TF's _FloorDivGrad;
# ZerosLike/OnesLike: NotDifferentiable in TF)
_NONE_RULE = frozenset({"FloorDiv", "ZerosLike", "OnesLike"})
_READS = frozenset({"Identity", "Snapshot", "ReadVariableOp", "StopGradient"})
_VARIABLES = frozenset({"VariableV2", "Variable", "VarHandleOp"})
_MISSING = object()


def _at(op) -> str:
    where = defined_at(getattr(op, "_traceback", None))
    return f", created at {where}" if where else ""


@dataclass
class GradientExplanation:
    """Whether d(ys)/dx exists. status: "exists", "none" (tf.gradients returns None) or
    "zero" (it returns a tensor that is identically zero); reason: one sentence; causes:
    [{kind, op, type, tensor, at}] of the ops/tensors responsible; ops_between: the number
    of ops on paths from x to ys."""

    x: str
    status: str
    reason: str
    causes: list = field(default_factory=list)
    ops_between: int = 0

    def __str__(self) -> str:
        head = {"exists": "gradient exists", "none": "gradient is None",
                "zero": "gradient is identically zero"}[self.status]
        return f"{self.x}: {head}: {self.reason}"


def _as_tensor(x):
    if isinstance(x, Tensor):
        return x
    ref = getattr(x, "_ref", None)
    if callable(ref):
        return ref()
    handle = getattr(x, "handle", None)
    if isinstance(handle, Tensor):
        return handle
    raise TypeError(f"explain_gradients: {x!r} is not a Tensor or a Variable")


def _ancestors(ops):
    seen = set()
    stack = list(ops)
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        stack.extend(t._op for t in op._inputs)
    return seen


def _cause(kind, op, tensor=None):
    return {"kind": kind, "op": op.name, "type": op.type,
            "tensor": tensor.name if tensor is not None else None,
            "at": defined_at(getattr(op, "_traceback", None))}


def _blocked(op, t):
    """Why no gradient flows from `op` back into its input `t` (a cause), or None."""
    if not t.dtype.is_differentiable:
        return _cause("integer", t._op, t)
    if op.type in _STOP:
        return _cause("stop_gradient", op, t)
    rule = GRADIENTS.get(op._grad_type or op.type, _MISSING)
    if rule is _MISSING:
        return _cause("no_registered_gradient", op, t)
    if rule is None or op.type in _NONE_RULE:
        return _cause("not_differentiable", op, t)
    return None


def _describe(c, label) -> str:
    at = f" (created at {c['at']})" if c["at"] else ""
    kind = c["kind"]
    if kind == "integer":
        dt = c["tensor_dtype"]
        return (f"the path goes through the {dt} tensor '{c['tensor']}' (integer tensors carry "
                f"no gradient; made by {c['type']} '{c['op']}'{at})")
    if kind == "stop_gradient":
        return f"the path goes through tf.stop_gradient ('{c['op']}'){at}"
    if kind == "not_differentiable":
        return f"the path goes through '{c['op']}' ({c['type']}), an op with no gradient{at}"
    if kind == "no_registered_gradient":
        return (f"the path goes through '{c['op']}' ({c['type']}), whose op type has no "
                f"registered gradient (tf.gradients raises LookupError){at}")
    if kind == "zero":
        return f"every path goes through '{c['op']}' ({c['type']}), whose gradient is zero{at}"
    return kind


def _var_of(op):
    """The variable op `op` reads (through Identity/Snapshot/ReadVariableOp), or None."""
    seen = 0
    while op.type in _READS and op._inputs and seen < 16:
        op = op._inputs[0]._op
        seen += 1
    return op if op.type in _VARIABLES else None


def _no_path(x, anc, label):
    """The reason, and causes, when x is not an ancestor of ys."""
    base = f"not connected to {label}"
    op = x._op
    var = _var_of(op) if op.type in _READS else None
    if var is not None and var in anc:
        used = sorted({c._outputs[0].name for t in var._outputs for c in t._consumers
                       if c in anc and c._outputs})
        return (f"{base}: '{x.name}' ({op.type}{_at(op)}) reads variable '{var.name}' through "
                f"another tensor than the one {label} uses ({', '.join(repr(u) for u in used)});"
                f" pass the variable itself", [_cause("other_read", op, x)])
    if op.type in ("Placeholder", "PlaceholderWithDefault") and not op._inputs:
        return (f"{base}: '{x.name}' is a placeholder {label} does not depend on (feeding it "
                "changes nothing)", [_cause("unconnected_placeholder", op, x)])
    # the nearest tensors x was computed from that ys do use
    from_used = []
    seen = set()
    stack = [op]
    while stack:
        o = stack.pop()
        for t in o._inputs:
            if t._op in anc:
                if t.name not in from_used:
                    from_used.append(t.name)
            elif t._op not in seen:
                seen.add(t._op)
                stack.append(t._op)
    if from_used:
        return (f"{base}: '{x.name}' ({op.type}{_at(op)}) is computed from "
                f"{', '.join(repr(n) for n in sorted(from_used))}, which {label} uses, but "
                f"{label} does not use '{x.name}' itself (pass the tensor {label} is built "
                "from)", [_cause("computed_aside", op, x)])
    return f"{base}: {label} does not depend on '{x.name}'", [_cause("no_path", op, x)]


def _explain_one(x, ys, anc, label):
    if x._op not in anc:
        reason, causes = _no_path(x, anc, label)
        return GradientExplanation(x.name, "none", reason, causes)
    if not x.dtype.is_differentiable:
        return GradientExplanation(x.name, "none", f"'{x.name}' is a {x.dtype.base_dtype.name} "
                                   "tensor: integer tensors carry no gradient",
                                   [_cause("integer", x._op, x)])
    # the ops on some path x -> ys
    between = set()
    stack = [x._op]
    while stack:
        op = stack.pop()
        if op in between:
            continue
        between.add(op)
        for t in op._outputs:
            stack.extend(c for c in t._consumers if c in anc and c not in between)
    state = {}          # tensor -> 2 (a gradient), 1 (an identically zero gradient)
    for y in ys:
        state[y] = 2
    blockers, zeros = [], []
    for op in sorted(between, key=lambda o: o._id, reverse=True):
        if op is x._op:
            continue
        s = max((state.get(t, 0) for t in op._outputs), default=0)
        if not s:
            continue
        for t in op._inputs:
            if t._op not in between:
                continue
            why = _blocked(op, t)
            if why is not None:
                why["tensor_dtype"] = t.dtype.base_dtype.name
                if why not in blockers:
                    blockers.append(why)
                continue
            got = s
            if op.type in _ZERO:
                got = 1
                c = _cause("zero", op, t)
                if c not in zeros:
                    zeros.append(c)
            if got > state.get(t, 0):
                state[t] = got
    got = state.get(x, 0)
    n = len(between)
    if got == 2:
        note = "".join(f"; another path is cut: {_describe(c, label)}" for c in blockers)
        return GradientExplanation(x.name, "exists", f"{n} ops between '{x.name}' and {label}"
                                   + note, blockers, n)
    if got == 1:
        return GradientExplanation(x.name, "zero", "; ".join(_describe(c, label) for c in zeros),
                                   zeros, n)
    if not blockers:
        return GradientExplanation(x.name, "none", f"no differentiable path to {label}", [], n)
    return GradientExplanation(x.name, "none", "; ".join(_describe(c, label) for c in blockers),
                               blockers, n)


def _explain(ys, xs, grad_ys, label):
    ys = [_as_tensor(y) for y in (ys if isinstance(ys, (list, tuple)) else [ys])]
    xs = [_as_tensor(x) for x in (xs if isinstance(xs, (list, tuple)) else [xs])]
    if grad_ys is not None:
        gys = grad_ys if isinstance(grad_ys, (list, tuple)) else [grad_ys]
        if len(gys) != len(ys):
            raise ValueError(f"Passed {len(gys)} grad_ys for {len(ys)} ys")
    anc = _ancestors(y._op for y in ys)
    return [_explain_one(x, ys, anc, label) for x in xs]


def explain_gradients(ys, xs, grad_ys=None) -> list[GradientExplanation]:
    """For each x of `xs` (tensors or variables), whether `tf.gradients(ys, xs, grad_ys)` gives
    it a gradient and, when it is None or identically zero, why: the op, its type and where
    it was created. `print` a record for a sentence.

    >>> import flowgrad
    >>> x = tf.placeholder(tf.float32, name="x")
    >>> w = tf.Variable(2.0, name="w")
    >>> loss = tf.floor(x * w)
    >>> for e in flowgrad.explain_gradients(loss, [x, tf.identity(w)]): print(e)
    x:0: gradient is None: the path goes through 'Floor' (Floor), an op with no gradient...
    Identity:0: gradient is None: not connected to ys: 'Identity:0' (Identity...) reads \
variable 'w' through another tensor than the one ys uses ('w/read:0'); pass the variable itself
    """
    return _explain(ys, xs, grad_ys, "ys")


def explain_gradient(loss, x) -> str:
    """One sentence: why `loss` has no gradient for `x` (the optimizers' "No gradients
    provided" error lists one per variable)."""
    return _explain(loss, [x], None, "the loss")[0].reason
