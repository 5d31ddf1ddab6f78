"""flowgrad-only ops written as TF 1.14 ops when a graph is exported (graph_def.py).

flowgrad runs a few ops of its own where TF builds several small ones
(ReducedShape for the shape arithmetic of reduction gradients; the
initialization reports of report_uninitialized_variables and
assert_variables_initialized). A GraphDef or MetaGraph for TF must name only
TF's op types, so each of these is written as the subgraph TF's Python code
builds for it: the last node keeps the op's name (consumers' inputs are
unchanged), helper nodes are named under it. flowgrad imports these subgraphs
back as the ordinary ops they are.

Each lowering is `fn(op, emit)`, where `emit(name, op_type, inputs, in_dtypes,
attrs)` adds one NodeDef (TF's derived attrs filled in from `in_dtypes`) and
returns its name.
"""
from __future__ import annotations

import numpy as np

from . import dtypes as _dt

__all__ = ["LOWERINGS"]


def _const(emit, name, value, dtype):
    arr = np.asarray(value, dtype=object if dtype is _dt.string else dtype.as_numpy_dtype)
    return emit(name, "Const", [], [], {"dtype": dtype, "value": arr})


def _reduced_shape(op, emit):
    """TF's math_ops.reduced_shape: the input shape with the reduced axes set to 1.

    TF stitches [range(rank), axes] with [shape, ones]; written here as
    Select(any(range(rank)[:, None] == axes[None, :], 1), ones_like(shape), shape),
    which gives the same values with ops flowgrad also runs (flowgrad has no
    DynamicStitch)."""
    base = op.name
    shape_t, axes_t = op.inputs
    i32 = _dt.int32
    shape_in = shape_t._as_node_def_input()
    axes_in = axes_t._as_node_def_input()
    if shape_t.dtype.base_dtype != i32:
        shape_in = emit(base + "/Cast", "Cast", [shape_in], [shape_t.dtype.base_dtype],
                        {"DstT": i32, "Truncate": False})
    if axes_t.dtype.base_dtype != i32:
        axes_in = emit(base + "/Cast_1", "Cast", [axes_in], [axes_t.dtype.base_dtype],
                       {"DstT": i32, "Truncate": False})
    rank = emit(base + "/Size", "Size", [shape_in], [i32], {"out_type": i32})
    added = emit(base + "/add", "Add", [axes_in, rank], [i32, i32], {})
    axes = emit(base + "/mod", "FloorMod", [added, rank], [i32, i32], {})
    row = _const(emit, base + "/Reshape/shape", [1, -1], i32)
    axes_row = emit(base + "/Reshape", "Reshape", [axes, row], [i32, i32], {})
    start = _const(emit, base + "/range/start", 0, i32)
    delta = _const(emit, base + "/range/delta", 1, i32)
    dims = emit(base + "/range", "Range", [start, rank, delta], [i32, i32, i32], {})
    one = _const(emit, base + "/ExpandDims/dim", 1, i32)
    col = emit(base + "/ExpandDims", "ExpandDims", [dims, one], [i32, i32], {})
    eq = emit(base + "/Equal", "Equal", [col, axes_row], [i32, i32], {})
    one_b = _const(emit, base + "/Any/reduction_indices", 1, i32)
    mask = emit(base + "/Any", "Any", [eq, one_b], [_dt.bool_, i32], {"keep_dims": False})
    ones = emit(base + "/ones_like", "OnesLike", [shape_in], [i32], {})
    return emit(base, "Select", [mask, ones, shape_in], [_dt.bool_, i32, i32], {},
                controls=True)


def _is_initialized(emit, name, ref):
    if ref.dtype.base_dtype is _dt.resource:
        return emit(name, "VarIsInitializedOp", [ref._as_node_def_input()], [_dt.resource], {})
    return emit(name, "IsVariableInitialized", [ref._as_node_def_input()],
                [ref.dtype.base_dtype], {"dtype": ref.dtype.base_dtype})


def _scope_of(op, suffix):
    """The name scope a lowered op was made in (its name minus `suffix`)."""
    return op.name[:-len(suffix)] if op.name.endswith(suffix) else op.name + "/"


def _report_uninitialized(op, emit):
    """TF's report_uninitialized_variables: boolean_mask(names, not(stack(initialized)))."""
    scope = _scope_of(op, "boolean_mask/GatherV2")
    names = list(op.get_attr("names"))
    flags = [_is_initialized(emit, scope + ("IsVariableInitialized" if i == 0 else
                                            f"IsVariableInitialized_{i}"), ref)
             for i, ref in enumerate(op.inputs)]
    stacked = emit(scope + "stack", "Pack", flags, [_dt.bool_] * len(flags),
                   {"axis": 0, "N": len(flags)})
    mask = emit(scope + "LogicalNot", "LogicalNot", [stacked], [_dt.bool_], {})
    str_names = _const(emit, scope + "Const", np.array([n.encode() for n in names], object),
                       _dt.string)
    where = emit(scope + "boolean_mask/Where", "Where", [mask], [_dt.bool_], {})
    idx = emit(scope + "boolean_mask/Squeeze", "Squeeze", [where], [_dt.int64],
               {"squeeze_dims": [1]})
    axis = _const(emit, scope + "boolean_mask/GatherV2/axis", 0, _dt.int32)
    return emit(op.name, "GatherV2", [str_names, idx, axis], [_dt.string, _dt.int64, _dt.int32],
                {"batch_dims": 0}, controls=True)


def _assert_initialized(op, emit):
    """TF's assert_variables_initialized: stack([rank(v) for v]) (reading an uninitialized
    variable raises FailedPreconditionError)."""
    scope = _scope_of(op, "stack")
    ranks = []
    for i, ref in enumerate(op.inputs):
        sfx = "" if i == 0 else f"_{i}"
        value, dtype = ref._as_node_def_input(), ref.dtype.base_dtype
        if dtype is _dt.resource:   # a resource variable is read first, as TF's rank(v)
            dtype = _dt.as_dtype(ref.op.get_attr("dtype")).base_dtype
            value = emit(scope + "ReadVariableOp" + sfx, "ReadVariableOp", [value],
                         [_dt.resource], {"dtype": dtype})
        ranks.append(emit(scope + "Rank" + sfx, "Rank", [value], [dtype], {}))
    return emit(op.name, "Pack", ranks, [_dt.int32] * len(ranks),
                {"axis": 0, "N": len(ranks)}, controls=True)


LOWERINGS = {"ReducedShape": _reduced_shape,
             "ReportUninitialized": _report_uninitialized,
             "AssertVariablesInitialized": _assert_initialized}
