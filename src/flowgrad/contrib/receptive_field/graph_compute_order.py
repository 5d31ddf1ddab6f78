"""The order of computation of a CNN's GraphDef and, given the input's resolution, each
node's input and output spatial resolution (TF 1.14's
contrib/receptive_field/python/util/graph_compute_order.py)."""
import collections
import math

from . import parse_layer_parameters

_node_info = collections.namedtuple(
    "NodeInfo", field_names=["order", "node", "input_size", "output_size"])


def parse_graph_nodes(graph_def):
    """{node name: NodeDef} of a GraphDef."""
    return {node_def.name: node_def for node_def in graph_def.node}


def _compute_output_resolution(input_spatial_resolution, kernel_size, stride, total_padding):
    """One direction's output resolution, or None if any of the parameters is None."""
    if any(v is None for v in (input_spatial_resolution, kernel_size, stride, total_padding)):
        return None
    return int(math.ceil((input_spatial_resolution + total_padding - kernel_size + 1) / stride))


def _get_computed_nodes(name_to_node, current, node_info, input_node_name="",
                        input_node_size=None):
    """(order, input_size, output_size) of node `current`, its inputs first (depth first,
    recording each node in `node_info` when done, as TF does). The first data input is the
    feature map; an op parse_layer_parameters does not know gets None sizes."""
    if current in node_info:
        info = node_info[current]
        return info.order, info.input_size, info.output_size
    node_def = name_to_node[current]
    if current == input_node_name:
        node_info[current] = _node_info(0, node_def, None, input_node_size)
        return 0, None, input_node_size
    order = 0
    input_size = None
    first = True
    for name in node_def.input:
        if name.startswith("^"):  # a control dependency
            continue
        parent_order, _, parent_output_size = _get_computed_nodes(
            name_to_node, name.split(":")[0], node_info, input_node_name, input_node_size)
        order = max(order, parent_order + 1)
        if first:
            input_size = parent_output_size
            first = False
    output_size = None
    if input_size is not None:
        kernel_x, kernel_y, stride_x, stride_y, _, _, total_x, total_y = (
            parse_layer_parameters.get_layer_params(node_def, name_to_node, input_size,
                                                    force=True))
        output_size = [_compute_output_resolution(input_size[0], kernel_x, stride_x, total_x),
                       _compute_output_resolution(input_size[1], kernel_y, stride_y, total_y)]
    node_info[current] = _node_info(order, node_def, input_size, output_size)
    return order, input_size, output_size


def get_compute_order(graph_def, input_node_name="", input_node_size=None):
    """(node_info, name_to_node) of a CNN's GraphDef.

    node_info is a defaultdict {node name: NodeInfo(order, node, input_size, output_size)}:
    `order` is the node's topological order and the sizes its input and output spatial
    resolution ([height, width]), known when `input_node_name` and `input_node_size` (e.g.
    [224, 224]) are given and the ops on the way are ones the receptive field knows (None
    otherwise). name_to_node is {node name: NodeDef}."""
    name_to_node = parse_graph_nodes(graph_def)
    node_info = collections.defaultdict(_node_info)
    for node_def in graph_def.node:
        _get_computed_nodes(name_to_node, node_def.name, node_info, input_node_name,
                            input_node_size)
    return node_info, name_to_node
