"""The receptive-field parameters of one GraphDef node (TF 1.14's
contrib/receptive_field/python/util/parse_layer_parameters.py): kernel size, stride and
padding in each direction, read from the node's attributes and its Const / VariableV2
inputs, as TF reads them."""
import math

from ... import logging
from ...ops.tensor_util import make_ndarray

# ops that leave the receptive field as it is (kernel 1, stride 1, no padding)
_UNCHANGED_RF_LAYER_OPS = [
    "Add", "BiasAdd", "Cast", "Ceil", "ConcatV2", "Const", "Floor", "FusedBatchNorm",
    "Identity", "Log", "Mul", "Pow", "RealDiv", "Relu", "Relu6", "Round", "Rsqrt",
    "Softplus", "Sub", "VariableV2", "LRN", "GreaterEqual"]

_VALID_PADDING = ["VALID", b"VALID"]
_SAME_PADDING = ["SAME", b"SAME"]


def _const_input(node, name_to_node, index, suffix, what):
    """The value of a MaxPoolV2 / Pad input that TF requires to be a '<...>/<suffix>' node."""
    name = node.input[index]
    if not name.endswith("/" + suffix):
        raise ValueError(f"{what} name does not end with '/{suffix}'")
    return name_to_node[name]


def _stride_size(node, name_to_node):
    """(stride_x, stride_y): the `strides` attribute, or MaxPoolV2's '/strides' Const."""
    if node.op == "MaxPoolV2":
        t = make_ndarray(_const_input(node, name_to_node, 2, "strides",
                                      "Strides").attr["value"].tensor)
        return t[2], t[1]
    strides = node.attr["strides"].list.i
    return strides[2], strides[1]


def _conv_kernel_size(node, name_to_node):
    """(kernel_x, kernel_y) from the shape of the VariableV2 behind the '<var>/read' filter."""
    read_name = node.input[1]
    if not read_name.endswith("/read"):
        raise ValueError("Weight layer's name input to conv layer does not end with '/read'")
    weights = name_to_node[read_name[:-5]]
    if weights.op != "VariableV2":
        raise ValueError("Weight layer is not of type VariableV2")
    dims = weights.attr["shape"].shape.dim
    return dims[1].size, dims[0].size


def _padding_size_conv_pool(node, kernel_size, stride, input_resolution=None):
    """(total_padding, left/top padding) of a SAME or VALID conv/pool in one direction; for
    SAME without an input resolution, None where the padding depends on it."""
    padding = node.attr["padding"].s
    if padding in _VALID_PADDING:
        return 0, 0
    if padding not in _SAME_PADDING:
        raise ValueError("Invalid padding operation %s" % padding)
    if input_resolution is not None:
        remainder = input_resolution % stride
        total = int(max(float(kernel_size - (stride if remainder == 0 else remainder)), 0.0))
        return total, int(math.floor(float(total) / 2))
    if kernel_size == 1:
        return 0, 0
    if stride == 1:
        total = kernel_size - 1
        return total, int(math.floor(float(total) / 2))
    if stride == 2 and kernel_size % 2 == 0:  # the left/top padding is known, the total not
        return None, int(math.floor((float(kernel_size) - 1) / 2))
    logging.warning(
        "Padding depends on input size, which means that the effective padding may be "
        "different depending on the input image dimensionality. In this case, alignment "
        "check will be skipped. If you know the input resolution, please set it.")
    return None, None


def _pool_kernel_size(node, name_to_node):
    """(kernel_x, kernel_y): the `ksize` attribute, or MaxPoolV2's '/ksize' Const."""
    if node.op == "MaxPoolV2":
        ksize = make_ndarray(_const_input(node, name_to_node, 1, "ksize",
                                          "Kernel size").attr["value"].tensor)
    else:
        ksize = node.attr["ksize"].list.i
    if ksize[0] != 1:
        raise ValueError("pool ksize for first dim is not 1")
    if ksize[3] != 1:
        raise ValueError("pool ksize for last dim is not 1")
    return ksize[2], ksize[1]


def _padding_size_pad_layer(node, name_to_node):
    """(total_x, left_x, total_y, top_y) of a Pad node from its '/paddings' Const."""
    paddings = _const_input(node, name_to_node, 1, "paddings", "Padding layer")
    if paddings.op != "Const":
        raise ValueError("Padding op is not Const")
    t = make_ndarray(paddings.attr["value"].tensor)
    sizes = (t[2][0] + t[2][1], t[2][0], t[1][0] + t[1][1], t[1][0])
    if t[0][0] != 0 or t[0][1] != 0:
        raise ValueError("padding is not zero for first tensor dim")
    if t[3][0] != 0 or t[3][1] != 0:
        raise ValueError("padding is not zero for last tensor dim")
    return sizes


def get_layer_params(node, name_to_node, input_resolution=None, force=False):
    """(kernel_size_x, kernel_size_y, stride_x, stride_y, padding_x, padding_y,
    total_padding_x, total_padding_y) of a Conv2D, DepthwiseConv2dNative, Pad, MaxPool,
    MaxPoolV2, AvgPool or an op that leaves the receptive field unchanged.

    `input_resolution` ([height, width]) makes SAME padding exact. An unknown op raises
    ValueError, or with `force` gives eight Nones."""
    if node.op in ("Conv2D", "DepthwiseConv2dNative", "MaxPool", "MaxPoolV2", "AvgPool"):
        stride_x, stride_y = _stride_size(node, name_to_node)
        if node.op in ("Conv2D", "DepthwiseConv2dNative"):
            kernel_x, kernel_y = _conv_kernel_size(node, name_to_node)
        else:
            kernel_x, kernel_y = _pool_kernel_size(node, name_to_node)
        total_x, padding_x = _padding_size_conv_pool(
            node, kernel_x, stride_x, None if input_resolution is None else input_resolution[1])
        total_y, padding_y = _padding_size_conv_pool(
            node, kernel_y, stride_y, None if input_resolution is None else input_resolution[0])
    elif node.op == "Pad":
        kernel_x = kernel_y = stride_x = stride_y = 1
        total_x, padding_x, total_y, padding_y = _padding_size_pad_layer(node, name_to_node)
    elif node.op in _UNCHANGED_RF_LAYER_OPS:
        kernel_x = kernel_y = stride_x = stride_y = 1
        total_x = padding_x = total_y = padding_y = 0
    elif force:
        return (None,) * 8
    else:
        raise ValueError("Unknown layer for operation '%s': %s" % (node.name, node.op))
    return (kernel_x, kernel_y, stride_x, stride_y, padding_x, padding_y, total_x, total_y)
