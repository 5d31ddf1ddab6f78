"""The receptive field of a fully-convolutional network (TF 1.14's
contrib/receptive_field/python/util/receptive_field.py)."""
import numpy as np

from ...engine.framework.graph import Graph, Tensor
from . import graph_compute_order, parse_layer_parameters


def _get_rf_size_node_input(stride, kernel_size, rf_size_output):
    """RF size at a layer's input from the RF size at its output."""
    return stride * rf_size_output + kernel_size - stride


def _get_effective_stride_node_input(stride, effective_stride_output):
    """Effective stride at a layer's input."""
    return stride * effective_stride_output


def _get_effective_padding_node_input(stride, padding, effective_padding_output):
    """Effective padding at a layer's input."""
    return stride * effective_padding_output + padding


def _as_ints(params):
    """A layer's parameters as Python ints: Pad's and MaxPoolV2's come from Const tensors
    as np.int32, which NumPy 1.16 (TF 1.14's) promotes to int64 in arithmetic with Python
    ints and NumPy 2 keeps, so that TF's ReceptiveField arrays are int64 either way."""
    return [None if v is None else int(v) for v in params]


class ReceptiveField(object):
    """Receptive field of a convolutional network: `size`, effective `stride` and effective
    `padding`, each an array over the directions (x, y); iterating gives the six numbers."""

    def __init__(self, size, stride, padding):
        self.size = np.asarray(size)
        self.stride = np.asarray(stride)
        self.padding = np.asarray(padding)

    def _axis(self, coordinates, axis, what):
        axis = list(range(self.size.size) if axis is None else axis)
        coordinates = np.asarray(coordinates)
        if coordinates.shape[-1] != len(axis):
            raise ValueError("Dimensionality of the %s (%d) does not match dimensionality of "
                             "`axis` (%d)" % (what, coordinates.shape[-1], len(axis)))
        return coordinates, axis

    def compute_input_center_coordinates(self, y, axis=None):
        """The centers, at the network's input, of the receptive fields of the features at
        coordinates `y` (shape (..., d), d the number of `axis`; all directions if None)."""
        y, axis = self._axis(y, axis, "feature coordinates `y`")
        return -self.padding[axis] + y * self.stride[axis] + (self.size[axis] - 1) / 2

    def compute_feature_coordinates(self, x, axis=None):
        """The coordinates of the features whose receptive fields are centered at `x`."""
        x, axis = self._axis(x, axis, "input center coordinates `x`")
        return (x + self.padding[axis] + (1 - self.size[axis]) / 2) / self.stride[axis]

    def __iter__(self):
        return iter(np.concatenate([self.size, self.stride, self.padding]))


class _Propagated:
    """The RF size, effective stride and effective padding reached so far at each node, in
    one direction."""

    def __init__(self, output_node):
        self.size = {output_node: 1}
        self.stride = {output_node: 1}
        self.padding = {output_node: 0}

    def at_input(self, name, kernel_size, stride, padding, undefined_padding):
        """(size, stride, padding) at the input of node `name` with these parameters."""
        return (_get_rf_size_node_input(stride, kernel_size, self.size[name]),
                _get_effective_stride_node_input(stride, self.stride[name]),
                None if undefined_padding else
                _get_effective_padding_node_input(stride, padding, self.padding[name]))

    def check_stride(self, name, stride, direction):
        """TF's alignment check of the effective stride of a node reached by a second path."""
        if self.stride[name] != stride:
            raise ValueError("Graph is not aligned since effective stride from different "
                             "paths is different in %s direction" % direction)

    def check_center(self, name, size, padding, direction):
        """TF's alignment check of the RF center of a node reached by a second path."""
        if (self.size[name] - 1) / 2 - self.padding[name] != (size - 1) / 2 - padding:
            raise ValueError("Graph is not aligned since center shift from different paths "
                             "is different in %s direction" % direction)

    def keep_largest(self, name, size, stride, padding):
        """Records (size, stride, padding) at `name` if it is its first or largest RF."""
        if name not in self.size or self.size[name] < size:
            self.size[name], self.stride[name], self.padding[name] = size, stride, padding


def compute_receptive_field_from_graph_def(graph_def, input_node, output_node,
                                           stop_propagation=None, input_resolution=None):
    """The receptive field (ReceptiveField: size, effective stride, effective padding, each
    (x, y)) of `output_node` with respect to `input_node` (names or Tensors) in a Graph or
    GraphDef.

    Propagation stops at inputs whose names start with an entry of `stop_propagation`.
    `input_resolution` ([height, width]) makes SAME padding exact; without it the effective
    padding is None where it depends on the input size, and the alignment check is skipped.
    Raises ValueError if the graph is not aligned (two paths give different strides or
    centers), if an op on the way is unknown, or if either node is not found."""
    if isinstance(graph_def, Graph):
        graph_def = graph_def.as_graph_def()
    if isinstance(input_node, Tensor):
        input_node = input_node.op.name
    if isinstance(output_node, Tensor):
        output_node = output_node.op.name
    stop_propagation = stop_propagation or []
    node_info, name_to_node = graph_compute_order.get_compute_order(
        graph_def=graph_def, input_node_name=input_node, input_node_size=input_resolution)
    x, y = _Propagated(output_node), _Propagated(output_node)
    found_output_node = False
    undefined_padding = False
    for _, (_, node, _, _) in sorted(node_info.items(), key=lambda item: -item[1].order):
        if not node:
            continue
        if node.name == input_node:
            break
        found_output_node = found_output_node or node.name == output_node
        if not found_output_node or node.name not in x.size:
            continue  # before the output node, or off its paths
        (kernel_x, kernel_y, stride_x, stride_y, padding_x, padding_y, _, _) = (
            _as_ints(parse_layer_parameters.get_layer_params(node, name_to_node,
                                                             node_info[node.name].input_size)))
        undefined_padding = undefined_padding or padding_x is None or padding_y is None
        at_x = x.at_input(node.name, kernel_x, stride_x, padding_x, undefined_padding)
        at_y = y.at_input(node.name, kernel_y, stride_y, padding_y, undefined_padding)
        for inp_name in node.input:
            if any(inp_name.startswith(stop) for stop in stop_propagation):
                continue
            if inp_name.startswith("^"):  # a control dependency
                continue
            if inp_name not in name_to_node:  # e.g. 'op:1': TF looks it up as it is
                raise KeyError(inp_name)
            if inp_name in x.size and not undefined_padding:
                x.check_stride(inp_name, at_x[1], "horizontal")
                y.check_stride(inp_name, at_y[1], "vertical")
                x.check_center(inp_name, at_x[0], at_x[2], "horizontal")
                y.check_center(inp_name, at_y[0], at_y[2], "vertical")
            x.keep_largest(inp_name, *at_x)
            y.keep_largest(inp_name, *at_y)
    if not found_output_node:
        raise ValueError("Output node was not found")
    if input_node not in x.size:
        raise ValueError("Input node was not found")
    return ReceptiveField((x.size[input_node], y.size[input_node]),
                          (x.stride[input_node], y.stride[input_node]),
                          (x.padding[input_node], y.padding[input_node]))
