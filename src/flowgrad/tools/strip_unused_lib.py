"""TF 1.14's `tensorflow.python.tools.strip_unused_lib`: a GraphDef cut down to what its
outputs need, its input nodes replaced by Placeholders (what optimize_for_inference and
the strip_unused tool start from)."""
from __future__ import annotations

import copy

from google.protobuf import text_format

from .. import gfile, graph_util
from ..engine.framework.proto import pb

__all__ = ["strip_unused", "strip_unused_from_files"]


def strip_unused(input_graph_def, input_node_names, output_node_names, placeholder_type_enum):
    """The nodes of `input_graph_def` that `output_node_names` need, each node named in
    `input_node_names` becoming a Placeholder of `placeholder_type_enum` (one DataType
    enum, or a list with one per input name; its `_output_shapes` kept).

    Raises ValueError for an input name naming a tensor ("x:0"), KeyError naming the
    input nodes that are not in the graph."""
    for name in input_node_names:
        if ":" in name:
            raise ValueError(f"Name '{name}' appears to refer to a Tensor, not a Operation.")
    p = pb()
    not_found = set(input_node_names)
    replaced = p.graph_pb2.GraphDef()
    for node in input_graph_def.node:
        if node.name not in input_node_names:
            replaced.node.extend([copy.deepcopy(node)])
            continue
        not_found.remove(node.name)
        ph = p.node_def_pb2.NodeDef(op="Placeholder", name=node.name)
        dtype = placeholder_type_enum[input_node_names.index(node.name)] \
            if isinstance(placeholder_type_enum, list) else placeholder_type_enum
        ph.attr["dtype"].CopyFrom(p.attr_value_pb2.AttrValue(type=dtype))
        if "_output_shapes" in node.attr:
            ph.attr["_output_shapes"].CopyFrom(node.attr["_output_shapes"])
        replaced.node.extend([ph])
    if not_found:
        raise KeyError(f"The following input nodes were not found: {not_found}")
    return graph_util.extract_sub_graph(replaced, output_node_names)


def strip_unused_from_files(input_graph, input_binary, output_graph, output_binary,
                            input_node_names, output_node_names, placeholder_type_enum):
    """strip_unused of a graph file (binary or text) written to `output_graph`; the comma-
    separated node names as the tool's flags give them. Prints the node count; -1 (and a
    message) for a missing input file or no output names."""
    if not gfile.Exists(input_graph):
        print("Input graph file '" + input_graph + "' does not exist!")
        return -1
    if not output_node_names:
        print("You need to supply the name of a node to --output_node_names.")
        return -1
    gd = pb().graph_pb2.GraphDef()
    with gfile.GFile(input_graph, "rb" if input_binary else "r") as f:
        if input_binary:
            gd.ParseFromString(f.read())
        else:
            text_format.Merge(f.read(), gd)
    out = strip_unused(gd, input_node_names.split(","), output_node_names.split(","),
                       placeholder_type_enum)
    if output_binary:
        with gfile.GFile(output_graph, "wb") as f:
            f.write(out.SerializeToString())
    else:
        with gfile.GFile(output_graph, "w") as f:
            f.write(text_format.MessageToString(out))
    print("%d ops in the final graph." % len(out.node))
