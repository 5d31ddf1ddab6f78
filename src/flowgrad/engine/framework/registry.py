"""The op registry: one `OpDef` per op type, and the gradient table.

An op is registered once, in one block, with everything about it:

    register_op("Tanh", infer=unary_same, kernel=np.tanh,
                grad=lambda op, g: [tanh_grad(op.outputs[0], g)])

- `infer(inputs, attrs)` runs at graph-build time and returns one
  `(DType, TensorShape)` per output, raising ValueError/TypeError for bad
  input (the graph adds the op's name to the message).
- `kernel(*arrays, **attrs)` computes the outputs (one array, or a tuple when
  the op has several outputs) and may assume valid inputs.
- `bind(node, ctx)` replaces `kernel` for ops that need the session (variables,
  random state): it returns the callable the plan will call. A bind that only configures
  the kernel from the node (its name, attrs or input dtypes) and reads no session state
  sets `bind.pure = True`: constant folding then calls it (with ctx None) and folds the
  op as Grappler does.
- `grad(op, *output_grads)` returns one gradient (a Tensor or None) per input,
  built from public flowgrad ops so that it can be differentiated again.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import dtypes as _dt

_NOT_SET = object()


@dataclass
class OpDef:
    name: str
    infer: Callable
    kernel: Callable | None = None
    bind: Callable | None = None
    stateful: bool = False
    # The first output may be a view of input 0 (Identity, Reshape, ...): the
    # runtime copies such values before handing them to the user.
    aliases_input: bool = False
    # Kernel may write into the buffer of its first input when that buffer is
    # dead afterwards (set by elementwise ops whose kernel takes `out=`).
    inplace_ok: bool = False
    # Extra properties other components read (e.g. "elementwise": True).
    props: dict = field(default_factory=dict)


OPS: dict[str, OpDef] = {}
# loaders of the modules that register ops on first use (tf.data's: flowgrad/__init__.py
# adds one), run once when a graph being imported names an op type OPS lacks
LAZY_OP_LOADERS: list[Callable[[], None]] = []


def registered(name: str) -> bool:
    """Whether op type `name` is registered, after loading the lazily registered ops
    (tf.data's) if it is not: a GraphDef holding an iterator imports before tf.data is used."""
    while name not in OPS and LAZY_OP_LOADERS:
        LAZY_OP_LOADERS.pop()()
    return name in OPS
GRADIENTS: dict[str, Callable | None] = {}


def register_op(name: str, *, infer: Callable, kernel: Callable | None = None,
                bind: Callable | None = None, grad=_NOT_SET, stateful: bool = False,
                aliases_input: bool = False, inplace_ok: bool = False, **props) -> OpDef:
    """Registers op type `name`; `grad=None` marks it not differentiable."""
    if name in OPS:
        raise KeyError(f"Op type {name!r} is already registered")
    if kernel is None and bind is None:
        raise ValueError(f"Op type {name!r} needs a kernel or a bind function")
    op_def = OpDef(name, infer, kernel, bind, stateful, aliases_input, inplace_ok, props)
    OPS[name] = op_def
    if grad is not _NOT_SET:
        GRADIENTS[name] = grad
    return op_def


def register_complex_kernel(name: str, kernel: Callable) -> OpDef:
    """Gives op type `name` its own kernel for complex dtypes: a sibling OpDef (same name,
    `kernel`, no ufunc in-place or fusion) kept in the op's props as "complex_def". The
    optimizer's `complex_kernels` step puts it on the nodes whose output is complex, so
    a ufunc row (Mul: np.multiply) keeps its speed and fusion for real dtypes."""
    od = OPS[name]
    props = {k: v for k, v in od.props.items() if k != "complex_def"}
    props["fresh_output"] = True
    cdef = OpDef(name, od.infer, kernel, None, od.stateful, od.aliases_input, False, props)
    od.props["complex_def"] = cdef
    return cdef


def register_string_kernel(name: str, kernel: Callable) -> OpDef:
    """Gives op type `name` its own kernel for string outputs (props "string_def"), as
    register_complex_kernel does for complex ones: a ufunc row (Add: np.add) returns a
    0-d string result as a Python bytes object, which NumPy turns into a bytes dtype that
    drops trailing NUL bytes; the string kernel returns object arrays."""
    od = OPS[name]
    props = {k: v for k, v in od.props.items() if k not in ("complex_def", "string_def")}
    props["fresh_output"] = True
    sdef = OpDef(name, od.infer, kernel, None, od.stateful, od.aliases_input, False, props)
    od.props["string_def"] = sdef
    return sdef


def register_bfloat16_kernel(name: str, kernel: Callable) -> OpDef:
    """Gives op type `name` its own kernel for bfloat16 outputs (props "bfloat16_def"), as
    register_complex_kernel does for complex ones: bfloat16 is kept in float32 storage, so
    the float32 kernel cannot tell it; this one rounds as TF's bfloat16 kernel does (a
    reduction's partial sums too)."""
    od = OPS[name]
    props = {k: v for k, v in od.props.items() if not k.endswith("_def")}
    props["fresh_output"] = True
    bdef = OpDef(name, od.infer, kernel, None, od.stateful, od.aliases_input, False, props)
    od.props["bfloat16_def"] = bdef
    return bdef


def _rounded(kernel: Callable, first_only: bool = False) -> Callable:
    """kernel with its float32 outputs rounded to bfloat16: TF's elementwise bfloat16
    functors compute in float and round each result (bfloat16's operators); `first_only`:
    only output 0 (the bfloat16 one; another float32 output, FusedBatchNormV2's mean, is
    float32)."""
    def bf16_kernel(*args, **attrs):
        out = kernel(*args, **attrs)
        if isinstance(out, (tuple, list)):
            return type(out)(_dt.round_bfloat16(o) if np.asarray(o).dtype == np.float32
                             and (i == 0 or not first_only) else o
                             for i, o in enumerate(out))
        return _dt.round_bfloat16(out)
    return bf16_kernel


def dtype_def(od: OpDef, dtype) -> OpDef | None:
    """od's sibling OpDef for an output of `dtype` (a DType): its complex one for complex
    dtypes, its string one for strings, its bfloat16 one for bfloat16 (made on first use:
    its float32 kernel, rounded; only output 0 for an op that is not elementwise, e.g.
    Conv2D, BatchMatMul, AvgPool, BiasAdd, whose TF bfloat16 kernels compute in float and
    round the result once; none for stateful ops and ops that alias an input); None where
    it has none."""
    if getattr(dtype, "is_complex", False):
        return od.props.get("complex_def")
    name = getattr(dtype, "name", None)
    if name == "string":
        return od.props.get("string_def")
    if name == "bfloat16":
        bdef = od.props.get("bfloat16_def")
        if bdef is None and od.kernel is not None and od.bind is None \
                and not od.stateful and not od.aliases_input and OPS.get(od.name) is od:
            bdef = register_bfloat16_kernel(
                od.name, _rounded(od.kernel, first_only=not od.props.get("elementwise")))
        return bdef
    return None


def kernel_for(od: OpDef, dtype) -> Callable | None:
    """od's kernel for an output of `dtype` (a DType): its complex or string kernel if it
    has one for dtype (for code that runs kernels outside a plan: shape refinement,
    dataset maps)."""
    sib = dtype_def(od, dtype)
    return od.kernel if sib is None else sib.kernel


def get_op_def(name: str) -> OpDef:
    try:
        return OPS[name]
    except KeyError:
        raise ValueError(f"Op type not registered '{name}'") from None


class RegisterGradient:
    """Decorator registering a gradient function for an op type (TF 1.x API).

    >>> @RegisterGradient("MySquare")
    ... def _my_square_grad(op, grad): ...
    """

    def __init__(self, op_type: str):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, f: Callable) -> Callable:
        _claim_gradient_name(self._op_type)
        GRADIENTS[self._op_type] = f
        return f


_USER_REGISTERED: set = set()


def _claim_gradient_name(op_type: str) -> None:
    """TF's Registry.register for tf.RegisterGradient and tf.NotDifferentiable: a name that
    has a gradient (an op's built-in rule or None, a name registered before) is a KeyError;
    an op TF registers no gradient for (no_gradient_registered) takes one."""
    if op_type in _USER_REGISTERED or (
            op_type in GRADIENTS and GRADIENTS[op_type] is not no_gradient_registered):
        raise KeyError(f"Registering two gradient with name '{op_type}'!")
    _USER_REGISTERED.add(op_type)


def NotDifferentiable(op_type: str) -> None:  # noqa: N802 - TF's name
    """Declares that ops of type `op_type` have no gradient."""
    if not isinstance(op_type, str):
        raise TypeError("op_type must be a string")
    # TF's _gradient_registry.register(None, op_type): one registry with RegisterGradient
    _claim_gradient_name(op_type)
    GRADIENTS[op_type] = None


no_gradient = NotDifferentiable


def no_gradient_registered(op, *grads):
    """The rule of an op type TF 1.14 registers no gradient for: tf.gradients raises TF's
    LookupError when a gradient reaches it (a `grad=None` op gives None instead)."""
    raise LookupError(f"No gradient defined for operation '{op.name}' (op type: {op.type})")


def get_gradient_function(op) -> Callable | None:
    """The gradient function for `op`, honouring gradient_override_map."""
    op_type = op._grad_type or op.type
    try:
        return GRADIENTS[op_type]
    except KeyError:
        raise LookupError(
            f"No gradient defined for operation '{op.name}' (op type: {op.type})") from None


# TF 1.14's OpDefs (op_defs.json, made by tools/gen_op_defs.py): which attrs a NodeDef
# must carry, the argument names and allowed types of every op type flowgrad knows
_OP_DEFS = []


def op_defs():
    """{op type: {"in": args, "out": args, "attr": [[name, type, default]]}} of TF 1.14."""
    if not _OP_DEFS:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "op_defs.json")
        with open(path) as f:
            _OP_DEFS.append(json.load(f))
    return _OP_DEFS[0]


# {op type: the names of its string attrs in TF 1.14's OpDef (a tuple, empty for an op
# type with none or one TF does not define)}: a plain dict read by Graph._create_op for
# each op (a dict subclass's lookup is several times slower), filled by string_attrs
STRING_ATTRS: dict = {}


def string_attrs(op_type: str) -> tuple:
    """The names of op_type's string attrs in TF 1.14's OpDef (cached in STRING_ATTRS)."""
    names = STRING_ATTRS.get(op_type)
    if names is None:
        defs = op_defs().get(op_type)
        names = () if defs is None else tuple(a[0] for a in defs["attr"] if a[1] == "string")
        STRING_ATTRS[op_type] = names
    return names


def text_attrs(op_type: str, attrs: dict) -> dict:
    """`attrs` with a bytes value of a string attr decoded to str, as TF 1.14's
    op_def_library stores it (compat.as_bytes: b"SAME" and "SAME" make the same NodeDef);
    bytes that are not UTF-8 are kept. `attrs` itself is left as it is."""
    strings = string_attrs(op_type)
    if not strings:
        return attrs
    return {k: attr_text(v) if k in strings else v for k, v in attrs.items()}


def attr_text(value):
    """A string attr's value as str: bytes decoded (UTF-8; other bytes are kept), as TF
    stores either in its NodeDef."""
    if type(value) is bytes:
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return value
