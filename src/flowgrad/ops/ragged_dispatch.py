"""TF 1.14's RaggedTensor dispatch (ragged_dispatch.py): the public elementwise ops apply
to a RaggedTensor's flat values, and tf.reduce_* to its rows.

Importing this module wraps those functions in flowgrad.ops.math_ops, comparison_ops and
array_ops (flowgrad/__init__ imports it before re-exporting them).

TF first runs the ordinary op, which fails on the RaggedTensor after opening its name scope
(and converting the arguments before it), then runs the dispatcher; so `tf.abs(rt)` builds
`Abs_1`, `2 * rt` leaves a `Mul/x` constant before `x` and `Mul_1`. The wrappers here build
the same. TF's sparse_ops dispatches a few unary ops on a SparseTensor's values the same way
(SPARSE_UNARY: `tf.square(sp)` builds `Square_1`).

A binary op of two RaggedTensors, or of a RaggedTensor and a Tensor of its rank or more,
first broadcasts both to one ragged shape (ragged_tensor_shape: an Assert per dimension,
hundreds of ops, as TF's); of a RaggedTensor and a lower-rank Tensor it maps the flat
values. tf.add_n of RaggedTensors asserts their splits identical."""
from __future__ import annotations

import functools
import inspect

import numpy as np

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from . import array_ops, array_ops_extra, comparison_ops, math_ops, sparse_ops, string_ops
from . import ragged_getitem as _ragged_getitem  # noqa: F401 - sets RaggedTensor[...]
from . import ragged_array_ops as _rarray
from . import ragged_concat_ops as _rconcat
from . import ragged_gather_ops as _rgather
from . import ragged_math_ops as _rmath
from . import ragged_string_ops as _rstr
from . import ragged_tensor_shape as _rshape
from . import ragged_where_op as _rwhere
from .sparse_tensor import SparseTensor
from .variables import Variable
from .ragged_util import assert_splits_match
from .ragged_tensor import (RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged,
                            match_row_splits_dtypes)

__all__ = ["install", "UNARY", "SPARSE_UNARY", "BINARY", "LIST_ELEMENTWISE", "REDUCE", "LISTS",
           "SEGMENTS"]

# public name -> the name scope TF's failed ordinary call uses up
UNARY = {
    "abs": "Abs", "acos": "Acos", "acosh": "Acosh", "asin": "Asin", "asinh": "Asinh",
    "atan": "Atan", "atanh": "Atanh", "ceil": "Ceil", "cos": "Cos", "cosh": "Cosh",
    "digamma": "Digamma", "erf": "Erf", "erfc": "Erfc", "exp": "Exp", "expm1": "Expm1",
    "floor": "Floor", "is_finite": "IsFinite", "is_inf": "IsInf", "is_nan": "IsNan",
    "lgamma": "Lgamma", "log": "Log", "log1p": "Log1p", "logical_not": "LogicalNot",
    "negative": "Neg", "reciprocal": "Reciprocal", "rint": "Rint", "rsqrt": "Rsqrt",
    "sign": "Sign", "sin": "Sin", "sinh": "Sinh", "sqrt": "Sqrt", "square": "Square",
    "tan": "Tan", "cast": "Cast", "identity": "Identity", "zeros_like": "zeros_like",
    "ones_like": "ones_like", "round": "Round",
}
# the unary ops TF 1.14's sparse_ops also dispatches (_UnaryMapValueDispatcher): on a
# SparseTensor they return SparseTensor(indices, op(values), dense_shape)
SPARSE_UNARY = ("abs", "negative", "sign", "square", "sqrt", "erf")
BINARY = {
    "add": "Add", "subtract": "Sub", "multiply": "Mul", "truediv": "truediv",
    "divide": "truediv", "div": "div", "floordiv": "floordiv", "floormod": "FloorMod",
    "mod": "FloorMod", "maximum": "Maximum", "minimum": "Minimum", "pow": "Pow",
    "equal": "Equal", "not_equal": "NotEqual", "greater": "Greater",
    "greater_equal": "GreaterEqual", "less": "Less", "less_equal": "LessEqual",
    "logical_and": "LogicalAnd", "logical_or": "LogicalOr", "logical_xor": "LogicalXor",
    "squared_difference": "SquaredDifference", "atan2": "Atan2", "realdiv": "RealDiv",
    "truncatediv": "TruncateDiv", "truncatemod": "TruncateMod",
}
# list ops applied to the flat values of RaggedTensors with identical splits
LIST_ELEMENTWISE = ("add_n", "string_join")
# public name -> (ragged implementation, the op type TF's failed call names its scope)
REDUCE = {
    "reduce_sum": (_rmath.reduce_sum, "Sum"), "reduce_prod": (_rmath.reduce_prod, "Prod"),
    "reduce_min": (_rmath.reduce_min, "Min"), "reduce_max": (_rmath.reduce_max, "Max"),
    "reduce_mean": (_rmath.reduce_mean, "Mean"), "reduce_any": (_rmath.reduce_any, "Any"),
    "reduce_all": (_rmath.reduce_all, "All"),
}

# public name -> (ragged implementation, the scope TF's failed call uses up)
LISTS = {"concat": (_rconcat.concat, "concat"), "stack": (_rconcat.stack, "stack")}
SEGMENTS = {
    "unsorted_segment_sum": (_rmath.segment_sum, "UnsortedSegmentSum"),
    "unsorted_segment_prod": (_rmath.segment_prod, "UnsortedSegmentProd"),
    "unsorted_segment_min": (_rmath.segment_min, "UnsortedSegmentMin"),
    "unsorted_segment_max": (_rmath.segment_max, "UnsortedSegmentMax"),
    "unsorted_segment_mean": (_rmath.segment_mean, "UnsortedSegmentMean"),
    "unsorted_segment_sqrt_n": (_rmath.segment_sqrt_n, "UnsortedSegmentSqrtN"),
}


def _use_up(scope):
    """Marks `scope` used, as TF's ordinary op does before it fails on a RaggedTensor."""
    get_default_graph().unique_name(scope)


def _bind(fn, args, kwargs):
    bound = inspect.signature(fn).bind(*args, **kwargs)
    return bound.arguments


def _convertible(arg):
    """TF's _is_convertible_to_tensor: converts (a Const) what is no Tensor, Variable,
    ndarray or Python scalar; False where that fails or for a SparseTensor."""
    if arg is None or isinstance(arg, (Tensor, Variable, np.ndarray, int, float, str)):
        return True
    if isinstance(arg, SparseTensor):
        return False
    try:
        convert_to_tensor(arg)
        return True
    except (TypeError, ValueError):
        return False


def _plain(fn, args, kwargs, names, is_list=False, layers=1):
    """`fn(*args, **kwargs)` of no RaggedTensor. When it raises TypeError or ValueError,
    TF 1.14's dispatch asks the ragged dispatcher before re-raising: its is_supported
    checks the op's ragged args `names` in order (a list's elements when `is_list`),
    converting each (_convertible) until one does not convert, so a Python list left
    behind a Const (`tf.gather(x, [0], axis=3)`: GatherV2/indices, GatherV2/axis, Const).
    `layers`: dispatching functions the call goes through (tf.expand_dims calls
    expand_dims_v2: each one's dispatcher converts)."""
    try:
        return fn(*args, **kwargs)
    except (TypeError, ValueError):
        try:
            call = _bind(fn, args, kwargs)
        except TypeError:
            raise   # (the call's own TypeError)
        for _ in range(layers):
            for name in names:
                arg = call.get(name)
                if is_list:
                    if not isinstance(arg, (list, tuple)) or \
                            not all(_convertible(e) for e in arg):
                        break
                elif not _convertible(arg):
                    break
        raise


def _unary(fn, scope):
    first = next(iter(inspect.signature(fn).parameters))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        x = args[0] if args else kwargs.get(first)
        if isinstance(x, SparseTensor) and fn.__name__ in SPARSE_UNARY:
            _use_up(scope)
            rest = {k: v for k, v in kwargs.items() if k != first}
            return SparseTensor(x.indices, fn(x.values, *args[1:], **rest), x.dense_shape)
        if not is_ragged(x):
            return fn(*args, **kwargs)
        _use_up(scope)
        x = convert_to_tensor_or_ragged_tensor(x)
        if args:
            return x.with_flat_values(fn(x.flat_values, *args[1:], **kwargs))
        kwargs = dict(kwargs, **{first: x.flat_values})
        return x.with_flat_values(fn(**kwargs))
    return wrapper


def _binary(fn, scope):
    names = list(inspect.signature(fn).parameters)[:2]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        x = args[0] if args else kwargs.get(names[0])
        y = args[1] if len(args) > 1 else kwargs.get(names[1])
        if not (is_ragged(x) or is_ragged(y)):
            return fn(*args, **kwargs)
        rest = args[2:]
        kwargs = {k: v for k, v in kwargs.items() if k not in names}
        if not is_ragged(x):
            with name_scope(None, scope, []):   # TF's op converts x before it fails on y
                convert_to_tensor(x, name=names[0])
        else:
            _use_up(scope)
        return _ragged_binary(fn, names, x, y, rest, kwargs)
    return wrapper


def _ragged_binary(fn, names, x, y, rest, kwargs):
    x_ragged, y_ragged = is_ragged(x), is_ragged(y)
    x = convert_to_tensor_or_ragged_tensor(x) if x_ragged else \
        convert_to_tensor(x, name=names[0], preferred_dtype=y.dtype)
    y = convert_to_tensor_or_ragged_tensor(y) if y_ragged else \
        convert_to_tensor(y, name=names[1], preferred_dtype=x.dtype)
    if x_ragged and y_ragged:
        x, y = match_row_splits_dtypes(x, y)
    if (x_ragged and y_ragged) or \
            (x_ragged and x.flat_values.shape.ndims <= y.shape.ndims) or \
            (y_ragged and y.flat_values.shape.ndims <= x.shape.ndims):
        shape = _rshape.broadcast_dynamic_shape(
            _rshape.RaggedTensorDynamicShape.from_tensor(x),
            _rshape.RaggedTensorDynamicShape.from_tensor(y))
        x = _rshape.broadcast_to(x, shape, broadcast_inner_dimensions=False)
        y = _rshape.broadcast_to(y, shape, broadcast_inner_dimensions=False)
        x_ragged, y_ragged = is_ragged(x), is_ragged(y)
    xv = x.flat_values if x_ragged else x
    yv = y.flat_values if y_ragged else y
    out = fn(xv, yv, *rest, **kwargs)
    return x.with_flat_values(out) if x_ragged else y.with_flat_values(out)


def _list_elementwise(fn):
    """tf.add_n, tf.strings.join (TF's _UNARY_LIST_ELEMENTWISE_OPS): the ordinary call
    fails converting a RaggedTensor among its inputs; when the others convert
    (_convertible, in order), the op applies to the flat values, behind assert_equal ops
    that the ragged inputs' splits are identical ("Inputs must have identical ragged splits")."""
    first = next(iter(inspect.signature(fn).parameters))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        x = args[0] if args else kwargs.get(first)
        if not (isinstance(x, (list, tuple)) and any(is_ragged(e) for e in x)):
            return fn(*args, **kwargs)
        try:
            return fn(*args, **kwargs)
        except (TypeError, ValueError):
            if not all(is_ragged(e) or _convertible(e) for e in x):
                raise
        x = match_row_splits_dtypes(*x)
        splits = [e.nested_row_splits for e in x if is_ragged(e)]
        flat = [e.flat_values if is_ragged(e) else e for e in x]
        rest = {k: v for k, v in kwargs.items() if k != first}
        with get_default_graph().control_dependencies(assert_splits_match(splits)):
            return RaggedTensor.from_nested_row_splits(fn(flat, *args[1:], **rest), splits[0],
                                                       validate=False)
    return wrapper


def _reduce(fn, ragged_fn, scope):
    params = list(inspect.signature(fn).parameters)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        x = args[0] if args else kwargs.get(params[0])
        if not is_ragged(x):
            return _plain(fn, args, kwargs, [params[0]])
        call = _bind(fn, args, kwargs)
        axis = call.get("axis")
        if axis is None:
            axis = call.get("reduction_indices")
        keepdims = call.get("keepdims")
        if keepdims is None:
            keepdims = call.get("keep_dims")
        if axis is None:      # TF's _ReductionDims: range(0, rank(rt)), under RaggedRank
            with name_scope(None, "RaggedRank", [x]):
                rank = x.ragged_rank + array_ops.rank(x.flat_values)
            array_ops.range(0, rank)
        _use_up(scope)
        return ragged_fn(x, axis, keepdims, call.get("name"))
    return wrapper


_WRAPPERS = {}     # id(original) -> (original, its dispatching wrapper): one per function


def _wrapped(fn, make, *args):
    if getattr(fn, "_ragged_dispatch", False):
        return fn
    hit = _WRAPPERS.get(id(fn))
    if hit is None or hit[0] is not fn:
        wrapper = make(fn, *args)
        wrapper._ragged_dispatch = True
        hit = _WRAPPERS[id(fn)] = (fn, wrapper)
    return hit[1]


def _list_op(fn, ragged_fn, scope):
    """concat/stack: the ragged version when a RaggedTensor is among `values`."""
    params = list(inspect.signature(fn).parameters)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        values = args[0] if args else kwargs.get(params[0])
        if not (isinstance(values, (list, tuple)) and any(is_ragged(v) for v in values)):
            return _plain(fn, args, kwargs, [params[0]], is_list=True)
        call = _bind(fn, args, kwargs)
        if scope == "concat" and len(values) == 1:    # TF's concat of one: its identity
            with name_scope(call.get("name"), "concat") as s:
                convert_to_tensor(call.get("axis"), name="concat_dim").shape.assert_has_rank(0)
                rt = convert_to_tensor_or_ragged_tensor(values[0])
                return rt.with_flat_values(array_ops.identity(rt.flat_values, name=s))
        _use_up(scope)
        return ragged_fn(values, call.get("axis", 0), call.get("name"))
    return wrapper


def _gather(fn):
    """tf.gather: TF's gather op converts `params` (then `indices`) under GatherV2 before it
    fails on a RaggedTensor; then ragged_gather_ops.gather."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not any(is_ragged(a) for a in args[:2]) and \
                not any(is_ragged(kwargs.get(k)) for k in ("params", "indices")):
            return _plain(fn, args, kwargs, ["params", "indices"])
        call = _bind(fn, args, kwargs)
        params, indices = call.get("params"), call.get("indices")
        with name_scope(call.get("name"), "GatherV2", []):
            if not is_ragged(params):
                convert_to_tensor(params, name="params")
        for arg in (params, indices):     # TF's dispatcher checks each is convertible
            if not is_ragged(arg) and not isinstance(arg, (Tensor, Variable, np.ndarray, int,
                                                           float, str)):
                convert_to_tensor(arg)
        axis = call.get("axis")
        return _rgather.gather(params, indices, call.get("validate_indices"),
                               0 if axis is None else axis, call.get("batch_dims", 0),
                               call.get("name"))
    return wrapper


def _params_indices(fn):
    """gather_nd / batch_gather (no ragged version here): after a TypeError or ValueError,
    TF's dispatcher converts `params`, then `indices` (a Python list leaves a Const)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return _plain(fn, args, kwargs, ["params", "indices"])
    return wrapper


def _after_failure(fn, names, ragged_call):
    """tf.where / tf.gather_nd: TF's ordinary call fails on a RaggedTensor after opening its
    scope (`_plain` when no argument is ragged); its dispatcher converts the other arguments
    `names` in order (re-raising the original error when one does not convert), then the
    ragged op: ragged_call(call)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            call = _bind(fn, args, kwargs)
        except TypeError:
            return fn(*args, **kwargs)   # (the call's own TypeError)
        if not any(is_ragged(call.get(k)) for k in names):
            return _plain(fn, args, kwargs, names)
        try:
            return fn(*args, **kwargs)
        except (TypeError, ValueError) as e:
            if not all(is_ragged(call.get(k)) or _convertible(call.get(k)) for k in names):
                raise e
        return ragged_call(call)
    return wrapper


AFTER_FAILURE = {
    "where": (["condition", "x", "y"], lambda c: _rwhere.where(
        c["condition"], c.get("x"), c.get("y"), c.get("name"))),
    "gather_nd": (["params", "indices"], lambda c: _rgather.gather_nd(
        c["params"], c["indices"], c.get("batch_dims", 0), c.get("name"))),
}


def _segment(fn, ragged_fn, scope):
    """tf.math.unsorted_segment_*: TF's failed call uses up its scope; its dispatcher
    converts a `data` / `segment_ids` that is no tensor; then the ragged segment op."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not any(is_ragged(a) for a in args[:2]) and \
                not any(is_ragged(kwargs.get(k)) for k in ("data", "segment_ids")):
            return _plain(fn, args, kwargs, ["data", "segment_ids"])
        call = _bind(fn, args, kwargs)
        data, ids = call.get("data"), call.get("segment_ids")
        _use_up(scope)
        for arg in (data, ids):
            if not is_ragged(arg) and not isinstance(arg, (Tensor, Variable, np.ndarray, int,
                                                           float, str)):
                convert_to_tensor(arg)
        return ragged_fn(data, ids, call.get("num_segments"), call.get("name"))
    return wrapper


def _ragged_rank(input, name=None):  # noqa: A002 - TF's ragged_array_ops.rank
    with name_scope(name, "RaggedRank", [input]) as scope:
        if not is_ragged(input):
            return array_ops.rank(input, scope)
        return input.ragged_rank + array_ops.rank(input.flat_values)


def _ragged_size(input, name=None, out_type=None):  # noqa: A002 - TF's ragged size (v1)
    x = input.flat_values if is_ragged(input) else input
    kwargs = {} if out_type is None else {"out_type": out_type}
    return array_ops.size(x, name=name, **kwargs)


def _first_arg(fn, ragged_fn, scope):
    """rank/size/expand_dims/tile: TF's failed call uses up its scope (or the name given),
    then the ragged op."""
    first = next(iter(inspect.signature(fn).parameters))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        x = args[0] if args else kwargs.get(first)
        if not is_ragged(x):
            return _plain(fn, args, kwargs, [first], layers=2 if scope == "ExpandDims" else 1)
        call = _bind(fn, args, kwargs)
        _use_up(call.get("name") or scope)   # (the failed call's name_scope(name, scope))
        return ragged_fn(call)
    return wrapper


FIRST_ARG = {
    "rank": (lambda c: _ragged_rank(c["input"], c.get("name")), "Rank"),
    "size": (lambda c: _ragged_size(c["input"], c.get("name"), c.get("out_type")), "Size"),
    "expand_dims": (lambda c: _rstr._expand_dims(
        c["input"], c.get("axis") if c.get("axis") is not None else c.get("dim"),
        c.get("name")), "ExpandDims"),
    "tile": (lambda c: _rarray.tile(c["input"], c["multiples"], c.get("name")), "Tile"),
}


def install(namespace):
    """Wraps the functions of `namespace` (a module's globals) named in UNARY, BINARY and
    REDUCE with TF's ragged dispatch (one wrapper per function, so aliases stay one)."""
    for table, make in ((UNARY, _unary), (BINARY, _binary)):
        for name, scope in table.items():
            if namespace.get(name) is not None:
                namespace[name] = _wrapped(namespace[name], make, scope)
    for name, (ragged_fn, scope) in REDUCE.items():
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _reduce, ragged_fn, scope)
    for name, (ragged_fn, scope) in LISTS.items():
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _list_op, ragged_fn, scope)
    for name, (ragged_fn, scope) in SEGMENTS.items():
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _segment, ragged_fn, scope)
    for name, (ragged_fn, scope) in FIRST_ARG.items():
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _first_arg, ragged_fn, scope)
    for name in LIST_ELEMENTWISE:
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _list_elementwise)
    if namespace.get("gather") is not None:
        namespace["gather"] = _wrapped(namespace["gather"], _gather)
    for name, (names, ragged_call) in AFTER_FAILURE.items():
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _after_failure, names, ragged_call)
    for name in ("batch_gather",):
        if namespace.get(name) is not None:
            namespace[name] = _wrapped(namespace[name], _params_indices)


def _operator(name, right=False):
    """A RaggedTensor operator as TF's ragged_operators: the dispatching public op."""
    def op(self, other):
        fn = _PUBLIC[name]
        return fn(other, self) if right else fn(self, other)
    return op


_PUBLIC = {}


def _install():
    """Wraps math_ops, comparison_ops and array_ops (TF wraps its math_ops and array_ops
    functions the same way); tf.* and tf.math.* re-export the wrapped functions."""
    for module in (math_ops, comparison_ops, array_ops, sparse_ops, array_ops_extra, string_ops):
        install(vars(module))
        for name in list(BINARY) + list(UNARY):
            if hasattr(module, name) and name not in _PUBLIC:
                _PUBLIC[name] = getattr(module, name)
    pairs = {"add": "add", "sub": "subtract", "mul": "multiply", "truediv": "truediv",
             "div": "div", "floordiv": "floordiv", "mod": "floormod", "pow": "pow"}
    for dunder, name in pairs.items():
        if name in _PUBLIC:
            setattr(RaggedTensor, "__%s__" % dunder, _operator(name))
            setattr(RaggedTensor, "__r%s__" % dunder, _operator(name, right=True))
    for dunder, name in {"ge": "greater_equal", "gt": "greater", "le": "less_equal",
                         "lt": "less", "and": "logical_and", "or": "logical_or",
                         "xor": "logical_xor"}.items():
        setattr(RaggedTensor, "__%s__" % dunder, _operator(name))
    for dunder in ("and", "or", "xor"):
        setattr(RaggedTensor, "__r%s__" % dunder,
                _operator({"and": "logical_and", "or": "logical_or",
                           "xor": "logical_xor"}[dunder], right=True))
    RaggedTensor.__neg__ = lambda self: _PUBLIC["negative"](self)
    RaggedTensor.__abs__ = lambda self: _PUBLIC["abs"](self)
    RaggedTensor.__invert__ = lambda self: _PUBLIC["logical_not"](self)
    RaggedTensor.__bool__ = _dummy_bool


def _dummy_bool(_):
    """TF's: a RaggedTensor is no Python bool."""
    raise TypeError("RaggedTensor may not be used as a boolean.")


_install()
