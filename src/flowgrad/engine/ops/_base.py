"""Shared pieces for op blocks: input conversion, shape/dtype rules, op creation."""
from __future__ import annotations

import threading

from ..framework import dtypes as _dt
from ..framework.input_types import check_input_types
from ..framework.registry import attr_text, op_defs
from ..framework.constant_op import const_value, convert_to_tensor  # noqa: F401 - re-exported
from ..framework.graph import Operation, Tensor, _graph_of, get_default_graph
from ..framework.tensor_shape import TensorShape

FLOATS = (_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64)
COMPLEX = (_dt.complex64, _dt.complex128)
INTS = (_dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.uint8, _dt.uint16, _dt.uint32, _dt.uint64)
REAL_NUMBERS = FLOATS + INTS
NUMBERS = REAL_NUMBERS + COMPLEX
FLOAT_COMPLEX = FLOATS + COMPLEX
ALL = NUMBERS + (_dt.bool_, _dt.string)


# index-like inputs TF's op_def_library types before the op is made: {op: ((input index,
# arg, fixed dtype or None for a type attr allowing int32/int64), ...)}
def make_int(v, arg):
    """TF's _execute.make_int: a generated wrapper's int attr (int() of it; a str or what
    int() refuses is a TypeError naming the argument)."""
    try:
        if isinstance(v, str):
            raise TypeError
        return int(v)
    except (TypeError, ValueError):
        raise TypeError(f"Expected int for argument '{arg}' not {v!r}.") from None


def make_str(v, arg):
    """TF's _execute.make_str: a generated wrapper's string attr (str or bytes, else a
    TypeError naming the argument)."""
    if not isinstance(v, (str, bytes)):
        raise TypeError(f"Expected string for argument '{arg}' not {v!r}.")
    return v


def check_choice(op_type, attr, value, allowed):
    """TF's op_def_library check of a string attr's allowed values; returns the value as
    str. A bytes value is accepted as TF's compat.as_bytes takes it (b"SAME" makes the
    NodeDef "SAME" makes; Graph._create_op stores it decoded), the message showing it as
    text (compat.as_text)."""
    value = attr_text(value)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"Attr '{attr}' of '{op_type}' Op passed string '{value}' not in: "
                         + ", ".join(f'"{a}"' for a in allowed) + ".")
    return value


def refuse_bytes_format(data_format):
    """TF 1.14's nn_ops wrappers that test `data_format.startswith("NC")` in Python (conv2d,
    conv2d_transpose, max_pool, avg_pool, the 3-D pools, bias_add) fail there on a bytes
    data_format, before any op is made, although the op itself would take it."""
    if isinstance(data_format, bytes):
        raise TypeError("startswith first arg must be bytes or a tuple of bytes, not str")


def make_bool(v, arg):
    """TF's _execute.make_bool: a generated wrapper's bool attr (a Python bool only)."""
    if not isinstance(v, bool):
        raise TypeError(f"Expected bool for argument '{arg}' not {v!r}.")
    return v


def _check_types(op_type, inputs, name):
    """check_input_types; a refused op takes its name as in TF, whose op_def_library
    checks inside the op's name scope (a later op is `name_1`)."""
    try:
        check_input_types(op_type, inputs)
    except TypeError:
        if name is None or name[-1:] != "/":
            g = _graph_of(inputs) if inputs else get_default_graph()
            g.unique_name(name or op_type)
        raise


def apply(op_type: str, inputs, attrs: dict | None = None, name: str | None = None):
    """Creates an op of `op_type` in the inputs' graph; returns its first output. The
    inputs' types are checked as TF's op_def_library checks them (Graph.create_op, TF's
    C layer's path, does not)."""
    _check_types(op_type, inputs, name)
    if inputs and type(inputs[0]) is Tensor:
        g = inputs[0]._op._graph  # _create_op checks that the others share it
        if g is not get_default_graph():
            # a function graph nested in g (a dataset function's) makes the op and
            # captures g's tensors, as TF's FuncGraph: not g (so a random op or a variable
            # read of a map function runs per element)
            g = _graph_of(inputs)
    else:
        g = _graph_of(inputs) if inputs else get_default_graph()
    op = g._create_op(op_type, inputs, attrs if attrs is not None else {}, name)
    outs = op._outputs
    return outs[0] if len(outs) == 1 else (op if not outs else outs)


def apply_op(op_type: str, inputs, attrs: dict | None = None,
             name: str | None = None) -> Operation:
    """Like `apply` but returns the Operation."""
    _check_types(op_type, inputs, name)
    g = _graph_of(inputs) if inputs else get_default_graph()
    return g._create_op(op_type, inputs, attrs if attrs is not None else {}, name)


def apply_generated(op_type: str, named_inputs, attrs: dict | None = None,
                    name: str | None = None):
    """As TF 1.14's generated op wrapper (op_def_library): the op's name scope is opened
    first and a Python/NumPy input converted in it (a Const `<Op>/<arg>`), then the op.
    `named_inputs`: [(arg name, value)]."""
    g = _graph_of([v for _, v in named_inputs if isinstance(v, Tensor)])
    with g.as_default(), g.name_scope(name or op_type) as scope:
        xs = [op_input(v, arg) for arg, v in named_inputs]
        return apply(op_type, xs, attrs, scope)


def to_tensor(x, dtype=None, name: str | None = None) -> Tensor:
    return convert_to_tensor(x, dtype=dtype, name=name)


def op_input(value, name: str, const_name: str | None = "") -> Tensor:
    """An input converted as TF 1.14's op_def_library converts one of no fixed dtype (a
    Const named `name`, or `const_name` where flowgrad names it otherwise): a value that
    does not convert (None) raises "Tried to convert '<name>' to a tensor and failed.
    Error: ..." (TF's Python wrappers that convert before the op, e.g. zeros_like's, raise
    the conversion's own error: to_tensor)."""
    if isinstance(value, Tensor):
        return value
    try:
        return convert_to_tensor(value, name=name if const_name == "" else const_name)
    except ValueError as e:
        raise ValueError(f"Tried to convert '{name}' to a tensor and failed. Error: {e}") \
            from None


def typed_input(value, dtype, op_type: str, arg: str) -> Tensor:
    """An input converted as TF's op_def_library converts it to a fixed dtype (a Const
    named `arg` in the current scope), with TF's errors."""
    if isinstance(value, Tensor):
        if value.dtype.base_dtype is not dtype:
            raise TypeError(f"Input '{arg}' of '{op_type}' Op has type "
                            f"{value.dtype.base_dtype.name} that does not match expected type "
                            f"of {dtype.name}.")
        return value
    try:
        return to_tensor(value, dtype=dtype, name=arg)
    except (TypeError, ValueError) as e:
        raise TypeError(f"Expected {dtype.name} passed to parameter '{arg}' of op '{op_type}', "
                        f"got {value!r} of type '{type(value).__name__}' instead. Error: {e}") \
            from None


def type_list_input(op_type, arg, values):
    """The Tensors of list input `arg` whose attr is a list of types (StringFormat's
    `inputs`, Print's `data`), converted as TF 1.14's op_def_library converts one: each
    value to its own dtype as Const `<arg>_<i>`; a value that is not a list raises
    "Expected list for ...", one that does not convert "Tensors in list passed to ...
    that are invalid" with what each value converts to (the Consts made before and while
    finding that stay in the graph, as in TF)."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_type}' Op, not {values}.")
    try:
        return [convert_to_tensor(v, name=f"{arg}_{i}") for i, v in enumerate(values)]
    except (TypeError, ValueError):
        seen = []
        for v in values:
            try:
                seen.append(convert_to_tensor(v).dtype.base_dtype.name)
            except (TypeError, ValueError):
                seen.append("<NOT CONVERTIBLE TO TENSOR>")
        raise TypeError(f"Tensors in list passed to '{arg}' of '{op_type}' Op have types "
                        f"[{', '.join(seen)}] that are invalid. Tensors: {values}") from None


def same_type_inputs(op_type, values, arg_names=None, allowed=None, list_input=False):
    """Converts `values` to Tensors of one dtype, as TF 1.14's op_def_library does.

    Inputs sharing a type attr are converted in order and the first one fixes the dtype
    (a Python value converts to its own: `multiply(2, float_tensor)` raises, as in TF);
    `allowed` is checked as soon as it is fixed. `list_input`: the values are one list
    input (Pack's, ConcatV2's), where the first Tensor sets the dtype and Python values
    are converted to it. A mismatch raises TypeError naming both inputs.
    """
    arg_names = arg_names or ["x", "y", "z", "w"][: len(values)]
    dtype = None
    first_name = None
    if list_input:
        for v, n in zip(values, arg_names):
            if isinstance(v, Tensor) or (hasattr(v, "_as_graph_element") and hasattr(v, "dtype")):
                dtype = v.dtype.base_dtype
                first_name = n
                break
    if list_input and (any(v is None for v in values) or len({
            v.dtype.base_dtype for v in values if isinstance(v, Tensor)}) > 1):
        # TF's message names the list input and what each value converts to
        observed = ", ".join("<NOT CONVERTIBLE TO TENSOR>" if v is None else
                             convert_to_tensor(v).dtype.base_dtype.name for v in values)
        raise TypeError(f"Tensors in list passed to '{arg_names[0].rsplit('_', 1)[0]}' of "
                        f"'{op_type}' Op have types [{observed}] that don't all match.")
    out = []
    for v, n in zip(values, arg_names):
        if isinstance(v, Tensor):
            t = v
        elif dtype is None:
            t = op_input(v, n)
        else:
            try:
                t = convert_to_tensor(v, dtype=dtype, name=n)
            except TypeError as e:
                if list_input:
                    raise
                raise TypeError(f"Expected {dtype.name} passed to parameter '{n}' of op "
                                f"'{op_type}', got {v!r} of type '{type(v).__name__}' "
                                f"instead. Error: {e}") from None
            except ValueError:
                t = op_input(v, n)
        if dtype is None:
            dtype, first_name = t.dtype.base_dtype, n
            if not list_input:   # TF checks the op def's list as it fixes the dtype
                _check_allowed(op_type, n, dtype, allowed, op_def_only=True)
        if t.dtype.base_dtype is not dtype:
            raise TypeError(f"Input '{n}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                            f"that does not match type {dtype.name} of argument '{first_name}'.")
        out.append(t)
    _check_allowed(op_type, arg_names[0], dtype, allowed)
    return out


def _check_allowed(op_type, arg, dtype, allowed, op_def_only=False):
    """TypeError when `dtype` is not in `allowed` (`op_def_only`: only where the op def's
    list, when known, lacks it too)."""
    if allowed is not None and dtype not in allowed:
        if op_def_only and dtype.name in (_op_def_types(op_type, arg) or [dtype.name]):
            return
        names = _allowed_names(op_type, arg, dtype, allowed)
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {dtype.name} not "
                        f"in list of allowed values: {names}")


_DT_NAMES = {"DT_FLOAT": "float32", "DT_DOUBLE": "float64", "DT_INT32": "int32",
             "DT_UINT8": "uint8", "DT_INT16": "int16", "DT_INT8": "int8", "DT_STRING": "string",
             "DT_COMPLEX64": "complex64", "DT_INT64": "int64", "DT_BOOL": "bool",
             "DT_QINT8": "qint8", "DT_QUINT8": "quint8", "DT_QINT32": "qint32",
             "DT_BFLOAT16": "bfloat16", "DT_QINT16": "qint16", "DT_QUINT16": "quint16",
             "DT_UINT16": "uint16", "DT_COMPLEX128": "complex128", "DT_HALF": "float16",
             "DT_RESOURCE": "resource", "DT_VARIANT": "variant", "DT_UINT32": "uint32",
             "DT_UINT64": "uint64"}


def _allowed_names(op_type, arg, dtype, allowed):
    """The allowed types TF 1.14's message lists for input `arg` of `op_type`: its op def's
    list, in its order, where the op def has one without `dtype` (TF raises there too);
    else flowgrad's `allowed`."""
    names = _op_def_types(op_type, arg)
    if names and dtype.name not in names:
        return ", ".join(names)
    return ", ".join(d.name for d in allowed)


def _op_def_types(op_type, arg):
    """The dtype names TF 1.14's op def of `op_type` allows for input `arg`, in its order
    (None: no such list)."""
    od = op_defs().get(op_type) or {}
    attr = next((a[2] for a in od.get("in", ()) if a[0] == arg and a[2]), None)
    names = od.get("x", {}).get("attr", {}).get(attr, {}).get("allowed", {}).get(
        "list", {}).get("type") if attr else None
    if names and all(n in _DT_NAMES for n in names):
        return [_DT_NAMES[n] for n in names]
    return None


def check_dtype(op_type, t, allowed, arg="x"):
    if t.dtype.base_dtype not in allowed:
        dt = t.dtype.base_dtype
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {dt.name} not in "
                        f"list of allowed values: {_allowed_names(op_type, arg, dt, allowed)}")


# -- shape rules -------------------------------------------------------------------------
def broadcast_dims(a, b, op_type="", xs=None, ys=None):
    """Static broadcast of two dim tuples (None = unknown); ValueError if incompatible."""
    if a is None or b is None:
        return None
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for da, db in zip(a, b):
        if da == 1:
            out.append(db)
        elif db == 1:
            out.append(da)
        elif da is None:
            out.append(db)
        elif db is None:
            out.append(da)
        elif da == db:
            out.append(da)
        else:
            raise ValueError(f"Dimensions must be equal, but are {da} and {db}")
    return tuple(out)


def unary_same(inputs, attrs):
    x = inputs[0]
    return [(x.dtype.base_dtype, x.shape)]


def binary_broadcast(inputs, attrs):
    x, y = inputs
    xs, ys = x._shape, y._shape
    xd, yd = xs._dims, ys._dims
    if xd == yd and xd is not None and None not in xd:
        return [(x._dtype.base_dtype, xs)]  # shapes are immutable: share the object
    if yd == ():
        return [(x._dtype.base_dtype, xs if xd is not None else xs)]
    if xd == () and yd is not None:
        return [(x._dtype.base_dtype, ys)]
    return [(x._dtype.base_dtype, TensorShape(broadcast_dims(xd, yd)))]


def binary_compare(inputs, attrs):
    x, y = inputs
    return [(_dt.bool_, TensorShape(broadcast_dims(x.shape.as_tuple(), y.shape.as_tuple())))]


_UPDATE_LOCK = threading.RLock()   # for a run context without a store lock of its own


def locking(bind):
    """A stateful kernel's bind honouring its `use_locking` attr: with it, the update holds
    the variable store's lock (TF: the variable's mutex), so concurrent updates (threads,
    or other tasks' steps on a ps task, whose actor shares that lock) never interleave."""
    def locked_bind(node, ctx):
        run = bind(node, ctx)
        if not node.attrs.get("use_locking"):
            return run
        lock = getattr(ctx, "lock", None) or _UPDATE_LOCK

        def locked_run(*args):
            with lock:
                return run(*args)
        return locked_run
    return locked_bind
