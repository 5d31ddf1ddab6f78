"""The backward pass over a gradient tape (TF 1.14's GradientTape::ComputeGradient in
c/eager/tape.h, with the vspace of eager/backprop.py), building gradient ops in the graph.

What differs from `gradients()`, as in TF: no "gradients" name scope and no per-op
"<op>_grad" scope (the ops take the caller's scope); the seeds are `ones` (a Shape op first
when the target's shape is not fully known); the walk covers the recorded ops only; the
ready ops form a queue that starts with the targets' ops, the last target's first; an
output with no gradient gets `zeros` of its shape; several dense contributions are summed
with AddN, mixed ones become IndexedSlices with int64 indices; an op with no registered
gradient passes none back (no LookupError).
"""
from __future__ import annotations

from ..framework import dtypes as _dt
from ..framework.engine_view import engine_side
from ..framework.graph import Tensor
from ..framework.grad_state import get_wanted, set_wanted
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import GRADIENTS, no_gradient_registered
from ..ops._base import apply
from ..ops.cast import cast
from ..ops.construction import ones, zeros
from ..ops.construction import range as _range
from ..ops.joining import concat
from ..ops.reductions import add_n
from ..ops.shape import shape as _static_or_shape

# ops whose rules take None for these output gradients (TF's
# FunctionsAcceptingNoneForIndicesMap) instead of zeros
_NONE_OK = {"SoftmaxCrossEntropyWithLogits": {1}, "SparseSoftmaxCrossEntropyWithLogits": {1},
            "FusedBatchNorm": {1, 2, 3, 4}}
_NO_FILL = (_dt.variant, _dt.string, _dt.resource)


def shape_op(t: Tensor) -> Tensor:
    """The vspace's graph_shape_fn: a Shape op, even for a known shape."""
    return apply("Shape", [t], {"out_type": _dt.int32}, "Shape")


def _filled(t: Tensor, fill_ones: bool):
    """TF's TapeTensor OnesLike/ZerosLike: ones/zeros of t's static shape, or of a Shape op
    of t when that shape is not fully known."""
    dtype = t.dtype.base_dtype
    if dtype in _NO_FILL or (fill_ones and dtype is _dt.string):
        return None
    dims = t.shape.as_tuple()
    shp = list(dims) if dims is not None and None not in dims else shape_op(t)
    return ones(shp, dtype) if fill_ones else zeros(shp, dtype)


def aggregate(grads: list):
    """TF's _aggregate_grads: AddN of dense gradients, else IndexedSlices concatenated."""
    if len(grads) == 1:
        return grads[0]
    if all(isinstance(g, Tensor) for g in grads):
        return add_n(grads)
    slices = []
    for g in grads:
        if isinstance(g, Tensor):
            g = IndexedSlices(g, _range(_static_or_shape(g)[0]), _static_or_shape(g))
        slices.append(g)
    indices = concat([cast(s.indices, _dt.int64) for s in slices], 0)
    values = concat([s.values for s in slices], 0)
    return IndexedSlices(values, indices, slices[0].dense_shape)


def _prepare(tape, targets):
    """TF's PrepareBackprop: the recorded ops the targets reach, how many of those use each
    tensor, and per op how many of its outputs are used."""
    tensor_tape = tape.tensor_tape
    reached = {}
    usage = {}
    stack = list(targets)
    while stack:
        t = stack.pop()
        op = tensor_tape.get(t)
        if op is None or op in reached or op not in tape.op_tape:
            continue
        reached[op] = True
        for i in op._inputs:
            if i in usage:
                usage[i] += 1
            else:
                usage[i] = 1
                if i in tensor_tape:
                    stack.append(i)
        if not tape.persistent:
            del tape.op_tape[op]
    missing = {}
    for t in usage:
        op = tensor_tape.get(t)
        if op is not None:
            missing[op] = missing.get(op, 0) + 1
    return reached, usage, missing


def _call_rule(op, out_grads, unneeded):
    """TF's _gradient_function: the op's rule (every differentiable input, as TF's rules
    build them), or no gradients when it has none."""
    n = len(op._inputs)
    if op._type in ("Add", "AddV2") and 1 in unneeded and op._inputs[1].shape.ndims == 0:
        return [out_grads[0], None]     # TF's _AddGrad shortcut for a skipped scalar y
    rule = GRADIENTS.get(op._grad_type or op._type)
    if rule is None or rule is no_gradient_registered:
        return [None] * n
    prev = get_wanted()
    wanted = {i for i, t in enumerate(op._inputs) if t._dtype._diff}
    if op._type == "MatMul" and unneeded:   # TF's _MatMulGradAgainst{First,Second}Only
        wanted &= {0} if 1 in unneeded else {1}
    set_wanted(wanted)
    try:
        got = rule(op, *out_grads)
    finally:
        set_wanted(prev)
    if isinstance(got, (Tensor, IndexedSlices)) or got is None:
        got = [got]
    got = list(got)
    if len(got) != n:
        raise ValueError(f"Num gradients {len(got)} generated for op {op} do not "
                         f"match num inputs {n}")
    return got


@engine_side
def compute_gradient(tape, targets, sources, output_gradients=None):
    """Gradients of `targets` with respect to `sources` (tensors) over `tape`'s ops; a list
    with one gradient (Tensor, IndexedSlices or None) per source."""
    tensor_tape = tape.tensor_tape
    sources_set = set(sources)
    reached, usage, missing = _prepare(tape, targets)
    op_stack = []
    for t in targets:
        op = tensor_tape.get(t)
        if op is not None and op in reached and op not in missing and op not in op_stack:
            op_stack.append(op)
    grads = {}
    for i, t in enumerate(targets):
        og = output_gradients[i] if output_gradients else None
        if og is None:
            op = tensor_tape.get(t)
            if (op is not None and op in reached) or (op is None and t in sources_set):
                seed = _filled(t, True)
                if seed is not None:
                    grads.setdefault(t, []).append(seed)
        else:
            grads.setdefault(t, []).append(og)
    while op_stack:
        op = op_stack.pop()
        if reached.pop(op, None) is None:
            continue
        unneeded = {i for i, t in enumerate(op._inputs)
                    if t not in tensor_tape and t not in sources_set}
        out_grads = []
        zero_at = []
        any_grad = False
        none_ok = _NONE_OK.get(op._type, ())
        for i, t in enumerate(op._outputs):
            got = grads.get(t)
            if not got:
                out_grads.append(None)
                if i not in none_ok:
                    zero_at.append(i)
                continue
            any_grad = True
            g = aggregate(got)
            if tape.persistent:
                grads[t] = [g]
            else:
                del grads[t]
            out_grads.append(g)
        in_grads = [None] * len(op._inputs)
        if any_grad:
            for i in zero_at:
                out_grads[i] = _filled(op._outputs[i], False)
            in_grads = _call_rule(op, out_grads, unneeded)
        for t, g in zip(op._inputs, in_grads):
            if g is not None:
                grads.setdefault(t, []).append(g)
            left = usage.get(t)
            if left is None:
                continue
            usage[t] = left - 1
            if left > 1:
                continue
            producer = tensor_tape.get(t)
            if producer is not None and producer in missing:
                missing[producer] -= 1
                if missing[producer] == 0:
                    op_stack.insert(0, producer)
    result = []
    for s in sources:
        got = grads.get(s)
        if not got:
            result.append(None)
            continue
        g = aggregate(got)
        grads[s] = [g]
        result.append(g)
    return result
