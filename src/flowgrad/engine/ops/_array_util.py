"""Shared pieces of the array op families (shape, construction, joining, indexing).

TF's wrappers create the constants an op needs inside the op's name scope
(`ExpandDims/dim`, `concat/axis`, ...) and pack lists holding Tensors with a
Pack op (autopacking); static shape inference reads shape tensors whose value
is known at build time (TF's `constant_value` and `constant_value_as_shape`).
"""
from __future__ import annotations

import builtins
import contextlib
import threading
import types
import weakref
from typing import Union

import numpy as np

from ..framework.slice_spec import MASKS
from ..framework import dtypes as _dt
from ..framework import errors, op_traceback
from ..framework.registry import kernel_for
from ..framework.constant_op import constant, dims_as_ints, register_tensor_conversion_function
from ..framework.static_value import constant_value
from ..framework.graph import VALUE_READERS, Tensor, _graph_of
from ..framework.indexed_slices import IndexedSlices
from ..framework.shape_reads import reads_value
from ..framework.tensor_shape import Dimension, TensorShape
from ._base import apply, const_value, to_tensor

# Argument types of the public binders (the values `convert_to_tensor` accepts).
TensorLike = Union[Tensor, np.ndarray, list, tuple, int, float, complex, bool, str, bytes]
IntsLike = Union[Tensor, np.ndarray, list, tuple, int]     # an int, ints, or an int tensor
DTypeLike = Union[_dt.DType, str, type, np.dtype]
ShapeLike = Union[TensorShape, list, tuple, None]


@contextlib.contextmanager
def _scope(name, default, values=()):
    """TF's `ops.name_scope(name, default, values)` in the values' graph; yields 'scope/'."""
    g = _graph_of([v for v in values if isinstance(v, Tensor)])
    with g.as_default(), g.name_scope(name or default) as s:
        yield s


def _first_non_int(v):
    """The first leaf of a (nested) list that is not an int (TF's _FirstNotCompatible)."""
    if isinstance(v, (list, tuple)):
        for e in v:
            bad = _first_non_int(e)
            if bad is not None:
                return bad
        return None
    return None if isinstance(v, (int, np.integer)) and not isinstance(v, bool) else v


def check_not_float(v, op, param, dtype=_dt.int32, fixed=True):
    """TF's op_def_library error when a Python float reaches an int input (one_hot's depth,
    top_k's k, an axis: `n / 2` under Python 3); `fixed`: the input's type is fixed, else
    a type attr allowing int32/int64. NumPy arrays pass (TF's conversion casts them)."""
    if not isinstance(v, (np.ndarray, np.generic)) and \
            isinstance(_first_non_int(v), (float, np.floating)):
        raise _int_input_error(v, dtype, op, param, fixed)


def _int_input_error(v, dtype, op, param, fixed):
    """TF's op_def_library error for a non-integer Python value given to an int input of
    op `op`: a fixed-type input (or one whose type attr an earlier input set) names the
    op and the offending element; a type-attr input allowing int32/int64 takes the value's
    own dtype (float32) and refuses it."""
    bad = _first_non_int(v)
    inner = f"Expected {dtype.name}, got {bad!r} of type '{type(bad).__name__}' instead."
    if fixed:
        return TypeError(f"Expected {dtype.name} passed to parameter '{param}' of op "
                         f"'{op}', got {v!r} of type '{type(v).__name__}' instead. Error: "
                         f"{inner}")
    if isinstance(bad, float):
        return TypeError(f"Value passed to parameter '{param}' has DataType float32 not in "
                         "list of allowed values: int32, int64")
    return TypeError(inner)


def _int_tensor(v, name, dtype=_dt.int32, op=None, param=None, fixed=False):
    """`v` as an int tensor: Tensors pass through, Python/NumPy values become a Const.
    With `op` (the op type the value feeds, as input `param`, default `name`), a
    non-integer value raises TF's op_def_library error (`fixed`: the input's type is
    fixed) and a NumPy float array is cast, as TF's conversion casts arrays."""
    if isinstance(v, Tensor) or hasattr(v, "_as_graph_element"):
        return to_tensor(v)
    if isinstance(v, TensorShape):   # TF's conversion: int32 unless a dimension needs int64
        return to_tensor(v, dtype=None if dtype is _dt.int32 else dtype, name=name)
    if isinstance(v, (list, tuple)) and builtins.any(x is None for x in v):
        to_tensor(v)   # TF's conversion error (a list holding None has no dtype)
    if isinstance(v, (list, tuple, Dimension)):
        v = dims_as_ints(v)   # [-1, x.shape[-1]]: TF reads a Dimension as its int
    arr = np.asarray(v)
    if arr.dtype.kind not in "iu":
        if arr.size == 0 or (op is not None and isinstance(v, (np.ndarray, np.generic))
                             and arr.dtype.kind in "fb"):
            arr = arr.astype(dtype.as_numpy_dtype)
        elif op is not None:
            raise _int_input_error(v, dtype, op, param or name, fixed)
        else:
            raise TypeError(f"Expected int32, got {v!r} of type '{type(v).__name__}' instead.")
    if arr.dtype == np.int64 and dtype is _dt.int32 and not (
            arr.size == 0 or (arr.min() >= -2**31 and arr.max() < 2**31)):
        dtype = _dt.int64
    return constant(arr.astype(dtype.as_numpy_dtype), dtype=dtype, name=name)


def _static_int(t):
    """The int value of a scalar/vector tensor known at build time, else None."""
    v = folded_value(t)
    if v is None:
        return None
    v = np.asarray(v)
    return int(v) if v.ndim == 0 else [int(i) for i in v.reshape(-1)]


def _refined_int(t):
    """`_static_int` for shape functions: the int value of a scalar/vector int input as TF's
    shape refiner evaluates it (InferenceContext::input_tensor runs the input's whole
    constant subgraph: one_hot's depth `constant(3) + 2`), else None."""
    if not t.dtype.base_dtype.is_integer:
        return _static_int(t)
    r = _known_ints(_refined_value(t, shape_n=False, partial=False))
    if r is None:
        return None
    return int(r) if r.ndim == 0 else [int(i) for i in r.reshape(-1)]


def _dims(t):
    return t.shape.as_tuple()


def _unknown_dims_from(vec):
    """Shape of rank len(vec) with unknown dims, or unknown rank (for a shape tensor `vec`)."""
    n = vec.shape.as_tuple()
    return TensorShape(None if not n or n[0] is None else [None] * n[0])


def _fmt_shape(dims):
    if dims is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


def merge_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    """TF's shape-function Merge(a, b): the more specific of two compatible shapes, or
    ValueError with TF's wording ("Shapes must be equal rank, ..." / "Dimension i in both
    shapes must be equal, ...")."""
    da, db = a.as_tuple(), b.as_tuple()
    if da is None or db is None:
        return b if da is None else a
    if len(da) != len(db):
        raise ValueError(f"Shapes must be equal rank, but are {len(da)} and {len(db)}")
    for i, (x, y) in enumerate(zip(da, db)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} and "
                             f"{y}. Shapes are {_fmt_shape(da)} and {_fmt_shape(db)}.")
    return TensorShape([x if x is not None else y for x, y in zip(da, db)])


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _static_or_shape(x):
    """The fully known shape of `x` as a list, or a Shape tensor."""
    xs = x.shape
    return xs.as_list() if xs.is_fully_defined() else apply("Shape", [x], {"out_type": _dt.int32})


def _check_out_type(out_type):
    out_type = _dt.as_dtype(out_type).base_dtype
    if out_type not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} "
                        "not in list of allowed values: int32, int64")
    return out_type


# -- autopacking: lists holding Tensors convert by stacking (TF's Pack) --------------------
def _is_tensor_like(v):
    return isinstance(v, (Tensor, IndexedSlices)) or hasattr(v, "_as_graph_element")


def _has_tensor(v):
    if _is_tensor_like(v):
        return True
    if isinstance(v, (list, tuple)):
        return builtins.any(_has_tensor(e) for e in v)
    return False


def _as_int_input(v, name, dtype=_dt.int32, op=None, param=None, fixed=False):
    """An int input of an op: Tensors pass, lists holding Tensors are packed (TF's
    autopacking, named after the input), other values become a Const named `name`
    (`op`, `param`, `fixed`: TF's errors for non-integers, see _int_tensor)."""
    if isinstance(v, Tensor):
        return v
    if _is_tensor_like(v):   # a Variable: its value (TF converts it, the read's Identity)
        return to_tensor(v)
    if _has_tensor(v):
        return _autopack(list(v), dtype, name)
    return _int_tensor(v, name, dtype, op=op, param=param, fixed=fixed)


def _cast_leaves(values, dtype):
    """TF's `_cast_nested_seqs_to_dtype`: every tensor of the (nested) list whose dtype is
    not `dtype` is cast first, in the caller's scope (`Fill/Cast` before `Fill/dims`)."""
    out = []
    for e in values:
        if isinstance(e, (list, tuple)):
            out.append(_cast_leaves(e, dtype))
            continue
        if _is_tensor_like(e):
            e = to_tensor(e)
            if e.dtype.base_dtype is not dtype:
                e = apply("Cast", [e], {"DstT": dtype, "SrcT": e.dtype.base_dtype}, "Cast")
        out.append(e)
    return out


def _autopack(values, dtype, name, _top=True):
    # TF's _cast_nested_seqs_to_dtype: only when `dtype` is not the list's own (its first
    # tensor's); otherwise a tensor of another dtype is refused below
    if _top and dtype is not None and \
            _dt.as_dtype(dtype).base_dtype is not _first_tensor_dtype(values):
        values = _cast_leaves(values, _dt.as_dtype(dtype).base_dtype)
    if _top and dtype is None:   # (TF's _get_dtype_from_nested_lists, for every level)
        dtype = _first_tensor_dtype(values)
    with _scope(None, name, [e for e in values if _is_tensor_like(e)]) as scope:
        values = [to_tensor(e) if _is_tensor_like(e) else e for e in values]
        dtype = _dt.as_dtype(dtype).base_dtype if dtype is not None else None
        # TF's _autopacking_helper: a nested list without tensors stays a list (its scope
        # used up), made one Const below; the Consts come after the nested Packs
        elems, must_pack = [], False
        for i, e in enumerate(values):
            if isinstance(e, Tensor):
                if dtype is not None and e.dtype.base_dtype is not dtype:
                    raise TypeError(f"Cannot convert a list containing a tensor of dtype "
                                    f"{e.dtype.base_dtype} to {dtype} (Tensor is: {e!r})")
                must_pack = True
            elif isinstance(e, (list, tuple)):
                e = _autopack(e, dtype, str(i), False)
                must_pack = must_pack or isinstance(e, Tensor)
            elems.append(e)
        if not must_pack:
            return elems
        elems = [e if isinstance(e, Tensor) else constant(e, dtype=dtype, name=str(i))
                 for i, e in enumerate(elems)]
        return apply("Pack", elems, {"axis": 0, "N": len(elems)}, scope)


def _autopacking_conversion(v, dtype=None, name=None, as_ref=False):
    """TF's conversion of a (nested) list holding Tensors: packed (`packed`), its tensors
    cast to `dtype` first; a list without Tensors is left to the constant conversion."""
    if not _has_tensor(v):
        return NotImplemented
    return _autopack(list(v), dtype if dtype is not None else _first_tensor_dtype(v),
                     name or "packed")


def _first_tensor_dtype(v):
    """The dtype of the first tensor-like leaf, read without converting it (a variable is
    not read here, as TF's _get_dtype_from_nested_lists)."""
    if _is_tensor_like(v):
        dtype = getattr(v, "dtype", None)
        return _dt.as_dtype(dtype).base_dtype if dtype is not None else \
            to_tensor(v).dtype.base_dtype
    for e in v if isinstance(v, (list, tuple)) else ():
        d = _first_tensor_dtype(e)
        if d is not None:
            return d
    return None


register_tensor_conversion_function((list, tuple), _autopacking_conversion, 99)


# -- build-time values of shape tensors -------------------------------------------------------
@reads_value
def folded_value(t: Tensor) -> np.ndarray | None:
    """The value of `t` if build-time constant: Const, Shape of a known shape, and Cast,
    Pack (axis 0) and Fill of such, as TF's `constant_value`; else None."""
    v = const_value(t)
    if v is not None:
        return v
    op = t.op
    if op.type == "Cast":
        v = folded_value(op._inputs[0])
        return None if v is None else np.asarray(v).astype(t.dtype.as_numpy_dtype)
    if op.type == "Pack" and op._get_attr("axis") == 0:
        vals = [folded_value(e) for e in op._inputs]
        if builtins.any(v is None for v in vals):
            return None
        return np.stack([np.asarray(v) for v in vals]).astype(t.dtype.as_numpy_dtype)
    if op.type == "Fill" and t.shape.is_fully_defined():   # as TF's constant_value
        v = folded_value(op._inputs[1])
        if v is not None:
            return np.full(t.shape.as_list(), v, dtype=t.dtype.as_numpy_dtype)
    return None


class _ThreadReads(threading.local):
    """Per thread (two threads building ops never share or clear each other's): `memo`,
    one top-level _refined_value call's values (or one op's build: refine_scope), the
    stack of whether each tensor being evaluated is inside the control-flow context being
    built, and that context (_inside); `strict`, set while an op's shape function runs
    (refine_scope, strict_reads): shape_value then raises the whole read's "Invalid value
    in tensor used for shape" as MakeShapeFromShapeTensor does."""

    def __init__(self):
        self.memo = []
        self.strict = False
        self.whole = 0   # (_evaluated_whole's nesting: 0 outside one TF evaluation)
        self.cached = True   # (False in TF_TryEvaluateConstant: no refiner cache)


_LOCAL = _ThreadReads()


@reads_value
def _refined_value(t: Tensor, depth: int = 0, shape_n: bool = True,
                   partial: bool = True):
    """The value of `t` as TF's C++ shape refiner evaluates it when inferring shapes (more
    than `folded_value`, TF's Python constant_value), else None.

    Two parts, as in TF's refiner. `_refined_partial` reads the pieces TF reads partially
    (ConstantPartialShape: a Shape whose dims are known but not all, as an object array
    with None, and Pack/Concat/StridedSlice of such); not under arithmetic
    (`partial=False`): spatial_softmax's shape(x)[1] * shape(x)[2] with an unknown batch
    stays unknown in TF. Everything else is `_evaluated_whole`: TF's EvaluateConstantTensor
    runs any stateless subgraph whose leaves are constants (or Shape/Rank/Size of known
    shapes) with the ops' kernels. Values are memoised for one top-level call."""
    if not shape_n and t.op.type == "ShapeN":   # TF's refiner materializes Shape, not ShapeN
        return None
    memo_l = _LOCAL.memo
    top = not memo_l
    if not top and memo_l[1] and memo_l[1][-1] and not _inside(t.op, memo_l[2]):
        # read through a Switch/Enter in TF (see _inside)
        if not _LOCAL.whole:
            return _through_switch(t, depth, shape_n)
        if not _live_switches(t):
            return None
    # (the evaluated tensor itself is run on its inputs: only a Const is read as it is, so
    # a raw Shape of a placeholder read whole is unknown, and `Equal(s, s)` of one leaf s is
    # fed twice; an input of the evaluation is a leaf that const_value folds)
    v = const_value(t) if _LOCAL.whole or t.op.type in ("Const", "ShapeN") else None
    if v is None:
        v = _evaluated(t)
    if v is not None:
        return v
    if depth > _MAX_DEPTH:   # (TF walks the whole constant subgraph; a recursion bound)
        return None
    if top:
        g = t.op._graph
        ctxs = g._cf_contexts
        memo_l.extend(({}, [], (ctxs[-1][0], g._cf_lifted) if ctxs else None))
    memo, parents = memo_l[0], memo_l[1]
    if partial and t.op.type not in _PARTIAL_READS:
        partial = False   # (read whole either way: one memo entry)
    key = (id(t), shape_n, partial, _LOCAL.whole > 0)   # (a top evaluation is checked)
    try:
        if key in memo:
            return memo[key][1]
        memo[key] = (t, None)   # (a cycle reads unknown)
        parents.append(memo_l[2] is not None and _inside(t.op, memo_l[2]))
        try:
            v = _refined_partial(t, depth, shape_n, partial)
            if v is None:
                v = _evaluated_whole(t, depth, shape_n)
        finally:
            parents.pop()
        memo[key] = (t, v)
        return v
    finally:
        if top:
            memo_l.clear()


def _inside(op, ctx) -> bool:
    """Whether `op` was made inside the tf.cond branch / tf.while_loop body being built
    (`ctx`: its first op id and the ops lifted out of it). TF 1.14 rewires the inputs an op
    there reads from outside to a Switch or Enter after making it: the op being built reads
    the outside tensor itself, but an earlier op of the context reads the Switch/Enter, where
    the refiner's evaluation stops (an Enter; a Switch of a fed predicate)."""
    return ctx is None or (op._id >= ctx[0] and op not in ctx[1])


def _through_switch(t, depth, shape_n):
    """t, made outside the cond branch being built, read by the refiner outside any
    evaluation (a partial read's piece: a Concat part, a Pack element, a slice's input):
    TF reads the Switch in its place, which ConstantPartialShape evaluates whole as one
    run over its inputs, t and the predicate (_live_switches), so a leaf fed by both, or
    twice by either, makes it unknown (`tf.zeros(tf.concat([stack([e, 3]), [2]], 0))` in
    a branch on `tf.equal(e, 2)`)."""
    local = _LOCAL
    parents = local.memo[1]
    local.whole += 1
    parents.append(False)   # (t and the predicate are read outside the branch)
    try:
        preds = _live_switches(t)
        v = None if not preds else _refined_value(t, depth + 1, shape_n, False)
    finally:
        parents.pop()
        local.whole -= 1
    if v is None:
        return None
    cache = _REFINER_CACHE.get(t.op._graph, ()) if local.cached else ()
    if _fed_twice(t, cache, roots=[t, *preds]):
        return None
    return v


def _switched(reader, t) -> bool:
    """Whether the refiner, reading the shape piece t of `reader` (a Concat part, a Pack
    element, a slice's input) for the op being built in a tf.cond branch (strict reads),
    reads a Switch in its place: `reader` made in the branch, t outside it and outside
    only conds (a loop's Enter is left to the readers as before)."""
    local = _LOCAL
    memo_l = local.memo
    if not memo_l or not local.strict or local.whole or memo_l[2] is None or \
            not _inside(reader, memo_l[2]) or _inside(t.op, memo_l[2]):
        return False
    g = t.op._graph
    conds = getattr(g, "_cf_cond_of", None) or {}
    lifted = g._cf_lifted
    return builtins.all(id(entry) in conds for entry in g._cf_contexts
                        if not _inside(t.op, (entry[0], lifted)))


def _switch_value(t):
    """t's value read through its Switch, a whole evaluation (_through_switch), or None."""
    parents = _LOCAL.memo[1]
    parents.append(True)   # (its reader is in the branch)
    try:
        return _refined_value(t, 1, False, False)
    finally:
        parents.pop()


def _switch_dims(t):
    """ConstantPartialShape of a Switch of t: its value evaluated whole, else as many
    unknown dims as its static length (None if not known)."""
    v = _known_ints(_switch_value(t))
    if v is not None and v.ndim == 1:
        return v.tolist()
    n = t.shape.as_tuple()
    return [None] * n[0] if n is not None and len(n) == 1 and n[0] is not None else None


def _live_switches(t):
    """Whether every context being built that `t` is outside of is a tf.cond branch whose
    predicate the refiner evaluates to that branch: TF's Switch then passes t's value on
    (`tf.cond(tf.constant(False), .., lambda: tf.zeros(s + 1))` is (3, 4) for s = [2, 3];
    the dead branch, a loop's Enter, a fed or PlaceholderWithDefault predicate: unknown).
    Their predicates when so, else None."""
    g = t.op._graph
    conds = getattr(g, "_cf_cond_of", None)
    if not conds:
        return None
    preds = []
    lifted = g._cf_lifted
    for entry in g._cf_contexts:
        if t.op._id >= entry[0] and t.op not in lifted:
            continue
        info = conds.get(id(entry))
        if info is None:
            return None
        pred, branch = info
        parents = _LOCAL.memo[1]
        parents.append(False)   # (the predicate is read outside the branch)
        try:
            v = _refined_value(pred, 1)
        finally:
            parents.pop()
        if v is None or np.ndim(v) != 0 or bool(v) != branch:
            return None
        preds.append(pred)
    return preds or None


_MAX_DEPTH = 64

# ops TF's ExtractConstantSubgraph refuses besides the stateful ones (Merge, Enter, Exit,
# PlaceholderWithDefault) and ops stateful in TF that flowgrad runs as pure kernels
_NOT_CONSTANT = frozenset(("Merge", "RefMerge", "Enter", "RefEnter", "Exit", "RefExit",
                           "PlaceholderWithDefault", "GuaranteeConst", "LoadAndRemapMatrix",
                           "Switch", "RefSwitch", "LoopCond", "NextIteration",
                           "RefNextIteration", "LoopVar"))
# flowgrad marks these stateful (they raise or pass values through), TF does not: its
# refiner evaluates them
_STATELESS_IN_TF = frozenset(("CheckNumerics",))


def _evaluated_whole(t: Tensor, depth: int, shape_n: bool):
    """t's value when TF's EvaluateConstantTensor computes it: t's op is stateless, has a
    kernel and inputs, and every input is computed whole (recursively; leaves are Consts
    and Shape/Rank/Size of known shapes); the op's kernel runs on them. A kernel error is
    the run's, not the refiner's: unknown. One evaluation (the outermost call) whose
    subgraph reads a materialized leaf through two edges is unknown too (_fed_twice)."""
    local = _LOCAL
    top = not local.whole
    local.whole += 1
    try:
        v = _evaluated_op(t, depth, shape_n)
    finally:
        local.whole -= 1
    if top and v is not None:
        cache = _REFINER_CACHE.setdefault(t.op._graph, set()) if local.cached else ()
        if _fed_twice(t, cache):
            return None
        if local.cached and np.asarray(v).nbytes <= _MAX_CACHED:
            cache.add((weakref.ref(t.op), t.value_index))
    return v


# TF's ShapeRefiner const_tensor_map_: per graph, the tensors its evaluations computed
# (kMaxTensorSize bytes at most), which a later evaluation feeds instead of walking; held
# as weak references to their ops (an op holds its graph, which must stay collectable)
_REFINER_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MAX_CACHED = 1024 * 1024


def _leaf(op) -> bool:
    """TF's TryToInferTensorOutputFromInputShapes: a Shape or Size of a fully defined shape,
    a Rank of a known rank, whose value the evaluation feeds instead of running it."""
    if op.type in ("Shape", "Size"):
        return op._inputs[0].shape.is_fully_defined()
    return op.type == "Rank" and op._inputs[0].shape.ndims is not None


def _fed_twice(t: Tensor, cache, roots=None) -> bool:
    """Whether TF 1.14's ExtractConstantSubgraph, walking back from t's op, feeds one
    materialized leaf twice. It walks every input edge of each node once and feeds a leaf
    per edge that reads it (a shared non-leaf is walked once); two feeds of one tensor fail
    the GraphRunner's run, so the value is unknown: `stack([e, e - 1])`, `e + e` for
    e = Size(zeros([2])). A tensor in the refiner's `cache` is fed (not walked) the first
    time it is reached, and walked the next."""
    seen = {t.op} if roots is None else set()
    fed = set()
    switches = _switch_preds(t.op._graph)
    # (the evaluated tensor itself is run, even a leaf; `roots`: the input edges of a
    # Switch evaluated in t's place, _through_switch)
    todo = list(t.op._inputs) if roots is None else list(roots)
    if switches:
        todo = [(i, t.op if roots is None else i.op) for i in todo]
    while todo:
        i = todo.pop()
        if switches:
            i, reader = i
            # an op of a cond branch being built reads a tensor from outside it through
            # TF's Switch (one per tensor and branch: walked once), whose predicate is
            # evaluated in the same run (_live_switches): its leaves are fed here too
            crossed = tuple(k for k, (start, pred) in enumerate(switches)
                            if _inside(reader, start) and not _inside(i.op, start))
            if crossed:
                if (i, crossed) in seen:
                    continue
                seen.add((i, crossed))
                todo.extend((switches[k][1], i.op) for k in crossed)
        op = i.op
        key = (op, i.value_index)
        if _leaf(op):
            if key in fed:
                return True
            fed.add(key)
        elif (weakref.ref(op), i.value_index) in cache and key not in fed:
            fed.add(key)
        elif op not in seen:
            seen.add(op)
            todo.extend([(x, op) for x in op._inputs] if switches else op._inputs)
    return False


def _switch_preds(g):
    """The cond branches being built (the outermost first), as (_inside's context, the
    predicate): the Switches an evaluation in them passes through (see _live_switches)."""
    conds = getattr(g, "_cf_cond_of", None)
    if not conds:
        return ()
    lifted = g._cf_lifted
    return [((entry[0], lifted), conds[id(entry)][0]) for entry in g._cf_contexts
            if id(entry) in conds]


def _evaluated_op(t: Tensor, depth: int, shape_n: bool):
    op = t.op
    od = op._def
    if not op._inputs or op.type in _NOT_CONSTANT or op.type.startswith("TensorArray") or \
            (od.stateful and op.type not in _STATELESS_IN_TF) or \
            (od.kernel is None or od.bind is not None) and not getattr(od.bind, "pure", False):
        return None
    # TryToInferTensorOutputFromInputShapes: Rank of a known rank, Size of a known shape,
    # read by an op of the evaluated subgraph (the evaluated tensor itself is not: it is run
    # on its input, so `range(Size(placeholder [2, 3]))` is (?,) in TF)
    if _LOCAL.whole > 1 and _leaf(op):
        if op.type == "Rank":
            return np.asarray(op._inputs[0].shape.ndims, dtype=np.int32)
        if op.type == "Size":
            return np.asarray(op._inputs[0].shape.num_elements(),
                              dtype=t.dtype.as_numpy_dtype)
    vals = []
    for i in op._inputs:
        try:
            v = _known_array(_refined_value(i, depth + 1, shape_n, False), i)
        except (TypeError, ValueError):
            return None
        if v is None:
            return None
        vals.append(v)
    try:
        with np.errstate(all="ignore"):
            if od.bind is not None:   # (a pure bind: the kernel for this node's dtypes)
                node = types.SimpleNamespace(op=op, attrs=op._attrs, name=op.name,
                                             type=op.type)
                out = od.bind(node, None)(*vals)
            else:
                out = kernel_for(od, op.outputs[0].dtype)(*vals, **op._attrs)
    except Exception:  # noqa: BLE001 - the run's error, not the refiner's
        return None
    if len(op.outputs) > 1:
        out = out[t.value_index]
    try:
        return np.asarray(out, dtype=t.dtype.as_numpy_dtype)
    except (TypeError, ValueError):
        return None


# the ops _refined_partial reads partially; any other op is evaluated whole
_PARTIAL_READS = frozenset(("Shape", "StridedSlice", "ConcatV2"))


def _refined_partial(t: Tensor, depth: int, shape_n: bool, partial: bool):
    """The int pieces read partially under `partial` (see `_refined_value`), as object
    arrays with None for the unknown dims: a Shape whose dims are known but not all, and
    StridedSlice and 1-D ConcatV2 of such; None otherwise."""
    op = t.op
    if not partial or not t.dtype.base_dtype.is_integer:
        return None
    if op.type == "Shape" and op._inputs[0].shape.ndims is not None:
        whole = _evaluated_whole(t, depth, shape_n)   # (a computed value's shape)
        if whole is not None:
            return whole
        return np.array(op._inputs[0].shape.as_tuple(), dtype=object)
    if op.type == "StridedSlice":
        src = _refined_value(op._inputs[0], depth + 1, shape_n, partial)
        b, e, s = (_known_ints(_refined_value(i, depth + 1, shape_n, False))
                   for i in op._inputs[1:])
        if src is None or b is None or e is None or s is None or np.ndim(src) != 1:
            return None
        try:
            return np.asarray(src, dtype=object)[_np_index(b, e, s, op._attrs)]
        except IndexError:
            return None   # the run's error, not the refiner's
    if op.type == "ConcatV2":
        # (rfft2d's gradient tiles its mask by concat([shape(y0)[:-2], [1, 1]]))
        vals = [_refined_value(e, depth + 1, shape_n, partial) for e in op._inputs[:-1]]
        if builtins.any(v is None or np.ndim(v) != 1 for v in vals):
            return None
        return np.concatenate([np.asarray(v, dtype=object) for v in vals])
    return None


def _known_array(v, t=None):
    """A refined value as a NumPy array of t's dtype (or its own), None when any part is
    unknown."""
    if v is None:
        return None
    a = np.asarray(v)
    if a.dtype == object:
        if builtins.any(x is None for x in a.reshape(-1)):
            return None
        a = np.asarray(a.tolist())
    return a if t is None else a.astype(t.dtype.as_numpy_dtype)


# ops TF's refiner runs on constant inputs (EvaluateConstantTensor) that flowgrad evaluates
# too: splitting and decoding constant strings gives a static row count
_EVALUATED = frozenset(("StringSplit", "StringSplitV2", "UnicodeDecode",
                        "UnicodeDecodeWithOffsets"))
_EVALUATED_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _evaluated(t: Tensor):
    """t's value when its op is one of _EVALUATED and its inputs are constants, else None."""
    op = t.op
    if op.type not in _EVALUATED:
        return None
    if op not in _EVALUATED_CACHE:
        args = [_const_input(i) for i in op._inputs]
        out = None
        if builtins.all(a is not None for a in args):
            try:
                out = kernel_for(op._def, op.outputs[0].dtype)(*args, **op._attrs)
            except (errors.OpError, ValueError, TypeError):
                out = None   # an error is the run's, not the shape refiner's
        _EVALUATED_CACHE[op] = out
    out = _EVALUATED_CACHE[op]
    return None if out is None else np.asarray(out[t.value_index])


def _const_input(t: Tensor):
    """A constant, or a constant reshaped by a constant shape (unicode_split's scalar)."""
    v = const_value(t)
    if v is None and t.op.type == "Reshape":
        src, shape = (const_value(i) for i in t.op._inputs)
        if src is not None and shape is not None:
            try:
                v = np.reshape(src, [int(d) for d in np.asarray(shape).reshape(-1)])
            except ValueError:
                v = None
    return v


def _known_ints(v):
    """`v` (a refined value) as an int64 array, or None when unknown or has unknown dims."""
    if v is None:
        return None
    a = np.asarray(v, dtype=object)
    if builtins.any(x is None for x in a.reshape(-1)):
        return None
    try:
        return np.asarray(a.tolist(), dtype=np.int64).reshape(a.shape)
    except (TypeError, ValueError):
        return None


class refine_scope:
    """Keeps one _refined_value memo over the reads made while one op of `graph` is built
    (its shape function's, then graph.py's check of its shape inputs), so that a value is
    evaluated once per op; dropped when the op is built (nothing is kept across ops, where
    the graph changes). Its shape function's reads are strict (see _ThreadReads)."""

    __slots__ = ("graph", "memo", "strict")

    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        local = _LOCAL
        self.strict = local.strict
        local.strict = True
        memo = local.memo
        if not memo:
            ctxs = self.graph._cf_contexts
            memo.extend(({}, [], (ctxs[-1][0], self.graph._cf_lifted) if ctxs else None))
            self.memo = memo
        else:
            self.memo = None
        return self

    def __exit__(self, *exc):
        _LOCAL.strict = self.strict
        if self.memo is not None:
            self.memo.clear()
        return False


@contextlib.contextmanager
def strict_reads():
    """Strict reads only (graph.py's replay of TF's shape-function runs, _shape_error)."""
    local = _LOCAL
    before, local.strict = local.strict, True
    try:
        yield
    finally:
        local.strict = before


@reads_value
def refined_ints(t: Tensor, partial: bool = True) -> np.ndarray | None:
    """An int tensor's value as TF's C++ shape refiner evaluates it, fully known, else
    None (not `partial`: reading shapes known whole only, as its input_tensor does)."""
    if not t.dtype.base_dtype.is_integer:
        return None
    return _known_ints(_refined_value(t, shape_n=False, partial=partial))


@reads_value
def refined_number(t: Tensor):
    """A scalar int or float tensor's value as TF's C++ shape refiner evaluates it, else
    None."""
    if t.shape.ndims != 0:
        return None
    v = _known_array(_refined_value(t, shape_n=False), t)
    return None if v is None or v.ndim != 0 else v.item()


@reads_value
def refined_scalar(t: Tensor, partial: bool = True) -> int | None:
    """A scalar int tensor's value as TF's C++ shape refiner evaluates it (constants, known
    shapes and small arithmetic on them: `tf.shape(x)[0] - 1`), else None. Not `partial`:
    only shapes known whole are read (TopKV2's k: top_k(x, shape(x)[-1]) of an x with an
    unknown dim has an unknown last dim in TF)."""
    if t.shape.ndims != 0 or not t.dtype.base_dtype.is_integer:
        return None
    v = _known_ints(_refined_value(t, shape_n=False, partial=partial))
    return None if v is None or v.ndim != 0 else int(v)


@reads_value
def whole_value(t: Tensor) -> np.ndarray | None:
    """An input's value as TF's InferenceContext::input_tensor reads it, of any dtype: a
    constant, or its constant subgraph evaluated whole by the shape refiner (a Shape with
    unknown dims, a placeholder_with_default or a variable stops it; the tensor itself is
    run: a raw Shape of a placeholder is unknown); else None."""
    v = const_value(t) if t.op.type == "Const" else None
    if v is not None:
        return np.asarray(v)
    return _known_array(_refined_value(t, shape_n=False, partial=False), t)


@reads_value
def shape_ints(t: Tensor):
    """What TF's MakeShapeFromShapeTensor checks of a 1-D int shape tensor (a value below
    -1 is "Invalid value in tensor used for shape"), as (partial, whole, rank_known):
    `partial`, the ints the refiner's ConstantPartialShape evaluates, in order (an object
    array, None where a dim is unknown; None when it reads none), whose error has no op
    context; `rank_known`, whether the shape it makes has a known rank; when not, `whole`,
    the value evaluated whole (the input_tensor the shape function falls back to, whose
    error carries the op's context), else None. None for a tensor that is not a 1-D int."""
    if not t.dtype.base_dtype.is_integer or t.shape.ndims == 0:
        return None   # (a scalar: the shape function's own rank error)
    vals, known = _partial_reads(t, 0)
    whole = None
    if not known:
        w = _known_ints(_whole_ints(t))
        if w is not None and w.ndim == 1:
            whole = w
    return np.array(vals, dtype=object) if vals else None, whole, known


def _whole_ints(t: Tensor):
    v = const_value(t)
    return np.asarray(v) if v is not None else _refined_value(t, shape_n=False,
                                                               partial=False)


def _partial_reads(t: Tensor, depth: int, reader=None) -> tuple[list, bool]:
    """TF 1.14's ShapeRefiner::ConstantPartialShape on a 1-D int tensor: (the ints it
    reads through MakeShapeFromTensor, in order, None for a dim it makes unknown; whether
    the shape it makes has a known rank). By the source op: Shape/ShapeN give their input's
    dims (nothing checked); a Pack's scalars are each evaluated, a negative one an unknown
    dim (never an error: `stack([a, -5])`); Concat parts are read in turn, and the first
    of unknown rank makes the whole unknown (later parts unread); a StridedSlice reads its
    input (PartialStridedSliceShape) when its begin, end and stride are known scalars; any
    other op is evaluated whole and checked, or gives as many unknown dims as it has."""
    op = t.op
    n = t.shape.as_tuple()
    if n is not None and len(n) == 1 and n[0] == 0:
        return [], True
    if depth > _MAX_DEPTH:
        return [], False
    if reader is not None and _switched(reader, t):   # (any other op: below)
        dims = _switch_dims(t)
        return ([], False) if dims is None else (dims, True)
    noted = _noted_reads(t)
    if noted is not None:   # (read by the shape function already: _note_reads)
        return list(noted[0]), noted[1]
    if op.type in ("Shape", "ShapeN"):
        src = op._inputs[t.value_index if op.type == "ShapeN" else 0].shape.as_tuple()
        return ([], False) if src is None else (list(src), True)
    if op.type == "Pack":
        dims = [_scalar_dim(e, op) for e in op._inputs]
        return [None if d is None or d < 0 else d for d in dims], True
    if op.type in ("ConcatV2", "Concat"):
        parts = op._inputs[:-1] if op.type == "ConcatV2" else op._inputs[1:]
        out = []
        for e in parts:
            vals, known = _partial_reads(e, depth + 1, op)
            out += vals
            if not known:
                return out, False
        return out, True
    if op.type == "StridedSlice":
        if builtins.any(i.shape.as_tuple() != (1,) for i in op._inputs[1:]):
            return [], False
        bm, em, elm, nm, sm = (op._attrs.get(m, 0) for m in _MASKS)
        if bm not in (0, 1) or em not in (0, 1) or elm or nm or sm:
            return [], False
        for mask, i in ((bm, op._inputs[1]), (em, op._inputs[2]), (0, op._inputs[3])):
            if not mask and _known_ints(_refined_value(i, shape_n=False, partial=False)) \
                    is None:
                return [], False
        return _partial_reads(op._inputs[0], depth + 1, op)
    w = _known_ints(_whole_ints(t))
    if w is not None and w.ndim == 1:
        return w.tolist(), True
    if n is not None and len(n) == 1 and n[0] is not None:
        return [None] * n[0], True
    return [], False


def _scalar_dim(t: Tensor, reader=None) -> int | None:
    """A packed shape element's value: a constant, or what TF's shape refiner evaluates
    (`tf.shape(x)[0]`, `tf.reduce_prod(tf.shape(x)[:2])`; not a ShapeN's, which TF's
    refiner does not materialize: ssim's Tile multiples; through a Switch: _switched)."""
    if t.shape.ndims != 0:
        v = None
    elif reader is not None and _switched(reader, t):
        v = _switch_value(t)
    else:
        v = _refined_value(t, shape_n=False, partial=False)
    if v is None or np.ndim(v) != 0:
        return None
    v = v.item() if hasattr(v, "item") else v
    return None if v is None else int(v)


def _note_reads(t, vals, known):
    """Notes what `_partial_reads` gives for the int tensor t, read by the shape function of
    the op being built (refine_scope, strict, outside any evaluation), so that graph.py's
    check of the same shape input reads it once: its Const, Shape, Pack and StridedSlice
    pieces (a ConcatV2 is walked again, over its noted parts)."""
    local = _LOCAL
    memo_l = local.memo
    if memo_l and local.strict and not local.whole and t.dtype.base_dtype.is_integer:
        memo_l[0][("reads", id(t))] = (t, (vals, known))


def _noted_reads(t):
    memo_l = _LOCAL.memo
    if not memo_l:
        return None
    e = memo_l[0].get(("reads", id(t)))
    return None if e is None else e[1]


def _unknown_dims(t):
    n = t.shape.as_tuple()
    return [None] * n[0] if n is not None and len(n) == 1 and n[0] is not None else None


@reads_value(unknown=_unknown_dims)
def shape_value(t: Tensor) -> list | None:
    """TF's `constant_value_as_shape`: a shape tensor's dims as int-or-None, or None.

    Understands Const, Shape, Cast, Pack of scalars and ConcatV2 of such, so that
    `tf.reshape(x, [tf.shape(x)[0], 3])` keeps the known 3.
    """
    op = t.op
    n = t.shape.as_tuple()
    if op.type == "Const":
        v = np.asarray(op._get_attr("value"))
        if v.ndim == 1:
            _note_reads(t, v.tolist(), True)
        return [int(d) if d >= 0 else -1 for d in v.reshape(-1)]
    if op.type == "Shape":
        if op._inputs[0].shape.ndims is None:
            _note_reads(t, [], n == (0,))
            return None
        dims = list(op._inputs[0].shape.as_tuple())
        _note_reads(t, dims, True)
        return dims
    # (a Cast is evaluated whole, below: TF's ConstantPartialShape reads no Cast)
    if op.type == "Pack" and op._get_attr("axis") == 0:
        dims = [_scalar_dim(e, op) for e in op._inputs]
        _note_reads(t, [None if d is None or d < 0 else d for d in dims], True)
        return dims
    if op.type == "ConcatV2":
        # (a part TF's ConstantPartialShape cannot read, of unknown rank: a slice with an
        # ellipsis or a new axis, a Shape of unknown rank, leaves the whole concat to the
        # shape function's whole read, below: `concat([c[...], pack([a])])` is (?, ?, ?))
        out = []
        for e in op._inputs[:-1]:
            if _switched(op, e):
                v = _switch_dims(e)
            elif e.op.type == "StridedSlice" and _partial_strided_slice(e.op) is None:
                out = None
                break
            else:
                v = shape_value(e)
            if v is None:
                out = None
                break
            out += v
        if out is not None:
            return out
    if op.type == "StridedSlice":
        dims = _partial_strided_slice(op)
        if dims is not None:
            return dims
    if n is not None and len(n) == 1 and t.dtype.base_dtype.is_integer:
        # any other constant subgraph TF's shape refiner evaluates (a padded shape)
        v = _known_ints(_refined_value(t, partial=False))
        if v is not None and v.ndim == 1:
            if _LOCAL.strict and v.size and v.min() < -1:
                _whole_read_error(t, v)
            return [int(d) if d >= 0 else -1 for d in v]
    if n is not None and len(n) == 1 and n[0] is not None:
        return [None] * n[0]
    return None


def _whole_read_error(t, v):
    """MakeShapeFromShapeTensor's whole read (InternalMakeShapeFromTensor) of a value below
    -1, made when ConstantPartialShape gave no rank: its error, which the op's context is
    attached to (a read of known rank was the refiner's, checked by graph.py)."""
    if not _partial_reads(t, 0)[1]:
        d = next(int(d) for d in v if d < -1)
        raise ValueError(f"Invalid value in tensor used for shape: {d}")


def _partial_strided_slice(op):
    """TF 1.14's PartialStridedSliceShape: a slice `[b:e:s]` (begin/end masks 0 or 1, no
    other mask, one-element begin, end and strides) of a shape tensor read partially
    (ConstantPartialShape of its input), cut by InferenceContext::Subshape; None when TF
    leaves it to whole evaluation."""
    t = op.outputs[0]
    empty = t.shape.as_tuple() == (0,)   # (_partial_reads: nothing read, of known rank)
    if builtins.any(i.shape.as_tuple() != (1,) for i in op._inputs[1:]):
        _note_reads(t, [], empty)
        return None
    bm, em, elm, nm, sm = (op._attrs.get(m, 0) for m in _MASKS)
    if bm not in (0, 1) or em not in (0, 1) or elm or nm or sm:
        _note_reads(t, [], empty)
        return None
    vals = [None if mask else _known_ints(_refined_value(i, shape_n=False, partial=False))
            for mask, i in ((bm, op._inputs[1]), (em, op._inputs[2]), (0, op._inputs[3]))]
    if builtins.any(v is None or v.size != 1 for v, m in zip(vals, (bm, em, 0)) if not m):
        _note_reads(t, [], empty)
        return None
    start = 0 if bm else int(vals[0].reshape(-1)[0])
    end = _INT64_MAX if em else int(vals[1].reshape(-1)[0])
    stride = int(vals[2].reshape(-1)[0])
    if _switched(op, op._inputs[0]):
        src = _switch_dims(op._inputs[0])
    else:
        src = shape_value(op._inputs[0])
    noted = _noted_reads(op._inputs[0])   # (ConstantPartialShape of the input: its reads)
    if empty or noted is not None:
        _note_reads(t, [] if empty else noted[0], True if empty else noted[1])
    if start == 0 and stride == 1 and (end == _INT64_MAX or src is not None and
                                       end >= len(src)):
        return src
    if src is None or not stride:
        return None
    rank = len(src)
    start_in, end_in = start, end
    start, end = builtins.min(start, rank), builtins.min(end, rank)
    if stride < 0 and start == rank:
        start -= 1
    if start < 0:
        start += rank
        if start < 0:
            _subshape_error(f"Subshape start out of bounds: {start_in}, for shape with rank "
                            f"{rank}")
    if end < 0:
        end += rank
        if end < 0:
            _subshape_error(f"Subshape end out of bounds: {end_in}, for shape with rank {rank}")
    if stride > 0 and start > end:
        _subshape_error(f"Subshape must have computed start <= end, but is {start} and {end} "
                        f"(computed from start {start_in} and end {end_in} over shape with "
                        f"rank {rank})")
    if stride < 0 and start < end:
        _subshape_error(f"Subshape must have computed start >= end since stride is negative, "
                        f"but is {start} and {end} (computed from start {start_in} and end "
                        f"{end_in} over shape with rank {rank} and stride{stride})")
    return [src[i] for i in range(start, end, stride)]


_INT64_MAX = 2 ** 63 - 1


def _subshape_error(msg):
    """ConstantPartialShape's error: TF's refiner raises it with no op context."""
    err = ValueError(msg)
    err.no_context = True
    raise err


# -- StridedSlice's encoding (here because shape_value reads sliced shapes) ----------------
_MASKS = MASKS   # (framework/slice_spec.py)


def _np_index(begin, end, strides, attrs):
    """Rebuilds the NumPy index that TF's (begin, end, strides, masks) encode."""
    bm, em, elm, nm, sm = (attrs.get(m, 0) for m in _MASKS)
    idx = []
    for i in range(len(strides)):
        bit = 1 << i
        if elm & bit:
            idx.append(Ellipsis)
        elif nm & bit:
            idx.append(None)
        elif sm & bit:
            idx.append(int(begin[i]))
        else:
            b = None if bm & bit else int(begin[i])
            e = None if em & bit else int(end[i])
            idx.append(slice(b, e, int(strides[i])))
    return tuple(idx)

# graph.py's error context reads with them (it cannot import this module)
VALUE_READERS.update(refined_ints=refined_ints, shape_value=shape_value,
                     shape_ints=shape_ints, refine_scope=refine_scope,
                     strict_reads=strict_reads)


def smart_constant_value(t: Tensor):
    """TF 1.14's smart_cond.smart_constant_value of a Tensor: tensor_util.constant_value
    (which marks `t` unfeedable), else TF_TryEvaluateConstant, TF's EvaluateConstantTensor
    (`_refined_value`: any stateless subgraph of constants, Shape/Size/Rank of known shapes
    and the ops' kernels); None when only known at run time."""
    v = constant_value(t)
    if v is None:
        local = _LOCAL
        before, local.cached = local.cached, False
        try:
            v = _known_array(_refined_value(t, 0, False, False), t)
        finally:
            local.cached = before
    return v


def _unique_slices(x3):
    """TF's hashed unique over the middle axis of a [before, n, after] array: slice j is new
    unless it equals (elementwise ==: NaN never, -0 == 0) an earlier one. The first
    positions of the unique slices in order, each slice's rank among them, their counts."""
    if x3.shape[0] == 1 and x3.shape[2] == 1 and x3.size and not (
            x3.dtype.kind in "fc" and np.isnan(x3).any()):
        # single elements without NaN: sorted (the first occurrence of each, -0 == 0)
        _, first, inv, counts = np.unique(x3.reshape(-1), return_index=True,
                                          return_inverse=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        ranks = np.empty_like(order)
        ranks[order] = np.arange(order.size)
        return first[order], ranks[inv.reshape(-1)], counts[order]
    first, ranks, counts, seen = [], [], [], {}
    for j in range(x3.shape[1]):
        key = tuple(x3[:, j, :].ravel().tolist())
        r = seen.get(key)
        if r is None:
            r = seen[key] = len(first)
            first.append(j)
            counts.append(0)
        ranks.append(r)
        counts[r] += 1
    return (np.asarray(first, np.intp), np.asarray(ranks, np.intp),
            np.asarray(counts, np.intp))


def _dt_enum_name(dtype):
    return "DT_" + {"float16": "HALF", "float32": "FLOAT", "float64": "DOUBLE"}.get(
        dtype.name, dtype.name.upper())


def no_dtype_kernel(op, attr, dtype, registered):
    """TF's error for an op whose type attr `attr` is `dtype`, which the op allows and no
    CPU kernel is registered for (`registered`: the DT_ names that have one, in TF's
    listing order); raised when the graph runs."""
    kernels = "".join(f"  device='CPU'; {attr} in [{k}]\n" for k in registered)
    where = op_traceback.defined_at(getattr(op, "_traceback", None))
    where = f" (defined at {where})" if where else ""
    return errors.InvalidArgumentError(
        None, op, f"No OpKernel was registered to support Op '{op.type}' used by node "
        f"{op.name}{where} with these attrs: [{attr}={_dt_enum_name(dtype)}]\n"
        f"Registered devices: [CPU]\nRegistered kernels:\n{kernels}\n\t [[{op.name}]]")
