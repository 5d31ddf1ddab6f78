"""`tf.constant`, `convert_to_tensor` and the Const op."""
from __future__ import annotations

import builtins
import numbers
from typing import Callable

import numpy as np

from . import dtypes as _dt
from .graph import _TENSOR_CONVERSIONS, VALUE_READERS, Operation, Tensor, get_default_graph
from .registry import register_op
from .shape_reads import reads_value
from .tensor_shape import Dimension, TensorShape

# (type, fn(value, dtype, name, as_ref) -> Tensor) pairs, as tf.register_tensor_conversion_function
_CONVERSIONS = _TENSOR_CONVERSIONS  # the graph converts op inputs through it too


def register_tensor_conversion_function(base_type: type | tuple, conversion_func: Callable,
                                        priority: int = 100) -> None:
    """Lets objects of `base_type` be used wherever a Tensor is expected."""
    _CONVERSIONS.append((priority, base_type, conversion_func))
    _CONVERSIONS.sort(key=lambda x: x[0])


def _const_infer(inputs, attrs):
    v = attrs["value"]
    return [(attrs["dtype"], TensorShape(v.shape))]


def _const_kernel(value, dtype, fill_values=None):
    # fill_values: what TF's TensorProto holds of a constant that a scalar or short list
    # fills (tf.constant(0., shape=[3]), tf.zeros([3])); only the GraphDef reads it
    return value


register_op("Const", infer=_const_infer, kernel=_const_kernel, grad=None, constant=True)

_INT32_MIN, _INT32_MAX = -2 ** 31, 2 ** 31 - 1


def _infer_dtype(value):
    """TF's inference for Python values: float->float32, int->int32 (int64 if large)."""
    if isinstance(value, np.ndarray | np.generic):
        return _dt.as_dtype(value.dtype)
    if isinstance(value, bool):
        return _dt.bool_
    if isinstance(value, numbers.Integral):
        return _dt.int32 if _INT32_MIN <= value <= _INT32_MAX else _dt.int64
    if isinstance(value, numbers.Real):
        return _dt.float32
    if isinstance(value, numbers.Complex):
        return _dt.complex128
    if isinstance(value, (str, bytes)):
        return _dt.string
    if isinstance(value, (list, tuple)):
        kinds = set()
        _collect_kinds(value, kinds)
        if "t" in kinds:
            return None
        if "s" in kinds:
            return _dt.string
        if "c" in kinds:
            return _dt.complex128
        if "f" in kinds:
            return _dt.float32
        if "i64" in kinds:
            return _dt.int64
        if "i" in kinds:
            return _dt.int32
        if "b" in kinds:
            return _dt.bool_
        return _dt.float32  # empty list: TF gives float32
    return None


def _collect_kinds(value, kinds):
    for v in value:
        if isinstance(v, (list, tuple)):
            _collect_kinds(v, kinds)
        elif isinstance(v, bool | np.bool_):
            kinds.add("b")
        elif isinstance(v, np.generic):
            kinds.add({"f": "f", "i": "i", "u": "i", "c": "c", "b": "b"}.get(v.dtype.kind, "s"))
        elif isinstance(v, numbers.Integral):
            kinds.add("i" if _INT32_MIN <= v <= _INT32_MAX else "i64")
        elif isinstance(v, numbers.Real):
            kinds.add("f")
        elif isinstance(v, numbers.Complex):
            kinds.add("c")
        elif isinstance(v, (str, bytes)):
            kinds.add("s")
        else:
            kinds.add("t")


def _dense_dims(value):
    """The shape TF expects from the first elements of nested lists (_GetDenseDimensions)."""
    dims = []
    while isinstance(value, (list, tuple)):
        dims.append(len(value))
        if not value:
            break
        value = value[0]
    return dims


def _flat(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _flat(v)
    else:
        yield value


def _accepts(dtype, v):
    """TF's _AssertCompatible check for one Python element against `dtype`."""
    if isinstance(v, (np.ndarray, np.generic)):
        return True
    if dtype.is_quantized:  # TF accepts a quantized value only as a tuple (one field)
        return False
    if dtype.is_floating:
        return isinstance(v, numbers.Real)
    if dtype.is_integer:
        return isinstance(v, numbers.Integral)
    if dtype.is_complex:
        return isinstance(v, numbers.Complex)
    if dtype is _dt.bool_:
        return isinstance(v, bool)
    if dtype is _dt.string:
        return isinstance(v, (str, bytes))
    return True


_KIND_OK = {"f": "biuf", "i": "biu", "u": "biu", "c": "biufc", "b": "b"}


def _numeric_list(value, dtype):
    """The fast path for a dense list of numbers (NumPy converts it in C), else None.

    Falls back (None) for anything needing TF's per-element checks: strings,
    None, ragged lists, or elements the requested dtype does not accept.
    """
    try:
        arr = np.array(value)
    except (ValueError, TypeError):
        return None
    kind = arr.dtype.kind
    if kind not in "biufc" or list(arr.shape) != _dense_dims(value):
        return None   # an ndarray inside the list: TF's dense-shape error, below
    if dtype is None:
        if kind == "f":
            dtype = _dt.float32
        elif kind == "c":
            dtype = _dt.complex128
        elif kind == "b":
            dtype = _dt.bool_
        elif arr.size and (arr.min() < _INT32_MIN or arr.max() > _INT32_MAX):
            dtype = _dt.int64
        else:
            dtype = _dt.int32
    elif kind not in _KIND_OK.get(np.dtype(dtype.as_numpy_dtype).kind, ""):
        return None
    with np.errstate(over="ignore"):   # TF makes 1e5 a float16 inf without a word
        return arr.astype(dtype.as_numpy_dtype)


def _array_like(value) -> bool:
    """An object TF's make_tensor_proto converts with np.asarray: one with `__array__` or an
    `__array_interface__` dict that is not an array or a graph object (pandas, xarray)."""
    if isinstance(value, (np.ndarray, np.generic, Tensor)) or \
            type(value).__module__.startswith("flowgrad"):
        return False
    return callable(getattr(value, "__array__", None)) or \
        isinstance(getattr(value, "__array_interface__", None), dict)


def _assert_compatible(value, dtype):
    """TF's _AssertCompatible: the first element `dtype` refuses fails the conversion."""
    for v in _flat(value):
        if not _accepts(dtype, v):
            raise TypeError(f"Expected {dtype.name}, got {v!r} of type "
                            f"'{type(v).__name__}' instead.")


def dims_as_ints(value):
    """TF's make_tensor_proto accepts a Dimension where an int dtype is given (reshape's
    [-1, x.shape[-1]]) and NumPy reads it by int(): an unknown one fails there ("__int__
    returned non-int (type NoneType)")."""
    if isinstance(value, Dimension):
        return int(value)
    if builtins.any(isinstance(v, Dimension) for v in _flat(value)):
        return type(value)(dims_as_ints(v) if isinstance(v, (list, tuple, Dimension)) else v
                           for v in value)
    return value


def to_numpy(value, dtype=None) -> np.ndarray:
    """_to_numpy, with bfloat16 values (kept in float32 storage) rounded to bfloat16 as
    TF's NumPy bfloat16 type rounds them (1.01 is 1.0078125)."""
    arr = _to_numpy(value, dtype)
    if dtype is not None and _dt.as_dtype(dtype).base_dtype is _dt.bfloat16:
        return _dt.round_bfloat16(arr)
    return arr


def _to_numpy(value, dtype=None) -> np.ndarray:
    """Converts a Python/NumPy value to an array of `dtype` with TF 1.14's checks.

    Raises ValueError for None and ragged lists, TypeError for an element the
    dtype does not accept ("Expected int32, got 1.5 of type 'float' instead.").
    Integers out of the dtype's range wrap around, as TF 1.14 does.
    """
    if dtype is not None:
        dtype = _dt.as_dtype(dtype).base_dtype
        if dtype.is_integer and isinstance(value, (list, tuple, Dimension)):
            value = dims_as_ints(value)
    if _array_like(value):   # a pandas Series: np.asarray, its dtype kept (float64 stays)
        if dtype is not None:   # TF 1.14 hands NumPy the DType object itself
            raise TypeError("data type not understood")
        value = np.asarray(value)
    if isinstance(value, (list, tuple)):
        arr = _numeric_list(value, dtype)
        if arr is not None:
            return arr
    if value is None:
        raise ValueError("None values not supported.")
    if isinstance(value, (list, tuple)) and builtins.any(v is None for v in _flat(value)):
        # TF's _AssertCompatible: the first element the dtype refuses (a None reads as of
        # type '_Message' in TF 1.14's message); without a dtype, no dtype to infer
        if dtype is None:
            raise TypeError(f"Failed to convert object of type {type(value)} to Tensor. "
                            f"Contents: {value!r}. Consider casting elements to a supported "
                            "type.")
        for v in _flat(value):
            if v is None or not _accepts(dtype, v):
                raise TypeError(f"Expected {dtype.name}, got {v!r} of type "
                                f"'{'_Message' if v is None else type(v).__name__}' instead.")
    if dtype is not None and isinstance(value, (list, tuple)):
        _assert_compatible(value, dtype)   # TF checks the elements before inferring
    if isinstance(value, (list, tuple)):
        want = _dense_dims(value)
        try:
            probe = np.array(value, dtype=object)
            got = list(probe.shape)
        except ValueError:
            got = want[:1]
        if got != want:
            raise ValueError(f"Argument must be a dense tensor: {value!r} - got shape "
                             f"{got}, but wanted {want}.")
    inferred = _infer_dtype(value)
    if inferred is None:
        raise TypeError(f"Failed to convert object of type {type(value)} to Tensor. Contents: "
                        f"{value}. Consider casting elements to a supported type.")
    if dtype is None and inferred is _dt.string and isinstance(value, (list, tuple)) and \
            any(not isinstance(v, (str, bytes)) for v in _flat(value)):
        # TF infers string for a list mixing strings and other values, then fails to
        # make bytes of the others
        raise TypeError(f"Failed to convert object of type {type(value)} to Tensor. Contents: "
                        f"{value}. Consider casting elements to a supported type.")
    target = dtype or inferred
    if dtype is not None and not isinstance(value, (np.ndarray, np.generic)):
        _assert_compatible(value, dtype)
    if target is _dt.string:
        arr = np.array(value, dtype=object)
        return np.vectorize(lambda s: s.encode() if isinstance(s, str) else s,
                            otypes=[object])(arr) if arr.size else arr
    if target.is_integer and (inferred.is_integer or inferred is _dt.bool_):
        raw = np.array(value)
        if raw.dtype.kind in "iub":
            return raw.astype(target.as_numpy_dtype)
    with np.errstate(over="ignore"):   # 1e40 as float32 is inf, silently as in TF
        return np.array(value, dtype=target.as_numpy_dtype)


def _holds_tensor(v):
    return any(isinstance(e, Tensor) or isinstance(e, (list, tuple)) and _holds_tensor(e)
               for e in v)


def constant(value, dtype=None, shape=None, name: str = "Const",
             verify_shape: bool = False) -> Tensor:
    """Creates a constant tensor (TF 1.x `tf.constant`).

    Args:
      value: a Python or NumPy value (a scalar fills `shape`).
      dtype: the element type; inferred as TF does when None.
      shape: optional shape; a scalar or list of matching size is reshaped.
    Returns:
      A Tensor.
    Raises:
      TypeError: the value does not fit the dtype.
      ValueError: the value does not fit the shape.

    >>> tf.constant([1.0, 2.0]).dtype
    tf.float32
    """
    if (shape is not None and value is not None and not isinstance(value, (np.ndarray, np.generic))
            and not _array_like(value) and _shape_size(shape) == 0):
        # TF's make_tensor_proto: a Python value filling no elements is not read at all
        # (np.empty of the dtype; float64, kept as float32, when none is given)
        return _const_op(np.empty(tuple(shape), dtype=_dt.as_dtype(dtype or _dt.float32)
                                  .as_numpy_dtype), dtype or _dt.float32, name)
    if isinstance(value, (list, tuple)) and _holds_tensor(value):   # TF's make_tensor_proto
        if dtype is None:
            raise TypeError("List of Tensors when single Tensor expected")
        raise TypeError(f"Expected {_dt.as_dtype(dtype).name}, got list containing Tensors of "
                        "type '_Message' instead.")
    arr = to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(int(d) for d in (shape if isinstance(shape, (list, tuple)) else
                                       TensorShape(shape).as_list()))
        n = int(np.prod(shape)) if shape else 1
        if verify_shape and arr.shape != shape:
            raise TypeError(f"Expected Tensor's shape: {shape}, got {arr.shape}.")
        given = arr.reshape(-1)
        if arr.size == n:
            arr = arr.reshape(shape)
        elif arr.size == 1:
            arr = np.full(shape, arr.reshape(()), dtype=arr.dtype)
        elif arr.size < n and arr.ndim <= 1:
            # TF pads a short list with its last element.
            flat = np.concatenate([arr.ravel(), np.repeat(arr.ravel()[-1:], n - arr.size)])
            arr = flat.reshape(shape)
        else:
            raise ValueError(f"Too many elements provided. Needed at most {n}, but received "
                             f"{arr.size}")
    dtype = _dt.as_dtype(dtype).base_dtype if dtype is not None else _infer_dtype(arr)
    fill = given if shape is not None and 0 < given.size < arr.size else None
    return _const_op(arr, dtype, name, fill)


def _const_op(arr, dtype, name, fill_values=None):
    arr.flags.writeable = False
    attrs = {"value": arr, "dtype": _dt.as_dtype(dtype).base_dtype}
    if fill_values is not None:
        fill_values.flags.writeable = False   # TF's proto keeps the values given, not the filled
        attrs["fill_values"] = fill_values
    return get_default_graph()._create_op("Const", [], attrs, name)._outputs[0]


def _shape_size(shape):
    """The element count TF 1.14's make_tensor_proto takes of `shape` for a Python value,
    `np.prod(shape, dtype=np.int64)`, with the errors NumPy raises there: a Tensor in the
    shape (a sequence to NumPy) is a ValueError, a string a TypeError."""
    if isinstance(shape, Tensor) or isinstance(shape, (list, tuple)) and _holds_tensor(shape):
        raise ValueError("setting an array element with a sequence.")
    dims = shape if isinstance(shape, (list, tuple)) else TensorShape(shape).as_list()
    if builtins.any(isinstance(d, (str, bytes)) for d in dims):
        raise TypeError("cannot perform reduce with flexible type")
    return int(np.prod([int(d) for d in dims], dtype=np.int64)) if dims else 1


def convert_to_tensor(value, dtype=None, name: str | None = None, preferred_dtype=None,
                      as_ref: bool = False, dtype_hint=None) -> Tensor:
    """Converts Tensors, Variables, NumPy and Python values to a Tensor.

    Python floats become float32 and ints int32 unless `dtype` says otherwise;
    a Tensor of another dtype than `dtype` raises ValueError, as in TF.
    """
    preferred_dtype = preferred_dtype or dtype_hint
    if isinstance(value, Tensor):
        if dtype is not None:
            dtype = _dt.as_dtype(dtype)
            if not dtype.is_compatible_with(value.dtype) or (
                    dtype.base_dtype is not value.dtype.base_dtype):
                raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor "
                                 f"with dtype {value.dtype.name}: {str(value)!r}")
        return value
    for _, base_type, fn in _CONVERSIONS:
        if isinstance(value, base_type):
            t = None
            if dtype is None and preferred_dtype is not None:  # TF tries the preferred first
                try:
                    t = fn(value, dtype=preferred_dtype, name=name, as_ref=as_ref)
                except (TypeError, ValueError):
                    t = None
            if t is None or t is NotImplemented:
                t = fn(value, dtype=dtype, name=name, as_ref=as_ref)
            if t is NotImplemented:     # as TF: the function declines, the next one is tried
                continue
            if dtype is not None and t.dtype.base_dtype is not _dt.as_dtype(dtype).base_dtype:
                raise ValueError(f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} "
                                 f"for Tensor with dtype {t.dtype.name}: {str(t)!r}")
            return t
    if isinstance(value, Operation):
        raise TypeError(f"Can't convert Operation '{value.name}' to Tensor (target dtype="
                        f"{dtype}, name={name!r}, as_ref={as_ref})")
    if dtype is None and preferred_dtype is not None:
        try:
            return constant(value, dtype=preferred_dtype, name=name or "Const")
        except (TypeError, ValueError):
            pass
    return constant(value, dtype=dtype, name=name or "Const")


def convert_n_to_tensor(values, dtype=None, name: str | None = None,
                        preferred_dtype=None) -> list[Tensor]:
    return [convert_to_tensor(v, dtype, None if name is None else f"{name}_{i}", preferred_dtype)
            for i, v in enumerate(values)]


def is_tensor(x) -> bool:
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element") and not isinstance(
        x, Operation)


@reads_value
def const_value(t: Tensor) -> np.ndarray | None:
    """The NumPy value of `t` if it is known at graph-build time, else None."""
    op = t.op
    if op.type == "Const":
        return op._attrs["value"]
    if op.type == "Shape" and t.op._inputs[0].shape.is_fully_defined():
        return np.array(t.op._inputs[0].shape.as_list(), dtype=t.dtype.as_numpy_dtype)
    if op.type == "ShapeN":  # as TF's shape inference (Conv2D's gradient uses ShapeN)
        src = op._inputs[t.value_index]
        if src.shape.is_fully_defined():
            return np.array(src.shape.as_list(), dtype=t.dtype.as_numpy_dtype)
        return None
    if op.type == "Cast":  # as TF's tensor_util.constant_value
        v = const_value(op._inputs[0])
        return None if v is None else np.asarray(v).astype(t.dtype.as_numpy_dtype)
    if op.type == "Range":  # as TF's tensor_util.constant_value
        a, b, c = (const_value(i) for i in op._inputs)
        if a is None or b is None or c is None:
            return None
        return np.arange(a, b, c, dtype=t.dtype.as_numpy_dtype)
    if op.type in ("Equal", "NotEqual"):
        a, b = const_value(op._inputs[0]), const_value(op._inputs[1])
        if a is None or b is None:
            return None
        return np.equal(a, b) if op.type == "Equal" else np.not_equal(a, b)
    return None


def _dimension_to_tensor(d, dtype=None, name=None, as_ref=False):
    """A known Dimension as an int32 (or int64) constant, as TF 1.14's conversion."""
    if d.value is None:
        raise ValueError(f"Cannot convert an unknown Dimension to a Tensor: {d}")
    if dtype is not None:
        if _dt.as_dtype(dtype) not in (_dt.int32, _dt.int64):
            raise TypeError(f"Cannot convert a TensorShape to dtype: {_dt.as_dtype(dtype)}")
    else:
        dtype = _dt.int32
    return constant(d.value, dtype=dtype, name=name or "shape_as_tensor")


register_tensor_conversion_function(Dimension, _dimension_to_tensor, 100)


def _tensor_shape_to_tensor(s, dtype=None, name=None, as_ref=False):
    """A fully defined TensorShape as an int32 constant (int64 when a dimension needs it, or
    as asked), as TF 1.14's conversion; ValueError for a partially known shape."""
    if not s.is_fully_defined():
        raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: {s}")
    dims = s.as_list()
    too_big = next((d for d in dims if d >= 2**31), 0)
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
        if dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Cannot convert a TensorShape to dtype: {dtype}")
        if dtype == _dt.int32 and too_big:
            raise ValueError("Cannot convert a TensorShape to dtype int32; a dimension is too "
                             f"large ({too_big})")
    else:
        dtype = _dt.int64 if too_big else _dt.int32
    return constant(dims, dtype=dtype, name=name or "shape_as_tensor")


register_tensor_conversion_function(TensorShape, _tensor_shape_to_tensor, 100)

VALUE_READERS["const_value"] = const_value   # graph.py's error context reads with it
