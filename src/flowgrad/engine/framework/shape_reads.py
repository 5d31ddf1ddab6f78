"""Which inputs' build-time values an op's shape inference reads, for TF's error context.

TF's C++ shape inference runs an op's shape function first with no input values; when the
function asked for some (`c->input_tensor(i)`, or `c->MakeShapeFromShapeTensor(i)` for a
shape given as a tensor), the shape refiner evaluates those inputs and runs it again. An
error names the op, its input shapes, and the values asked for before the failing run
(InferenceContext::AttachContext):

    ... and with computed input tensors: input[1] = <0 5>
    ... and with input tensors computed as partial shapes: input[1] = [5,?]

flowgrad's `infer` functions read input values through `const_value` and its relatives
(`folded_value`, `shape_value`, ...), all wrapped by `reads_value`: while an op's `infer`
runs under `tracking(inputs)`, the first such read of one of ITS inputs is noted (and,
with `masked`, answered None: TF's first run, which knows no values).
"""
from __future__ import annotations

import functools
import threading

import numpy as np

from . import fpenv
from .errors import c_escape

# op type -> the inputs TF's shape function reads with MakeShapeFromShapeTensor (a shape
# given as a tensor: -1 is an unknown dim, anything below is an error of the refiner)
PARTIAL_SHAPE_INPUTS: dict[str, tuple[int, ...]] = {
    "Reshape": (1,), "Fill": (0,), "Slice": (1, 2), "BroadcastTo": (1,), "Tile": (1,),
    "Empty": (0,),
    "RandomUniform": (0,), "RandomStandardNormal": (0,), "TruncatedNormal": (0,),
    "RandomUniformInt": (0,), "RandomGamma": (0,), "RandomPoisson": (0,),
    "RandomPoissonV2": (0,), "ParameterizedTruncatedNormal": (0,),
    "StatelessRandomUniform": (0,), "StatelessRandomNormal": (0,),
    "StatelessTruncatedNormal": (0,), "StatelessRandomUniformInt": (0,),
    "ScatterNd": (2,), "SparseToDense": (1,), "SparseTensorDenseMatMul": (2,),
    "Conv2DBackpropInput": (0,), "Conv2DBackpropFilter": (1,),
    "Conv3DBackpropInputV2": (0,), "Conv3DBackpropFilterV2": (1,),
    "DepthwiseConv2dNativeBackpropInput": (0,), "DepthwiseConv2dNativeBackpropFilter": (1,),
    "AvgPoolGrad": (0,), "AvgPool3DGrad": (0,),
}


class _Reads:
    __slots__ = ("inputs", "read", "depth", "known")

    def __init__(self, inputs, known):
        self.inputs = inputs
        self.read: set[int] = set()
        self.depth = 0
        self.known = known


class _ThreadStack(threading.local):
    """Per thread (two threads whose op builds fail at once each replay their own op's
    runs): the records of the shape inferences being tracked, innermost last."""

    def __init__(self):
        self.stack: list[_Reads] = []


_LOCAL = _ThreadStack()


class tracking:
    """Notes (in `.read`) which of `inputs` an op's shape inference reads the value of;
    with `known` (a set of input indices), the others' values are unknown, as in TF's
    runs of a shape function before the refiner evaluated them."""

    __slots__ = ("reads",)

    def __init__(self, inputs, known=None):
        self.reads = _Reads(inputs, known)

    def __enter__(self):
        _LOCAL.stack.append(self.reads)
        return self.reads

    def __exit__(self, *exc):
        _LOCAL.stack.pop()
        return False


def _unknown(t):
    return None


def reads_value(fn=None, *, unknown=_unknown):
    """Wraps a build-time value reader `fn(t, ...)` so that reads are tracked; `unknown(t)`
    is its answer for a value not known yet."""
    if fn is None:
        return functools.partial(reads_value, unknown=unknown)

    @functools.wraps(fn)
    def reader(t, *args, **kwargs):
        stack = _LOCAL.stack
        if not stack:
            return fn(t, *args, **kwargs)
        r = stack[-1]
        if r.depth:
            return fn(t, *args, **kwargs)
        masked = False
        for i, x in enumerate(r.inputs):
            if x is t:
                r.read.add(i)
                masked = masked or (r.known is not None and i not in r.known)
        if masked:
            return unknown(t)
        r.depth += 1
        try:
            return fn(t, *args, **kwargs)
        finally:
            r.depth -= 1
    return reader


class untracked:
    """Reads values with no tracking (formatting the error context)."""

    def __enter__(self):
        stack = _LOCAL.stack
        self.saved = stack[:]
        stack.clear()

    def __exit__(self, *exc):
        _LOCAL.stack[:] = self.saved
        return False


# -- TF's Tensor::SummarizeValue(256) ----------------------------------------------------------
def _element(v, kind, dtype):
    if kind == "b":
        return "1" if v else "0"
    if kind == "f":
        if np.isnan(v):
            return "nan"
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        if dtype.itemsize <= 4:   # FloatToBuffer: %.6g, else %.9g when it does not round-trip
            s = "%.6g" % v
            return s if np.float32(s) == np.float32(v) else "%.9g" % v
        s = "%.15g" % v
        return s if float(s) == float(v) else "%.17g" % v
    if kind in "iu":
        return str(int(v))
    if kind == "c":
        return f"({_element(v.real, 'f', np.dtype(v.real.dtype))},"\
               f"{_element(v.imag, 'f', np.dtype(v.imag.dtype))})"
    if kind in "SUO":
        return c_escape(v if isinstance(v, bytes) else str(v))
    return "?"


@fpenv.ieee
def summarize(a, limit, fmt, flat=False) -> str:
    """TF's Tensor::SummarizeValue layout of the first `limit` elements of array `a`, each
    written by `fmt`: `0 5` (flat: ranks 0 and 1, or `flat`), `[1 -1][0 0]` for higher
    ranks, then `...` when elements were left out (also tf.Print's summary). With IEEE
    denormals (fpenv.ieee): C's printf writes a denormal's digits under the run's DAZ,
    Python's float formatting and comparisons would read it as zero."""
    flat_a = a.reshape(-1)
    n = flat_a.size
    if a.ndim <= 1 or flat:
        out = " ".join(fmt(flat_a[i]) for i in range(limit))
        return out + ("..." if n > limit else "")
    res: list[str] = []
    idx = [0]
    shape = a.shape

    def one_dim(d):
        if idx[0] >= limit:
            return
        if d == len(shape) - 1:
            for i in range(shape[d]):
                if idx[0] >= limit:
                    if d != 0:
                        res.append("...")
                    return
                if i > 0:
                    res.append(" ")
                res.append(fmt(flat_a[idx[0]]))
                idx[0] += 1
            return
        for _ in range(shape[d]):
            opened = idx[0] < limit
            if opened:
                res.append("[")
            one_dim(d + 1)
            if idx[0] < limit or opened:
                res.append("]")
    one_dim(0)
    return "".join(res) + ("..." if n > limit else "")


def summarize_value(value, max_entries: int = 256) -> str:
    """TF's `Tensor::SummarizeValue(max_entries)`: `0 5`, `[1 -1][0 0]`, `5.5`, then `...`."""
    a = np.asarray(value)
    kind, dtype = a.dtype.kind, a.dtype
    return summarize(a, min(max_entries, a.size), lambda v: _element(v, kind, dtype),
                     flat=kind in "SUO")
