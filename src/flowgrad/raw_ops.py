"""tf.raw_ops: TF 1.14's op-level API, one function per op type flowgrad runs.

Each function is TF's generated wrapper: it takes keyword arguments only, named as the
op's inputs and the attrs TF does not infer from them, in TF's order
(``Cast(x, DstT, Truncate=False, name=None)``); it converts and checks its inputs as TF's
op_def_library does (a Python value becomes a Const named after its input, in the op's
name scope; a dtype another input fixed, or the attr's default, is used for it), and makes
the op the way an imported NodeDef is made (engine/framework/meta_graph.py), so its attrs
are TF's OpDef's, defaults included. It returns what TF's returns: the output, a list
(one list output), a namedtuple named after the op (several outputs), or the Operation
(no outputs).

>>> import flowgrad as tf
>>> tf.Session().run(tf.raw_ops.Add(x=1.0, y=2.0))
3.0

The raw ops are the op_defs.json entries with TF's Python parameters ("py", written by
tools/gen_op_defs.py from the oracle's tf.raw_ops). Absent (``flowgrad does not implement
tensorflow.raw_ops.X``): op types flowgrad does not register, TF's v1 control-flow frame
ops (Switch, Merge, Enter, Exit, NextIteration: flowgrad builds tf.cond and tf.while_loop
from its own ops) and ops whose attrs are functions (If, While, PartitionedCall, ...).
"""
from __future__ import annotations

import collections
import inspect

import numpy as np

from . import data as _data  # noqa: F401 - registers tf.data's ops (loaded on first use)
from .engine.framework import dtypes as _dt
from .engine.framework.constant_op import convert_to_tensor
from .engine.framework.graph import Tensor, get_default_graph, name_scope
from .engine.framework.graph_def import (_attr_from_proto, _default_value, _typed_attr,
                                         node_attrs_from_proto, op_defs)
from .engine.framework.graph_def_lower import V1_FLOW_OPS
from .engine.framework.meta_graph import _TF_LAYOUTS, CALL_BUILDERS
from .engine.framework.proto import pb
from .engine.framework.registry import OPS

_FUNC_ATTRS = ("func", "list(func)")


def _py_names(od):
    """{OpDef input or attr name: TF's Python parameter} (Split's split_dim is axis)."""
    return {op_name: py for py, op_name in od["py"]}


def _allowed(od, attr):
    """The allowed dtypes of a type attr, in TF's order (None: any)."""
    names = od.get("x", {}).get("attr", {}).get(attr, {}).get("allowed", {}).get(
        "list", {}).get("type")
    return None if names is None else [_dt.as_dtype(getattr(pb().types_pb2, n))
                                       for n in names]


def _check_type(od, attr, dtype, param):
    allowed = _allowed(od, attr)
    if allowed is not None and dtype.base_dtype not in allowed:
        raise TypeError(f"Value passed to parameter '{param}' has DataType "
                        f"{dtype.base_dtype.name} not in list of allowed values: "
                        + ", ".join(d.name for d in allowed))


def _default_dtypes(od):
    out = {}
    for name, atype, default in od["attr"]:
        if atype == "type" and default is not None:
            out[name] = _attr_from_proto(_default_value(default, pb()))
    return out


def _convert_list(op_type, od, arg, values, attrs, defaults):
    name, fixed, type_attr, number_attr, _, is_ref = arg
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{op_type}' Op, not "
                        f"{values}.")
    dtype = default = None
    if fixed:
        dtype = _dt.as_dtype(fixed)
    elif number_attr:
        dtype = attrs.get(type_attr)
        if dtype is None:
            dtype = next((v.dtype.base_dtype for v in values if isinstance(v, Tensor)), None)
        if dtype is None:
            default = defaults.get(type_attr)
    try:
        out = [convert_to_tensor(v, dtype=dtype, name=f"{name}_{i}", preferred_dtype=default,
                                 as_ref=is_ref) for i, v in enumerate(values)]
        if number_attr and len({t.dtype.base_dtype for t in out}) > 1:
            raise TypeError()
    except (TypeError, ValueError):
        seen = []
        for v in values:
            try:
                seen.append(convert_to_tensor(v, as_ref=is_ref).dtype.base_dtype.name)
            except (TypeError, ValueError):
                seen.append("<NOT CONVERTIBLE TO TENSOR>")
        prefix = (f"Tensors in list passed to '{name}' of '{op_type}' Op have types "
                  f"[{', '.join(seen)}]")
        if number_attr and fixed:
            raise TypeError(f"{prefix} that do not match expected type {dtype.name}.") \
                from None
        if number_attr and type_attr in attrs:
            raise TypeError(f"{prefix} that do not match type {dtype.name} inferred from "
                            "earlier arguments.") from None
        if number_attr:
            raise TypeError(f"{prefix} that don't all match.") from None
        raise TypeError(f"{prefix} that are invalid. Tensors: {values}") from None
    return out


def _convert_one(op_type, arg, value, attrs, defaults, inferred_from):
    name, fixed, type_attr, _, _, is_ref = arg
    dtype = default = None
    if fixed:
        dtype = _dt.as_dtype(fixed)
    elif type_attr in attrs:
        dtype = attrs[type_attr]
    elif type_attr in defaults:
        default = defaults[type_attr]
    try:
        return convert_to_tensor(value, dtype=dtype, name=name, preferred_dtype=default,
                                 as_ref=is_ref)
    except TypeError as e:
        if dtype is None:
            raise
        raise TypeError(f"Expected {dtype.name} passed to parameter '{name}' of op "
                        f"'{op_type}', got {value!r} of type '{type(value).__name__}' "
                        f"instead. Error: {e}") from None
    except ValueError as e:
        try:
            seen = convert_to_tensor(value, as_ref=is_ref).dtype.name
        except ValueError as err:
            raise ValueError(f"Tried to convert '{name}' to a tensor and failed. Error: "
                             f"{err}") from None
        prefix = f"Input '{name}' of '{op_type}' Op has type {seen} that does not match"
        if fixed:
            raise TypeError(f"{prefix} expected type of {dtype.name}.") from None
        if type_attr not in attrs:
            raise e
        raise TypeError(f"{prefix} type {attrs[type_attr].name} of argument "
                        f"'{inferred_from[type_attr]}'.") from None


def _inputs(op_type, od, kwargs, attrs, py):
    """The converted inputs, in the OpDef's order; sets the attrs they determine."""
    defaults = _default_dtypes(od)
    minimum = {k: v["min"] for k, v in od.get("x", {}).get("attr", {}).items() if "min" in v}
    inferred_from, inputs = {}, []
    for arg in od["in"]:
        name, fixed, type_attr, number_attr, type_list_attr, is_ref = arg
        values = kwargs.pop(py[name])
        if number_attr or type_list_attr:
            ts = _convert_list(op_type, od, arg, values, attrs, defaults)
        else:
            ts = [_convert_one(op_type, arg, values, attrs, defaults, inferred_from)]
        base = [t.dtype.base_dtype for t in ts]
        if number_attr:
            if number_attr in attrs:
                if len(ts) != attrs[number_attr]:
                    raise ValueError(f"List argument '{name}' to '{op_type}' Op with length "
                                     f"{len(ts)} must match length {attrs[number_attr]} of "
                                     f"argument '{inferred_from[number_attr]}'.")
            else:
                if len(ts) < minimum.get(number_attr, 0):
                    raise ValueError(f"List argument '{name}' to '{op_type}' Op with length "
                                     f"{len(ts)} shorter than minimum length "
                                     f"{minimum[number_attr]}.")
                attrs[number_attr], inferred_from[number_attr] = len(ts), name
            if any(b is not base[0] for b in base):
                raise TypeError(f"All tensors passed to '{name}' of '{op_type}' Op must have "
                                "the same type.")
            if type_attr and type_attr not in attrs:
                if not base:
                    raise TypeError("Don't know how to infer type variable from empty input "
                                    f"list passed to input '{name}' of '{op_type}' Op.")
                _check_type(od, type_attr, base[0], name)
                attrs[type_attr], inferred_from[type_attr] = base[0], name
        elif type_attr and type_attr not in attrs:
            _check_type(od, type_attr, base[0], name)
            attrs[type_attr], inferred_from[type_attr] = base[0], name
        elif type_list_attr:
            if type_list_attr in attrs:
                if list(attrs[type_list_attr]) != base:
                    raise TypeError(
                        f"Input '{name}' of '{op_type}' Op has type list of "
                        f"{', '.join(b.name for b in base)} that does not match type list "
                        f"{', '.join(d.name for d in attrs[type_list_attr])} of argument "
                        f"'{inferred_from[type_list_attr]}'.")
            else:
                for b in base:
                    _check_type(od, type_list_attr, b, name)
                attrs[type_list_attr], inferred_from[type_list_attr] = base, name
        if is_ref and not all(t.dtype.is_ref_dtype for t in ts):
            raise TypeError(f"'{op_type}' Op requires that input '{name}' be a mutable tensor "
                            "(e.g.: a tf.Variable)")
        inputs.extend(ts)
    return inputs


_KIND_NAMES = {"int": "int", "float": "float", "bool": "bool", "string": "string",
               "type": "DataType", "shape": "shape", "tensor": "tensor"}


def _check_kind(py_fn, name, atype, value):
    """TF's generated wrapper's _execute.make_* checks of a given attr, made before any
    input is converted (so a wrong attr leaves no op behind)."""
    kind = atype[5:-1] if atype.startswith("list(") else atype
    if atype.startswith("list(") and not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{py_fn}' Op, not {value!r}.")
    for v in (list(value) if atype.startswith("list(") else [value]):
        if kind == "type":
            try:
                _dt.as_dtype(v)
            except TypeError:
                raise TypeError(f"Expected DataType for argument '{name}' not {v!r}.") \
                    from None
            continue
        ok = {"int": lambda x: not isinstance(x, bool) and hasattr(x, "__index__"),
              "float": lambda x: not isinstance(x, (bool, str, bytes)) and
              hasattr(x, "__float__"),
              "bool": lambda x: isinstance(x, bool) or type(x).__name__ == "bool_",
              "string": lambda x: isinstance(x, (str, bytes))}.get(kind)
        if ok is not None and not ok(v):
            raise TypeError(f"Expected {_KIND_NAMES[kind]} for argument '{name}' not {v!r}.")


def _make_op(op_type, od, outputs, kwargs):
    name = kwargs.pop("name", None)
    py = _py_names(od)
    types = {a: t for a, t, _ in od["attr"]}
    given = {a: kwargs.pop(py[a]) for a in types if a in py and py[a] in kwargs}
    for arg in od["in"]:   # the wrapper's own check of a number-attr list input
        if arg[3] and not isinstance(kwargs[py[arg[0]]], (list, tuple)):
            raise TypeError(f"Expected list for '{py[arg[0]]}' argument to '{od['pyfn']}' "
                            f"Op, not {kwargs[py[arg[0]]]!r}.")
    for a, v in given.items():
        if v is not None:
            _check_kind(od["pyfn"], py.get(a, a), types[a], v)
    g = get_default_graph()
    dep = od.get("x", {}).get("dep")
    producer = g.graph_def_versions.producer
    if dep is not None and producer >= dep[0]:   # TF's op_def_library: a removed op
        raise NotImplementedError(f"Op {op_type} is not available in GraphDef version "
                                  f"{producer}. It has been removed in version {dep[0]}. "
                                  f"{dep[1]}.")
    attrs = {}
    with name_scope(name, op_type) as scope:
        inputs = _inputs(op_type, od, kwargs, attrs, py)
        for a, v in given.items():
            if types[a] == "type" and v is not None:
                _check_type(od, a, _dt.as_dtype(v), a)
        attrs.update(given)
        for a, e in od.get("x", {}).get("attr", {}).items():   # TF's op_def_library
            if types[a] == "int" and "min" in e and attrs.get(a) is not None \
                    and attrs[a] < e["min"]:
                raise ValueError(f"Attr '{a}' of '{op_type}' Op passed {attrs[a]} less than "
                                 f"minimum {e['min']}.")
        protos = {}
        for a, v in attrs.items():
            av = _typed_attr(types[a], a, v, pb())
            if av is not None:
                protos[a] = av
        layout = _TF_LAYOUTS.get(op_type)
        if layout is not None:
            inputs = [inputs[i] for i in layout[1]]
        g = inputs[0]._op._graph if inputs else g
        op = g._create_op(op_type, inputs, node_attrs_from_proto(op_type, protos), scope)
    outs = op._outputs
    if not od["out"]:
        return op
    if len(od["out"]) == 1:
        arg = od["out"][0]
        return list(outs) if (arg[3] or arg[4]) else outs[0]
    return outputs._make(_group(od["out"], list(outs), op))


def _group(args, outs, op):
    """The op's outputs grouped by output arg (a list for a list arg)."""
    got, pos = [], 0
    for name, _, _, number_attr, type_list_attr, _ in args:
        if number_attr or type_list_attr:
            n = op._attrs.get(number_attr) if number_attr else None
            if n is None:
                n = len(op._attrs.get(type_list_attr, ())) if type_list_attr else None
            if not isinstance(n, int):
                n = len(outs) - (len(args) - 1)
            got.append(outs[pos:pos + n])
            pos += n
        else:
            got.append(outs[pos])
            pos += 1
    return got


def _python_default(d):
    """A default AttrValue as TF's generated signature writes it: a float32 by its
    shortest decimal (0.8, not 0.800000011920929; 1, not 1.0), a tensor as its
    TensorProto."""
    av = _default_value(d, pb())
    if av.WhichOneof("value") == "tensor":
        return av.tensor
    v = _attr_from_proto(av)
    if av.WhichOneof("value") == "f":
        return _short_float(v)
    if av.WhichOneof("value") == "list" and av.list.f:
        return [_short_float(x) for x in v]
    return list(v) if isinstance(v, tuple) else v


def _short_float(v):
    """A float32 default as TF's generator writes it (%g-like): 0.8, and 1 for 1.0."""
    f = float(str(np.float32(v)))
    return int(f) if f.is_integer() else f


def _wrapper(op_type, od, positional=False):
    """TF's generated wrapper of op_type: tf.raw_ops' (keyword arguments only), or with
    `positional` the function of its gen_*_ops module (od["pyfn"], arguments by position
    too)."""
    defaults = {a: d for a, _, d in od["attr"]}
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter(p, kind) if defaults.get(a) is None else
              inspect.Parameter(p, kind, default=_python_default(defaults[a]))
              for p, a in od["py"]]
    params.append(inspect.Parameter("name", kind, default=None))
    names = [p.name for p in params]
    outputs = collections.namedtuple(op_type, [a[0] for a in od["out"]]) \
        if len(od["out"]) > 1 else None
    required = [p.name for p in params if p.default is inspect.Parameter.empty]

    fname = od["pyfn"] if positional else op_type

    def fn(*args, **kwargs):
        if args and not positional:
            raise TypeError(f"{op_type} only takes keyword args (possible keys: {names}). "
                            "Please pass these args as kwargs instead.")
        if len(args) > len(names):   # (Python's messages for a plain function)
            raise TypeError(f"{fname}() takes from {len(required)} to {len(names)} "
                            f"positional arguments but {len(args)} were given")
        for key, value in zip(names, args):
            if key in kwargs:
                raise TypeError(f"{fname}() got multiple values for argument '{key}'")
            kwargs[key] = value
        unknown = [k for k in kwargs if k not in names]
        if unknown:
            raise TypeError(f"{fname}() got an unexpected keyword argument '{unknown[0]}'")
        missing = [k for k in required if k not in kwargs]
        if missing:
            raise TypeError(f"{fname}() missing {len(missing)} required positional "
                            f"argument{'s' if len(missing) > 1 else ''}: "
                            + " and ".join(f"'{k}'" for k in missing))
        return _make_op(op_type, od, outputs, dict(kwargs))

    fn.__name__ = fn.__qualname__ = fname
    fn.__module__ = __name__
    fn.__signature__ = inspect.Signature(params)
    fn.__doc__ = f"TF 1.14's raw op {op_type}, " + (
        "arguments by position or keyword." if positional else "keyword arguments only.")
    return fn


def _available(op_type, od):
    return ("py" in od and op_type in OPS and op_type not in V1_FLOW_OPS
            and op_type not in CALL_BUILDERS
            and not any(t in _FUNC_ATTRS for _, t, _ in od["attr"]))


_FUNCTIONS: dict = {}


def _names():
    return sorted(t for t, od in op_defs().items() if _available(t, od))


_GEN_FUNCTIONS: dict = {}


def _gen_function(op_type):
    """op_type's function as its TF 1.14 gen_*_ops module has it (named od["pyfn"],
    arguments by position or keyword), or None where tf.raw_ops lacks the op."""
    fn = _GEN_FUNCTIONS.get(op_type)
    if fn is None:
        od = op_defs().get(op_type)
        if od is None or not _available(op_type, od) or "pyfn" not in od:
            return None
        fn = _GEN_FUNCTIONS[op_type] = _wrapper(op_type, od, positional=True)
    return fn


def __getattr__(name):
    fn = _FUNCTIONS.get(name)
    if fn is None:
        od = op_defs().get(name)
        if od is None or not _available(name, od):
            raise AttributeError(f"module 'flowgrad.raw_ops' has no attribute '{name}'")
        fn = _FUNCTIONS[name] = _wrapper(name, od)
    return fn


def __dir__():
    return _names()


__all__ = _names()
