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
from ..engine.ops.ordering import group, no_op, tuple
from ..engine.ops.shape import identity as _identity
from . import array_ops, math_ops
from .logging_ops import Assert

__all__ = ["case", "cond", "group", "merge", "no_op", "switch", "switch_case", "tuple",
           "while_loop", "with_dependencies"]


def with_dependencies(dependencies, output_tensor, name=None):
    """`output_tensor`, produced only after `dependencies` have run (an Identity)."""
    g = get_default_graph()
    with name_scope(name, "control_dependency", list(dependencies) + [output_tensor]) as scope:
        with g.colocate_with(output_tensor), g.control_dependencies(dependencies):  # as TF
            return array_ops.identity(output_tensor, name=scope)


def switch(data, pred, dtype=None, name=None):
    """(output_false, output_true): `data` forwarded to the output `pred` selects, the other
    output dead (TF's op Switch, as slim's apply_with_random_selector uses it with merge)."""
    with name_scope(name, "Switch", [data, pred]) as scope:
        data = convert_to_tensor(data, dtype=dtype, name="data")
        pred = convert_to_tensor(pred, name="pred")
        op_type = "RefSwitch" if data.dtype.is_ref_dtype else "Switch"
        op = get_default_graph()._create_op(op_type, [data, pred], {"T": data.dtype.base_dtype},
                                            scope)
        return op._outputs[0], op._outputs[1]


def merge(inputs, name=None):
    """(output, value_index): the one live tensor of `inputs` (TF's op Merge), as TF-written
    graphs run it: the ops from the Switches to this Merge become a V1Frames region."""
    if any(inp is None for inp in inputs):
        raise ValueError("At least one of the merge inputs is None: %s" % inputs)
    g = get_default_graph()
    with name_scope(name, "Merge", inputs) as scope:
        inputs = [convert_to_tensor(i) for i in inputs]
        ref = all(i.dtype.is_ref_dtype for i in inputs)
        first = len(g._ops)
        for op in _switches_before(inputs):
            first = builtins.min(first, g._ops.index(op))
        op = g._create_op("RefMerge" if ref else "Merge", inputs,
                          {"T": inputs[0].dtype.base_dtype, "N": len(inputs)},
                          scope)
        _v1.make_regions(g, [o for o in g._ops[first:] if not _v1.in_region(o)])
        return op._outputs[0], op._outputs[1]


def _switches_before(tensors):
    """The Switch ops the tensors depend on (their earliest is where a region starts)."""
    seen, stack, found = set(), [t._op for t in tensors], []
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        if op.type in ("Switch", "RefSwitch"):
            found.append(op)
            continue
        stack.extend(t._op for t in op._inputs)
    return found


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
