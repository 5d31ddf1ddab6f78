"""TensorArray primitives: TF 1.14's TensorArrayV3 ops over an immutable runtime value.

A TensorArray's flow (a `variant` tensor) carries a `TensorArrayValue`: a dict
index -> array, a size, and the per-array settings shared by every version
(`_Meta`: dtype, name, dynamic size, clear-after-read, the element shape TF
infers at run time). Writes return a new value (the dict is copied, never the
arrays), so a loop may keep every iteration's TensorArray and recompute an
iteration (the loop gradient does) without the "written twice" error.

Gradients follow TF: the gradient of a read is a write into a gradient
TensorArray, of a gather a scatter, of a concat a split (and back). A gradient
TensorArray (`grad=True`) adds repeated writes to one index and reads an index
nobody wrote as zeros shaped like the forward value; two gradient arrays add
(AddN), so reads of one index with clear_after_read=False accumulate.
"""
from __future__ import annotations

import itertools
import threading

import numpy as _np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph_def_lower import (TA_GRAD_BLOCKS, TA_GRAD_FORWARD, ta_handle_data,
                                        ta_handle_of)
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape, debug_string
from ._base import apply, to_tensor

__all__ = ["TensorArrayValue", "replaying"]

_replay = threading.local()


class replaying:
    """While active (a loop gradient re-running its forward iterations), reads do not clear."""

    def __enter__(self):
        _replay.depth = getattr(_replay, "depth", 0) + 1

    def __exit__(self, *exc):
        _replay.depth -= 1


class _Meta:
    __slots__ = ("name", "dtype", "dynamic", "clear", "identical", "shape", "cleared", "grad",
                 "check", "like")

    def __init__(self, name, dtype, dynamic, clear, identical, shape, grad=False, check=None):
        self.name = name
        self.dtype = dtype
        self.dynamic = dynamic
        self.clear = clear
        self.identical = identical
        self.shape = shape          # the element shape as a tuple once known, else None
        self.cleared = set()
        self.grad = grad
        # TF's element_shape_ (a TensorShape of known rank, partial or not) that its kernels
        # check every written value against; None: any value
        self.check = check
        self.like = None   # a gradient array's {index: shape of its unwritten reads' zeros}


_GRAD_META = _Meta("grad", None, True, False, False, None, grad=True)


class TensorArrayValue:
    """The run-time value of a TensorArray flow (immutable once built)."""

    __slots__ = ("elems", "size", "meta")

    def __init__(self, elems, size, meta):
        self.elems = elems
        self.size = size
        self.meta = meta

    def __add__(self, other):   # AddN of gradient TensorArrays
        if other is None or other == 0:
            return self
        elems = dict(self.elems)
        for i, v in other.elems.items():
            elems[i] = elems[i] + v if i in elems else v
        return TensorArrayValue(elems, max(self.size, other.size), self.meta)

    __radd__ = __add__

    def fetched(self):   # TF's value of a fetched flow (session.py): TensorArrayV3's 0.0
        return _np.float32(0.0)

    def __repr__(self):
        return f"<TensorArrayValue {self.meta.name} size={self.size} written={sorted(self.elems)}>"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _partial_str(shape):
    return "<unknown>" if shape is None else debug_string(shape)


def _incompatible(m, i, shape, want):
    return _invalid(f"TensorArray {m.name}: Could not write to TensorArray index {i} because "
                    f"the value shape is {_shape_str(shape)} which is incompatible with the "
                    f"TensorArray's inferred element shape: {want} (consider setting "
                    "infer_shape=False).")


def _put(ta, elems, i, value, size):
    """Writes `value` at `i` into `elems` (a copy of ta's), with TF's checks; new size."""
    m = ta.meta
    if i < 0 or (i >= size and not m.dynamic):
        raise _invalid(f"TensorArray {m.name}: Tried to write to index {i} but array is not "
                       f"resizeable and size is: {size}")
    if m.check is not None and not isinstance(value, TensorArrayValue) and \
            value.shape != m.shape and not m.check.is_compatible_with(TensorShape(value.shape)):
        raise _incompatible(m, i, value.shape, _partial_str(m.check))
    if m.identical and not isinstance(value, TensorArrayValue):
        if m.shape is None:
            m.shape = value.shape
        elif m.shape != value.shape:
            raise _incompatible(m, i, value.shape, _shape_str(m.shape))
    if i in elems:
        if m.grad:
            elems[i] = elems[i] + value
            return max(size, i + 1)
        raise _invalid(f"TensorArray {m.name}: Could not write to TensorArray index {i} "
                       "because it has already been written to.")
    elems[i] = value
    return max(size, i + 1)


def _get(ta, i, like=None):
    m = ta.meta
    if i < 0 or i >= ta.size and not m.grad:
        raise _invalid(f"Tried to read from index {i} but array size is: {ta.size}")
    v = ta.elems.get(i)
    if v is None:
        if like is not None:
            return _np.zeros_like(like)
        if m.like and i in m.like:
            return _np.zeros(m.like[i], m.dtype)
        if m.shape is not None:
            return _np.zeros(m.shape, m.dtype)
        raise _invalid(f"TensorArray {m.name}: Could not read from TensorArray index {i}.  "
                       "Furthermore, the element shape is not fully defined: "
                       f"{_partial_str(m.check)}.  It is "
                       "possible you are working with a resizeable TensorArray and "
                       "stop_gradients is not allowing the gradients to be written.  If you set "
                       "the full element_shape property on the forward TensorArray, the proper "
                       "all-zeros tensor will be returned instead of incurring this error.")
    if m.clear and not getattr(_replay, "depth", 0):
        key = (id(ta.elems.get(i)), i)
        if key in m.cleared:
            raise _invalid(f"TensorArray {m.name}: Could not read index {i} twice because it "
                           "was cleared after a previous read (perhaps try setting "
                           "clear_after_read = false?).")
        m.cleared.add(key)
    return v


def _flow(dtype=_dt.variant):
    return [(dtype, TensorShape([]))]


def _element_out(attrs, lead=()):
    shape = attrs.get("element_shape")
    shape = TensorShape(None) if shape is None else TensorShape(shape)
    return [(attrs["dtype"], TensorShape(list(lead)).concatenate(shape))]


# -- TensorArrayV3: a new, empty array ---------------------------------------------------------
_names = threading.local()
_made = itertools.count()


def _new_kernel(size, dtype=None, element_shape=None, dynamic_size=False,
                clear_after_read=True, identical_element_shapes=False, tensor_array_name="",
                op_name="TensorArray", **_):
    size = int(size)
    if size < 0:
        raise _invalid(f"Size should be >= 0, got: {size}")
    shape = TensorShape(element_shape)
    known = tuple(shape.as_list()) if shape.is_fully_defined() else None
    # TF's resource name: the attr's name (else the op's), "_" and a count of the arrays this
    # process has made, a new one each run (`TensorArray_2_5` in messages)
    meta = _Meta(f"{tensor_array_name or op_name}_{next(_made)}",
                 _np.dtype(dtype.as_numpy_dtype), dynamic_size, clear_after_read,
                 identical_element_shapes, known,
                 check=None if shape.dims is None else shape)
    ta = TensorArrayValue({}, size, meta)
    return meta, ta


def _new_bind(node, ctx):
    attrs = dict(node.attrs)
    name = node.name

    def run(size):
        return _new_kernel(size, op_name=name, **attrs)
    return run


# (TF's handle: a 2-vector)
register_op("TensorArrayV3", infer=lambda inputs, attrs: [(_dt.resource, TensorShape([2]))] +
            _flow(),
            bind=_new_bind, grad=None, stateful=True)


def tensor_array_v3(size, dtype, element_shape=None, dynamic_size=False, clear_after_read=True,
                    identical_element_shapes=False, tensor_array_name="", name=None):
    """A new TensorArray (op `TensorArrayV3`): returns (handle, flow)."""
    size = to_tensor(size, dtype=_dt.int32, name="size")
    return apply("TensorArrayV3", [size], {
        "dtype": dtype, "element_shape": TensorShape(element_shape),
        "dynamic_size": bool(dynamic_size), "clear_after_read": bool(clear_after_read),
        "identical_element_shapes": bool(identical_element_shapes),
        "tensor_array_name": tensor_array_name or ""}, name or "TensorArray")


# -- Write / Read ------------------------------------------------------------------------------
# TF's DataTypeString names where they differ from numpy's
_TF_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string",
                  "bytes": "string", "str": "string"}


def _check_dtype(ta, value):
    """TF's kernels' check of a written value's dtype against the array's (the Python
    TensorArray only logs a mismatch)."""
    m = ta.meta
    if m.grad or m.dtype is None or isinstance(value, TensorArrayValue):
        return
    got = _np.asarray(value).dtype
    if got != m.dtype and not (got.kind in "OSU" and m.dtype.kind in "OSU"):
        raise _invalid(f"TensorArray dtype is {_TF_TYPE_NAMES.get(m.dtype.name, m.dtype.name)} "
                       f"but Op is trying to write dtype "
                       f"{_TF_TYPE_NAMES.get(got.name, got.name)}.")


def _write_kernel(ta, index, value, **_):
    _check_dtype(ta, value)
    elems = dict(ta.elems)
    size = _put(ta, elems, int(index), _as_element(value), ta.size)
    return TensorArrayValue(elems, size, ta.meta)


def _as_element(value):
    """An array, or a TensorArray value kept as is (a loop's state recorded by its
    second-order gradient)."""
    return value if isinstance(value, TensorArrayValue) else _np.asarray(value)


def _forward(t, op):
    """`t` (a gradient array op's output) noted as the gradient of forward TA op `op`'s
    array: a GraphDef writes it as TF's TensorArrayGradV3 of that array (graph_def_lower)."""
    TA_GRAD_FORWARD[t.op] = op._inputs[0]
    return t


def _write_grad(op, grad):
    """d value = read(grad array, index) (zeros if nothing was written there)."""
    if grad is None:
        return [None, None, None]
    return [grad, None, _forward(grad_read(grad, op._inputs[1], op._inputs[2]), op)]


register_op("TensorArrayWriteV3", infer=lambda inputs, attrs: _flow(), kernel=_write_kernel,
            grad=_write_grad)


def _read_kernel(ta, index, **_):
    return _get(ta, int(index))


def _read_grad(op, grad):
    """d array = an array holding `grad` at index (a write into the gradient array)."""
    if grad is None:
        return [None, None]
    return [_forward(grad_write(op._inputs[1], grad), op), None]


def _read_infer(inputs, attrs):
    """The element_shape attr flowgrad's reads carry, else (a read of a TF graph) TF's
    shape function's: the handle's data."""
    if "element_shape" in attrs:
        return _element_out(attrs)
    return [(attrs["dtype"], ta_handle_data(inputs[0]))]


register_op("TensorArrayReadV3", infer=_read_infer,
            kernel=_read_kernel, grad=_read_grad)


# -- Gather / Scatter --------------------------------------------------------------------------
def _stack(values, ta):
    first = values[0].shape
    for k, v in enumerate(values[1:], 1):
        if v.shape != first:
            raise _invalid(f"TensorArray has inconsistent shapes.  Index 0 has shape: "
                           f"{_shape_str(first)} but index {k} has shape: "
                           f"{_shape_str(v.shape)}")
    return _np.stack(values)


def _gather_kernel(ta, indices, element_shape=None, **_):
    indices = _np.asarray(indices).reshape(-1)
    m = ta.meta
    if len(indices) == 0 or ta.size == 0:
        shape = m.shape
        if shape is None and element_shape is not None and \
                element_shape.is_fully_defined():  # the op's attr, as TF's kernel merges it
            shape = element_shape.as_list()
        if shape is None:
            raise errors.UnimplementedError(
                None, None, "TensorArray has size zero, but element shape <unknown> is not "
                "fully defined. Currently only static shapes are supported when packing "
                "zero-size TensorArrays.")
        return _np.zeros((len(indices),) + tuple(shape), m.dtype)
    return _stack(_get_all(ta, indices.tolist()), ta)


def _get_all(ta, indices):
    """[_get(ta, i) for i in indices], checked in bulk when every element is there and
    none was cleared before (else one by one, which raises the first error as TF)."""
    m = ta.meta
    elems = ta.elems
    vals = [elems.get(i) for i in indices]
    if any(v is None for v in vals) or min(indices) < 0 or max(indices) >= ta.size or \
            len(set(indices)) != len(indices):
        return [_get(ta, int(i)) for i in indices]
    if m.clear and not getattr(_replay, "depth", 0):
        keys = [(id(v), i) for v, i in zip(vals, indices)]
        if not m.cleared.isdisjoint(keys):
            return [_get(ta, int(i)) for i in indices]
        m.cleared.update(keys)
    return vals


def _gather_grad(op, grad):
    """d array = scatter(grad) into a gradient array."""
    if grad is None:
        return [None, None]
    return [_forward(grad_scatter(op._inputs[1], grad), op), None]


def _gather_infer(inputs, attrs):
    """TF's shape function: [len(indices)] + the handle's element shape (the
    TensorArrayV3's element_shape where fully defined or identical_element_shapes, else
    the gather's attr), merged with Python's `[None] + element_shape`: a TensorArray whose
    element shape came from its writes gathers (?, 2, 3), one made with element_shape
    [None, 3] gathers (2, ?, 3) for two indices."""
    out = _element_out(attrs, [None])
    if inputs[1].shape.ndims != 1:
        return out
    # (the array's handle data: the TensorArrayV3 its flow comes from, through writes and
    # loops, as TF's handle reaches a gather in a loop body through its Enter)
    handle = ta_handle_of(inputs[0]) if getattr(inputs[0], "op", None) is not None else None
    if handle is None:
        return out
    src = handle.op
    elem = TensorShape(src.get_attr("element_shape"))
    if not (elem.is_fully_defined() or src.get_attr("identical_element_shapes")):
        attr = attrs.get("element_shape")
        elem = TensorShape(None) if attr is None else TensorShape(attr)
    shape = TensorShape([inputs[1].shape[0]]).concatenate(elem)
    return [(out[0][0], shape.merge_with(out[0][1]))]


register_op("TensorArrayGatherV3", infer=_gather_infer,
            kernel=_gather_kernel, grad=_gather_grad)


def _scatter_kernel(ta, indices, value, **_):
    _check_dtype(ta, value)
    indices = _np.asarray(indices).reshape(-1)
    value = _np.asarray(value)
    if value.ndim == 0 or value.shape[0] != len(indices):
        raise _invalid(f"Expected len(indices) == values.shape[0], but saw: {len(indices)} vs. "
                       f"{value.shape[0] if value.ndim else 0}")
    if len(indices) and not ta.meta.dynamic and int(indices.max()) >= ta.size:
        raise _invalid(f"Max scatter index must be < array size ({int(indices.max())} vs. "
                       f"{ta.size})")
    elems = dict(ta.elems)
    size = ta.size
    idx = indices.tolist()
    m = ta.meta
    if len(idx) > 1 and not m.grad and min(idx) >= 0 and len(set(idx)) == len(idx) and \
            elems.keys().isdisjoint(idx) and \
            (not m.identical or m.shape in (None, value.shape[1:])) and \
            (m.check is None or m.check.is_compatible_with(TensorShape(value.shape[1:]))):
        # distinct new indices in range (checked above): every write is valid
        if m.identical:
            m.shape = value.shape[1:]
        elems.update(zip(idx, value))
        return TensorArrayValue(elems, max(size, max(idx) + 1), m)
    for k, i in enumerate(idx):
        size = _put(ta, elems, int(i), value[k], size)
    return TensorArrayValue(elems, size, ta.meta)


def _scatter_grad(op, grad):
    """d value = gather(grad array, indices), zeros where nothing was written."""
    if grad is None:
        return [None, None, None]
    return [grad, None, _forward(grad_gather(grad, op._inputs[1], op._inputs[2]), op)]


register_op("TensorArrayScatterV3", infer=lambda inputs, attrs: _flow(),
            kernel=_scatter_kernel, grad=_scatter_grad)


# -- Concat / Split ----------------------------------------------------------------------------
def _concat_kernel(ta, **_):
    m = ta.meta
    values = [_get(ta, i) for i in range(ta.size)]
    lengths = _np.array([v.shape[0] if v.ndim else 0 for v in values], _np.int64)
    for i, v in enumerate(values):
        if v.ndim == 0:
            raise _invalid(f"Concat saw a scalar shape at index {i} but requires at least "
                           "vectors.  Did you mean to call TensorArray::Pack instead?")
    if not values:
        shape = m.shape[1:] if m.shape else ()
        return _np.zeros((0,) + tuple(shape), m.dtype), lengths
    return _np.concatenate(values), lengths


def _concat_infer(inputs, attrs):
    shape = attrs.get("element_shape_except0")
    shape = TensorShape(None) if shape is None else TensorShape(shape)
    return [(attrs["dtype"], TensorShape([None]).concatenate(shape)),
            (_dt.int64, TensorShape([None]))]


def _concat_grad(op, grad, _lengths_grad=None):
    """d array = split(grad, lengths) into a gradient array."""
    if grad is None:
        return [None]
    return [_forward(grad_split(grad, op.outputs[1]), op)]


register_op("TensorArrayConcatV3", infer=_concat_infer, kernel=_concat_kernel,
            grad=_concat_grad)


def _split_pieces(value, lengths, m):
    value = _np.asarray(value)
    lengths = _np.asarray(lengths).reshape(-1)
    if value.ndim == 0:
        raise _invalid("Expected value to be at least a vector, but received shape: []")
    if int(lengths.sum()) != value.shape[0]:
        raise _invalid(f"Expected sum of lengths to be equal to values.shape[0], but sum of "
                       f"lengths is {int(lengths.sum())} and "
                       f"value's shape is: {_shape_str(value.shape)}")
    offsets = _np.concatenate([[0], _np.cumsum(lengths)])
    return [value[offsets[k]:offsets[k + 1]] for k in range(len(lengths))]


def _split_kernel(ta, value, lengths, **_):
    _check_dtype(ta, value)
    pieces = _split_pieces(value, lengths, ta.meta)
    if not ta.meta.dynamic and len(pieces) != ta.size and not ta.meta.grad:
        raise _invalid(f"TensorArray's size is not equal to the size of lengths "
                       f"({ta.size} vs. {len(pieces)}), and the TensorArray is not marked as "
                       "dynamically resizeable")
    elems = dict(ta.elems)
    size = ta.size
    for i, p in enumerate(pieces):
        size = _put(ta, elems, i, p, size)
    return TensorArrayValue(elems, size, ta.meta)


def _split_grad(op, grad):
    """d value = concat(grad array), zeros where nothing was written."""
    if grad is None:
        return [None, None, None]
    return [grad, _forward(grad_concat(grad, op._inputs[1], op._inputs[2]), op), None]


register_op("TensorArraySplitV3", infer=lambda inputs, attrs: _flow(), kernel=_split_kernel,
            grad=_split_grad)


# -- Size, Close -------------------------------------------------------------------------------
register_op("TensorArraySizeV3", infer=lambda inputs, attrs: [(_dt.int32, TensorShape([]))],
            kernel=lambda ta, **_: _np.int32(ta.size), grad=None)
register_op("TensorArrayCloseV3", infer=lambda inputs, attrs: [], kernel=lambda ta, **_: None,
            grad=None, stateful=True)


# -- the gradient arrays -----------------------------------------------------------------------
# TF's gradient TensorArray (TensorArrayGradV3) is an array beside the forward one; here a
# gradient array is a value of its own: sparse, summed on repeated writes, read as zeros
# shaped like the forward value where nothing was written.
def _grad_value(elems, size):
    return TensorArrayValue(elems, size, _GRAD_META)


def _grad_array_op(op_type, inputs, name):
    """A gradient array op: TF builds it as TensorArrayGradV3, its gradient_flow Identity
    and the op, so the graph's op counter moves by three."""
    out = apply(op_type, inputs, {}, name)
    out.graph._last_id += 2
    if out.graph._control_stack:   # (a GraphDef writes TF's control inputs from them)
        TA_GRAD_BLOCKS[out.op] = list(out.graph._control_stack)
    return out


def _of_grad_array(t, flow):
    """`t` (a second-order gradient array op's output) noted as the gradient of the
    gradient array whose flow is `flow`: a GraphDef writes it as TF's TensorArrayGradV3 of
    that array's TensorArrayGradV3 (graph_def_lower)."""
    TA_GRAD_FORWARD[t.op] = flow
    return t


def _grad_write_kernel(index, value, **_):
    i = int(index)
    return _grad_value({i: _as_element(value)}, i + 1)


def _grad_write_grad(op, grad):
    """d value = read(grad array, index)."""
    if grad is None:
        return [None, None]
    return [None, _of_grad_array(grad_read(grad, op._inputs[0], op._inputs[1]), op.outputs[0])]


register_op("TensorArrayGradWrite", infer=lambda inputs, attrs: _flow(),
            kernel=_grad_write_kernel, grad=_grad_write_grad)


def grad_write(index, value, name=None):
    """A gradient TensorArray holding `value` at `index` (the gradient of a read)."""
    return _grad_array_op("TensorArrayGradWrite", [to_tensor(index), to_tensor(value)], name)


def _grad_read_kernel(ta, index, like, **_):
    v = ta.elems.get(int(index))
    if v is None:
        return _grad_value({}, 0) if isinstance(like, TensorArrayValue) else \
            _np.zeros_like(like)
    return v


def _grad_read_grad(op, grad):
    """d array = a gradient array holding `grad` at index."""
    if grad is None:
        return [None, None, None]
    return [_of_grad_array(grad_write(op._inputs[1], grad), op._inputs[0]), None, None]


register_op("TensorArrayGradRead",
            infer=lambda inputs, attrs: [(inputs[2].dtype.base_dtype, inputs[2].shape)],
            kernel=_grad_read_kernel, grad=_grad_read_grad)


def grad_read(flow, index, like, name=None):
    """Element `index` of a gradient TensorArray, zeros shaped like `like` if unwritten."""
    return _grad_array_op("TensorArrayGradRead", [flow, to_tensor(index), like], name)


def _grad_scatter_kernel(indices, value, **_):
    indices = _np.asarray(indices).reshape(-1)
    value = _np.asarray(value)
    elems = {}
    for k, i in enumerate(indices):
        i = int(i)
        elems[i] = elems[i] + value[k] if i in elems else value[k]
    return _grad_value(elems, int(indices.max()) + 1 if len(indices) else 0)


def _grad_scatter_grad(op, grad):
    """d value = gather(grad array, indices)."""
    if grad is None:
        return [None, None]
    return [None, _of_grad_array(grad_gather(grad, op._inputs[0], op._inputs[1]), op.outputs[0])]


register_op("TensorArrayGradScatter", infer=lambda inputs, attrs: _flow(),
            kernel=_grad_scatter_kernel, grad=_grad_scatter_grad)


def grad_scatter(indices, value, name=None):
    """A gradient TensorArray holding value[k] at indices[k] (the gradient of a gather)."""
    return _grad_array_op("TensorArrayGradScatter", [to_tensor(indices), to_tensor(value)],
                          name)


def _grad_gather_kernel(ta, indices, like, **_):
    indices = _np.asarray(indices).reshape(-1)
    like = _np.asarray(like)
    out = _np.zeros_like(like)
    for k, i in enumerate(indices):
        v = ta.elems.get(int(i))
        if v is not None:
            out[k] = v
    return out


def _grad_gather_grad(op, grad):
    """d array = scatter(grad) into a gradient array."""
    if grad is None:
        return [None, None, None]
    return [_of_grad_array(grad_scatter(op._inputs[1], grad), op._inputs[0]), None, None]


register_op("TensorArrayGradGather",
            infer=lambda inputs, attrs: [(inputs[2].dtype.base_dtype, inputs[2].shape)],
            kernel=_grad_gather_kernel, grad=_grad_gather_grad)


def grad_gather(flow, indices, like, name=None):
    """Rows `indices` of a gradient TensorArray, zeros where unwritten, shaped like `like`."""
    return _grad_array_op("TensorArrayGradGather", [flow, to_tensor(indices), like], name)


def _grad_split_kernel(value, lengths, **_):
    pieces = _split_pieces(value, lengths, _GRAD_META)
    return _grad_value(dict(enumerate(pieces)), len(pieces))


def _grad_split_grad(op, grad):
    """d value = concat(grad array)."""
    if grad is None:
        return [None, None]
    return [_of_grad_array(grad_concat(grad, op._inputs[0], op._inputs[1]), op.outputs[0]), None]


register_op("TensorArrayGradSplit", infer=lambda inputs, attrs: _flow(),
            kernel=_grad_split_kernel, grad=_grad_split_grad)


def grad_split(value, lengths, name=None):
    """A gradient TensorArray of the pieces of `value` (the gradient of a concat)."""
    return apply("TensorArrayGradSplit", [to_tensor(value), to_tensor(lengths)], {}, name)


def _grad_concat_kernel(ta, like, lengths, **_):
    like = _np.asarray(like)
    out = _np.zeros_like(like)
    offsets = _np.concatenate([[0], _np.cumsum(_np.asarray(lengths).reshape(-1))])
    for k in range(len(offsets) - 1):
        v = ta.elems.get(k)
        if v is not None:
            out[offsets[k]:offsets[k + 1]] = v
    return out


def _grad_concat_grad(op, grad):
    """d array = split(grad, lengths)."""
    if grad is None:
        return [None, None, None]
    return [_of_grad_array(grad_split(grad, op._inputs[2]), op._inputs[0]), None, None]


register_op("TensorArrayGradConcat",
            infer=lambda inputs, attrs: [(inputs[1].dtype.base_dtype, inputs[1].shape)],
            kernel=_grad_concat_kernel, grad=_grad_concat_grad)


def grad_concat(flow, like, lengths, name=None):
    """The concatenation of a gradient TensorArray's pieces (lengths), zeros where unwritten."""
    return apply("TensorArrayGradConcat", [flow, like, to_tensor(lengths)], {}, name)


def _zero_grad_kernel(**_):
    return _grad_value({}, 0)


register_op("TensorArrayZeroGrad", infer=lambda inputs, attrs: _flow(),
            kernel=_zero_grad_kernel, grad=None, stateful=True)


def zero_grad(name=None):
    """An empty gradient TensorArray (the gradient of a flow nothing reads)."""
    return apply("TensorArrayZeroGrad", [], {}, name)
