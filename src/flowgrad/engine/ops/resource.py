"""Resource-variable primitives (TF 1.14's resource_variable_ops): VarHandleOp,
ReadVariableOp, AssignVariableOp, AssignAdd/SubVariableOp, VarIsInitializedOp,
VariableShape, ResourceGather, ResourceScatter{Add,Sub,Mul,Div,Min,Max,Update}
and ResourceCountUpTo.

A VarHandleOp yields a `ResourceHandle` naming the variable's storage in the
session (RunContext.variables, keyed by shared_name, beside the reference
variables' buffers). Unlike a reference variable, a read is a snapshot: ops
created after an assign see the new value, ops that hold an earlier read keep
the old one. Reads hand out the stored buffer itself, and every update is
copy-on-write: it writes in place only when nothing but the store holds the
buffer (a reference count, as TF's kernels check RefCountIsOne), otherwise it
replaces the stored buffer with an updated copy. So a snapshot never changes
and a training step whose reads are dead by the time the update runs copies
nothing. Ops run in creation order (docs/design.md), so where TF 1.x races a
read against an assign flowgrad always gives the same answer.
"""
from __future__ import annotations

import sys

import numpy as np

from ..framework import branches as _branches
from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant
from ..framework.grad_state import body_walk, wants_grad
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape, debug_string
from ._base import NUMBERS, apply, to_tensor
from ._array_util import _MASKS
from .indexing import _bad_index_message, _gather_nd_kernel, assign_slice
from .joining import concat
from .scatter import _KINDS as _SCATTER_ROWS
from .scatter import _scatter_bind_for
from .shape import expand_dims, reshape, size

__all__ = ["ResourceHandle", "handle_info", "var_handle_op", "read_variable_op",
           "assign_variable_op", "assign_add_variable_op", "assign_sub_variable_op",
           "var_is_initialized_op", "variable_shape", "resource_gather", "resource_gather_nd",
           "resource_scatter_add", "resource_scatter_sub", "resource_scatter_mul",
           "resource_scatter_div", "resource_scatter_min", "resource_scatter_max",
           "resource_scatter_update", "resource_count_up_to", "writable", "missing_error",
           "resource_strided_slice_assign"]


class ResourceHandle:
    """The value of a VarHandleOp: which storage a resource op works on."""

    __slots__ = ("name", "dtype", "shape")

    def __init__(self, name, dtype, shape):
        self.name = name
        self.dtype = dtype
        self.shape = shape

    def __repr__(self):
        return f"ResourceHandle(localhost/{self.name}, {self.dtype.name})"


def handle_info(t):
    """(dtype, TensorShape) of the variable a resource tensor refers to, or None."""
    op = t.op
    while op.type in ("Identity", "StopGradient") and op._inputs:
        op = op._inputs[0].op
    if op.type == "Placeholder":     # a function body's capture of a handle
        return op._attrs.get("_handle_data")
    if op.type != "VarHandleOp":
        return None
    shape = op._attrs.get("shape")
    return op._attrs["dtype"], TensorShape(shape)


def _check_handle(op_type, t, arg="resource"):
    if t.dtype.base_dtype is not _dt.resource:
        raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                        "that does not match expected type of resource.")


def _resources(ctx):
    """The names of the resource variables created in this session (its container)."""
    names = getattr(ctx, "resource_names", None)
    if names is None:
        names = ctx.resource_names = set()
    return names


def missing_error(ctx, name, cls=errors.NotFoundError):
    """TF's message for a resource that does not exist (yet) in the session: the container
    "localhost" exists once anything was made in it (RunContext.container)."""
    if _resources(ctx) or getattr(ctx, "container", False):
        why = f"Resource localhost/{name}/N10tensorflow3VarE does not exist."
    else:
        why = f"Container localhost does not exist. (Could not find resource: localhost/{name})"
    if cls is errors.FailedPreconditionError:
        return cls(None, None, f"Error while reading resource variable {name} from Container: "
                   f"localhost. This could mean that the variable was uninitialized. Not "
                   f"found: {why}")
    return cls(None, None, why)


def _calibrate():
    store = {"k": np.zeros(1)}
    return _count(store, "k")


def _count(store, key):
    buf = store[key]
    return sys.getrefcount(buf)


_UNSHARED = _calibrate()


def writable(ctx, name):
    """The stored buffer of variable `name`, safe to update in place.

    If anything besides the store holds the buffer (a read still in use, a view
    of it), the store gets a copy first, so earlier reads keep their snapshot.
    """
    store = ctx.variables
    buf = store.get(name)
    if buf is None:
        raise missing_error(ctx, name)
    if sys.getrefcount(buf) > _UNSHARED:
        buf = buf.copy()
        store[name] = buf
    return buf


def _check_dtype(op_type, h, buf_dtype, dtype):
    if buf_dtype != dtype.as_numpy_dtype:
        raise errors.InvalidArgumentError(
            None, None, f"Trying to {op_type} variable with wrong dtype. Expected "
            f"{_dt.as_dtype(buf_dtype).name} got {dtype.name}")


# -- VarHandleOp ---------------------------------------------------------------------------
def _var_handle_infer(inputs, attrs):
    return [(_dt.resource, TensorShape(()))]


def _var_handle_bind(node, ctx):
    attrs = node.attrs
    handle = ResourceHandle(attrs.get("shared_name") or node.name, attrs["dtype"],
                            attrs.get("shape"))
    return lambda: handle


register_op("VarHandleOp", infer=_var_handle_infer, bind=_var_handle_bind, stateful=True,
            grad=None)


def var_handle_op(dtype, shape, container="", shared_name="", name=None):
    """A handle to the resource variable `shared_name` (TF's gen op)."""
    shape = TensorShape(shape)
    return apply("VarHandleOp", [], {
        "container": container, "shared_name": shared_name,
        "dtype": _dt.as_dtype(dtype).base_dtype,
        "shape": shape.as_tuple() if shape.ndims is not None else None}, name or "VarHandleOp")


# -- ReadVariableOp --------------------------------------------------------------------------
def _read_infer(inputs, attrs):
    h = inputs[0]
    _check_handle("ReadVariableOp", h)
    dtype = attrs["dtype"]
    info = handle_info(h)
    if info is None:
        return [(dtype, TensorShape(None))]
    if info[0] is not dtype:
        raise ValueError(f"Trying to read variable with wrong dtype. Expected {info[0].name} "
                         f"got {dtype.name}")
    return [(dtype, info[1])]


def _read_bind(node, ctx):
    get = ctx.variables.get
    want = node.attrs["dtype"].as_numpy_dtype

    def read(h):
        buf = get(h.name)
        if buf is None:
            raise missing_error(ctx, h.name, errors.FailedPreconditionError)
        if buf.dtype != want:
            _check_dtype("read", h, buf.dtype, node.attrs["dtype"])
        return buf
    return read


# d read / d handle = identity: the gradient w.r.t. a variable is the one w.r.t. its reads.
# aliases_input: the read hands out the stored buffer (persistent, copied when fetched).
register_op("ReadVariableOp", infer=_read_infer, bind=_read_bind, grad=lambda op, g: [g],
            aliases_input=True)


def read_variable_op(resource, dtype, name=None):
    return apply("ReadVariableOp", [resource], {"dtype": _dt.as_dtype(dtype).base_dtype},
                 name or "ReadVariableOp")


# -- AssignVariableOp, AssignAdd/SubVariableOp -----------------------------------------------
def _assign_infer_for(op_type):
    def infer(inputs, attrs):
        h, value = inputs
        _check_handle(op_type, h)
        dtype = attrs["dtype"]
        if value.dtype.base_dtype is not dtype:
            raise TypeError(f"Input 'value' of '{op_type}' Op has type "
                            f"{value.dtype.base_dtype.name} that does not match type "
                            f"{dtype.name} of argument 'dtype'.")
        info = handle_info(h)
        if info is not None and info[0] is not dtype:
            raise ValueError(f"Trying to assign variable with wrong dtype. Expected "
                             f"{info[0].name} got {dtype.name}")
        return []
    return infer


def _assign_bind(node, ctx):
    store = ctx.variables
    npdt = node.attrs["dtype"].as_numpy_dtype
    names = _resources(ctx)

    def assign(h, value):
        name = h.name
        buf = store.get(name)
        value = np.asarray(value)
        if buf is not None and buf.shape == value.shape and buf.dtype == value.dtype \
                and sys.getrefcount(buf) <= _UNSHARED:
            np.copyto(buf, value)
            return
        store[name] = np.array(value, dtype=npdt, copy=True)
        names.add(name)
    return assign


def _update_bind_for(ufunc):
    def bind(node, ctx):
        def update(h, value):
            buf = writable(ctx, h.name)
            vs = np.shape(value)
            if vs != buf.shape:
                raise errors.InvalidArgumentError(
                    None, None, f"Cannot update variable with shape {list(buf.shape)} using a "
                    f"Tensor with shape {list(vs)}, shapes must be equal.")
            if buf.ndim == 0:
                buf[...] = ufunc(buf, value)
            else:
                ufunc(buf, value, out=buf)
        return update
    return bind


register_op("AssignVariableOp", infer=_assign_infer_for("AssignVariableOp"), bind=_assign_bind,
            stateful=True, grad=None)
register_op("AssignAddVariableOp", infer=_assign_infer_for("AssignAddVariableOp"),
            bind=_update_bind_for(np.add), stateful=True, grad=None)
register_op("AssignSubVariableOp", infer=_assign_infer_for("AssignSubVariableOp"),
            bind=_update_bind_for(np.subtract), stateful=True, grad=None)


def _assign_op(op_type, resource, value, name):
    return apply(op_type, [resource, value], {"dtype": value.dtype.base_dtype}, name or op_type)


def assign_variable_op(resource, value, name=None):
    """Stores `value` (a Tensor) as the variable's value; returns the Operation."""
    return _assign_op("AssignVariableOp", resource, value, name)


def assign_add_variable_op(resource, value, name=None):
    return _assign_op("AssignAddVariableOp", resource, value, name)


def assign_sub_variable_op(resource, value, name=None):
    return _assign_op("AssignSubVariableOp", resource, value, name)


# -- ZeroVarInitializer (contrib's _variable_ops.so) ---------------------------------------
# Creates the variable as zeros of the `shape` attr (fully defined, checked when it runs);
# an initialized one fails. Outputs the handle.
def _zero_var_infer(inputs, attrs):
    _check_handle("ZeroVarInitializer", inputs[0], "var")
    return [(_dt.resource, TensorShape(()))]


def _zero_var_bind(node, ctx):
    store = ctx.variables
    names = _resources(ctx)
    shape = TensorShape(node.attrs["shape"])
    npdt = node.attrs["dtype"].as_numpy_dtype

    def zero(h):
        if not shape.is_fully_defined():
            raise errors.InvalidArgumentError(
                None, None, f"Shape {debug_string(shape)} is not fully defined")
        if h.name in store:
            raise errors.InvalidArgumentError(None, None, "input is already initialized")
        store[h.name] = np.zeros(shape.as_list(), npdt)
        names.add(h.name)
        return h
    return zero


register_op("ZeroVarInitializer", infer=_zero_var_infer, bind=_zero_var_bind, stateful=True,
            grad=None)


# -- VarIsInitializedOp, VariableShape ------------------------------------------------------
def _is_init_infer(inputs, attrs):
    _check_handle("VarIsInitializedOp", inputs[0])
    return [(_dt.bool_, TensorShape(()))]


def _is_init_bind(node, ctx):
    store = ctx.variables
    return lambda h: np.bool_(h.name in store)


register_op("VarIsInitializedOp", infer=_is_init_infer, bind=_is_init_bind, grad=None)


def var_is_initialized_op(resource, name=None):
    return apply("VarIsInitializedOp", [resource], {}, name or "VarIsInitializedOp")


def _variable_shape_infer(inputs, attrs):
    _check_handle("VariableShape", inputs[0])
    info = handle_info(inputs[0])
    n = info[1].ndims if info is not None else None
    return [(attrs.get("out_type", _dt.int32), TensorShape([n]))]


def _variable_shape_bind(node, ctx):
    store = ctx.variables
    npdt = node.attrs.get("out_type", _dt.int32).as_numpy_dtype

    def shape_of(h):
        buf = store.get(h.name)
        if buf is None:
            raise missing_error(ctx, h.name, errors.FailedPreconditionError)
        return np.array(buf.shape, dtype=npdt)
    return shape_of


register_op("VariableShape", infer=_variable_shape_infer, bind=_variable_shape_bind, grad=None)


def variable_shape(resource, out_type=_dt.int32, name=None):
    """The variable's shape: a constant when the handle knows it (as TF), else VariableShape."""
    info = handle_info(resource)
    if info is not None and info[1].is_fully_defined():
        return constant(info[1].as_list(), dtype=out_type)
    return apply("VariableShape", [resource], {"out_type": _dt.as_dtype(out_type)},
                 name or "VariableShape")


# -- ResourceGather ----------------------------------------------------------------------------
def _gather_infer(inputs, attrs):
    h, indices = inputs
    _check_handle("ResourceGather", h)
    if indices.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                        "int32, int64")
    info = handle_info(h)
    if info is None or info[1].ndims is None or indices.shape.ndims is None:
        return [(attrs["dtype"], TensorShape(None))]
    if info[1].ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    return [(attrs["dtype"], TensorShape(indices.shape.as_tuple() + info[1].as_tuple()[1:]))]


def _gather_bind(node, ctx):
    get = ctx.variables.get

    def gather(h, indices):
        buf = get(h.name)
        if buf is None:
            raise missing_error(ctx, h.name, errors.FailedPreconditionError)
        idx = np.asarray(indices)
        n = buf.shape[0]
        bad = (idx < 0) | (idx >= n)
        if bad.any():
            raise errors.InvalidArgumentError(None, None, _bad_index_message(idx, bad, n))
        return buf[idx]
    return gather


def _gather_grad(op, grad):
    """IndexedSlices(grad rows, flat indices, the variable's shape) for the handle."""
    if not wants_grad(0):
        return [None, None]
    handle, indices = op._inputs
    walk = body_walk()
    if walk is not None and op in walk.members and handle.op not in walk.members:
        # in a loop body TF reads the handle through its Enter, which has no handle data:
        # variable_shape is a VariableShape op (the handle entered into the gradient frame)
        params_shape = apply("VariableShape", [handle], {"out_type": _dt.int32},
                             "VariableShape")
    elif _branches.chain(op) and op._graph._branch_of.get(handle.op) != \
            op._graph._branch_of.get(op):
        # in a tf.cond's branch TF reads a handle from outside through a Switch, which
        # has no handle data either: a VariableShape op of it
        params_shape = apply("VariableShape", [handle], {"out_type": _dt.int32},
                             "VariableShape")
    else:
        params_shape = variable_shape(handle)
    n = expand_dims(size(indices), 0)
    # params_shape[1:] (Tensor.__getitem__, wired by the surface): TF's strided_slice scope
    values = reshape(grad, concat([n, params_shape[1:]], 0))
    flat = reshape(indices, n)
    # TF's shape inference evaluates Size and VariableShape: the static shapes it gets
    count = indices.shape.num_elements()
    flat.set_shape([count])
    info = handle_info(handle)
    if info is not None and info[1].ndims is not None:
        values.set_shape([count] + list(info[1].as_list())[1:])
    return [IndexedSlices(values, flat, params_shape), None]


register_op("ResourceGather", infer=_gather_infer, bind=_gather_bind, grad=_gather_grad)


def resource_gather(resource, indices, dtype, batch_dims=0, validate_indices=True, name=None):
    if batch_dims:
        raise NotImplementedError("flowgrad's ResourceGather does not implement batch_dims")
    indices = to_tensor(indices, name="indices")
    return apply("ResourceGather", [resource, indices], {
        "batch_dims": 0, "validate_indices": bool(validate_indices),
        "dtype": _dt.as_dtype(dtype).base_dtype, "Tindices": indices.dtype.base_dtype},
        name or "ResourceGather")


# -- ResourceGatherNd --------------------------------------------------------------------------
def _gather_nd_infer(inputs, attrs):
    h, indices = inputs
    _check_handle("ResourceGatherNd", h)
    info = handle_info(h)
    ps = None if info is None or info[1].ndims is None else info[1].as_list()
    is_ = None if indices.shape.ndims is None else indices.shape.as_list()
    if indices.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                        "int32, int64")
    if is_ is not None and not is_:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if is_ is None or is_[-1] is None or ps is None:
        return [(attrs["dtype"], TensorShape(None))]
    if is_[-1] > len(ps):
        raise ValueError(f"indices.shape[-1] must be <= params.rank, but saw indices shape: "
                         f"{TensorShape(is_)} and params shape: {TensorShape(ps)}")
    return [(attrs["dtype"], TensorShape(is_[:-1] + ps[is_[-1]:]))]


def _gather_nd_bind(node, ctx):
    get = ctx.variables.get

    def gather_nd(h, indices):
        buf = get(h.name)
        if buf is None:
            raise missing_error(ctx, h.name, errors.FailedPreconditionError)
        return _gather_nd_kernel(buf, indices)
    return gather_nd


# TF 1.14 registers no gradient for it (tf.gradients raises LookupError)
register_op("ResourceGatherNd", infer=_gather_nd_infer, bind=_gather_nd_bind,
            grad=no_gradient_registered)


def resource_gather_nd(resource, indices, dtype, name=None):
    indices = to_tensor(indices, name="indices")
    return apply("ResourceGatherNd", [resource, indices], {
        "dtype": _dt.as_dtype(dtype).base_dtype, "Tindices": indices.dtype.base_dtype},
        name or "ResourceGatherNd")


# -- ResourceScatter* ------------------------------------------------------------------------
def _scatter_infer_for(op_type):
    def infer(inputs, attrs):
        h, indices, updates = inputs
        _check_handle(op_type, h)
        if indices.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'indices' has DataType "
                            f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        dtype = attrs["dtype"]
        if updates.dtype.base_dtype is not dtype:
            raise TypeError(f"Input 'updates' of '{op_type}' Op has type "
                            f"{updates.dtype.base_dtype.name} that does not match type "
                            f"{dtype.name} of argument 'dtype'.")
        if op_type != "ResourceScatterUpdate" and dtype not in NUMBERS:
            raise TypeError(f"Value passed to parameter 'updates' has DataType {dtype.name} not "
                            "in list of allowed values: " + ", ".join(d.name for d in NUMBERS))
        return []
    return infer


def _resource_scatter_bind_for(rows):
    inner = _scatter_bind_for(rows)

    def bind(node, ctx):
        run = inner(node, ctx)

        def scatter(h, indices, updates):
            run(writable(ctx, h.name), indices, updates)
        return scatter
    return bind


_SCATTER_OPS = {}
for _kind, _rows in _SCATTER_ROWS.items():
    _op_type = "Resource" + _kind
    register_op(_op_type, infer=_scatter_infer_for(_op_type),
                bind=_resource_scatter_bind_for(_rows), stateful=True, grad=None)


def _resource_scatter(op_type, resource, indices, updates, name):
    with resource._op._graph.name_scope(name or op_type) as scope:   # TF converts in it
        indices = to_tensor(indices, name="indices")
        updates = to_tensor(updates, name="updates")
        return apply(op_type, [resource, indices, updates],
                     {"dtype": updates.dtype.base_dtype, "Tindices": indices.dtype.base_dtype},
                     scope)


def resource_scatter_add(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterAdd", resource, indices, updates, name)


def resource_scatter_sub(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterSub", resource, indices, updates, name)


def resource_scatter_mul(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterMul", resource, indices, updates, name)


def resource_scatter_div(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterDiv", resource, indices, updates, name)


def resource_scatter_min(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterMin", resource, indices, updates, name)


def resource_scatter_max(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterMax", resource, indices, updates, name)


def resource_scatter_update(resource, indices, updates, name=None):
    return _resource_scatter("ResourceScatterUpdate", resource, indices, updates, name)


# -- ResourceStridedSliceAssign: `resource_variable[...].assign(value)` ------------------------
def _rssa_infer(inputs, attrs):
    _check_handle("ResourceStridedSliceAssign", inputs[0], "ref")
    return []


def _rssa_bind(node, ctx):
    attrs = {m: node.attrs.get(m, 0) for m in _MASKS}
    get = ctx.variables.get

    def update(h, begin, end, strides, value):
        buf = get(h.name)
        if buf is None:
            raise missing_error(ctx, h.name)
        assign_slice(buf, begin, end, strides, value, attrs)
    return update


register_op("ResourceStridedSliceAssign", infer=_rssa_infer, bind=_rssa_bind, stateful=True,
            grad=None)


def resource_strided_slice_assign(ref, begin, end, strides, value, name, masks):
    """ResourceStridedSliceAssign of `value` (a tensor of the variable's dtype)."""
    return apply("ResourceStridedSliceAssign", [ref, begin, end, strides, value],
                 dict(masks), name)


# -- ResourceCountUpTo ----------------------------------------------------------------------
def _count_up_to_infer(inputs, attrs):
    _check_handle("ResourceCountUpTo", inputs[0])
    if attrs["T"] not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'T' has DataType {attrs['T'].name} not in "
                        "list of allowed values: int32, int64")
    return [(attrs["T"], TensorShape(()))]


def _count_up_to_bind(node, ctx):
    limit = node.attrs["limit"]

    def count_up_to(h):
        buf = writable(ctx, h.name)
        before = buf[()]
        if before >= limit:
            raise errors.OutOfRangeError(None, None, f"Reached limit of {limit}")
        buf[...] = before + 1
        return np.array(before)
    return count_up_to


register_op("ResourceCountUpTo", infer=_count_up_to_infer, bind=_count_up_to_bind,
            stateful=True, grad=None)


def resource_count_up_to(resource, limit, T, name=None):  # noqa: N803 - TF's argument name
    return apply("ResourceCountUpTo", [resource], {"limit": int(limit),
                                                   "T": _dt.as_dtype(T).base_dtype},
                 name or "ResourceCountUpTo")
