"""Python functions as graph ops: PyFunc, PyFuncStateless and EagerPyFunc (tf.py_func & co).

The op holds a `token` attr ("pyfunc_N", numbered process-wide as in TF); the
function behind it is found in `_FUNCS` (weakly: the graph keeps it alive).
PyFunc and EagerPyFunc are stateful (never folded, merged or removed);
PyFuncStateless may be constant-folded or deduplicated like any pure op. An
exception the function raises becomes TF 1.14's error class for it
(ValueError/TypeError: InvalidArgumentError, StopIteration: OutOfRangeError, ...)
with the Python message and traceback.
"""
from __future__ import annotations

import itertools
import traceback
import weakref

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

__all__ = ["register_py_func", "EagerValue"]

_FUNCS = weakref.WeakValueDictionary()
_STRONG = {}          # functions that cannot be weakly referenced (builtins)
_TOKENS = itertools.count()

# exception class -> TF error class, as TF 1.14's py_func kernel maps them
_ERROR_FOR = ((StopIteration, errors.OutOfRangeError), (MemoryError, errors.ResourceExhaustedError),
              (NotImplementedError, errors.UnimplementedError),
              ((ValueError, TypeError), errors.InvalidArgumentError))


def register_py_func(func, graph):
    """A new token for `func`, kept alive as long as `graph` is."""
    token = f"pyfunc_{next(_TOKENS)}"
    try:
        _FUNCS[token] = func
    except TypeError:
        _STRONG[token] = func
    keep = graph.__dict__.setdefault("_py_funcs_used_in_graph", [])
    keep.append(func)
    return token


def _infer(inputs, attrs):
    return [(_dt.as_dtype(d), TensorShape(None)) for d in attrs["Tout"]]


class EagerValue(np.ndarray):
    """What an EagerPyFunc's function receives: an array with TF's `.numpy()`."""

    def numpy(self):
        return np.asarray(self).copy()


def _convert(value):
    """A returned value as an array (TF's FuncRegistry._convert: str -> bytes objects)."""
    if isinstance(value, np.ndarray) and value.dtype.char == "S":
        n = value.dtype.itemsize   # as TF: fixed-width bytes keep their NUL padding
        raw = np.frombuffer(value.tobytes(), dtype=f"V{n}") if n else []
        return np.array([v.tobytes() for v in raw] if n else [b""] * value.size,
                        dtype=object).reshape(value.shape)
    result = np.asarray(value, order="C")
    if result.dtype.char in "SU":
        flat = [x.encode("utf8") if isinstance(x, str) else bytes(x) for x in result.ravel()]
        return np.array(flat, dtype=object).reshape(result.shape)
    return result


_NP_NAMES = {np.dtype(np.float32): "float", np.dtype(np.float64): "double",
             np.dtype(np.int32): "int32", np.dtype(np.int64): "int64",
             np.dtype(np.bool_): "bool", np.dtype(object): "string"}


def _run(node, eager):
    token = node.attrs["token"]
    tout = [_dt.as_dtype(d) for d in node.attrs["Tout"]]

    def call(*args):
        if eager:
            args = [np.asarray(a).view(EagerValue) for a in args]
        else:   # as TF: a 0-d input arrives as a NumPy scalar (bytes for a string)
            args = [a[()] if isinstance(a, np.ndarray) and a.ndim == 0 else a for a in args]
        try:
            ret = _registered(token)(*args)
            if eager:
                ret = _eager_outputs(ret, tout)
        except Exception as e:  # noqa: BLE001 - the function's error becomes TF's
            raise error_of(e) from None
        outs = _outputs(ret, tout, token)
        return outs[0] if len(outs) == 1 else (tuple(outs) if outs else None)
    return call


def _eager_outputs(ret, tout):
    """EagerPyFunc converts each value to its Tout dtype (TF's convert_to_tensor)."""
    if ret is None:
        return None
    single = not isinstance(ret, (list, tuple))
    vals = [ret] if single else list(ret)
    out = []
    for v, d in zip(vals, tout):
        arr = _convert(v)
        want = np.dtype(d.as_numpy_dtype)
        if arr.dtype != want:
            ok = (want.kind == "f" and arr.dtype.kind in "iuf") or (
                want.kind in "iu" and arr.dtype.kind in "iu")
            if not ok:
                raise TypeError(f"Cannot convert provided value to EagerTensor. Provided "
                                f"value: {v} Requested dtype: {d.name}")
            arr = arr.astype(want)
        out.append(arr)
    return out[0] if single else out + vals[len(out):]


def _outputs(ret, tout, token):
    if ret is None:
        vals = []
    elif isinstance(ret, (list, tuple)):
        vals = [_convert(x) for x in ret]
    else:
        vals = [_convert(ret)]
    if len(vals) != len(tout):
        raise errors.InvalidArgumentError(None, None, f"{token} returns {len(vals)} values, "
                                          f"but expects to see {len(tout)} values.")
    for i, (v, d) in enumerate(zip(vals, tout)):
        want = np.dtype(d.as_numpy_dtype)
        if v.dtype != want:
            got = _NP_NAMES.get(v.dtype) or _dt.as_dtype(v.dtype).name
            expected = _NP_NAMES.get(want, d.name)
            raise errors.InvalidArgumentError(None, None, f"{i}-th value returned by {token} "
                                              f"is {got}, but expects {expected}")
    return vals


def _registered(token):
    """The function of `token`; TF's FuncRegistry's ValueError where none is (freed with
    its graph, or a token of another process: an imported GraphDef's)."""
    func = _FUNCS.get(token) or _STRONG.get(token)
    if func is None:
        raise ValueError(f"callback {token} is not found")
    return func


def error_of(e):
    """The TF error a py_func raises for its function's exception `e` (TF 1.14's class
    for it; the message: the exception's line, then its traceback)."""
    cls = errors.UnknownError
    for kinds, err in _ERROR_FOR:
        if isinstance(e, kinds):
            cls = err
            break
    text = "".join(traceback.format_exception_only(type(e), e)).rstrip("\n")
    if not str(e):   # TF writes "<class>: <message>" even for an empty message
        text += ": "
    parts = traceback.format_exception(type(e), e, e.__traceback__)
    return cls(None, None, text + "\n" + "\n".join(parts) + "\n")


register_op("PyFunc", infer=_infer, bind=lambda node, ctx: _run(node, False), stateful=True,
            grad=None)
register_op("PyFuncStateless", infer=_infer, bind=lambda node, ctx: _run(node, False),
            grad=None)


def _eager_grad(op, *grads):
    """TF differentiates the function under an eager tape; flowgrad has no eager mode."""
    raise LookupError(f"No gradient for operation '{op.name}' (op type: EagerPyFunc): flowgrad "
                      "has no eager tape to differentiate a tf.py_function through; register "
                      "one with tf.RegisterGradient and g.gradient_override_map("
                      "{'EagerPyFunc': ...})")


register_op("EagerPyFunc", infer=_infer, bind=lambda node, ctx: _run(node, True), stateful=True,
            grad=_eager_grad)
