"""TF 1.14's older TensorArray ops: TensorArray (v1, a string_ref handle, removed at GraphDef
version 16), TensorArrayV2 (a string handle, removed at 26) and their Read/Write/Gather/
Scatter/Concat/Split/Size/Close/Grad forms (v1 also Pack and Unpack: Gather and Scatter of
every index).

Unlike TensorArrayV3 (tensor_array.py), these arrays have no flow output: the first write's
flow_in is any float (TF's Python wrote a Const 0.0), and every op takes (handle, ...,
flow_in) in TF's order. So the array lives in the handle, as in TF's step resource: the
creation op's value is a `_Handle` holding the current TensorArrayValue, which the writes
replace (with V3's kernels and checks), and a flow output is the flow_in passed on. The
gradient array (TensorArrayGrad[V2]) is TF's: one per source, the forward's size and element
shape, writes to one index summed, and the forward no longer grows.

Gradients as TF 1.14's: its tensor_array_grad.py rules for Read/Write/Gather/Scatter/Concat/
Split (v1 and v2) build TensorArrayGradV3 of the string handle, which TF's op_def_library
refuses (a TypeError); Pack and Unpack have none (LookupError); the rest are not
differentiable.
"""
from __future__ import annotations

import numpy as _np

from ..framework import dtypes as _dt
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import tensor_array as _ta

__all__ = []


class _Handle:
    """A v1/v2 TensorArray in a run: its current value (TF's step resource)."""

    __slots__ = ("ta", "closed", "grads", "aggregate", "container", "shape", "like")

    def __init__(self, ta, shape, aggregate=False, container="_tensor_arrays", like=None):
        self.ta = ta
        self.closed = False
        self.grads = {}
        self.aggregate = aggregate   # a gradient array: writes to one index add
        self.container = container
        self.shape = shape           # the element_shape attr (a TensorShape), as TF checks it
        self.like = like or {}       # a gradient array: the forward's element shapes

    def fetched(self):   # TF's value of the handle (session.py): [container, name]
        return _np.array([self.container.encode(), self.ta.meta.name.encode()], object)


def _open(h):
    if h.closed:
        raise _ta._invalid(f"TensorArray {h.ta.meta.name} has already been closed.")
    return h.ta


def _new_bind(node, ctx):
    attrs = dict(node.attrs)
    name = node.name

    def run(size):
        return _Handle(_ta._new_kernel(size, op_name=name, **attrs)[1],
                       TensorShape(attrs.get("element_shape")))
    return run


def _flow_out(flow):
    return _np.array(flow, _np.float32)


def _aggregated(h, i, value):
    """A gradient array's write to a written index: TF's sum (same shape), written anew."""
    old = h.ta.elems.get(i)
    if old is None:
        return h.ta, value
    value = _np.asarray(value)
    if old.shape != value.shape:
        raise _ta._invalid(f"TensorArray {h.ta.meta.name}: Could not aggregate to TensorArray "
                           f"index {i} because the existing shape is "
                           f"{_ta._shape_str(old.shape)} but the new input shape is "
                           f"{_ta._shape_str(value.shape)}.")
    elems = {k: v for k, v in h.ta.elems.items() if k != i}
    return _ta.TensorArrayValue(elems, h.ta.size, h.ta.meta), old + value


def _check_shape(h, i, value):
    """TF's check of a written value against the element_shape attr (the array's size
    checked first, as TF's)."""
    ta = h.ta
    if 0 <= i < ta.size or ta.meta.dynamic:
        shape = _np.shape(value)
        if not h.shape.is_compatible_with(TensorShape(shape)):
            raise _ta._incompatible(ta.meta, i, shape, _ta._partial_str(h.shape))


def _write(h, index, value, flow_in, **_):
    ta = _open(h)
    _ta._check_dtype(ta, value)
    _check_shape(h, int(index), value)
    if h.aggregate:
        ta, value = _aggregated(h, int(index), value)
    h.ta = _ta._write_kernel(ta, index, value)
    return _flow_out(flow_in)


def _scatter(h, indices, value, flow_in, **_):
    ta = _open(h)
    _ta._check_dtype(ta, value)
    value = _np.asarray(value)
    if h.shape.dims is not None and value.ndim:
        for k, i in enumerate(_np.asarray(indices).reshape(-1).tolist()[:len(value)]):
            _check_shape(h, i, value[k])
    if h.aggregate:   # one index at a time, each summed into what is there
        value = _np.asarray(value)
        for k, i in enumerate(_np.asarray(indices).reshape(-1).tolist()):
            _write(h, i, value[k], flow_in)
        return _flow_out(flow_in)
    h.ta = _ta._scatter_kernel(ta, indices, value)
    return _flow_out(flow_in)


def _split(h, value, lengths, flow_in, **_):
    h.ta = _ta._split_kernel(_open(h), value, lengths)
    return _flow_out(flow_in)


def _filled(h, indices):
    """h's array, with a gradient array's unwritten indices in `indices` as zeros shaped
    like the forward's elements (TF's CopyShapesFrom)."""
    ta = _open(h)
    new = {i: _np.zeros(h.like[i], ta.meta.dtype) for i in indices
           if i not in ta.elems and i in h.like}
    return _ta.TensorArrayValue({**ta.elems, **new}, ta.size, ta.meta) if new else ta


def _read(h, index, flow_in, **_):
    return _ta._read_kernel(_filled(h, [int(index)]), index)


def _gather(h, indices, flow_in, element_shape=None, **_):
    ta = _filled(h, _np.asarray(indices).reshape(-1).tolist())
    return _ta._gather_kernel(ta, indices, element_shape=TensorShape(element_shape))


def _pack(h, flow_in, element_shape=None, **_):
    ta = _open(h)
    return _ta._gather_kernel(ta, _np.arange(ta.size), element_shape=TensorShape(element_shape))


def _unpack(h, value, flow_in, **_):
    value = _np.asarray(value)
    return _scatter(h, _np.arange(value.shape[0] if value.ndim else 0), value, flow_in)


def _concat(h, flow_in, **_):
    return _ta._concat_kernel(_open(h))


def _size(h, flow_in):
    return _np.int32(_open(h).size)


def _close(h):
    h.closed = True


def _grad(h, flow_in, source=""):
    """TF's TensorArrayGradOp: the array of `source` (made on first use: the forward's size
    and element shape, not resizable, clears after read); the forward stops growing."""
    fwd = _open(h)
    g = h.grads.get(source)
    if g is None:
        fwd.meta.dynamic = False
        m = fwd.meta
        meta = _ta._Meta(f"{m.name}@{source}", m.dtype, False, True, m.identical, m.shape)
        like = {i: _np.shape(v) for i, v in fwd.elems.items()}
        g = h.grads[source] = _Handle(_ta.TensorArrayValue({}, fwd.size, meta), h.shape,
                                      True, "_tensor_array_grads", like)
    return g


def _tf_grad(op, *grads):
    """TF 1.14's rule builds TensorArrayGradV3 of this op's handle: refused for a string
    handle by TF's op_def_library."""
    raise TypeError(f"Input 'handle' of 'TensorArrayGradV3' Op has type "
                    f"{op._inputs[0].dtype.name} that does not match expected type of resource.")


def _outs(*outs):
    return lambda inputs, attrs: [(d if d is not None else attrs["dtype"], s) for d, s in outs]


_UNKNOWN = TensorShape(None)
_SCALAR = TensorShape([])
_FLOW = (_dt.float32, _SCALAR)
# v2: TF's shape functions (a [2] string handle, a scalar flow, unknown values); v1: none
_V2 = {"": _outs((_dt.string, TensorShape([2]))), "Write": _outs(_FLOW),
       "Scatter": _outs(_FLOW), "Split": _outs(_FLOW), "Read": _outs((None, _UNKNOWN)),
       "Gather": _outs((None, _UNKNOWN)),
       "Concat": _outs((None, _UNKNOWN), (_dt.int64, TensorShape([None]))),
       "Size": _outs((_dt.int32, _SCALAR)), "Close": _outs(),
       "Grad": _outs((_dt.string, TensorShape([2])))}
_V1 = {"": _outs((_dt.string._as_ref, _UNKNOWN)), "Write": _outs((_dt.float32, _UNKNOWN)),
       "Scatter": _outs((_dt.float32, _UNKNOWN)), "Split": _outs((_dt.float32, _UNKNOWN)),
       "Read": _outs((None, _UNKNOWN)), "Gather": _outs((None, _UNKNOWN)),
       "Concat": _outs((None, _UNKNOWN), (_dt.int64, _UNKNOWN)),
       "Size": _outs((_dt.int32, _UNKNOWN)), "Close": _outs(),
       "Grad": _outs((_dt.string._as_ref, _UNKNOWN)),
       "Pack": _outs((None, _UNKNOWN)), "Unpack": _outs((_dt.float32, _UNKNOWN))}
_KERNELS = {"Write": (_write, _tf_grad), "Scatter": (_scatter, _tf_grad),
            "Split": (_split, _tf_grad), "Read": (_read, _tf_grad),
            "Gather": (_gather, _tf_grad), "Concat": (_concat, _tf_grad),
            "Size": (_size, None), "Close": (_close, None), "Grad": (_grad, None)}

for _suffix, _infers in (("V2", _V2), ("", _V1)):
    register_op("TensorArray" + _suffix, infer=_infers[""], bind=_new_bind, grad=None,
                stateful=True)
    for _kind, (_kernel, _rule) in _KERNELS.items():
        register_op(f"TensorArray{_kind}{_suffix}", infer=_infers[_kind], kernel=_kernel,
                    grad=_rule, stateful=_kind == "Grad")
register_op("TensorArrayPack", infer=_V1["Pack"], kernel=_pack, grad=no_gradient_registered)
register_op("TensorArrayUnpack", infer=_V1["Unpack"], kernel=_unpack,
            grad=no_gradient_registered)
