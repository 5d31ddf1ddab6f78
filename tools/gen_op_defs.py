"""Writes src/flowgrad/engine/framework/op_defs.json: TF 1.14's OpDef (inputs, outputs,
attributes and their defaults; under "x", where set: allowed values, minimums, flags and
deprecation) of every op flowgrad registers (and of the TF ops
graph_def_lower.py writes in their place: Switch, RefSwitch, Merge), for writing GraphDefs in
TF's canonical form (engine/framework/graph_def.py).

Run in two steps (the first needs flowgrad, the second TF 1.14):
    python tools/gen_op_defs.py list > /tmp/ops.txt
    /tmp/tf114/bin/python tools/gen_op_defs.py dump /tmp/ops.txt
Ops TF 1.14 does not have (flowgrad's own) are left out.
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


def dump(list_file):
    import tensorflow.contrib.image  # noqa: F401 - registers contrib's op libraries' OpDefs
    import tensorflow.contrib.resampler  # noqa: F401
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
        extra = _extra(od)
        if extra:
            out[name]["x"] = extra
    with open(OUT, "w") as f:
        json.dump(out, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print(len(out), "ops of", len(names))


if __name__ == "__main__":
    if sys.argv[1] == "list":
        import flowgrad  # noqa: F401
        from flowgrad.engine.framework.graph_def_lower import TF_OPS_WRITTEN
        from flowgrad.engine.framework.registry import OPS
        print("\n".join(sorted(set(OPS) | set(TF_OPS_WRITTEN))))
    else:
        dump(sys.argv[2])
