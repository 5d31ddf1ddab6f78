"""TF 1.14's checks of one NodeDef against its OpDef when a GraphDef is imported
(node_def_util.cc's ValidateNodeDef, run by the importer after filling in the OpDef's
defaults), with TF's messages: an attr the OpDef does not have ("NodeDef mentions attr
..."), an attr it requires that is missing, and a number of data inputs other than the
OpDef's arguments give with the node's attrs ("NodeDef expected inputs ..."). Each
message carries SummarizeOpDef's one-line form of the OpDef (`summarize_op_def`), made
from op_defs.json."""
from __future__ import annotations

import base64

import numpy as np

from .errors import c_escape
from .proto import pb
from .registry import op_defs

__all__ = ["check_input_types", "check_node_def", "output_types", "summarize_op_def"]

_MAX_LIST = 15   # SummarizeAttrValue: longer lists show their first and last 5 items


def _type_name(enum):
    """DataTypeString: DT_FLOAT -> 'float' (a ref type: 'float_ref')."""
    if isinstance(enum, str):   # "DT_FLOAT" as op_defs.json writes an enum
        name = enum
    else:
        name = pb().types_pb2.DataType.Name(int(enum))
    name = name[3:].lower()
    return name[:-4] + "_ref" if name.endswith("_ref") else name


def _float_str(f):
    """TF's FloatToBuffer: %g with 6 digits, 9 when 6 do not give the float back."""
    s = "%.6g" % f
    return s if np.float32(s) == np.float32(f) else "%.9g" % f


def _list_str(items):
    if len(items) > _MAX_LIST:
        items = items[:5] + ["..."] + items[-5:]
    return "[" + ", ".join(items) + "]"


def _shape_str(shape):
    if shape.get("unknownRank"):
        return "<unknown>"
    return "[" + ",".join("?" if int(d.get("size", 0)) == -1 else str(int(d.get("size", 0)))
                          for d in shape.get("dim", [])) + "]"


def _tensor_str(t):
    """SummarizeTensor: its type, shape and first 3 values ("..." after them)."""
    shape = [int(d.get("size", 0)) for d in t.get("tensorShape", {}).get("dim", [])]
    values = [str(v) for v in t.get("intVal", [])]
    shown = " ".join(values[:3]) + ("..." if len(values) > 3 else "")
    return (f"Tensor<type: {_type_name(t['dtype'])} shape: [{','.join(map(str, shape))}] "
            f"values: {shown}>")


def _value_str(v):
    """SummarizeAttrValue of an AttrValue as op_defs.json holds it (protobuf's JSON)."""
    if "list" in v:
        lst = v["list"]
        for key, fmt in (("i", str), ("f", _float_str), ("b", lambda b: str(b).lower()),
                         ("type", str), ("shape", _shape_str),
                         ("s", lambda s: '"' + c_escape(base64.b64decode(s)) + '"')):
            if key in lst:
                return _list_str([fmt(x) for x in lst[key]])
        return "[]"
    if "s" in v:
        return '"' + c_escape(base64.b64decode(v["s"])) + '"'
    if "i" in v:
        return str(int(v["i"]))
    if "f" in v:
        return _float_str(v["f"])
    if "b" in v:
        return "true" if v["b"] else "false"
    if "type" in v:
        return v["type"]
    if "shape" in v:
        return _shape_str(v["shape"])
    if "tensor" in v:
        return _tensor_str(v["tensor"])
    return ""


def _args_str(args):
    out = []
    for name, dtype, type_attr, number_attr, _type_list_attr, is_ref in args:
        kind = _type_name(dtype) if dtype else type_attr
        kind = (number_attr + "*" if number_attr else "") + kind
        out.append(f"{name}:" + (f"Ref({kind})" if is_ref else kind))
    return ", ".join(out)


_FLAGS = ("is_commutative", "is_aggregate", "is_stateful", "allows_uninitialized_input")


def summarize_op_def(op_type):
    """TF's SummarizeOpDef of `op_type`: "Op<name=...; signature=in -> out; attr=...>"."""
    od = op_defs()[op_type]
    extra = od.get("x", {})
    parts = [f"Op<name={op_type}; signature={_args_str(od['in'])} -> {_args_str(od['out'])}"]
    for name, atype, default in od["attr"]:
        s = f"; attr={name}:{atype}"
        if default is not None:
            s += ",default=" + _value_str(default)
        more = extra.get("attr", {}).get(name, {})
        if "min" in more:
            s += f",min={more['min']}"
        if "allowed" in more:
            s += ",allowed=" + _value_str(more["allowed"])
        parts.append(s)
    parts.extend(f"; {f}=true" for f in _FLAGS if f in extra.get("flags", ()))
    return "".join(parts) + ">"


def _arg_types(node, od, args):
    """InOutTypesForNode: each argument's type(s) from the node's attrs (an attr the node
    leaves out: the OpDef's default, as the importer fills it in)."""
    defaults = {name: default for name, _, default in od["attr"]}

    def attr(name, field):
        if name in node.attr:
            return getattr(node.attr[name], field)
        d = defaults.get(name) or {}
        if field == "type":
            return d.get("type", 0)
        return int(d.get("i", 0))

    out = []
    for _name, dtype, type_attr, number_attr, type_list_attr, is_ref in args:
        if type_list_attr:
            types = [_type_name(t) for t in node.attr[type_list_attr].list.type] \
                if type_list_attr in node.attr else []
        else:
            one = _type_name(dtype if dtype else attr(type_attr, "type") or 0)
            types = [one] * (attr(number_attr, "i") if number_attr else 1)
        out.extend(t + "_ref" if is_ref else t for t in types)
    return out


def _input_types(node, od):
    return _arg_types(node, od, od["in"])


def output_types(node):
    """The output types of NodeDef `node` as TF's names ("float", "float_ref"), or None for
    an op TF 1.14 does not have."""
    od = op_defs().get(node.op)
    return None if od is None else _arg_types(node, od, od["out"])


def check_input_types(node, sources, scope="", mapped=frozenset()):
    """TF's GraphConstructor::MakeEdge for each data input of `node` whose source's output
    types are in `sources` ({node name: types}) and that `mapped` ("name:i" of input_map)
    does not replace: a type it cannot take (a ref where a value was given) is TF's
    ValueError. `scope`: the import prefix of the names."""
    od = op_defs().get(node.op)
    if od is None:
        return
    want = _input_types(node, od)
    inputs = [i for i in node.input if not i.startswith("^")]
    for j, (ref, expected) in enumerate(zip(inputs, want)):
        src, _, idx = ref.partition(":")
        idx = int(idx) if idx.isdigit() else 0
        if f"{src}:{idx}" in mapped:
            continue
        got = sources.get(src)
        if got is None or idx >= len(got) or expected == got[idx] or (
                got[idx].endswith("_ref") and expected == got[idx][:-4]):
            continue   # (TypesCompatible: the same type, or a ref's value)
        raise ValueError(f"Input {j} of node {scope}{node.name} was passed {got[idx]} from "
                         f"{scope}{src}:{idx} incompatible with expected {expected}.")


def check_node_def(node):
    """ValueError with TF's message when NodeDef `node` does not fit TF 1.14's OpDef of its
    op (an op TF does not have is not checked here)."""
    od = op_defs().get(node.op)
    if od is None:
        return
    where = f"; NodeDef: {{{{node {node.name}}}}}"
    names = [a[0] for a in od["attr"]]
    for key in node.attr:
        if not key.startswith("_") and key not in names:
            raise ValueError(
                f"NodeDef mentions attr '{key}' not in {summarize_op_def(node.op)}{where}. "
                "(Check whether your GraphDef-interpreting binary is up to date with your "
                "GraphDef-generating binary.).")
    missing = [n for n, _, default in od["attr"] if default is None and n not in node.attr]
    if missing:
        listed = "', '".join(missing)   # (TF: in its hash map's order)
        raise ValueError(f"NodeDef missing attr{'s' if len(missing) > 1 else ''} "
                         f"'{listed}' from {summarize_op_def(node.op)}{where}")
    n_inputs = sum(1 for i in node.input if not i.startswith("^"))
    want = _input_types(node, od)
    if n_inputs != len(want):
        raise ValueError(f"NodeDef expected inputs '{', '.join(want)}' do not match "
                         f"{n_inputs} inputs specified; {summarize_op_def(node.op)}{where}")
