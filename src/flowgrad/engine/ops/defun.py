"""TF 1.14's Defun calls (tensorflow/python/framework/function.py), as tf.nn.swish and the
public Defun (flowgrad/defun.py) make them: the graph holds ONE op whose type is the
instantiated function's name, its only attr `_disable_call_shape_inference`, its output
shapes set by the function's shape function (else unknown).

Names (`naming`): "suffix", an _OverloadedFunction given a name (`swish_f32`: the name and
its input dtypes); "exact", a function given func_name; "hash", none given: the Python
name and TF's FunctionDefHash of the FunctionDef, base64 (framework/tf_hash.py), so
`MyAdd_XuAZe8WPGoE` as TF 1.14 prints it.

A Defun is instantiated once per tuple of input dtypes: its body is traced into a
FuncGraph of its own (no op of the user's graph, so the op counter that seeds
graph-seeded random ops counts the call op only); a public Defun traces nested in the
default graph, and the outer tensors it reads (constants, variables' reads) are extra
inputs of the call op, as TF 1.14's _FuncGraph captures them. Binding compiles the body
into a sub-plan of the session, run by flowgrad's kernels.

The gradient of a call op is the Defun's `python_grad_func` when it has one, else TF's
`SymbolicGradient` op (gradients_util's _SymGrad: the call's inputs and the output
gradients, `f` naming the function), which runs the function's gradient Defun
(`grad_func`, instantiated on the inputs' and gradients' dtypes: `swish_grad_f32f32`) or,
without one, the gradient of the body (TF's symbolic differentiation; zeros for inputs
the outputs do not reach). TF 1.14 registers no gradient for SymbolicGradient: the second
order raises its LookupError.

A GraphDef writes the functions into its library, with the gradient map entry
(graph_def_functions.FunctionLibrary.write_defun); importing one registers the call op
types of its library's Defun functions (`_import_library`: the FunctionDef is the body,
the gradient map gives grad_func).
"""
from __future__ import annotations

import weakref

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import tape as _tape
from ..framework.graph import Graph, get_default_graph
from ..framework.graph_def import defun_hash_suffix
from ..framework import meta_graph as _meta_graph
from ..framework.graph_def_functions import DEFUN_CALLS
from ..framework.tensor_shape import TensorShape
from ..framework.registry import OPS, no_gradient_registered, register_op
from ._base import apply_op
from .construction import zeros_like
from .functional import _compile, _grad_body, _imported_body, _is_stateful, _run, trace

__all__ = ["Defun"]

# TF 1.14's function._DTYPE_TO_STR: the suffix of an instantiated function's name
_DTYPE_TO_STR = {
    _dt.float16: "f16", _dt.float32: "f32", _dt.float64: "f64", _dt.int32: "i32",
    _dt.uint8: "i8", _dt.uint16: "u16", _dt.uint32: "u32", _dt.uint64: "u64",
    _dt.int16: "i16", _dt.int8: "i8", _dt.string: "s", _dt.complex64: "c64",
    _dt.complex128: "c128", _dt.int64: "i64", _dt.bool_: "b", _dt.qint8: "qi8",
    _dt.quint8: "qu8", _dt.qint16: "qi16", _dt.quint16: "qu16", _dt.qint32: "qi32",
    _dt.bfloat16: "b16",
}

# instantiated function name (an op type) -> its _Instance (the latest), held by its Defun
# (a program's Defun may capture its graph: a weak value lets that graph go)
_INSTANCES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_IMPORTED: dict = {}   # name -> the _LibraryDefun of an imported GraphDef's function


def _remember(op, inst):
    """Keeps `inst` for the call op (or SymbolicGradient) `op` in its graph (a dict the
    graph owns: a weak map from op to instance would keep the graph alive, since the
    instance's body reaches the graph it captures from)."""
    op._graph.__dict__.setdefault("_defun_instances", {})[op] = inst


def _remembered(op):
    return op._graph.__dict__.get("_defun_instances", {}).get(op)


class _Instance:
    """One instantiation of a Defun (TF's _DefinedFunction): its name, input dtypes and
    its body, traced on first use."""

    def __init__(self, defun, name, in_dtypes, body=None):
        self.defun = defun
        self.name = name
        self.in_dtypes = tuple(in_dtypes)
        self._body = body
        self._sym_grad_body = None

    def body(self):
        """The traced body (a functional.Body): placeholders named as the Python
        function's arguments, of unknown shape (TF's Defun traces without shapes)."""
        if self._body is None:
            self._body = self.defun.trace(self.in_dtypes, self.name)
        return self._body

    @property
    def all_dtypes(self) -> tuple:
        """The call op's input dtypes: the arguments', then the captured tensors'."""
        return self.in_dtypes + tuple(t.dtype.base_dtype for t in self.body().captures)

    def sym_grad_body(self):
        """TF's SymbolicGradient of a function with no gradient function: the body's
        gradient, on its inputs (captures included) and output gradients; zeros for an
        input the outputs do not reach."""
        if self._sym_grad_body is None:
            body = self.body()
            inputs = body.args + body.inner_captures
            self._sym_grad_body, _ = _grad_body(
                body, inputs, list(body.outputs), self.name + "_grad", Graph(),
                [True] * len(inputs), lambda phs: zip(inputs, phs))
        return self._sym_grad_body

    def grad(self):
        """The instance of the gradient Defun (inputs: ours, then our outputs' gradients)."""
        g = self.defun.grad_func
        if g is None:
            return None
        return g.instantiate(self.in_dtypes + tuple(
            t.dtype.base_dtype for t in self.body().outputs))


class Defun:
    """A Python function called as TF's Defun: `fn` builds its body from its arguments;
    `grad_func` (a Defun) its gradient; `shape_func(inputs)` the call op's output shapes
    (TF's takes the op and reads its inputs)."""

    def __init__(self, fn, func_name, arg_names, grad_func=None, shape_func=None,
                 description=None, python_grad_func=None, naming="suffix",
                 capture=False, noinline=True, out_names=None):
        self.fn = fn
        self.noinline = noinline   # the FunctionDef's `_noinline` attr (tf.nn.swish's)
        self.out_names = list(out_names) if out_names else None   # its output args' names
        self.func_name = func_name
        self.arg_names = tuple(arg_names)
        self.grad_func = grad_func
        self.shape_func = shape_func
        self.python_grad_func = python_grad_func
        self.description = description if description is not None else (fn.__doc__ or "")
        # naming: "suffix" (TF's _OverloadedFunction given a name: `swish_f32`), "exact"
        # (a _DefinedFunction given func_name), "hash" (no name: the base name and a hash
        # of the traced definition)
        self.naming = naming
        self.capture = capture   # trace in the default graph, capturing its tensors
        self.user_function = capture   # a program's Defun (tf.nn.swish's is flowgrad's)
        self._by_dtypes = {}

    def trace(self, in_dtypes, name):
        """The body traced on placeholders of `in_dtypes` (nested in the default graph,
        whose tensors it captures as extra inputs, when `capture`)."""
        specs = [(d, None, a) for d, a in zip(in_dtypes, self.arg_names)]
        outer = get_default_graph() if self.capture else Graph()
        body, _, _ = trace(self.fn, specs, outer, name)
        if self.out_names and len(self.out_names) != len(body.outputs):
            raise errors.InvalidArgumentError(
                None, None, "output names must be either empty or equal in size to outputs. "
                f"output names size = {len(self.out_names)} outputs size = "
                f"{len(body.outputs)}")
        return body

    def instantiate(self, in_dtypes):
        """The instance for `in_dtypes` (its op type not registered: see `declare`)."""
        in_dtypes = tuple(_dt.as_dtype(d).base_dtype for d in in_dtypes)
        inst = self._by_dtypes.get(in_dtypes)
        if inst is not None:
            return inst
        body = None
        if self.naming == "exact":
            name = self.func_name
        elif self.naming == "hash":
            inst = _Instance(self, self.func_name, in_dtypes)
            name = f"{self.func_name}_{defun_hash_suffix(inst)}"
            body = inst.body()
        else:
            missing = [d for d in in_dtypes if d not in _DTYPE_TO_STR]
            if missing:
                raise ValueError(f"Unsupported dtypes: {list(in_dtypes)}")
            name = f"{self.func_name}_{''.join(_DTYPE_TO_STR[d] for d in in_dtypes)}"
        inst = _INSTANCES.get(name)
        if inst is None or inst.defun is not self or inst.in_dtypes != in_dtypes:
            inst = _Instance(self, name, in_dtypes, body)
            _INSTANCES[name] = inst
        self._by_dtypes[in_dtypes] = inst
        return inst

    def declare(self, *in_dtypes_lists):
        """Registers the call op types of the instances for each list of input dtypes
        (so that a GraphDef calling them imports, and the registry lists them)."""
        for in_dtypes in in_dtypes_lists:
            name = self.instantiate(in_dtypes).name
            if name not in OPS:
                # (user_function: a type a program defines, not one of flowgrad's ops)
                register_op(name, infer=_infer_for(name), bind=_call_bind, grad=_sym_grad,
                            user_function=self.user_function)
                DEFUN_CALLS[name] = _call_functions

    def __call__(self, *args, name=None, attrs=None):
        """The call op on `args` (tensors) and the tensors the body captures (`attrs`: more
        of the op's attrs); returns its output (a list if several)."""
        if len(args) != len(self.arg_names):
            raise ValueError(f"Expected number of arguments: {len(self.arg_names)}, "
                             f"received: {len(args)}")
        in_dtypes = [t.dtype for t in args]
        inst = self.instantiate(in_dtypes)
        body = inst.body()   # (a body that cannot be built fails here, before the op)
        self.declare(in_dtypes)
        # TF's Defun makes the op with Graph.create_op, which no GradientTape records
        with _tape.stop_recording():
            op = apply_op(inst.name, list(args) + body.captures,
                          {"_disable_call_shape_inference": True, **(attrs or {})},
                          name or inst.name)
        _remember(op, inst)
        outs = list(op._outputs)
        return outs[0] if len(outs) == 1 else outs


def is_stateful(op) -> bool:
    """Whether a body op is stateful (what a FunctionDef's is_stateful reflects)."""
    return _is_stateful(op)


def _instance_of(op):
    inst = _remembered(op)
    return inst if inst is not None else _INSTANCES[op.type]


def _infer_for(name):
    """The shape rule of op type `name`: the body's output dtypes, the shapes of the
    Defun's shape function (else unknown)."""
    def infer(inputs, attrs):
        inst = _INSTANCES[name]
        got = tuple(t.dtype.base_dtype for t in inputs)
        if got != inst.all_dtypes:
            raise TypeError(f"Function '{name}' takes inputs of types "
                            f"{[d.name for d in inst.all_dtypes]}, got {[d.name for d in got]}")
        body = inst.body()
        shapes = None
        if inst.defun.shape_func is not None:
            shapes = inst.defun.shape_func(inputs[:len(inst.in_dtypes)])
        if shapes is None:
            shapes = [None] * len(body.outputs)
        return [(t.dtype.base_dtype, TensorShape(None) if s is None else s)
                for t, s in zip(body.outputs, shapes)]
    return infer


def _run_body(body, ctx):
    plan = _compile(body, ctx)
    n_out = len(body.outputs)

    def run_call(*values):
        return _run(plan, list(values), n_out)
    return run_call


def _call_bind(node, ctx):
    return _run_body(_instance_of(node.op).body(), ctx)


def _sym_grad(op, *grads):
    """TF's _SymGrad: a SymbolicGradient op on the call's inputs and output gradients
    (zeros where an output has none); a Defun's python_grad_func instead, if it has one."""
    inst = _remembered(op)
    if inst is not None and inst.defun.python_grad_func is not None:
        return inst.defun.python_grad_func(op, *grads)
    grads = [zeros_like(t) if g is None else g for t, g in zip(op.outputs, grads)]
    attrs = {"Tin": [t.dtype.base_dtype for t in list(op._inputs) + grads],
             "Tout": [t.dtype.base_dtype for t in op._inputs], "f": op.type}
    g = apply_op("SymbolicGradient", list(op._inputs) + grads, attrs)
    if inst is not None:
        _remember(g, inst)
    return list(g._outputs)


def _sym_grad_infer(inputs, attrs):
    """Output i: the dtype Tout[i], the shape of input i (TF's SymbolicGradient; a function
    that is not defined fails when the op runs, as TF's)."""
    return [(d, t.shape) for d, t in zip(attrs["Tout"], inputs)]


def _sym_grad_instance(op):
    inst = _remembered(op)
    return inst if inst is not None else _INSTANCES[op._attrs["f"]]


def _sym_grad_bind(node, ctx):
    inst = _remembered(node.op) or _INSTANCES.get(node.op._attrs["f"])
    if inst is None:   # (TF builds the op; running it fails)
        missing = node.op._attrs["f"]

        def not_found(*_):
            raise errors.NotFoundError(None, None, f"No gradient defined for op: {missing}")
        return not_found
    grad = inst.grad()
    return _run_body(grad.body() if grad is not None else inst.sym_grad_body(), ctx)


def _sym_grad_functions(op):
    return _call_functions_of(_sym_grad_instance(op))


def _call_functions(op):
    return _call_functions_of(_instance_of(op))


def _call_functions_of(inst):
    """What a GraphDef's library holds for a call of `inst`: (instance, its gradient's
    instance or None), each written as a FunctionDef."""
    return [(inst, inst.grad())]


register_op("SymbolicGradient", infer=_sym_grad_infer, bind=_sym_grad_bind,
            grad=no_gradient_registered)
DEFUN_CALLS["SymbolicGradient"] = _sym_grad_functions


class _LibraryDefun(Defun):
    """A Defun function of an imported GraphDef's library (TF's FunctionDef): its body is
    the FunctionDef's nodes, its arguments the signature's (captures included)."""

    def __init__(self, fdef, library, grad_func):
        sig = fdef.signature
        super().__init__(None, sig.name, [a.name for a in sig.input_arg],
                         grad_func=grad_func, description=sig.description, naming="exact",
                         noinline="_noinline" in fdef.attr)
        self.library = library
        self.user_function = True

    def trace(self, in_dtypes, name):
        specs = [_Spec(d) for d in in_dtypes]
        return _imported_body(Graph(), self.func_name, specs, self.library)


class _Spec:
    """An argument of unknown shape (what _imported_body shapes its placeholders by)."""

    def __init__(self, dtype):
        self.dtype = dtype
        self.shape = TensorShape(None)


def _import_library(library, gradients):
    """Registers the call op type of each Defun function of a GraphDef's library (a
    FunctionDef named as no registered op), its gradient function as `grad_func`."""
    made = {}

    def defun_of(name):
        if name not in made:
            fdef = library[name]
            grad = gradients.get(name)
            made[name] = _LibraryDefun(fdef, library,
                                       defun_of(grad) if grad in library else None)
        return made[name]

    for name, fdef in library.items():
        if name in OPS or "_disable_call_shape_inference" not in fdef.attr:
            continue   # (registered, or not a Defun: a tf.function's body)
        dtypes = [_dt.as_dtype(a.type) for a in fdef.signature.input_arg]
        _IMPORTED[name] = defun_of(name)
        _IMPORTED[name].declare(dtypes)


_meta_graph.LIBRARY_IMPORTERS.append(_import_library)
