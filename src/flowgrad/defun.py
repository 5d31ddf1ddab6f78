"""TF 1.14's public Defun (tensorflow/python/framework/function.py), the module that
`from tensorflow.python.framework import function` gives under `flowgrad run`.

`@Defun(tf.float32, ...)` makes a _DefinedFunction: each call adds ONE op to the graph,
its type the function's name (`func_name`, else the Python name and a hash of the
definition), named after it in the current name scope; the body lives in a function
graph of its own (engine/ops/defun.py), and the tensors of the caller's graph it reads
(constants, variables' reads) are extra inputs of the call op, as TF 1.14 captures them.
Without input types, `@Defun()` makes an _OverloadedFunction, instantiated per tuple of
argument dtypes (named `func_name_f32...` when given a name).

The call op's gradient is the `python_grad_func` (TF's RegisterGradient signature:
`(op, *grads)`) when given, else TF's SymbolicGradient op, which runs `grad_func` (a
Defun on the inputs and the output gradients) or, without one, the body's own gradient.

The instantiated name's suffix differs from TF's: TF 1.14 hashes its C++ FunctionDef
(FunctionDefHash, base64), flowgrad hashes its traced body with SHA-1 (same length and
alphabet); give `func_name` where the name matters.
"""
from __future__ import annotations

import ast
import inspect
import re

from .engine.framework import dtypes as _dt
from .engine.framework.constant_op import convert_to_tensor
from .engine.framework.graph import Tensor, get_default_graph
from .engine.framework.graph_def import defun_function_def
from .engine.ops import defun as _defun
from .ops.variable_scope import variable_scope

__all__ = ["Defun"]

# TF's DataTypeString for the op-def error ("passed int32 expected float")
_TF_TYPE_NAMES = {_dt.float32: "float", _dt.float64: "double", _dt.float16: "half"}
_KWARG_ATTRS = ("noinline", "compiled", "separate_compiled_gradients")


def _type_name(d) -> str:
    return _TF_TYPE_NAMES.get(d, d.name)


def _parse_kwargs(kwargs):
    """TF's _parse_kwargs_as_attrs: the function attrs a Defun (or a call) may be given,
    as {attr: value}."""
    unknown = [k for k in kwargs if k not in _KWARG_ATTRS]
    if unknown:
        raise ValueError("Unknown keyword arguments: %s" % kwargs.keys())
    for k in ("compiled", "separate_compiled_gradients"):
        if kwargs.get(k) is not None:
            raise NotImplementedError(
                f"tf.python.framework.function.Defun({k}=...) (XLA compilation attrs)")
    if kwargs.get("noinline") is not None:
        return {"_noinline": bool(kwargs["noinline"])}
    return {}


class Defun:
    """Decorator for a Python function defining a TF function (TF 1.14's Defun).

    `Defun(*input_types, func_name=None, grad_func=None, python_grad_func=None,
    out_names=None, shape_func=None, noinline=...)`; decorating a function returns a
    _DefinedFunction (input types given, or a function of no arguments) or an
    _OverloadedFunction (instantiated per argument dtypes at its calls).
    """

    def __init__(self, *input_types, **kwargs):
        self._input_types = input_types
        self._func_name = kwargs.pop("func_name", None)
        self._grad_func = kwargs.pop("grad_func", None)
        self._python_grad_func = kwargs.pop("python_grad_func", None)
        self._out_names = kwargs.pop("out_names", None)
        self._extra_kwargs = kwargs

    def __call__(self, func):
        if not callable(func):
            raise ValueError("function %s must be callable" % func)
        spec = inspect.getfullargspec(func)
        if spec.varkw or spec.defaults:
            raise ValueError(
                "function with argument defaults or keywords arguments are not"
                " supported. {} has defaults {} and keywords {}.".format(
                    func, spec.defaults, spec.varkw))
        argnames = list(spec.args)
        min_args = len(argnames)
        max_args = 1000000 if spec.varargs else min_args
        if inspect.ismethod(func):
            min_args -= 1
            argnames = argnames[1:]
        common = dict(func_name=self._func_name, grad_func=self._grad_func,
                      python_grad_func=self._python_grad_func, out_names=self._out_names,
                      **self._extra_kwargs)
        if self._input_types:
            num = len(self._input_types)
            if num < min_args or num > max_args:
                raise ValueError("The function has fewer arguments than the number of "
                                 "specified input types.")
            return _DefinedFunction(func, argnames, self._input_types, **common)
        if min_args == 0 and max_args == 0:
            return _DefinedFunction(func, [], [], **common)
        return _OverloadedFunction(func, argnames, **common)


class _DefinedFunction:
    """A Defun with its input types: `name`, `grad_func_name`, `python_grad_func`,
    `declared_input_types`, `captured_inputs`; calling it adds its call op."""

    def __init__(self, func, argnames, input_types, func_name=None, grad_func=None,
                 python_grad_func=None, out_names=None, shape_func=None,
                 capture_by_value=False, whitelisted_stateful_ops=None,
                 capture_resource_var_by_value=True, **kwargs):
        if capture_by_value:
            raise NotImplementedError(
                "tf.python.framework.function.Defun(capture_by_value=True)")
        self._func = func
        self._input_types = tuple(_dt.as_dtype(t) for t in input_types)
        self._func_name = func_name
        self._grad_func = grad_func
        self._python_grad_func = python_grad_func
        self._shape_func = shape_func
        self._out_names = out_names
        self._extra_kwargs = kwargs   # (checked when the function is defined, as TF)
        names = list(argnames)
        # a function taking *args: TF names its arguments arg0, arg1, ...
        names += [f"arg{i}" for i in range(len(names), len(self._input_types))]
        self._argnames = names[:len(self._input_types)]
        self._engine = None
        self._name_with_grad = grad_func is not None   # TF: `<name>_<grad_func.name>`

    def _defined(self):
        """The engine Defun and its one instance (traced in the default graph)."""
        if self._engine is None:
            _parse_kwargs(self._extra_kwargs)
            base = self._func_name or _base_name(self._func)
            if self._func_name is None and self._name_with_grad:
                base += "_%s" % self._grad_func.name
            grad = self._grad_func._engine_defun() if self._grad_func is not None else None
            self._engine = _defun.Defun(
                _outer_variables(self._func), base, self._argnames, grad_func=grad,
                description=_source_docstring(self._func),
                python_grad_func=self._python_grad_func,
                naming="exact" if self._func_name else "hash", capture=True,
                noinline=bool(self._extra_kwargs.get("noinline", False)),
                out_names=self._out_names)
        inst = self._engine.instantiate(self._input_types)
        inst.body()
        return self._engine, inst

    def _engine_defun(self):
        return self._defined()[0]

    @property
    def name(self) -> str:
        """The function's name (its call ops' type)."""
        return self._defined()[1].name

    def set_grad_func(self, grad_func):
        """Specifies the gradient function of this function (before its first use)."""
        assert not self._grad_func
        assert isinstance(grad_func, _DefinedFunction)
        self._grad_func = grad_func
        self._name_with_grad = True
        if self._engine is not None:
            self._engine.grad_func = grad_func._engine_defun()

    @property
    def stateful_ops(self) -> list:
        """(name, type) of the body's stateful ops."""
        ops = self._defined()[1].body().graph._ops
        return [(op.name, op.type) for op in ops if _defun.is_stateful(op)]

    @property
    def grad_func_name(self):
        return self._grad_func.name if self._grad_func is not None else None

    @property
    def python_grad_func(self):
        return self._python_grad_func

    @property
    def declared_input_types(self) -> tuple:
        return self._input_types

    @property
    def captured_inputs(self) -> list:
        return self._defined()[1].body().captures

    @property
    def definition(self):
        """The function's FunctionDef proto (needs the `summary` extra, as GraphDefs)."""
        return defun_function_def(self._defined()[1])

    def __call__(self, *args, **kwargs):
        name = kwargs.pop("name", None)
        # TF's _call: the keywords become the call op's attrs (`_noinline`)
        attrs = _parse_kwargs(kwargs)
        args = [convert_to_tensor(a) for a in args]
        engine, inst = self._defined()
        n_in = len(self._input_types) + len(inst.body().captures)
        if len(args) != len(self._input_types):
            raise ValueError("Expected number of arguments: %d, received: %d"
                             % (n_in, len(args) + len(inst.body().captures)))
        for arg, t, want in zip(self._argnames, args, self._input_types):
            if t.dtype.base_dtype != want.base_dtype:
                # (TF's create_op has taken the name when the op def check fails)
                node = get_default_graph().unique_name(name or inst.name)
                raise ValueError(
                    "Input '%s' passed %s expected %s while building NodeDef '%s' using "
                    "Op<name=%s; signature=%s>" % (
                        arg, _type_name(t.dtype.base_dtype), _type_name(want.base_dtype),
                        node, inst.name, _signature(inst, self._argnames)))
        out = engine(*args, name=name, attrs=attrs)
        outs = out if isinstance(out, list) else [out]
        op = outs[0].op if outs else None
        if self._shape_func is not None and op is not None:
            shapes = self._shape_func(op)
            if len(shapes) != len(op.outputs):
                raise ValueError("shape_func produced %d shapes for %d outputs"
                                 % (len(shapes), len(op.outputs)))
            for t, s in zip(op.outputs, shapes):
                t.set_shape(s)
        if isinstance(out, list):
            return tuple(out)
        return out


def _outer_variables(func):
    """`func` with its variables made in the graph it is called from (TF's _FuncGraph.getvar:
    tf.get_variable inside a Defun makes the variable outside it; the body captures its
    read)."""
    def getvar(getter, *args, **kwargs):
        with outer[0].as_default():
            return getter(*args, **kwargs)

    outer = [None]

    def traced(*args):
        outer[0] = get_default_graph()._outer_graph
        with variable_scope("", custom_getter=getvar):
            return func(*args)
    return traced


def _source_docstring(func):
    """func's docstring as written in its source (TF hashes the FunctionDef, whose
    description is the docstring; Python 3.13 strips a docstring's indentation from
    __doc__, which TF's Python 3.7 kept): read back from the source where it can be."""
    doc = func.__doc__ or ""
    if "\n" not in doc:
        return doc
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return doc
    try:
        node = ast.parse(source).body[0]
    except SyntaxError:   # an indented def (a method, a nested function): as written
        try:
            node = ast.parse("if 1:\n" + source).body[0].body[0]
        except (SyntaxError, IndexError, AttributeError):
            return doc
    except IndexError:
        return doc
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body and \
            isinstance(node.body[0], ast.Expr) and \
            isinstance(getattr(node.body[0], "value", None), ast.Constant) and \
            isinstance(node.body[0].value.value, str):
        return node.body[0].value.value
    return doc


def _base_name(func) -> str:
    """TF's function_utils.get_func_name."""
    return getattr(func, "__name__", type(func).__name__)


def _signature(inst, argnames) -> str:
    """The op def's signature as TF prints it: `x:float, y:float -> add:float`."""
    body = inst.body()
    ins = ["%s:%s" % (a, _type_name(d)) for a, d in zip(argnames, inst.in_dtypes)]
    ins += ["%s:%s" % (re.sub(r"[^a-z0-9]", "_", t.op.name.lower()) + "_placeholder",
                       _type_name(t.dtype.base_dtype)) for t in body.captures]
    outs = ["%s:%s" % (re.sub(r"[^a-z0-9]", "_", t.op.name.split("/")[-1].lower()),
                       _type_name(t.dtype.base_dtype)) for t in body.outputs]
    return "%s -> %s" % (", ".join(ins), ", ".join(outs))


class _OverloadedFunction:
    """A Defun without input types: one _DefinedFunction per tuple of argument dtypes."""

    def __init__(self, func, argnames, func_name=None, grad_func=None,
                 python_grad_func=None, out_names=None, **kwargs):
        self._func = func
        self._argnames = argnames
        self._func_name = func_name
        assert grad_func is None or isinstance(grad_func, _OverloadedFunction)
        self._grad_func = grad_func
        self._python_grad_func = python_grad_func
        self._out_names = out_names
        self._extra_kwargs = kwargs
        self._overload = {}

    def instantiate(self, input_types):
        """The _DefinedFunction for `input_types`."""
        input_types = [_dt.as_dtype(t) for t in input_types]
        key = "".join(_defun._DTYPE_TO_STR[t.base_dtype] for t in input_types)
        defined = self._overload.get(key)
        if defined is None:
            name = self._func_name
            if name is not None:
                name = "_".join([name, key])
            defined = _DefinedFunction(self._func, self._argnames, input_types, name, None,
                                       self._python_grad_func, out_names=self._out_names,
                                       **self._extra_kwargs)
            _ = defined.name
            if self._grad_func is not None:
                outs = [t.dtype.base_dtype for t in defined._defined()[1].body().outputs]
                defined._grad_func = self._grad_func.instantiate(input_types + outs)
                defined._engine = None   # (its engine Defun takes the gradient function)
            self._overload[key] = defined
        return defined

    def __call__(self, *args, **kwargs):
        input_types = []
        args = list(args)
        for i, x in enumerate(args):
            x = convert_to_tensor(x)
            if not isinstance(x, Tensor):
                raise ValueError("Expect a Tensor but get ", x)
            input_types.append(x.dtype)
            args[i] = x
        return self.instantiate(input_types)(*args, **kwargs)

