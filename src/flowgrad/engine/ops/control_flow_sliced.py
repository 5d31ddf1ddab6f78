"""The IndexedSlices gradient of a loop's capture (a tf.gather of a captured variable in a
tf.while_loop body), summed as TF 1.14's AddBackpropIndexedSlicesAccumulator sums it: the
indices and the values of every iteration concatenated, last iteration first, after a first
slice of zeros at index 0 (TF's accumulators start from it), and the dense shape the
maximum of the iterations' (from zeros). WhileGrad gives the parts as outputs (indices,
values, dense shape); the loop's gradient is an IndexedSlices of them, so an optimizer
applies TF's sparse update."""
from __future__ import annotations

import numpy as _np

from ..framework import branches
from ..framework import dtypes as _dt
from ..framework.indexed_slices import IndexedSlices
from ..framework.tensor_shape import TensorShape
from .construction import range as range_
from .construction import zeros, zeros_like
from .elementwise import maximum
from .joining import concat
from .shape import shape


def parts(gc):
    """The tensors WhileGrad's gradient body gives for a capture's gradient `gc`: [gc] for
    a tensor, [indices, values(, dense_shape)] for an IndexedSlices."""
    if not isinstance(gc, IndexedSlices):
        return [gc]
    out = [gc.indices, gc.values]
    return out + ([gc.dense_shape] if gc.dense_shape is not None else [])


def out_types(gc):
    """WhileGrad's (dtype, shape) per part of IndexedSlices `gc`: the indices and values
    grow with the iterations (TF's accumulators' shapes [None] and [None, ...]; its dense
    shape's Exit has none)."""
    vs = gc.values.shape
    vshape = TensorShape(None) if vs.ndims is None else TensorShape([None] + vs.as_list()[1:])
    out = [(gc.indices.dtype.base_dtype, TensorShape([None])),
           (gc.values.dtype.base_dtype, vshape)]
    if gc.dense_shape is not None:
        out.append((gc.dense_shape.dtype.base_dtype, TensorShape(None)))   # (TF's: no shape)
    return out


def spec(gc):
    """What the run-time sum needs of IndexedSlices `gc`: the numpy dtypes of its parts and
    its values' static shape after the first dimension (None when not fully known)."""
    vs = gc.values.shape
    tail = tuple(vs.as_list()[1:]) if vs.is_fully_defined() else None
    ds = gc.dense_shape
    return (gc.indices.dtype.as_numpy_dtype, gc.values.dtype.as_numpy_dtype, tail,
            None if ds is None else ds.dtype.as_numpy_dtype)


def accumulate(sp, got, cap):
    """The summed parts: `got` the iterations' parts in the order the gradient walks them
    (last iteration first); `cap` the captured value (the zero slice's shape when the
    values' is not known statically and no iteration ran)."""
    idt, vdt, tail, sdt = sp
    if got:
        tail = _np.shape(got[0][1])[1:]
    elif tail is None:
        shape = cap.shape if not isinstance(cap, _np.ndarray) and hasattr(cap, "shape") \
            else _np.shape(cap)
        tail = tuple(TensorShape(shape).as_list()[1:])
    out = [_np.concatenate([_np.zeros([1], idt)] + [p[0] for p in got]),
           _np.concatenate([_np.zeros((1,) + tuple(tail), vdt)] + [p[1] for p in got])]
    if sdt is not None:
        shape = _np.zeros(_np.shape(got[0][2]) if got else (len(tail) + 1,), sdt)
        for p in got:
            shape = _np.maximum(shape, p[2])
        out.append(shape)
    return out


def slices(outs):
    """The IndexedSlices of WhileGrad outputs `outs` (indices, values(, dense shape))."""
    return IndexedSlices(outs[1], outs[0], outs[2] if len(outs) > 2 else None)



def initial(sp, cap):
    """The graph-built twin's accumulators (second-order gradients): a zero slice at index
    0 and zeros for the dense shape, as WhileGrad's sum starts."""
    idt, vdt, tail, sdt = sp
    cshape = shape(cap, out_type=_dt.as_dtype(sdt or _np.int32))
    rows = [1] + list(tail) if tail is not None else concat([[1], cshape[1:]], 0)
    out = [zeros([1], _dt.as_dtype(idt)), zeros(rows, _dt.as_dtype(vdt))]
    return out + ([zeros_like(cshape)] if sdt is not None else [])


def extend(acc, gr):
    """One iteration's slices `gr` added to the twin's accumulators `acc`."""
    if gr is None:
        return list(acc)
    out = [concat([acc[0], gr.indices], 0), concat([acc[1], gr.values], 0)]
    return out + ([maximum(gr.dense_shape, acc[2])] if len(acc) > 2 else [])


_GATHERS = ("Gather", "GatherV2", "ResourceGather")


def gathered(c, cond_op, b):
    """Does branch b of cond `cond_op` gather rows of capture c (directly or through
    Identity reads)? Its gradient there is then an IndexedSlices (TF's Gather gradients),
    which the cond's gradient merges part by part."""
    todo, seen = [c], set()
    while todo:
        t = todo.pop()
        for o in list(t._consumers):
            if o in seen or branches.branch_in(o, cond_op) != b and o.type != "Identity":
                continue
            seen.add(o)
            if o.type in _GATHERS and o.inputs[0] is t or o.type == "GatherNd" and \
                    o.inputs[0] is t and _nd_rows(o.inputs[1]):
                return True
            if o.type in ("Identity", "ReadVariableOp"):
                todo.extend(o.outputs)
    return False


def _nd_rows(indices):
    """Are GatherNd indices statically [N, 1] (TF's gradient is then IndexedSlices)?"""
    dims = indices.shape.as_list() if indices.shape.ndims is not None else None
    return dims is not None and len(dims) == 2 and dims[1] == 1


def as_slices(x, n):
    """TF's _as_indexed_slices(x): parts [values, indices(, dense shape)] of tensor x: its
    rows 0.. and its shape."""
    s = shape(x)
    return [x, range_(0, s[0])] + ([s] if n == 3 else [])


def reads(c, cond_op, b):
    """Does branch b of cond `cond_op` read capture c (directly or through Identity)?"""
    todo, seen = [c], set()
    while todo:
        t = todo.pop()
        for o in list(t._consumers):
            if o in seen:
                continue
            seen.add(o)
            if branches.branch_in(o, cond_op) == b:
                return True
            if o.type in ("Identity", "ReadVariableOp"):
                todo.extend(o.outputs)
    return False


def slice_parts(gr, n):
    """[values, indices(, dense shape)] of IndexedSlices gr when they fit a layout of n
    parts with int32 indices, else None."""
    if gr.indices.dtype.base_dtype is not _dt.int32 or (n == 3) != (gr.dense_shape is not None):
        return None
    return [gr.values, gr.indices] + ([gr.dense_shape] if n == 3 else [])


def concat_parts(terms):
    """TF's _AggregateIndexedSlicesGradients of slices `terms` (each [values, indices(,
    dense shape)]): values and indices concatenated, the first term's dense shape."""
    out = [concat([t[0] for t in terms], 0), concat([t[1] for t in terms], 0)]
    return out + terms[0][2:]
