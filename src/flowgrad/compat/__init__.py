"""`flowgrad.compat` (TF's `tf.compat`): `v1` is the whole flowgrad namespace (TF 1.x API),
plus TF 1.x's text/bytes helpers. `tf_alias` makes `import tensorflow` give flowgrad.

`flowgrad.compat.v1` is flowgrad itself: flowgrad/__init__.py sets the attribute and
its sys.modules entry (this package does not import flowgrad back)."""
from __future__ import annotations

import contextlib as _contextlib
import datetime as _datetime
import numbers as _numbers

import numpy as _np


def as_bytes(bytes_or_text, encoding="utf-8"):
    """`tf.compat.as_bytes`: str is encoded with `encoding`; bytes pass through.

    Raises:
        TypeError: for anything that is neither bytes nor str.
    """
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


def as_text(bytes_or_text, encoding="utf-8"):
    """`tf.compat.as_text` (also `as_str`): bytes are decoded with `encoding`; str passes.

    Raises:
        TypeError: for anything that is neither bytes nor str.
    """
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


as_str = as_text


def as_str_any(value):
    """`tf.compat.as_str_any`: bytes decoded, anything else `str(value)`."""
    return as_text(value) if isinstance(value, bytes) else str(value)



# TF 1.14's compat type tuples (numbers' ABCs and NumPy's scalar types)
integral_types = (_numbers.Integral, _np.integer)
real_types = (_numbers.Real, _np.integer, _np.floating)
complex_types = (_numbers.Complex, _np.number)
bytes_or_text_types = (bytes, str)


def path_to_str(path):
    """`tf.compat.path_to_str`: a PathLike as its str; anything else unchanged."""
    if hasattr(path, "__fspath__"):
        path = as_str_any(path.__fspath__())
    return path


# TF 1.14's forward-compatibility horizon (tensorflow/python/compat/compat.py)
_FORWARD_COMPATIBILITY_HORIZON = _datetime.date(2019, 11, 1)


def forward_compatible(year, month, day):
    """`tf.compat.forward_compatible`: whether the horizon (TF 1.14's: 2019-11-01, moved
    by forward_compatibility_horizon) is after year-month-day."""
    return _FORWARD_COMPATIBILITY_HORIZON > _datetime.date(year, month, day)


@_contextlib.contextmanager
def forward_compatibility_horizon(year, month, day):
    """`tf.compat.forward_compatibility_horizon`: moves the horizon inside the block."""
    global _FORWARD_COMPATIBILITY_HORIZON
    old = _FORWARD_COMPATIBILITY_HORIZON
    try:
        _FORWARD_COMPATIBILITY_HORIZON = _datetime.date(year, month, day)
        yield
    finally:
        _FORWARD_COMPATIBILITY_HORIZON = old
