"""N-d scatter updates: ScatterNdUpdate/Add/Sub of reference variables, their Resource*
forms for resource variables, and the value ops TensorScatterUpdate/Add/Sub.

`indices` is [..., K]: each index row addresses a slice ref[i_0, ..., i_{K-1}] of shape
ref.shape[K:], and `updates` is indices.shape[:-1] + ref.shape[K:]. Duplicate indices
accumulate for add/sub; for update the last write wins (TF's CPU order).

>>> v = tf.Variable([1.0, 2.0, 3.0, 4.0])
>>> up = tf.scatter_nd_add(v, [[0], [3], [0]], [10.0, 20.0, 30.0])
>>> sess = tf.Session()
>>> sess.run(v.initializer)
>>> sess.run(up)
array([41.,  2.,  3., 24.], dtype=float32)
"""
from __future__ import annotations

__all__ = ["scatter_nd_ref", "resource_scatter_nd", "tensor_scatter"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ._array_util import _fmt_shape, _invalid, _scope
from ._base import NUMBERS, apply, check_dtype, to_tensor
from .construction import zeros_like
from .elementwise import negative
from .indexing import _check_prefix, _nd_index, _scatter_nd_check, gather_nd
from .resource import _check_handle, handle_info, writable
from .shape import identity


def _tf_dims(dims):
    return "[" + ",".join(str(d) for d in dims) + "]"


def _check_indices(op_type, indices):
    if indices.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                        "int32, int64")


def _size(dims):
    """The number of elements of a static shape; None unless fully known."""
    if dims is None or any(d is None for d in dims):
        return None
    return int(np.prod(dims, dtype=np.int64))


def _check_shapes(input_dims, indices, updates, label="input"):
    """TF 1.14's ScatterNdUpdateShape (`label` "input"; TensorScatter*'s ScatterNdShapeHelper
    says "output"): indices and updates of rank >= 1, no indices or updates known non-empty
    for an input known empty, then (the index depth known) the outer dims of indices and
    updates and the inner dims of the input and updates merged (ValueError, TF's message).
    The input's inner dims are InferenceContext::Subshape's input[depth:], clamped to its
    rank: a depth past it leaves none (and a negative count in the message)."""
    is_, us = indices.shape.as_tuple(), updates.shape.as_tuple()
    for dims in (is_, us):
        if dims is not None and not dims:
            raise ValueError("Shape must be at least rank 1 but is rank 0")
    if _size(input_dims) == 0 and ((_size(is_) or 0) > 0 or (_size(us) or 0) > 0):
        raise ValueError("Indices and updates specified for empty output shape")
    if is_ is None or us is None or is_[-1] is None:
        return
    k, outer = is_[-1], len(is_) - 1
    _check_prefix(f"The outer {outer} dimensions of indices.shape={_fmt_shape(is_)} must "
                  f"match the outer {outer} dimensions of updates.shape={_fmt_shape(us)}",
                  list(is_[:-1]), list(us[:outer]), len(us) >= outer)
    if input_dims is None:
        return
    _check_prefix(f"The inner {len(input_dims) - k} dimensions of {label}.shape="
                  f"{_fmt_shape(input_dims)} must match the inner {len(us) - outer} dimensions "
                  f"of updates.shape={_fmt_shape(us)}", list(input_dims[k:]), list(us[outer:]),
                  True)


def _apply_nd(kind, out, indices, updates):
    """out[indices] (update | add | sub)= updates, in place, after TF's checks."""
    k = indices.shape[-1]
    outer = indices.ndim - 1
    if updates.shape != indices.shape[:-1] + out.shape[k:]:
        raise _invalid("Must have updates.shape = indices.shape[:batch_dim] + "
                       f"params_shape[slice_dim:], got updates.shape: {_tf_dims(updates.shape)}, "
                       f"indices.shape: {_tf_dims(indices.shape)}, params_shape: "
                       f"{_tf_dims(out.shape)}, slice_dim: {k}, and batch_dim: {outer}")
    _write(kind, out, indices, updates)
    return out


def _write(kind, out, indices, updates):
    k = indices.shape[-1]
    if k == 0:  # every index row addresses the whole tensor
        rows = updates.reshape((-1,) + out.shape)
        if rows.shape[0]:
            if kind == "update":
                out[...] = rows[-1]
            else:
                total = rows.sum(axis=0, dtype=out.dtype)
                out[...] = out + total if kind == "add" else out - total
        return
    idx = _nd_index(indices, out.shape, "shape")
    if kind == "update":
        out[idx] = updates      # NumPy assigns in order: the last duplicate wins
    elif kind == "add":
        np.add.at(out, idx, updates)
    else:
        np.subtract.at(out, idx, updates)


# -- ScatterNdUpdate / ScatterNdAdd / ScatterNdSub (reference variables) ------------------------
def _ref_infer_for(op_type):
    def infer(inputs, attrs):
        ref, indices, updates = inputs
        if not ref.dtype.is_ref_dtype:
            raise TypeError(f"'{op_type}' Op requires that input 'ref' be a mutable tensor "
                            "(e.g.: a tf.Variable)")
        _check_indices(op_type, indices)
        if updates.dtype.base_dtype is not ref.dtype.base_dtype:
            raise TypeError(f"Input 'updates' of '{op_type}' Op has type "
                            f"{updates.dtype.base_dtype.name} that does not match type "
                            f"{ref.dtype.base_dtype.name} of argument 'ref'.")
        if op_type != "ScatterNdUpdate":
            check_dtype(op_type, ref, NUMBERS, "ref")
        _check_shapes(ref.shape.as_tuple(), indices, updates)
        return [(ref.dtype, ref.shape)]
    return infer


def _ref_bind_for(kind):
    def bind(node, ctx):
        def run(ref, indices, updates):
            if type(ref) is not np.ndarray:
                ref = np.asarray(ref)   # uninitialized: raises FailedPreconditionError
            return _apply_nd(kind, ref, np.asarray(indices), np.asarray(updates, ref.dtype))
        return run
    return bind


_KINDS = {"Update": "update", "Add": "add", "Sub": "sub"}

for _name, _kind in _KINDS.items():
    register_op("ScatterNd" + _name, infer=_ref_infer_for("ScatterNd" + _name),
                bind=_ref_bind_for(_kind), stateful=True, grad=None, aliases_input=True)


def scatter_nd_ref(kind: str, ref: Tensor, indices, updates, use_locking: bool,
                   name: str | None) -> Tensor:
    """The ScatterNd<Kind> op on the reference tensor `ref` (gen_state_ops' wrapper)."""
    op_type = "ScatterNd" + kind
    with _scope(name, op_type, [ref]) as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        u = updates if isinstance(updates, Tensor) else to_tensor(
            updates, dtype=ref.dtype.base_dtype, name="updates")
        return apply(op_type, [ref, i, u], {"use_locking": bool(use_locking)}, scope)


# -- ResourceScatterNdUpdate / Add / Sub -----------------------------------------------------
def _resource_infer_for(op_type):
    def infer(inputs, attrs):
        h, indices, updates = inputs
        _check_handle(op_type, h, "ref")
        _check_indices(op_type, indices)
        info = handle_info(h)
        if info is not None:
            if updates.dtype.base_dtype is not info[0]:
                raise TypeError(f"Input 'updates' of '{op_type}' Op has type "
                                f"{updates.dtype.base_dtype.name} that does not match the "
                                f"variable's type {info[0].name}.")
            _check_shapes(info[1].as_tuple(), indices, updates)
        if op_type != "ResourceScatterNdUpdate" and updates.dtype.base_dtype not in NUMBERS:
            check_dtype(op_type, updates, NUMBERS, "updates")
        return []
    return infer


def _resource_bind_for(kind):
    def bind(node, ctx):
        def run(h, indices, updates):
            ref = writable(ctx, h.name)
            _apply_nd(kind, ref, np.asarray(indices), np.asarray(updates, ref.dtype))
        return run
    return bind


for _name, _kind in _KINDS.items():
    register_op("ResourceScatterNd" + _name, infer=_resource_infer_for("ResourceScatterNd" + _name),
                bind=_resource_bind_for(_kind), stateful=True, grad=no_gradient_registered)


def resource_scatter_nd(kind: str, handle: Tensor, indices, updates: Tensor,
                        use_locking: bool, name: str | None):
    """The ResourceScatterNd<Kind> op (no output) on the variable `handle`."""
    op_type = "ResourceScatterNd" + kind
    with _scope(name, op_type, [handle]) as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        return apply(op_type, [handle, i, updates],
                     {"use_locking": bool(use_locking), "T": updates.dtype.base_dtype,
                      "Tindices": i.dtype.base_dtype}, scope)


# -- TensorScatterUpdate / Add / Sub ---------------------------------------------------------
def _tensor_infer_for(op_type):
    def infer(inputs, attrs):
        t, indices, updates = inputs
        _check_indices(op_type, indices)
        if updates.dtype.base_dtype is not t.dtype.base_dtype:
            raise TypeError(f"Input 'updates' of '{op_type}' Op has type "
                            f"{updates.dtype.base_dtype.name} that does not match type "
                            f"{t.dtype.base_dtype.name} of argument 'tensor'.")
        if t.shape.ndims == 0:   # ScatterNdTensorShape: the tensor of rank >= 1 first
            raise ValueError("Shape must be at least rank 1 but is rank 0")
        _check_shapes(t.shape.as_tuple(), indices, updates, "output")
        return [(t.dtype.base_dtype, t.shape)]
    return infer


def _tensor_bind_for(kind):
    def bind(node, ctx):
        def run(tensor, indices, updates):
            t, i, u = np.asarray(tensor), np.asarray(indices), np.asarray(updates)
            if kind != "update" and t.dtype.kind in "OSUb":
                dt = _dt.as_dtype(t.dtype).name.upper()
                it = _dt.as_dtype(i.dtype).name.upper()
                raise _invalid(f"No OpKernel was registered to support Op '{node.type}' used "
                               f"by node {node.name} with these attrs: [Tindices=DT_{it}, "
                               f"T=DT_{dt}]")
            _scatter_nd_check(i, u, t.shape)
            out = t.copy()
            _write(kind, out, i, u)
            return out
        return run
    bind.pure = True   # the bind only names the node in errors: Grappler folds the op
    return bind


def _tsu_grad(op, grad):
    """d/dtensor: grad with the scattered slices zeroed; d/dupdates: gather_nd(grad, indices)."""
    indices = op._inputs[1]
    updates_grad = gather_nd(grad, indices)
    tensor_grad = tensor_scatter("Update", identity(grad), indices,
                                 zeros_like(op._inputs[2], dtype=grad.dtype.base_dtype), None)
    return [tensor_grad, None, updates_grad]


def _tsa_grad(op, grad):
    """d/dtensor = grad; d/dupdates = gather_nd(grad, indices)."""
    updates_grad = gather_nd(grad, op._inputs[1])
    return [identity(grad), None, updates_grad]


def _tss_grad(op, grad):
    """d/dtensor = grad; d/dupdates = -gather_nd(grad, indices)."""
    updates_grad = gather_nd(grad, op._inputs[1])
    return [identity(grad), None, negative(updates_grad)]


for _name, _kind, _grad in (("Update", "update", _tsu_grad), ("Add", "add", _tsa_grad),
                            ("Sub", "sub", _tss_grad)):
    register_op("TensorScatter" + _name, infer=_tensor_infer_for("TensorScatter" + _name),
                bind=_tensor_bind_for(_kind), grad=_grad)


# ScatterNdNonAliasingAdd: TensorScatterAdd's forerunner (argument 'input'; bool adds as
# logical or, as Eigen's); TF 1.14's rule: [grad, None, gather_nd(grad, indices)]
def _nd_non_aliasing_infer(inputs, attrs):
    t, _, updates = inputs
    if updates.dtype.base_dtype is not t.dtype.base_dtype:
        raise TypeError(f"Input 'updates' of 'ScatterNdNonAliasingAdd' Op has type "
                        f"{updates.dtype.base_dtype.name} that does not match type "
                        f"{t.dtype.base_dtype.name} of argument 'input'.")
    return _tensor_infer_for("ScatterNdNonAliasingAdd")(inputs, attrs)


def _nd_non_aliasing_bind(node, ctx):
    def run(tensor, indices, updates):
        t, i, u = np.asarray(tensor), np.asarray(indices), np.asarray(updates)
        _scatter_nd_check(i, u, t.shape)
        out = t.copy()
        _write("add", out, i, u)
        return out
    return run


register_op("ScatterNdNonAliasingAdd", infer=_nd_non_aliasing_infer, bind=_nd_non_aliasing_bind,
            grad=lambda op, grad: [grad, None, gather_nd(grad, op._inputs[1])])


def tensor_scatter(kind: str, tensor, indices, updates, name: str | None) -> Tensor:
    """The TensorScatter<Kind> op: a copy of `tensor` with `updates` scattered in."""
    op_type = "TensorScatter" + kind
    with _scope(name, op_type, [tensor, indices, updates]) as scope:
        t = tensor if isinstance(tensor, Tensor) else to_tensor(tensor, name="tensor")
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        u = updates if isinstance(updates, Tensor) else to_tensor(
            updates, dtype=t.dtype.base_dtype, name="updates")
        return apply(op_type, [t, i, u], None, scope)
