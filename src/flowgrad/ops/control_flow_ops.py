"""TF 1.x control flow: `tf.cond`, `tf.case`, `tf.while_loop`, `tf.group`, `tf.tuple`,
`tf.no_op` and `with_dependencies`. The primitives (NoOp, Cond, While) and the
cond/while_loop builders live in engine/ops/ordering.py and engine/ops/control_flow.py."""
from __future__ import annotations

import builtins

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.ops.control_flow import cond, while_loop
from ..engine.ops import control_flow_v1 as _v1
from ..engine.ops import functional as _functional
from ..engine.ops._base import apply as _apply
from ..engine.ops.ordering import group, no_op, tuple
from ..engine.ops.shape import identity as _identity
from . import array_ops, math_ops
from .logging_ops import Assert

__all__ = ["case", "cond", "group", "merge", "no_op", "switch", "switch_case", "tuple",
           "while_loop", "with_dependencies"]


def switch(data, pred, dtype=None, name=None):
    """TF's Switch op: (output_false, output_true), `data` forwarded to the output `pred`
    selects; the other is dead, and so is every op reading it until a `merge`.

    flowgrad runs such ops as TF does once `merge` joins them (it groups the Switches
    and what reads their outputs under one frame executor, engine/ops/control_flow_v1.py);
    a Switch output read without a merge after it cannot be run.
    """
    with name_scope(name, "Switch", [data, pred]) as scope:
        if not isinstance(data, Tensor) and hasattr(data, "dense_shape"):
            raise NotImplementedError("switch of an IndexedSlices or SparseTensor `data`")
        data = convert_to_tensor(data, dtype=dtype, name="data", as_ref=True)
        pred = convert_to_tensor(pred, name="pred")
        return builtins.tuple(_apply("Switch", [data, pred], {}, scope))


def merge(inputs, name=None):
    """TF's Merge op: (output, value_index), the first of `inputs` that is live (the one
    a `switch` let through). The Switches above it and the ops between are grouped then
    under one frame executor, which runs them by TF's rules (a dead value's ops do not run).
    """
    if any(inp is None for inp in inputs):
        raise ValueError("At least one of the merge inputs is None: %s" % inputs)
    if any(not isinstance(t, Tensor) and hasattr(t, "dense_shape") for t in inputs):
        raise NotImplementedError("merge of IndexedSlices or SparseTensor inputs")
    with name_scope(name, "Merge", list(inputs)) as scope:
        inputs = [convert_to_tensor(t, as_ref=True) for t in inputs]
        kind = "RefMerge" if all(t.dtype.is_ref_dtype for t in inputs) else "Merge"
        out = builtins.tuple(_apply(kind, inputs, {}, scope))
    _group_frames(out[0]._op)
    return out


def _group_frames(merge_op):
    """Hands the ops from the first ungrouped Switch above `merge_op` to the frame
    executor (ops already under one, or in a tf.cond branch, stay where they are)."""
    g = merge_op._graph
    seen, stack, first = set(), [merge_op], None
    while stack:
        o = stack.pop()
        if o in seen or o in g._branch_of:
            continue
        seen.add(o)
        if o.type in ("Switch", "RefSwitch"):
            first = o if first is None or o._id < first._id else first
        stack.extend(t._op for t in o._inputs)
        stack.extend(o._control_inputs)
    if first is None:   # a Merge of live inputs only: the first input (TF's first to come)
        _v1.make_regions(g, [merge_op])
        return
    ops = g._ops[g._ops.index(first):]
    _v1.make_regions(g, [o for o in ops if o not in g._branch_of])


def with_dependencies(dependencies, output_tensor, name=None):
    """`output_tensor`, produced only after `dependencies` have run (an Identity)."""
    g = get_default_graph()
    with name_scope(name, "control_dependency", list(dependencies) + [output_tensor]) as scope:
        with g.colocate_with(output_tensor), g.control_dependencies(dependencies):  # as TF
            return array_ops.identity(output_tensor, name=scope)


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """The output of the first `fn` whose `pred` is true, else `default()` (TF 1.x `tf.case`).

    Args:
      pred_fn_pairs: a list of (scalar bool tensor, callable) pairs (or a dict).
      default: a callable; if None, the last pair's callable is the default and
        running with every predicate false raises InvalidArgumentError.
      exclusive: if True, running with more than one predicate true raises
        InvalidArgumentError.
      strict, name: as in tf.cond.
    Returns:
      The outputs of the selected callable.
    Raises:
      TypeError: a pair is not (Tensor, callable), or pred_fn_pairs is empty.

    >>> x = tf.placeholder(tf.int32, [])
    >>> y = tf.case([(x < 0, lambda: -x), (x > 10, lambda: x - 10)], default=lambda: x)
    """
    if isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = list(pred_fn_pairs.items())
    if not isinstance(pred_fn_pairs, (list, builtins.tuple)):
        raise TypeError("fns must be a list, tuple, or dict")
    if not pred_fn_pairs:
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    preds, fns = [], []
    for pair in pred_fn_pairs:
        if not isinstance(pair, builtins.tuple) or len(pair) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple")
        pred, fn = pair
        pred = convert_to_tensor(pred)
        if pred.dtype.base_dtype is not _dt.bool_:
            raise TypeError(f"pred must be Tensor of type bool: {pred.name}")
        if not callable(fn):
            raise TypeError(f"fn for pred {pred.name} must be callable.")
        preds.append(pred)
        fns.append(fn)
    g = get_default_graph()
    with g._atomic(), name_scope(name, "case", preds):
        if default is None:
            default, preds, fns = _case_default_action(preds, fns)
        fn = default
        for pred, action in reversed(builtins.list(zip(preds, fns))):
            fn = (lambda p, a, rest: lambda: cond(p, a, rest, strict=strict))(pred, action, fn)
        if not exclusive:
            return fn()
        with g.control_dependencies([_assert_at_most_n_true(
                preds, 1, "Input error: exclusive=True")]):
            return fn()


def _assert_at_most_n_true(preds, n, msg):
    """TF's Assert that at most n of the predicates are true."""
    preds_c = array_ops.stack(preds, name="preds_c")
    num_true = math_ops.reduce_sum(math_ops.cast(preds_c, _dt.int32), name="num_true_conds")
    condition = math_ops.less_equal(num_true, constant(n, name="n_true_conds"))
    names = ", ".join(getattr(p, "name", "?") for p in preds)
    return Assert(condition, ["%s: more than %d conditions (%s) evaluated as True:"
                              % (msg, n, names), preds_c], summarize=len(preds))


def _case_default_action(preds, fns):
    """TF's default for a case without one: the last pair's action, run behind Asserts
    that no other predicate is true and that its own is."""
    k = len(preds) - 1
    pred, action = preds[k], fns[k]

    def default_action():
        others = ("Implementation error: selected default action #%d was called, but some "
                  "of other predicates are True: " % k)
        none_true = ("Input error: None of conditions evaluated as True:",
                     array_ops.stack(preds, name="preds_c"))
        with get_default_graph().control_dependencies([
                _assert_at_most_n_true(preds[:k], 0, others),
                Assert(pred, list(none_true))]):
            return action()
    return default_action, preds[:k], fns[:k]


def _indexed_case_fns(branch_fns, default, branch_index):
    """TF's _indexed_case_verify_and_canonicalize_args: the branches in key order, then
    `default`."""
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"branch_index must a Tensor, got {type(branch_index)}")
    if not branch_index.dtype.is_integer:
        raise TypeError(f"branch_index must an integer Tensor, got {branch_index.dtype}")
    if not branch_fns:
        raise ValueError("Must provide at least one item in branch_fns")
    if not isinstance(branch_fns, (list, builtins.tuple, dict)):
        raise TypeError("branch_fns must be a list, tuple, or dict")
    if isinstance(branch_fns, dict):
        branch_fns = list(branch_fns.items())
    if all(callable(fn) for fn in branch_fns):
        branch_fns = list(enumerate(branch_fns))
    for pair in branch_fns:
        if not isinstance(pair, builtins.tuple) or len(pair) != 2:
            raise TypeError("Each entry in branch_fns must be a 2-tuple")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [p[0] for p in branch_fns]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to "
                         f"{len(keys)}) but found {{{','.join(map(str, sorted(keys)))}}}")
    actions = [p[1] for p in sorted(branch_fns, key=lambda p: p[0])]
    if default is not None:
        actions.append(default)
    return actions


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """Runs the branch_fns[branch_index] (the last branch, or `default`, when out of range).

    Builds TF 1.14's functional Case op (`switch_case/indexed_case`) whose branches are
    function graphs, and an Identity per output.

    >>> i = tf.constant(1)
    >>> r = tf.switch_case(i, [lambda: tf.constant(10), lambda: tf.constant(20)])
    >>> tf.Session().run(r)
    20
    """
    fns = _indexed_case_fns(branch_fns, default, branch_index)
    with name_scope(name, "case", [branch_index]):
        with name_scope("indexed_case") as scope:
            structure, outs = _functional.case(branch_index, fns, scope)
            outs = [_identity(t) for t in outs]
    return _functional.pack(structure, outs)
