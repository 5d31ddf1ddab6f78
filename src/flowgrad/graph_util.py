"""`tf.graph_util` and `tf.import_graph_def`: GraphDefs (TF's protobuf, as TF 1.14 writes
them or flowgrad's canonical ones) into the default graph, and the GraphDef utilities.

import_graph_def converts each NodeDef to flowgrad's attrs (engine/framework/graph_def)
and builds the nodes through the meta graph importer, so nothing is added unless all of
it can be, and an op type flowgrad lacks is an error naming it.
"""
from __future__ import annotations

import copy
import re

import numpy as np

from . import logging as _tf_logging
from .engine.framework import dtypes as _dt
from .engine.framework import graph_def as _gd
from .engine.framework import meta_graph as _mg
from .engine.framework import proto as _proto
from .engine.framework.constant_op import convert_to_tensor
from .engine.framework.graph import Graph, Operation, Tensor, get_default_graph
from .engine.framework.node_def_check import check_input_types, check_node_def, output_types

__all__ = ["convert_variables_to_constants", "extract_sub_graph", "import_graph_def",
           "must_run_on_cpu", "remove_training_nodes", "tensor_shape_from_node_def_name"]


def _node_name(n):
    n = n[1:] if n.startswith("^") else n
    return n.split(":")[0]


def _as_meta_graph(graph_def):
    p = _proto.pb()
    mg = p.meta_graph_pb2.MetaGraphDef()
    mg.graph_def.CopyFrom(graph_def)
    return _mg.from_tf_meta_graph(mg)


def import_graph_def(graph_def, input_map=None, return_elements=None, name=None, op_dict=None,
                     producer_op_list=None):
    """Imports a GraphDef proto into the default graph (TF 1.14's signature and rules).

    `name` prefixes the imported names ("import" by default, made unique;
    "" for none); `input_map` maps input names ("x:0", "x") of the GraphDef
    to existing Tensors; `return_elements` names the Operations ("op") and
    Tensors ("op:0") to return. `op_dict` and `producer_op_list` are
    accepted and ignored, as TF 1.14 does.

    Raises:
      TypeError: `graph_def` is not a GraphDef, or an input_map value is not a Tensor.
      ValueError: input_map names inputs the GraphDef does not have, a
        return element does not exist, or a node cannot be imported.
      NotFoundError: a node's op type is not registered in flowgrad.
    """
    p = _proto.pb()
    if not isinstance(graph_def, p.graph_pb2.GraphDef):
        raise TypeError("graph_def must be a GraphDef proto.")
    if input_map is not None and not (isinstance(input_map, dict) and all(
            isinstance(k, (str, bytes)) for k in input_map)):
        raise TypeError("input_map must be a dictionary mapping strings to Tensor objects.")
    input_map = {_as_str(k): v for k, v in (input_map or {}).items()}
    names = {n.name for n in graph_def.node}
    if return_elements is not None:
        return_elements = list(return_elements)
        if not all(isinstance(r, (str, bytes)) for r in return_elements):
            raise TypeError("return_elements must be a list of strings.")
        return_elements = [_as_str(r) for r in return_elements]
    graph = get_default_graph()
    if name == "":
        scope = ""
    else:   # (TF's name scope is taken before anything is checked)
        with graph.name_scope(name or "import") as s:
            scope = s.rstrip("/")
    if not all(isinstance(v, Tensor) for v in input_map.values()):
        # TF's _ConvertInputMapValues: other values become constants in <name>/_inputs
        if name == "":
            raise ValueError("tf.import_graph_def() requires a non-empty `name` if `input_map` "
                             "contains non-Tensor values. Try calling tf.convert_to_tensor() "
                             "on `input_map` values before calling tf.import_graph_def().")
        with graph.name_scope(scope + "/"), graph.name_scope("_inputs"):
            input_map = {k: convert_to_tensor(v) for k, v in input_map.items()}
    # TF's _PopulateTFImportGraphDefOptions parses the input_map keys, then the return
    # elements, in order; the importer then looks each return element up
    for ref in [k for k in input_map if not k.startswith("^")] + \
            [r for r in return_elements or () if ":" in r]:
        _parse_tensor_name(ref)
    for key, value in input_map.items():   # TF's ValidateInputMapAndControlDependencies
        if isinstance(value, Tensor) and value.op.name not in graph._ops_by_name:
            raise ValueError(f"node '{value.op.name}' in input_map does not exist in graph "
                             f"(input_map entry: {key}->{value.name})")
    _check_node_index(graph_def)
    # (an input read through input_map: its replacement's dtype is checked by
    # _check_against_graph_def)
    mapped = {k if ":" in k else k + ":0" for k in input_map if not k.startswith("^")}
    sources = {n.name: output_types(n) for n in graph_def.node}
    sources = {k: v for k, v in sources.items() if v is not None}
    for node in graph_def.node:   # TF's ValidateNodeDef and MakeEdge, before return elements
        check_node_def(node)
        check_input_types(node, sources, scope + "/" if scope else "", mapped)
    for r in return_elements or ():
        if _node_name(r) not in names:  # checked before anything is imported, as TF
            what = "tensor" if ":" in r else "node"
            raise ValueError(f"Requested return {what} {r!r} not found in graph def")
    keys = {(k if ":" in k or k.startswith("^") else k + ":0"): v for k, v in input_map.items()}
    # (TF imports the graph, then names the keys it did not use)
    missing = sorted(k for k in keys if _node_name(k) not in names)
    keys = {k: v for k, v in keys.items() if k not in missing}
    if keys or any(":" in r for r in return_elements or ()):
        _check_against_graph_def(graph_def, keys, return_elements or (), scope)
    renames = {}
    if scope == "":   # TF's importer uniquifies the names the graph already has
        graph_def, renames = _uniquified(graph_def, graph)
        keys = {_renamed_input(k, renames): v for k, v in keys.items()}
    mg = _as_meta_graph(graph_def)
    _mg.import_scoped_meta_graph(mg, import_scope=scope or None, input_map=keys)
    if missing:
        raise ValueError(f"Attempted to map inputs that were not found in graph_def: "
                         f"[{', '.join(missing)}]")
    if return_elements is None:
        return None
    pre = scope + "/" if scope else ""
    return [graph.as_graph_element(pre + _renamed_input(r, renames)) for r in return_elements]


_NODE_NAME = re.compile(r"[A-Za-z0-9.][A-Za-z0-9_./\-]*\Z")


def _check_node_index(graph_def):
    """TF's GraphConstructor::BuildNodeIndex checks of each node: a valid name, and control
    inputs after the data inputs."""
    for node in graph_def.node:
        if not _NODE_NAME.match(node.name):
            raise ValueError(f"Node '{node.name}': Node name contains invalid characters")
        control = False
        for ref in node.input:
            if ref.startswith("^"):
                control = True
            elif control:
                raise ValueError(f"Node '{node.name}': Control dependencies must come after "
                                 "regular dependencies")


def _as_str(x):
    return x.decode("utf-8") if isinstance(x, bytes) else x


def _parse_tensor_name(ref):
    """TF's importer._ParseTensorName: "op" or "op:index", else ValueError."""
    parts = ref.split(":")
    if len(parts) == 2:
        try:
            return parts[0], int(parts[1])
        except ValueError:
            raise ValueError(f"Cannot convert {ref!r} to a tensor name.") from None
    if len(parts) == 1:
        return parts[0], 0
    raise ValueError(f"Cannot convert {ref!r} to a tensor name.")


# TF's DataTypeString where it differs from the Python name
_C_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _check_against_graph_def(graph_def, keys, return_elements, scope):
    """TF's importer's checks that need the GraphDef's ops: an input_map tensor of another
    dtype than the output it replaces, a return tensor index the node does not have."""
    scratch = Graph()
    with scratch.as_default():
        _mg.import_scoped_meta_graph(_as_meta_graph(graph_def))
    pre = scope + "/" if scope else ""
    for r in return_elements:
        if ":" in r:
            op_name, idx = r.split(":", 1)
            n_out = len(scratch.get_operation_by_name(op_name).outputs)
            if int(idx) >= n_out:
                raise ValueError(f"Invalid return output {idx} of node '{op_name}', which has "
                                 f"{n_out} output(s)")
    for node in graph_def.node:
        for j, inp in enumerate(i for i in node.input if not i.startswith("^")):
            key = inp if ":" in inp else inp + ":0"
            mapped = keys.get(key)
            if mapped is None:
                continue
            want = scratch.get_tensor_by_name(key).dtype.base_dtype
            got = mapped.dtype.base_dtype
            if got != want:
                raise ValueError(
                    f"Input {j} of node {pre}{node.name} was passed "
                    f"{_C_TYPE_NAMES.get(got.name, got.name)} from {mapped.name} incompatible "
                    f"with expected {_C_TYPE_NAMES.get(want.name, want.name)}.")


def _renamed_input(ref, renames):
    """A node reference ("n", "n:1", "^n") after `renames` {old node name: new}."""
    caret = "^" if ref.startswith("^") else ""
    body = ref[len(caret):]
    node, sep, idx = body.partition(":")
    return caret + renames.get(node, node) + sep + idx


def _uniquified(graph_def, graph):
    """The GraphDef with each node whose name `graph` already has renamed as TF's importer
    does (name_1, name_2, ...: unused in the graph and the GraphDef), its references
    renamed too; and the renames."""
    taken = {op.name for op in graph._flowgrad_operations()}
    in_def = {n.name for n in graph_def.node}
    renames = {}
    for n in graph_def.node:
        if n.name in taken:
            k, new = 1, n.name
            while new in taken or new in in_def or new in renames.values():
                new = f"{n.name}_{k}"
                k += 1
            renames[n.name] = new
    if not renames:
        return graph_def, renames
    out = copy.deepcopy(graph_def)
    _gd.rename_nodes(out, renames)
    return out, renames


def extract_sub_graph(graph_def, dest_nodes):
    """The GraphDef of the nodes `dest_nodes` depend on (inputs and control inputs), in
    the original order (TF 1.14)."""
    p = _proto.pb()
    if not isinstance(graph_def, p.graph_pb2.GraphDef):
        raise TypeError("graph_def must be a graph_pb2.GraphDef proto.")
    if isinstance(dest_nodes, str):
        raise TypeError("dest_nodes must be a list.")
    by_name = {n.name: n for n in graph_def.node}
    for d in dest_nodes:
        if d not in by_name:
            raise AssertionError(f"{d} is not in graph")
    keep, todo = set(), list(dest_nodes)
    while todo:
        n = todo.pop()
        if n in keep:
            continue
        keep.add(n)
        todo.extend(_node_name(i) for i in by_name[n].input)
    out = p.graph_pb2.GraphDef()
    out.versions.CopyFrom(graph_def.versions)
    out.library.CopyFrom(graph_def.library)
    for n in graph_def.node:
        if n.name in keep:
            out.node.add().CopyFrom(n)
    return out


_VARIABLE_OPS = ("Variable", "VariableV2", "VarHandleOp")


def _const_node(p, name, dtype_attr, data):
    node = p.node_def_pb2.NodeDef()
    node.op = "Const"
    node.name = name
    node.attr["dtype"].CopyFrom(dtype_attr)
    node.attr["value"].tensor.CopyFrom(_proto.tensor_proto(
        _np_value(data, _dt.as_dtype(dtype_attr.type)), dtype=_dt.as_dtype(dtype_attr.type),
        canonical=True))
    return node


def _np_value(data, dtype):
    if dtype.name == "string":
        return np.asarray(data, dtype=object)
    return np.asarray(data, dtype=dtype.as_numpy_dtype)


def convert_variables_to_constants(sess, input_graph_def, output_node_names,
                                   variable_names_whitelist=None,
                                   variable_names_blacklist=None):
    """The subgraph computing `output_node_names` with every variable replaced by a Const
    of its current value in `sess` (TF 1.14's freezing step).

    As TF 1.14: a resource variable (VarHandleOp) is read through
    `NAME/Read/ReadVariableOp:0`, its ReadVariableOps become Identity and its
    ResourceGathers GatherV2 (with an `/axis` Const); the result carries the
    subgraph's function library but no versions."""
    p = _proto.pb()
    sub = extract_sub_graph(input_graph_def, output_node_names)
    by_name = {n.name: n for n in sub.node}
    fetches, names, identity_types = [], [], {}
    for n in sub.node:
        if n.op in _VARIABLE_OPS:
            if (variable_names_whitelist is not None and n.name not in variable_names_whitelist) \
                    or (variable_names_blacklist is not None
                        and n.name in variable_names_blacklist):
                continue
            names.append(n.name)
            fetches.append(n.name + ("/Read/ReadVariableOp:0" if n.op == "VarHandleOp"
                                     else ":0"))
        elif n.op in ("ReadVariableOp", "ResourceGather"):
            if not n.input:
                raise ValueError(f"Tensor name '{n.name}' is invalid.")
            src = _node_name(n.input[0])
            while src in by_name and by_name[src].op == "Identity":
                identity_types[src] = n.attr["dtype"]
                src = _node_name(by_name[src].input[0])
            if src not in by_name or by_name[src].op != "VarHandleOp":
                raise ValueError("Cannot find the variable that is an input to the "
                                 "ReadVariableOp.")
    values = dict(zip(names, sess.run(fetches))) if fetches else {}
    _tf_logging.info("Froze %d variables.", len(fetches))
    out = p.graph_pb2.GraphDef()
    converted = 0
    for n in sub.node:
        if n.name in values:
            out.node.add().CopyFrom(_const_node(p, n.name, n.attr["dtype"], values[n.name]))
            converted += 1
            continue
        if n.op == "ResourceGather":
            if n.attr["batch_dims"].i != 0:
                raise ValueError("batch_dims != 0 is not supported by freeze_graph.")
            axis = n.name + "/axis"
            out.node.add().CopyFrom(_const_node(p, axis, n.attr["Tindices"], 0))
        node = out.node.add()
        if n.name in identity_types:
            node.CopyFrom(n)
            node.attr["T"].CopyFrom(identity_types[n.name])
        elif n.op == "ReadVariableOp":
            node.op, node.name = "Identity", n.name
            node.input.append(n.input[0])
            node.attr["T"].CopyFrom(n.attr["dtype"])
            if "_class" in n.attr:
                node.attr["_class"].CopyFrom(n.attr["_class"])
        elif n.op == "ResourceGather":
            node.op, node.name = "GatherV2", n.name
            node.input.extend([n.input[0], n.input[1], n.name + "/axis"])
            node.attr["Tparams"].CopyFrom(n.attr["dtype"])
            node.attr["Tindices"].CopyFrom(n.attr["Tindices"])
            node.attr["Taxis"].CopyFrom(n.attr["Tindices"])
            if "_class" in n.attr:
                node.attr["_class"].CopyFrom(n.attr["_class"])
        else:
            node.CopyFrom(n)
    out.library.CopyFrom(sub.library)
    _tf_logging.info("Converted %d variables to const ops.", converted)
    return out


def remove_training_nodes(input_graph, protected_nodes=None):
    """The GraphDef without CheckNumerics and with Identity nodes bypassed, as TF 1.14:
    an input from a removed CheckNumerics is dropped (not bypassed: TF's graph is left
    without it); protected Identities, those with control inputs and those other nodes
    take as control inputs stay."""
    protected = set(protected_nodes or [])
    removed = {n.name for n in input_graph.node
               if n.op == "CheckNumerics" and n.name not in protected}
    nodes_after = []
    for n in input_graph.node:
        if n.name in removed:
            continue
        node = copy.deepcopy(n)
        del node.input[:]
        node.input.extend(i for i in n.input if i.lstrip("^") not in removed)
        nodes_after.append(node)
    control_sources = {i.replace("^", "") for n in nodes_after for i in n.input if "^" in i}
    with_control = {n.name for n in nodes_after if any("^" in i for i in n.input)}
    splice = {n.name: n.input[0] for n in nodes_after
              if n.op == "Identity" and n.name not in protected and n.name not in with_control
              and n.name not in control_sources}
    p = _proto.pb()
    out = p.graph_pb2.GraphDef()
    for n in nodes_after:
        if n.name in splice:
            continue
        node = out.node.add()
        node.CopyFrom(n)
        del node.input[:]
        for i in n.input:
            name = i.lstrip("^")
            while name in splice:
                i = splice[name]
                name = i.lstrip("^")
            node.input.append(i)
    return out


# TF's graph_util_impl._VARIABLE_OPS: what must_run_on_cpu pins with pin_variables_on_cpu
_PINNED_OPS = frozenset(("Assign", "AssignAdd", "AssignSub", "Queue", "ScatterAdd",
                         "ScatterSub", "ScatterUpdate", "TruncatedNormal", "Variable",
                         "VariableV2"))


def must_run_on_cpu(node, pin_variables_on_cpu=False):
    """Whether TF 1.14 says `node` (an Operation or NodeDef) must run on a CPU: int32 and
    string constants, int32 DynamicStitch and Cast from int32, and with
    `pin_variables_on_cpu` the variable ops (everything runs on the CPU in flowgrad; this
    is TF's answer for device functions that ask)."""
    node_def = node.node_def if isinstance(node, Operation) else node
    if not isinstance(node_def, _proto.pb().node_def_pb2.NodeDef):
        raise AssertionError()   # TF asserts a NodeDef
    if pin_variables_on_cpu and node_def.op in _PINNED_OPS:
        return True
    cpu_types = (_dt.int32.as_datatype_enum,)
    if node_def.op == "Const":
        return node_def.attr["dtype"].type in cpu_types + (_dt.string.as_datatype_enum,)
    if node_def.op in ("DynamicStitch", "ParallelDynamicStitch"):
        return node_def.attr["T"].type in cpu_types
    if node_def.op == "Cast":
        return node_def.attr["SrcT"].type in cpu_types
    return False


def tensor_shape_from_node_def_name(graph, input_name):
    """The static shape of tensor `input_name` ("op" means "op:0") in `graph`."""
    if ":" not in input_name:
        input_name += ":0"
    return graph.get_tensor_by_name(input_name).get_shape()


_ = Operation  # return_elements may name Operations
