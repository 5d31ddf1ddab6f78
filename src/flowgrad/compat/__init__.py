"""`flowgrad.compat` (TF's `tf.compat`): `v1` is the whole flowgrad namespace (TF 1.x API),
plus TF 1.x's text/bytes helpers. `tf_alias` makes `import tensorflow` give flowgrad.

`flowgrad.compat.v1` is flowgrad itself: flowgrad/__init__.py sets the attribute and
its sys.modules entry (this package does not import flowgrad back)."""
from __future__ import annotations


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

