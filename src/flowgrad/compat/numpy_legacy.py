"""NumPy 1.x names that TF 1.x scripts use and NumPy 2 removed, for `flowgrad run`.

TF 1.14 runs on NumPy 1.16, where `np.float`, `np.asscalar`, `np.NaN`,
`np.reshape(a, newshape=...)`, binary `np.fromstring` or `ndarray.tostring()` all
work; the scripts written for it use them freely. `legacy_numpy_names()` is a context manager
(entered by `flowgrad run` around the script) that, on a NumPy that lacks them,
puts these names back on the `numpy` module with their NumPy 1.16 meaning, and
takes them away again on exit. On a NumPy that still has a name it is left alone.
"""
from __future__ import annotations

import builtins
import contextlib
import ctypes
import functools
import gc

import numpy as np

# name -> what NumPy 1.16 gave for it (removed in NumPy 1.24 / 2.0)
_ALIASES = {
    "float": builtins.float, "int": builtins.int, "bool": builtins.bool,
    "object": builtins.object, "str": builtins.str, "long": builtins.int,
    "unicode": builtins.str, "complex": builtins.complex,
    "float_": np.float64, "complex_": np.complex128, "cfloat": np.complex128,
    "longfloat": np.longdouble, "longcomplex": np.clongdouble,
    "clongfloat": np.clongdouble, "singlecomplex": np.complex64,
    "int0": np.intp, "uint0": np.uintp, "bool8": np.bool_, "object0": np.object_,
    "string_": np.bytes_, "unicode_": np.str_, "str0": np.str_,
    "NaN": np.nan, "NAN": np.nan, "Inf": np.inf, "Infinity": np.inf, "PINF": np.inf,
    "NINF": -np.inf, "infty": np.inf,
    "product": np.prod, "cumproduct": np.cumprod, "alltrue": np.all, "sometrue": np.any,
    "round_": np.round,
}


def _asscalar(a):
    """NumPy 1.16's `np.asscalar`: the Python scalar of a size-1 array."""
    return a.item()


def _legacy_reshape(reshape):
    @functools.wraps(reshape)
    def wrapper(a, *args, newshape=None, **kwargs):
        if newshape is not None:  # NumPy 1.x's keyword for `shape`
            kwargs["shape"] = newshape
        return reshape(a, *args, **kwargs)
    return wrapper


def _legacy_fromstring(fromstring):
    @functools.wraps(fromstring)
    def wrapper(string, dtype=float, count=-1, sep="", **kwargs):
        if sep == "":  # NumPy 1.x's binary mode: a copy of the bytes' values
            return np.frombuffer(string, dtype=dtype, count=count, **kwargs).copy()
        return fromstring(string, dtype=dtype, count=count, sep=sep, **kwargs)
    return wrapper


def _takes_newshape(fn):
    try:
        fn(np.zeros(1), newshape=(1,))
        return True
    except TypeError:
        return False


def _binary_fromstring_works():
    try:
        np.fromstring(b"\0", dtype=np.uint8)
        return True
    except (ValueError, DeprecationWarning):
        return False


def _set_method(cls, name, fn):
    """Adds (or, with fn None, removes) method `name` of NumPy type `cls`: CPython keeps a
    type's attributes in the dict behind its read-only `__dict__` proxy, and PyType_Modified
    refreshes the type's attribute cache. False where that is not possible."""
    try:
        d = gc.get_referents(cls.__dict__)[0]
        modified = ctypes.pythonapi.PyType_Modified
    except (IndexError, AttributeError, TypeError):
        return False
    if not isinstance(d, dict):
        return False
    if fn is None:
        d.pop(name, None)
    else:
        d[name] = fn
    modified(ctypes.py_object(cls))
    return True


@contextlib.contextmanager
def legacy_numpy_names():
    """While active, `numpy` also has the NumPy 1.16 names listed above."""
    added = [name for name in _ALIASES if name not in np.__dict__]
    replaced = {}
    if "asscalar" not in np.__dict__:
        added.append("asscalar")
    if not _takes_newshape(np.reshape):
        replaced["reshape"] = np.reshape
    if not _binary_fromstring_works():
        replaced["fromstring"] = np.fromstring
    for name in added:
        setattr(np, name, _asscalar if name == "asscalar" else _ALIASES[name])
    wrappers = {"reshape": _legacy_reshape, "fromstring": _legacy_fromstring}
    for name, fn in replaced.items():
        setattr(np, name, wrappers[name](fn))
    # ndarray.tostring (NumPy 1.x's name for tobytes; TFRecord-writing scripts call it)
    tostring = [cls for cls in (np.ndarray, np.generic) if not hasattr(cls, "tostring")
                and _set_method(cls, "tostring", cls.tobytes)]
    try:
        yield
    finally:
        for name in added:
            np.__dict__.pop(name, None)
        for name, fn in replaced.items():
            setattr(np, name, fn)
        for cls in tostring:
            _set_method(cls, "tostring", None)
