"""Persistent tensors of a session (TF 1.14's session_ops.py): GetSessionHandle keeps its
input in the session's store and outputs the handle string "op_name;id;device" (id: the
session's count of tensors stored so far), GetSessionTensor reads a stored tensor by that
string, DeleteSessionTensor removes it. Session.run wraps a fetched handle in a
`TensorHandle` (.handle, .eval(), .delete()); a TensorHandle fed for a tensor feeds the
stored value. The store belongs to the session: closing it frees the tensors.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.device_spec import DeviceSpec
from ..framework.graph import Tensor, get_default_graph
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply
from .construction import placeholder

__all__ = ["TensorHandle", "get_session_handle", "get_session_tensor",
           "delete_session_tensor", "HANDLE_OPS"]

HANDLE_OPS = ("GetSessionHandle", "GetSessionHandleV2")
_CPU = "/job:localhost/replica:0/task:0/device:CPU:0"
_TF_NAME = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


# ---------------------------------------------------------------------------------------
# The session's store (on its RunContext)
# ---------------------------------------------------------------------------------------
def store_of(ctx) -> dict:
    """{handle string: array} of the session that `ctx` belongs to."""
    store = ctx.__dict__.get("session_tensors")
    if store is None:
        with ctx.lock:
            store = ctx.__dict__.setdefault("session_tensors", {})
    return store


def _type_name(dtype) -> str:
    name = np.dtype(dtype).name if not isinstance(dtype, _dt.DType) else dtype.name
    return _TF_NAME.get(name, name)


def _handle_str(value) -> str:
    v = value[()] if isinstance(value, np.ndarray) else value
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def _get_handle_bind(node, ctx):
    store = store_of(ctx)
    name = node.name

    def kernel(x):
        with ctx.lock:
            n = ctx.__dict__.get("session_tensor_ids", 0)
            ctx.session_tensor_ids = n + 1
            key = f"{name};{n};{_CPU}"
            store[key] = np.array(x, copy=True)
        return np.array(key.encode("utf-8"), dtype=object)
    return kernel


def _get_tensor_bind(node, ctx):
    store = store_of(ctx)
    name = node.name
    want = _dt.as_dtype(node.attrs["dtype"]).base_dtype

    def kernel(handle):
        key = _handle_str(handle)
        value = store.get(key)
        if value is None:
            raise errors.InvalidArgumentError(
                None, None, f"The tensor with handle '{key}' is not in the session store.")
        got = _dt.as_dtype(value.dtype) if value.dtype != object else _dt.string
        if got != want:
            raise errors.InternalError(
                None, None, f"Output 0 of type {_type_name(got)} does not match declared "
                f"output type {_type_name(want)} for node node {name}")
        return value
    return kernel


def _delete_bind(node, ctx):
    store = store_of(ctx)

    def kernel(handle):
        key = _handle_str(handle)
        with ctx.lock:
            if store.pop(key, None) is None:
                raise errors.InvalidArgumentError(
                    None, None, f"Failed to delete a tensor with handle '{key}' in the "
                    "session store.")
    return kernel


register_op("GetSessionHandle", infer=lambda inputs, attrs: [(_dt.string, TensorShape([]))],
            bind=_get_handle_bind, stateful=True, grad=None)
register_op("GetSessionTensor",
            infer=lambda inputs, attrs: [(_dt.as_dtype(attrs["dtype"]).base_dtype,
                                          TensorShape(None))],
            bind=_get_tensor_bind, stateful=True, grad=None)
register_op("DeleteSessionTensor", infer=lambda inputs, attrs: [], bind=_delete_bind,
            stateful=True, grad=None)


# ---------------------------------------------------------------------------------------
# TensorHandle and the public functions
# ---------------------------------------------------------------------------------------
def _device_name(handle) -> str:
    return DeviceSpec.from_string(str(handle).split(";")[-1]).to_string()


def _reader_key(handle) -> str:
    parts = str(handle).split(";")
    return parts[0] + ";" + parts[-1]


def _graph_table(graph, name) -> dict:
    return graph.__dict__.setdefault(name, {})


class TensorHandle:
    """A handle for a live tensor in a session (what Session.run returns for a fetched
    get_session_handle): "tensor_name;unique_id;device_name"."""

    def __init__(self, handle, dtype, session):
        self._handle = handle.decode("utf-8") if isinstance(handle, bytes) else str(handle)
        self._dtype = dtype
        self._session = session
        self._auto_gc_enabled = True

    def __del__(self):
        if getattr(self, "_auto_gc_enabled", False):
            self._session._register_dead_handle(self.handle)

    def __str__(self):
        return self._handle

    @property
    def handle(self) -> str:
        """The string representation of this handle."""
        return self._handle

    def eval(self):
        """The value of the tensor this handle names."""
        if not self._auto_gc_enabled:
            raise TypeError(f"Persistent tensor {self.handle} may have already been deleted.")
        holder, reader = _get_handle_reader(self._session.graph, self._handle, self._dtype)
        return self._session.run(reader, feed_dict={holder: self._handle})

    def delete(self):
        """Deletes the persistent tensor now."""
        if not self._auto_gc_enabled:
            raise TypeError(f"Persistent tensor {self.handle} may have already been deleted.")
        self._auto_gc_enabled = False
        holder, deleter = _get_handle_deleter(self._session.graph, 0, self._handle)
        self._session.run(deleter, feed_dict={holder: self.handle})

    def get_raw_handle(self) -> str:
        """The handle string; the caller now manages the tensor's lifetime."""
        self._auto_gc_enabled = False
        return self._handle

    def _stored_value(self):
        """The stored array (what feeding this handle feeds)."""
        store = store_of(self._session._ctx)
        value = store.get(self._handle)
        if value is None:
            raise errors.InvalidArgumentError(
                None, None, f"The tensor with handle '{self._handle}' is not in the session "
                "store.")
        return value


def get_session_handle(data, name=None):
    """A scalar string tensor: the handle of `data`, kept in the session by the run that
    computes it (TypeError when `data` is not a Tensor)."""
    if not isinstance(data, Tensor):
        raise TypeError("`data` must be of type Tensor.")
    with data.graph.colocate_with(data.op):
        return apply("GetSessionHandle", [data], {"T": data.dtype.base_dtype},
                     name or "GetSessionHandle")


def _register_handle_feeder(graph, feeder, dtype):
    _graph_table(graph, "_handle_feeders")[feeder.op.name] = dtype


def get_session_tensor(handle, dtype, name=None):
    """(placeholder to feed a handle string, the stored tensor of type `dtype`)."""
    dev = _device_name(handle)
    g = get_default_graph()
    with g.device(dev):
        holder = placeholder(_dt.string)
        _register_handle_feeder(holder.graph, holder, dtype)
        tensor = apply("GetSessionTensor", [holder], {"dtype": _dt.as_dtype(dtype).base_dtype},
                       name or "GetSessionTensor")
    return holder, tensor


def delete_session_tensor(handle, name=None):
    """(placeholder to feed a handle string, the op deleting that stored tensor)."""
    dev = _device_name(handle)
    g = get_default_graph()
    with g.device(dev):
        holder = placeholder(_dt.string)
        deleter = apply("DeleteSessionTensor", [holder], {}, name or "DeleteSessionTensor")
    return holder, deleter


def _get_handle_reader(graph, handle, dtype):
    key = _reader_key(handle)
    table = _graph_table(graph, "_handle_readers")
    result = table.get(key)
    if result is None:
        with graph.as_default(), graph.device(_device_name(handle)):
            holder = placeholder(_dt.string)
            _register_handle_feeder(graph, holder, dtype)
            reader = apply("GetSessionTensor", [holder],
                           {"dtype": _dt.as_dtype(dtype).base_dtype}, "GetSessionTensor")
        result = table[key] = (holder, reader)
    return result


def _get_handle_deleter(graph, deleter_key, handle):
    table = _graph_table(graph, "_handle_deleters")
    result = table.get(deleter_key)
    if result is None:
        with graph.as_default(), graph.device(_device_name(handle)):
            holder = placeholder(_dt.string)
            deleter = apply("DeleteSessionTensor", [holder], {}, "DeleteSessionTensor")
        result = table[deleter_key] = (holder, deleter)
    return result


def check_handle_feed(value):
    """TF parses the device of a handle fed for a handle feeder placeholder (ValueError for
    a malformed one); flowgrad has one device, so no tensor ever moves."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    _device_name(value)


def deleter_for(graph, deleter_key, handle):
    return _get_handle_deleter(graph, deleter_key, handle)
