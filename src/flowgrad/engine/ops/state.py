"""Variable primitives with TF 1.x reference semantics: VariableV2, Assign,
AssignAdd, AssignSub, IsVariableInitialized and CountUpTo.

The session keeps one NumPy buffer per variable (RunContext.variables, keyed by
the variable's shared_name or op name). VariableV2 returns that buffer itself
(reads alias it); Assign with an unchanged shape copies into it, so anything
ordered after the assign sees the new value, as in TF 1.x. An uninitialized
variable reads as an `Uninitialized` marker that the session turns into
FailedPreconditionError when it is fetched or used.
"""
from __future__ import annotations

import itertools
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import merge_shapes
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape, debug_string
from ._base import apply, locking

__all__ = ["Uninitialized", "variable_op"]


def _variable_infer(inputs, attrs):
    return [(attrs["dtype"]._as_ref, TensorShape(attrs["shape"]))]


def _variable_bind(node, ctx):
    name = node.attrs.get("shared_name") or node.name
    missing = Uninitialized(name)
    get = ctx.variables.get

    def read():
        ctx.container = True     # TF's kernel made its LegacyVar in "localhost" (session.py)
        return get(name, missing)
    return read


class Uninitialized:
    """What an uninitialized variable reads as: any use raises FailedPreconditionError.

    Assign and IsVariableInitialized take the variable's ref without reading
    it, so only real reads fail, as in TF 1.x.
    """

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def error(self):
        return errors.FailedPreconditionError(
            None, None, f"Attempting to use uninitialized value {self.name}")

    def __array__(self, *a, **k):
        raise self.error()

    def __getattr__(self, item):
        raise self.error()

    def __getitem__(self, key):     # (CountUpTo reads ref[()]; dunders skip __getattr__)
        raise self.error()

    def __setitem__(self, key, value):
        raise self.error()


register_op("VariableV2", infer=_variable_infer, bind=_variable_bind, stateful=True, grad=None)
# Variable: VariableV2's first form (old GraphDefs; TF 1.14 still registers its kernel). Its
# shape function cannot tell a scalar shape attr from an unknown one: both are unknown
def _variable_v1_infer(inputs, attrs):
    (dtype, shape), = _variable_infer(inputs, attrs)
    return [(dtype, shape if shape.ndims else TensorShape(None))]


register_op("Variable", infer=_variable_v1_infer, bind=_variable_bind, stateful=True, grad=None)


# -- TemporaryVariable / DestroyTemporaryVariable: a variable of one run, TF's step resource
# `__per_step_<step>/<var_name>`: the op's ref output is its buffer (zeros here, TF's is
# uninitialized memory), which Assign writes in place; DestroyTemporaryVariable passes its
# ref input's value on and forgets the name; the run's end forgets the rest (end_step)
_TMP_VAR = "N10tensorflow19TemporaryVariableOp6TmpVarE"   # (TF's resource type, mangled)
_steps = itertools.count(1)


def _step_variables(ctx):
    """(step number, {var_name: buffer}) of this thread's run."""
    local = ctx.__dict__.setdefault("temporary_variables", threading.local())
    if getattr(local, "names", None) is None:
        local.step, local.names = next(_steps), {}
    return local.step, local.names


def end_step(ctx):
    """The run's end: its temporary variables are gone (session.py)."""
    local = ctx.__dict__.get("temporary_variables")
    if local is not None:
        local.names = None


def _temporary_bind(node, ctx):
    name = node.attrs.get("var_name") or node.name
    shape = TensorShape(node.attrs["shape"])
    dtype = node.attrs["dtype"].as_numpy_dtype

    def make():
        step, names = _step_variables(ctx)
        if not shape.is_fully_defined():
            raise errors.InvalidArgumentError(
                None, None, f"Shape {debug_string(shape)} is not fully defined")
        if name in names:
            raise errors.AlreadyExistsError(None, None, f"Resource __per_step_{step}/{name}/"
                                            f"{_TMP_VAR}")
        names[name] = buf = np.zeros(shape.as_list(), dtype)
        return buf
    return make


def _destroy_infer(inputs, attrs):
    _require_refs("DestroyTemporaryVariable", "ref", inputs[:1])
    return [(inputs[0].dtype.base_dtype, inputs[0].shape)]


def _destroy_bind(node, ctx):
    name = node.attrs["var_name"]

    def destroy(ref):
        step, names = _step_variables(ctx)
        if names.pop(name, None) is None:
            raise errors.NotFoundError(None, None, f"Resource __per_step_{step}/{name}/"
                                       f"{_TMP_VAR} does not exist.")
        return np.array(ref, copy=True)
    return destroy


register_op("TemporaryVariable",
            infer=lambda inputs, attrs: [(attrs["dtype"]._as_ref, TensorShape(attrs["shape"]))],
            bind=_temporary_bind, stateful=True, grad=no_gradient_registered)
register_op("DestroyTemporaryVariable", infer=_destroy_infer, bind=_destroy_bind,
            stateful=True, grad=no_gradient_registered)


def _ref_source(node):
    """The op making the variable a ref input comes from (through Identity/Assign)."""
    op = node.op._inputs[0].op
    while op.type not in ("VariableV2", "VarHandleOp", "Variable", "TemporaryVariable"):
        op = op._inputs[0].op
    return op


def _var_name(node):
    """The storage key of the variable a ref input comes from (a TemporaryVariable's is no
    key of the session's variables: its buffer lives in its run)."""
    op = _ref_source(node)
    if op.type == "TemporaryVariable":
        return ("TemporaryVariable", op.name)
    return op._attrs.get("shared_name") or op.name


def _assign_infer(inputs, attrs):
    ref, value = inputs
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'Assign' Op requires that input 'ref' be a mutable tensor (e.g.: a "
                        f"tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if value.dtype.base_dtype is not ref.dtype.base_dtype:
        raise TypeError(f"Input 'value' of 'Assign' Op has type {value.dtype.base_dtype.name} "
                        f"that does not match type {ref.dtype.name} of argument 'ref'.")
    if attrs.get("validate_shape", True):
        return [(ref.dtype, merge_shapes(ref.shape, value.shape))]
    return [(ref.dtype, value.shape)]


def _declared_shape(node):
    """The shape a ref variable (VariableV2) was declared with when fully defined: TF's
    uninitialized VariableV2 holds a tensor of that shape, which Assign validates."""
    shape = _ref_source(node)._attrs.get("shape")
    if shape is not None and not isinstance(shape, (tuple, list)):
        shape = shape.as_list() if getattr(shape, "dims", None) is not None else None
    if shape is None or any(d is None or d < 0 for d in shape):
        return None
    return tuple(shape)


def _assign_bind(node, ctx):
    store = ctx.variables
    name = _var_name(node)
    temporary = isinstance(name, tuple)   # a TemporaryVariable's buffer: `ref`, its run's
    validate = node.attrs.get("validate_shape", True)
    declared = _declared_shape(node) if validate else None

    def assign(ref, value):
        buf = ref if temporary else store.get(name)
        value = np.asarray(value)
        if buf is not None and buf.shape == value.shape:
            np.copyto(buf, value)
            return buf
        lhs = buf.shape if buf is not None else declared
        if validate and lhs is not None and lhs != value.shape:
            raise errors.InvalidArgumentError(
                None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                f"{list(lhs)} rhs shape= {list(value.shape)}")
        buf = np.array(value, dtype=node.op._outputs[0].dtype.as_numpy_dtype, copy=True)
        if not temporary:
            store[name] = buf
        return buf
    return assign


def _assign_update_bind(ufunc):
    def bind(node, ctx):
        def update(ref, value):
            buf = ref
            if np.broadcast_shapes(buf.shape, np.shape(value)) != buf.shape:
                raise errors.InvalidArgumentError(
                    None, None, f"Cannot update variable with shape {list(buf.shape)} using a "
                    f"Tensor with shape {list(np.shape(value))}, shapes must be equal.")
            if buf.ndim == 0:
                new = ufunc(buf, value).astype(buf.dtype)
                buf[...] = new
                return buf
            ufunc(buf, value, out=buf, casting="unsafe")
            return buf
        return update
    return bind


def _update_infer_for(op_type):
    return lambda inputs, attrs: _update_infer(op_type, inputs)


def _update_infer(op_type, inputs):
    ref, value = inputs
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input 'ref' be a mutable tensor (e.g.: "
                        f"a tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if value.dtype.base_dtype is not ref.dtype.base_dtype:
        raise TypeError(f"Input 'value' of '{op_type}' Op has type "
                        f"{value.dtype.base_dtype.name} that does not match type "
                        f"{ref.dtype.name} of argument 'ref'.")
    return [(ref.dtype, merge_shapes(ref.shape, value.shape))]


register_op("Assign", infer=_assign_infer, bind=_assign_bind, stateful=True, grad=None,
            aliases_input=True)
# -- ZeroInitializer (contrib's _variable_ops.so) ------------------------------------------
# An uninitialized ref variable set to zeros of its declared shape (TF's uninitialized
# VariableV2 tensor: the shape when fully defined, else a scalar); an initialized one fails.
def _zero_init_infer(inputs, attrs):
    if not inputs[0].dtype.is_ref_dtype:
        raise TypeError("'ZeroInitializer' Op requires that input 'ref' be a mutable tensor "
                        "(e.g.: a tf.Variable)")
    return [(inputs[0].dtype, inputs[0].shape)]


def _zero_init_bind(node, ctx):
    store = ctx.variables
    name = _var_name(node)
    shape = _declared_shape(node) or ()
    npdt = node.op._outputs[0].dtype.base_dtype.as_numpy_dtype

    def zero(ref):
        if isinstance(name, tuple) or name in store:   # (a TemporaryVariable is allocated)
            raise errors.InvalidArgumentError(None, None, "input is already initialized")
        buf = store[name] = np.zeros(shape, npdt)
        return buf
    return zero


register_op("ZeroInitializer", infer=_zero_init_infer, bind=_zero_init_bind, stateful=True,
            grad=None, aliases_input=True)
register_op("AssignAdd", infer=_update_infer_for("AssignAdd"),
            bind=locking(_assign_update_bind(np.add)), stateful=True, grad=None,
            aliases_input=True)
register_op("AssignSub", infer=_update_infer_for("AssignSub"),
            bind=locking(_assign_update_bind(np.subtract)), stateful=True, grad=None,
            aliases_input=True)


# RefIdentity: the reference tensor itself (an Assign through it writes the variable);
# TF 1.14's rule passes grad through
def _require_refs(op_type, arg, inputs):
    for x in inputs:
        if not x.dtype.is_ref_dtype:
            raise TypeError(f"'{op_type}' Op requires that input '{arg}' be a mutable tensor "
                            "(e.g.: a tf.Variable)")


def _ref_identity_infer_for(op_type):
    def infer(inputs, attrs):
        x = inputs[0]
        _require_refs(op_type, "input", [x])
        return [(x.dtype, x.shape)]
    return infer


register_op("RefIdentity", infer=_ref_identity_infer_for("RefIdentity"), kernel=lambda x: x,
            grad=lambda op, grad: [grad], aliases_input=True)
# tfdbg's marker for a gradient's tensor: TF 1.14 registers no gradient for either form
register_op("DebugGradientIdentity", infer=lambda inputs, attrs: [
    (inputs[0].dtype.base_dtype, inputs[0].shape)], kernel=lambda x: x,
    grad=no_gradient_registered)
register_op("DebugGradientRefIdentity",
            infer=_ref_identity_infer_for("DebugGradientRefIdentity"), kernel=lambda x: x,
            grad=no_gradient_registered, aliases_input=True)


def _ref_select_infer(inputs, attrs):
    """TF 1.14's shape function: a scalar index; the inputs' shape when all are fully
    defined and equal, else unknown."""
    index, refs = inputs[0], inputs[1:]
    _require_refs("RefSelect", "inputs", refs)
    if index.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {index.shape.ndims}")
    first = refs[0].shape
    same = first.is_fully_defined() and all(
        r.shape.is_fully_defined() and r.shape.as_tuple() == first.as_tuple() for r in refs[1:])
    return [(refs[0].dtype, first if same else TensorShape(None))]


def _ref_select_kernel(index, *refs, **_):
    """The reference input `index` names itself (an Assign through it writes that
    variable). TF's executor first checks every reference input is initialized."""
    for r in refs:
        if isinstance(r, Uninitialized):
            raise r.error()
    index = np.asarray(index)
    if index.ndim:
        raise errors.InvalidArgumentError(
            None, None, f"Index must be a scalar, but it has shape "
            f"[{','.join(str(d) for d in index.shape)}]")
    i = int(index)
    if not 0 <= i < len(refs):
        raise errors.InvalidArgumentError(
            None, None, f"Index must be in the range [0, {len(refs)}) but got {i}")
    return refs[i]


# stateful: its output is one of the variables' own buffers (kept, never a temporary)
register_op("RefSelect", infer=_ref_select_infer, kernel=_ref_select_kernel,
            grad=no_gradient_registered,
            stateful=True)


def _is_init_bind(node, ctx):
    store = ctx.variables
    op = node.op._inputs[0].op
    name = op._attrs.get("shared_name") or op.name
    return lambda ref=None: np.bool_(name in store)


def _is_init_infer(inputs, attrs):
    return [(_dt.bool_, TensorShape(()))]


register_op("IsVariableInitialized", infer=_is_init_infer, bind=_is_init_bind, stateful=True,
            grad=None)


def variable_op(shape, dtype, name: str = "Variable", container: str = "",
                shared_name: str = ""):
    """A VariableV2 op's ref tensor (storage named `shared_name`, else the op's name)."""
    return apply("VariableV2", [], {"shape": tuple(TensorShape(shape).as_list()),
                                    "dtype": _dt.as_dtype(dtype).base_dtype,
                                    "container": container, "shared_name": shared_name}, name)


# -- CountUpTo -------------------------------------------------------------------------------
def _count_up_to_infer(inputs, attrs):
    ref = inputs[0]
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'CountUpTo' Op requires that input 'ref' be a mutable tensor (e.g.: "
                        f"a tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if ref.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'ref' has DataType "
                        f"{ref.dtype.base_dtype.name} not in list of allowed values: int32, int64")
    if ref.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {ref.shape.ndims} for 'CountUpTo' "
                         f"(ref {ref.name})")
    return [(ref.dtype.base_dtype, TensorShape(()))]


def _count_up_to_bind(node, ctx):
    limit = node.attrs["limit"]

    def count_up_to(ref):
        before = ref[()]
        if before >= limit:
            raise errors.OutOfRangeError(None, None, f"Reached limit of {limit}")
        ref[...] = before + 1
        return np.array(before)
    return count_up_to


register_op("CountUpTo", infer=_count_up_to_infer, bind=_count_up_to_bind, stateful=True,
            grad=None)
