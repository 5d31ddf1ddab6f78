"""The one on-disk format of every golden file (Python 3.7-compatible: the TF 1.14
oracle imports it too).

A golden file is JSON:

    {"format": "flowgrad-golden/1",
     "generator": "tests/golden/<area>/<module>.py",
     "versions": {"tensorflow": "1.14.0", "numpy": "1.16.6", "python": "3.7.16"},
     "cases": {"<case name>": <value>, ...}}

Values are JSON with tagged objects for what JSON cannot hold:
  {"__nd__": "<numpy dtype str>", "shape": [...], "b64": "<raw little-endian bytes>"}
      NumPy arrays and scalars (0-d); object arrays of bytes are stored as
      {"__nd__": "bytes", "shape": [...], "items": [<b64>, ...]}
  {"__bytes__": "<b64>"}                     bytes
  {"__float__": "nan" | "inf" | "-inf"}      non-finite Python floats
  {"__tuple__": [...]}                       tuples (lists stay lists)
  {"__error__": "<TF error class name>", "message": "..."}   a raised error (an
      exception instance, or a GoldenError to record part of a message)
"""
from __future__ import absolute_import

import base64
import json
import math
import os
import platform
import re

import numpy as np

FORMAT = "flowgrad-golden/1"


def encode(value):
    """`value` as JSON-able data with the tags above."""
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        arr = np.asarray(value)
        if arr.dtype.kind in "OSU":
            items = [base64.b64encode(v if isinstance(v, bytes) else str(v).encode()).decode()
                     for v in arr.reshape(-1).tolist()]
            return {"__nd__": "bytes", "shape": list(arr.shape), "items": items}
        shape = list(arr.shape)   # before ascontiguousarray, which makes 0-d arrays 1-d
        arr = np.ascontiguousarray(arr)
        dt = arr.dtype.newbyteorder("<") if arr.dtype.byteorder == ">" else arr.dtype
        return {"__nd__": dt.str, "shape": shape,
                "b64": base64.b64encode(arr.astype(dt).tobytes()).decode()}
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"__float__": "nan"}
        if math.isinf(value):
            return {"__float__": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode()}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, BaseException):
        return {"__error__": type(value).__name__, "message": str(value)}
    if isinstance(value, GoldenError):
        return {"__error__": value.cls, "message": value.message}
    raise TypeError("goldenio cannot encode %r (%s)" % (value, type(value).__name__))


def decode(data):
    """The inverse of `encode`."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__nd__" in data:
        shape = tuple(data["shape"])
        if data["__nd__"] == "bytes":
            items = [base64.b64decode(v) for v in data["items"]]
            arr = np.empty(len(items), dtype=object)
            arr[:] = items
            return arr.reshape(shape)
        raw = base64.b64decode(data["b64"])
        return np.frombuffer(raw, dtype=np.dtype(data["__nd__"])).reshape(shape).copy()
    if "__bytes__" in data:
        return base64.b64decode(data["__bytes__"])
    if "__float__" in data:
        return float(data["__float__"])
    if "__tuple__" in data:
        return tuple(decode(v) for v in data["__tuple__"])
    if "__error__" in data:
        return GoldenError(data["__error__"], data["message"])
    return {k: decode(v) for k, v in data.items()}


class GoldenError(object):
    """A recorded exception: its class name and message."""

    def __init__(self, cls, message):
        self.cls = cls
        self.message = message

    def __repr__(self):
        return "GoldenError(%r, %r)" % (self.cls, self.message)

    def __eq__(self, other):
        return (isinstance(other, GoldenError) and
                (self.cls, self.message) == (other.cls, other.message))

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    @classmethod
    def of(cls, exc, message=None):
        """A recorded `exc` (its class name), with `message` in place of str(exc) if given;
        generators use it to keep only part of a message (e.g. an OpError's first line)."""
        return cls(type(exc).__name__, str(exc) if message is None else message)


def versions():
    """The versions that produced a golden (TensorFlow only when it is imported)."""
    import sys
    out = {"numpy": np.__version__, "python": platform.python_version()}
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        out["tensorflow"] = tf.__version__
    return out


def hex_bits(x):
    """{"dtype", "shape", "hex"}: a float32/float64 array's IEEE bit patterns,
    space-separated (the linalg bit goldens' form)."""
    x = np.asarray(x)
    u = x.view(np.uint32 if x.dtype == np.float32 else np.uint64).ravel()
    width = 8 if x.dtype == np.float32 else 16
    return {"dtype": x.dtype.name, "shape": list(x.shape),
            "hex": " ".join(format(int(v), "0%dx" % width) for v in u)}


def host_vendor():
    """The CPU vendor of the machine making a golden ("intel" or "amd"): TF's float32 bits
    can depend on it (src/flowgrad/engine/ops/host_cpu.py)."""
    with open("/proc/cpuinfo", "rb") as f:
        head = f.read(4096)
    return "intel" if b"GenuineIntel" in head else "amd"


def relative_paths(value, root):
    """`value` with the checkout's path `root` removed from every string (in lists, tuples,
    dict values and recorded errors' messages: an exception becomes its GoldenError), so
    that goldens holding tracebacks or file names do not depend on where the repository
    lives. Both spellings go: `/<root>/` and `<root>/` without its
    leading separator, which is how TF 1.14's OpError "defined at" and "Original stack
    trace" paths come out (error_interpolation strips the common prefix of the traceback
    files, `/` when they lie under both the checkout and site-packages). A path that only
    contains the root's words further in (/tmp/<root>/...) is left alone."""
    sep = re.escape(os.sep)
    at = re.compile(r"(?<![\w.~%s-])%s?%s" % (sep, sep,
                                              re.escape(root.strip(os.sep) + os.sep)))
    if isinstance(value, str):
        return at.sub("", value)
    if isinstance(value, list):
        return [relative_paths(v, root) for v in value]
    if isinstance(value, tuple):
        return tuple(relative_paths(v, root) for v in value)
    if isinstance(value, dict):
        return {k: relative_paths(v, root) for k, v in value.items()}
    if isinstance(value, BaseException):
        value = GoldenError.of(value)
    if isinstance(value, GoldenError):
        return GoldenError(value.cls, relative_paths(value.message, root))
    return value


def write(path, cases, generator):
    """Writes `cases` (name -> value) to `path` with the header; keys sorted."""
    doc = {"format": FORMAT, "generator": generator, "versions": versions(),
           "cases": {k: encode(v) for k, v in sorted(cases.items())}}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


def read(path):
    """(header, cases) of a golden file; raises ValueError for another format."""
    with open(path) as f:
        doc = json.load(f)
    if doc.get("format") != FORMAT:
        raise ValueError("%s is not a %s file" % (path, FORMAT))
    cases = {k: decode(v) for k, v in doc["cases"].items()}
    header = {k: v for k, v in doc.items() if k != "cases"}
    return header, cases
