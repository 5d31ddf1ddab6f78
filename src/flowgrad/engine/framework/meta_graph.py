"""Meta graphs: a Graph, its collections and its SaverDef as one JSON document.

`export_scoped_meta_graph` serializes every op (type, name, inputs, control
inputs, device, colocation, gradient override, attrs) and every collection
that can be named (Tensors, Operations, Variables via Variable.to_proto,
Savers, strings and numbers); `import_scoped_meta_graph` rebuilds the ops with
`Graph._create_op` under their exact names, so a model can be restored and
run by name without the code that built it (tf.train.import_meta_graph).

Attrs are tagged JSON values: DTypes, TensorShapes, tuples, lists, dicts,
bytes, NumPy arrays and scalars (raw bytes in base64; string arrays as
base64 items). Nothing is pickled: loading a meta graph never runs code.
"""
from __future__ import annotations

import base64
import json
import logging
import os

import numpy as np

from . import dtypes as _dt
from .graph import GraphKeys, Operation, Tensor, get_default_graph
from .tensor_shape import TensorShape

__all__ = ["MetaGraphDef", "export_scoped_meta_graph", "import_scoped_meta_graph",
           "read_meta_graph_file"]

_log = logging.getLogger("flowgrad")
FORMAT = "flowgrad-meta-graph"
FORMAT_VERSION = 1


# ---------------------------------------------------------------------------------------
# Attr values <-> tagged JSON
# ---------------------------------------------------------------------------------------
def _b64(b):
    return base64.b64encode(b).decode("ascii")


def encode_value(v, where="value"):
    """A JSON-able, type-tagged form of an attr value (ValueError if it has none)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, float):
        if np.isfinite(v):
            return v
        return {"float": repr(v)}
    if isinstance(v, _dt.DType):
        return {"dtype": v.name}
    if isinstance(v, TensorShape):
        return {"shape": v.as_list() if v.ndims is not None else None}
    if isinstance(v, tuple):
        return {"tuple": [encode_value(x, where) for x in v]}
    if isinstance(v, list):
        return {"list": [encode_value(x, where) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[encode_value(k, where), encode_value(x, where)] for k, x in v.items()]}
    if isinstance(v, bytes):
        return {"bytes": _b64(v)}
    if isinstance(v, complex):
        return {"complex": [v.real, v.imag]}
    if isinstance(v, np.ndarray):
        if v.dtype == object:
            items = [_b64(x if isinstance(x, bytes) else str(x).encode()) for x in v.reshape(-1)]
            return {"ndarray": {"dtype": "string", "shape": list(v.shape), "items": items}}
        return {"ndarray": {"dtype": v.dtype.str, "shape": list(v.shape),
                            "data": _b64(np.ascontiguousarray(v).tobytes())}}
    if isinstance(v, np.generic):
        return {"scalar": {"dtype": v.dtype.str, "data": _b64(v.tobytes())}}
    raise ValueError(f"Cannot serialize {where} of type {type(v).__name__} ({v!r}) into a meta "
                     "graph")


def decode_value(j):
    """Inverse of `encode_value`."""
    if j is None or isinstance(j, (bool, str, int, float)):
        return j
    if not isinstance(j, dict) or len(j) != 1:
        raise ValueError(f"Malformed attr value in meta graph: {j!r}")
    (tag, x), = j.items()
    if tag == "float":
        return float(x)
    if tag == "dtype":
        return _dt.as_dtype(x)
    if tag == "shape":
        return TensorShape(x)
    if tag == "tuple":
        return tuple(decode_value(e) for e in x)
    if tag == "list":
        return [decode_value(e) for e in x]
    if tag == "dict":
        return {_hashable(decode_value(k)): decode_value(e) for k, e in x}
    if tag == "bytes":
        return base64.b64decode(x)
    if tag == "complex":
        return complex(x[0], x[1])
    if tag == "ndarray":
        shape = tuple(x["shape"])
        if x["dtype"] == "string":
            out = np.empty(len(x["items"]), dtype=object)
            out[:] = [base64.b64decode(s) for s in x["items"]]
            return out.reshape(shape)
        return np.frombuffer(base64.b64decode(x["data"]), dtype=np.dtype(x["dtype"])) \
            .reshape(shape).copy()
    if tag == "scalar":
        return np.frombuffer(base64.b64decode(x["data"]), dtype=np.dtype(x["dtype"]))[0]
    raise ValueError(f"Unknown attr value tag {tag!r} in meta graph")


def _hashable(k):
    return tuple(k) if isinstance(k, list) else k


# ---------------------------------------------------------------------------------------
# MetaGraphDef
# ---------------------------------------------------------------------------------------
class _GraphDefDoc:
    """The graph part of a MetaGraphDef: `node` is a list of node dicts."""

    def __init__(self, nodes, versions=None):
        self.node = nodes
        self.versions = versions or {"producer": 27}


class MetaGraphDef:
    """A serialized graph with its collections and SaverDef (TF's MetaGraphDef).

    Attributes: `meta_info_def` (dict), `graph_def` (`.node`: list of dicts with
    name/op/input/device/attr), `saver_def` (SaverDef or None),
    `collection_def` (dict of {"kind", "value"}).
    """

    def __init__(self, meta_info_def=None, graph_def=None, saver_def=None, collection_def=None):
        self.meta_info_def = meta_info_def or {}
        self.graph_def = graph_def or _GraphDefDoc([])
        self.saver_def = saver_def
        self.collection_def = collection_def or {}

    def to_json(self, indent=None) -> str:
        doc = {"format": FORMAT, "version": FORMAT_VERSION, "meta_info_def": self.meta_info_def,
               "graph_def": {"node": self.graph_def.node, "versions": self.graph_def.versions},
               "saver_def": self.saver_def.to_dict() if self.saver_def is not None else None,
               "collection_def": self.collection_def}
        return json.dumps(doc, indent=indent)

    def SerializeToString(self) -> bytes:
        return self.to_json().encode("utf-8")

    @classmethod
    def from_json(cls, text):
        from ...train.saver import SaverDef
        doc = json.loads(text)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a flowgrad meta graph document")
        if doc.get("version", 0) > FORMAT_VERSION:
            raise ValueError(f"meta graph format version {doc['version']} is newer than this "
                             f"flowgrad reads ({FORMAT_VERSION})")
        gd = doc.get("graph_def") or {}
        sd = doc.get("saver_def")
        return cls(doc.get("meta_info_def"), _GraphDefDoc(gd.get("node", []), gd.get("versions")),
                   SaverDef.from_dict(sd) if sd else None, doc.get("collection_def"))

    @classmethod
    def FromString(cls, data):
        return cls.from_json(data.decode("utf-8") if isinstance(data, bytes) else data)


def read_meta_graph_file(filename):
    """Reads a MetaGraphDef written by export_meta_graph (IOError if unreadable)."""
    filename = os.fspath(filename)
    if not os.path.exists(filename):
        raise OSError(f"File {filename} does not exist.")
    with open(filename, "rb") as f:
        data = f.read()
    try:
        return MetaGraphDef.FromString(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise OSError(f"Cannot parse file {filename}: {e}.") from None


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
def _strip(name, export_scope):
    if not export_scope:
        return name
    ctrl = name.startswith("^")
    n = name[1:] if ctrl else name
    pre = export_scope + "/"
    if not n.startswith(pre):
        raise ValueError(f"{n} is outside export scope {export_scope}")
    return ("^" if ctrl else "") + n[len(pre):]


def _node(op, export_scope, clear_devices, strip_default_attrs):
    inputs = [t._as_node_def_input() for t in op._inputs]
    inputs += ["^" + c._name for c in op._control_inputs]
    attrs = {}
    for k, v in op._attrs.items():
        attrs[k] = encode_value(v, where=f"attr '{k}' of op '{op._name}' ({op._type})")
    node = {"name": _strip(op._name, export_scope), "op": op._type,
            "input": [_strip(i, export_scope) for i in inputs], "attr": attrs}
    if op._device and not clear_devices:
        node["device"] = op._device
    if op._colocation:
        node["colocation"] = [_strip(c, export_scope) for c in op._colocation]
    if op._grad_type:
        node["gradient_op_type"] = op._grad_type
    return node


def _encode_collection(key, items, export_scope):
    from ...ops.variables import Variable
    from ...train.saver import Saver
    if not items:
        return None
    if all(isinstance(x, Variable) for x in items):
        return {"kind": "variables", "value": [v.to_proto(export_scope) for v in items]}
    if all(isinstance(x, (Tensor, Operation)) for x in items):
        return {"kind": "node_list", "value": [_strip(x.name, export_scope) for x in items]}
    if all(isinstance(x, Saver) for x in items):
        return {"kind": "savers", "value": [x.to_proto(export_scope).to_dict() for x in items]}
    if all(isinstance(x, bytes) for x in items):
        return {"kind": "bytes_list", "value": [_b64(x) for x in items]}
    if all(isinstance(x, str) for x in items):
        return {"kind": "str_list", "value": list(items)}
    if all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in items):
        return {"kind": "int64_list", "value": [int(x) for x in items]}
    if all(isinstance(x, (float, np.floating)) for x in items):
        return {"kind": "float_list", "value": [float(x) for x in items]}
    raise ValueError(f"collection '{key}' holds objects that a meta graph cannot describe")


def export_scoped_meta_graph(filename=None, graph=None, saver_def=None, collection_list=None,
                             as_text=False, export_scope=None, clear_devices=False,
                             strip_default_attrs=False, meta_info_def=None, atomic=False,
                             **kwargs):
    """Builds the MetaGraphDef of `graph` and writes it to `filename` if given.

    Args:
      filename: where to write (JSON; pretty-printed with `as_text`).
      graph: the graph (default: the default graph).
      saver_def: the SaverDef to record (import_meta_graph rebuilds a Saver).
      collection_list: the collection keys to keep (default: all).
      export_scope: keep only ops under this scope, with the scope removed.
      clear_devices: drop device strings.
    Returns:
      The MetaGraphDef.
    Raises:
      ValueError: an op has an attr that cannot be serialized (naming it).
    """
    graph = graph or get_default_graph()
    nodes = []
    pre = export_scope + "/" if export_scope else None
    for op in graph.get_operations():
        if pre and not op._name.startswith(pre):
            continue
        nodes.append(_node(op, export_scope, clear_devices, strip_default_attrs))
    keys = graph.get_all_collection_keys() if collection_list is None else list(collection_list)
    collections = {}
    for key in keys:
        items = graph.get_collection(key)
        if pre:
            items = [x for x in items if not hasattr(x, "name") or
                     str(x.name).startswith(pre)]
        try:
            c = _encode_collection(key, items, export_scope)
        except (ValueError, AttributeError) as e:
            _log.warning("Issue encountered when serializing %s.\nType is unsupported, or the "
                         "types of the items don't match field type in CollectionDef. %s",
                         key, e)
            continue
        if c is not None:
            collections[key] = c
    info = {"meta_graph_version": "", "tags": [], "tensorflow_version": "1.14.0",
            "tensorflow_git_version": "flowgrad",
            "stripped_op_list": sorted({n["op"] for n in nodes})}
    if isinstance(meta_info_def, dict):
        info.update(meta_info_def)
    sd = saver_def
    if sd is not None and export_scope:
        from ...train.saver import SaverDef
        sd = SaverDef.from_dict(sd.to_dict())
        for k in ("filename_tensor_name", "save_tensor_name", "restore_op_name"):
            setattr(sd, k, _strip(getattr(sd, k), export_scope))
    mg = MetaGraphDef(info, _GraphDefDoc(nodes), sd, collections)
    if filename:
        text = mg.to_json(indent=1 if as_text else None).encode("utf-8")
        filename = os.fspath(filename)
        d = os.path.dirname(filename)
        if d:
            os.makedirs(d, exist_ok=True)
        if atomic:
            from ...train.checkpoint_management import atomic_write
            atomic_write(filename, text, "meta")
        else:
            with open(filename, "wb") as f:
                f.write(text)
    return mg


# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------
def _mark_used(graph, name):
    key = name.lower()
    if graph._names_in_use.get(key, 0) < 1:
        graph._names_in_use[key] = 1


def import_scoped_meta_graph(meta_graph_or_file, clear_devices=False, graph=None,
                             import_scope=None, input_map=None, restore_collections_predicate=None,
                             **kwargs):
    """Adds the ops and collections of a MetaGraphDef to `graph` (the default graph).

    Op names are kept exactly (prefixed by `import_scope/` if given).

    Returns:
      A dict mapping the imported variable names to their Variable objects.
    Raises:
      ValueError: a node names an unknown op type or an input that does not exist.
    """
    from ...ops.variables import Variable
    from ...train.saver import Saver, SaverDef
    from .registry import get_op_def
    mg = meta_graph_or_file
    if not isinstance(mg, MetaGraphDef):
        mg = read_meta_graph_file(mg)
    graph = graph or get_default_graph()
    pre = import_scope + "/" if import_scope else ""
    input_map = dict(input_map or {})

    def full(n):
        return pre + n

    nodes = mg.graph_def.node
    for node in nodes:  # fail before adding anything: unknown op types, taken names
        get_op_def(node["op"])
        if full(node["name"]) in graph._ops_by_name:
            raise ValueError(f"Cannot import node '{full(node['name'])}': the graph already has "
                             "an op of that name (use import_scope)")
    created = []
    ctrl_pending = []
    with graph.as_default(), graph.control_dependencies(None):
        for node in nodes:
            inputs = []
            ctrls = []
            for i in node["input"]:
                if i.startswith("^"):
                    ctrls.append(i[1:])
                    continue
                key = i if ":" in i else i + ":0"
                if key in input_map or i in input_map:
                    t = input_map.get(key, input_map.get(i))
                    inputs.append(graph.as_graph_element(t))
                    continue
                op_name, _, idx = key.rpartition(":")
                try:
                    op = graph._get_operation_by_name_unsafe(full(op_name))
                except KeyError:
                    raise ValueError(f"Node '{node['name']}' has an input '{i}' that is not in "
                                     "the meta graph") from None
                inputs.append(op._outputs[int(idx)])
            attrs = {k: decode_value(v) for k, v in node.get("attr", {}).items()}
            op = graph._create_op(node["op"], inputs, attrs, full(node["name"]) + "/")
            _mark_used(graph, op._name)
            if node.get("device") and not clear_devices:
                op._device = node["device"]
            if node.get("colocation"):
                op._colocation = [full(c) for c in node["colocation"]]
            if node.get("gradient_op_type"):
                op._grad_type = node["gradient_op_type"]
            created.append(op)
            if ctrls:
                ctrl_pending.append((op, ctrls))
        for op, ctrls in ctrl_pending:
            op._add_control_inputs([graph._get_operation_by_name_unsafe(full(c)) for c in ctrls])

        variables = {}
        for key, col in (mg.collection_def or {}).items():
            if restore_collections_predicate is not None and \
                    not restore_collections_predicate(key):
                continue
            kind, values = col["kind"], col["value"]
            if kind == "variables":
                for vd in values:
                    v = variables.get(vd["variable_name"])
                    if v is None:
                        v = variables[vd["variable_name"]] = Variable.from_proto(
                            vd, import_scope=import_scope)
                    graph.add_to_collection(key, v)
            elif kind == "node_list":
                for n in values:
                    graph.add_to_collection(key, graph.as_graph_element(full(n)))
            elif kind == "savers":
                for sd in values:
                    graph.add_to_collection(key, Saver.from_proto(SaverDef.from_dict(sd),
                                                                  import_scope=import_scope))
            elif kind == "bytes_list":
                for b in values:
                    graph.add_to_collection(key, base64.b64decode(b))
            elif kind in ("str_list", "int64_list", "float_list"):
                for x in values:
                    graph.add_to_collection(key, x)
            else:
                _log.warning("Skipping collection %s of unknown kind %s", key, kind)
    return {v.op.name: v for v in variables.values()}


_ = GraphKeys
