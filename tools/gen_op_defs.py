"""Writes src/flowgrad/engine/framework/op_defs.json: TF 1.14's OpDef (inputs, outputs,
attributes and their defaults; under "x", where set: allowed values, minimums, flags and
deprecation; under "py", the Python parameters of tf.raw_ops.<op> in TF's order, each
with the OpDef input or attr it sets, and under "pyfn" the name of the op's Python
function) of every op flowgrad registers (and of the TF ops graph_def_lower.py writes in
their place: Switch, RefSwitch, Merge), for writing GraphDefs in TF's canonical form
(engine/framework/graph_def.py) and for tf.raw_ops (src/flowgrad/raw_ops.py).

Run in two steps (the first needs flowgrad, the second TF 1.14):
    python tools/gen_op_defs.py list > /tmp/ops.txt
    /tmp/tf114/bin/python tools/gen_op_defs.py dump /tmp/ops.txt
Ops TF 1.14 does not have (flowgrad's own) are left out. The list step imports every module
of flowgrad (import_all), so the ops registered by lazily loaded modules (tf.data's in
engine/ops/dataset*.py, data/stats.py, Horovod's collectives) are listed too.
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "flowgrad",
                   "engine", "framework", "op_defs.json")


def _attr_default(a):
    from google.protobuf import json_format
    if not a.HasField("default_value"):
        return None
    return json_format.MessageToDict(a.default_value)


def _args(args):
    return [[a.name, a.type, a.type_attr, a.number_attr, a.type_list_attr, a.is_ref]
            for a in args]


_FLAGS = ("is_commutative", "is_aggregate", "is_stateful", "allows_uninitialized_input")


def _extra(od):
    """What else TF's (stripped) OpDef holds, only where set: {"attr": {name: {"allowed":
    AttrValue dict, "min": int}}, "flags": [flag names], "dep": [version, explanation]}."""
    from google.protobuf import json_format
    x = {}
    attrs = {}
    for a in od.attr:
        e = {}
        if a.HasField("allowed_values"):
            e["allowed"] = json_format.MessageToDict(a.allowed_values)
        if a.has_minimum:
            e["min"] = a.minimum
        if e:
            attrs[a.name] = e
    if attrs:
        x["attr"] = attrs
    flags = [f for f in _FLAGS if getattr(od, f)]
    if flags:
        x["flags"] = flags
    if od.HasField("deprecation"):
        x["dep"] = [od.deprecation.version, od.deprecation.explanation]
    return x


def _source_functions(module, cache={}):
    """{function name: ast.FunctionDef} of a module's source."""
    import ast
    import inspect
    if module.__name__ not in cache:
        tree = ast.parse(inspect.getsource(module))
        cache[module.__name__] = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    return cache[module.__name__]


def _keywords(fn_def, pick):
    """{keyword: the parameter it passes} of the calls in fn_def that `pick` selects."""
    import ast
    out = {}
    for node in ast.walk(fn_def):
        if isinstance(node, ast.Call) and pick(node):
            out.update({k.arg: k.value.id for k in node.keywords
                        if isinstance(k.value, ast.Name)})
    return out


def _raw_params(name):
    """([[Python parameter, OpDef input or attr]] of tf.raw_ops.<name> (without `name`), in
    TF's order, and the name of the op's Python function), or None where TF 1.14 has no
    such raw op. The renames (Split's `split_dim`
    is `axis`) are read from the generated wrapper's call of _apply_op_helper."""
    import ast
    import inspect
    import tensorflow as tf
    from tensorflow.python.util import tf_decorator, tf_inspect
    fn = getattr(tf.raw_ops, name, None)
    if fn is None:
        return None, None
    params = [a for a in tf_inspect.getfullargspec(fn).args if a != "name"]
    target = tf_decorator.unwrap(fn)[1]
    funcs = _source_functions(inspect.getmodule(target))
    wrapper = funcs[target.__name__]
    call = next((n for n in ast.walk(wrapper) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id in funcs), None)
    if call is None:
        raise ValueError(f"raw op {name}: no call of the op's function in {target.__name__}")
    inner = funcs[call.func.id]   # the op's lower-case function: split(axis=axis, ...)
    to_inner = {v: k for k, v in _keywords(wrapper, lambda c: c is call).items()}
    helper = _keywords(inner, lambda c: getattr(c.func, "attr", "") == "_apply_op_helper")
    to_op = {v: k for k, v in helper.items()}
    return [[p, to_op.get(to_inner.get(p, p), p)] for p in params], call.func.id


def import_all():
    """Imports flowgrad and every module under it (`import flowgrad` leaves tf.data, tf.contrib,
    horovod, ... to load on first use, and their modules register ops); returns the registry."""
    import importlib
    import pkgutil
    import flowgrad
    from flowgrad.engine.framework.registry import OPS
    for m in pkgutil.walk_packages(flowgrad.__path__, "flowgrad."):
        importlib.import_module(m.name)
    return OPS


def dump(list_file):
    import tensorflow.contrib.image  # noqa: F401 - registers contrib's op libraries' OpDefs
    import tensorflow.contrib.resampler  # noqa: F401
    import tensorflow.contrib.factorization  # noqa: F401 - WALS's op library
    import tensorflow.contrib.text  # noqa: F401 - skip_gram_ops
    import tensorflow.contrib.framework.python.ops.variables as contrib_variables
    from tensorflow.contrib.util import loader
    loader.load_op_library(os.path.join(os.path.dirname(contrib_variables.__file__),
                                        "_variable_ops.so"))   # ZeroInitializer's library
    from tensorflow.python.framework import op_def_registry
    ops = op_def_registry.get_registered_ops()
    names = [n.strip() for n in open(list_file) if n.strip()]
    out = {}
    for name in sorted(names):
        if name not in ops:
            continue
        od = ops[name]
        out[name] = {"in": _args(od.input_arg), "out": _args(od.output_arg),
                     "attr": [[a.name, a.type, _attr_default(a)] for a in od.attr]}
        py, py_fn = _raw_params(name)
        if py is not None:
            out[name]["py"], out[name]["pyfn"] = py, py_fn
        extra = _extra(od)
        if extra:
            out[name]["x"] = extra
    with open(OUT, "w") as f:
        json.dump(out, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print(len(out), "ops of", len(names))


if __name__ == "__main__":
    if sys.argv[1] == "list":
        OPS = import_all()
        from flowgrad.engine.framework.graph_def_lower import TF_OPS_WRITTEN
        print("\n".join(sorted(set(OPS) | set(TF_OPS_WRITTEN))))
    else:
        dump(sys.argv[2])
