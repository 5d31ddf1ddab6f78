"""tensorflow.python.layers.utils (TF 1.14): the helpers TF1 scripts import from the
layers package itself (the SNN repository's `utils.smart_cond(training, ...)`): argument
normalizers, convolution length arithmetic, smart_cond / constant_value, static_shape,
object_list_uid and get_reachable_from_inputs."""
from __future__ import annotations

from .. import nest
from ..contrib.framework.graph_helpers import smart_cond as _framework_smart_cond
from ..contrib.framework.graph_helpers import smart_constant_value
from ..keras.utils import convert_data_format, normalize_tuple
from ..ops import control_flow_ops, variables

__all__ = ["convert_data_format", "normalize_tuple", "normalize_data_format",
           "normalize_padding", "conv_output_length", "conv_input_length",
           "deconv_output_length", "smart_cond", "constant_value", "object_list_uid",
           "static_shape", "get_reachable_from_inputs"]


def normalize_data_format(value):
    """'channels_first' or 'channels_last', in any case (no default: None fails)."""
    data_format = value.lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError('The `data_format` argument must be one of "channels_first", '
                         '"channels_last". Received: ' + str(value))
    return data_format


def normalize_padding(value):
    """'valid' or 'same', in any case."""
    padding = value.lower()
    if padding not in {"valid", "same"}:
        raise ValueError('The `padding` argument must be one of "valid", "same". '
                         "Received: " + str(padding))
    return padding


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    """A convolution's output length along one axis ('same', 'valid' or 'full')."""
    if input_length is None:
        return None
    assert padding in {"same", "valid", "full"}
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    length = {"same": input_length, "valid": input_length - dilated + 1,
              "full": input_length + dilated - 1}[padding]
    return (length + stride - 1) // stride


def conv_input_length(output_length, filter_size, padding, stride):
    """The input length a convolution maps to `output_length`."""
    if output_length is None:
        return None
    assert padding in {"same", "valid", "full"}
    pad = {"same": filter_size // 2, "valid": 0, "full": filter_size - 1}[padding]
    return (output_length - 1) * stride - 2 * pad + filter_size


def deconv_output_length(input_length, filter_size, padding, stride):
    """A transposed convolution's output length along one axis."""
    if input_length is None:
        return None
    input_length *= stride
    if padding == "valid":
        input_length += max(filter_size - stride, 0)
    elif padding == "full":
        input_length -= stride + filter_size - 2
    return input_length


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """true_fn() or false_fn() when `pred` is known now; tf.cond for a variable or a
    tensor known only at run time."""
    if isinstance(pred, variables.Variable):
        return control_flow_ops.cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)
    return _framework_smart_cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


def constant_value(pred):
    """pred's bool when known now (a bool, 1 or 0, a constant tensor), else None (a
    variable, a run-time tensor)."""
    if isinstance(pred, int) and not isinstance(pred, bool) and pred in (0, 1):
        pred = bool(pred)
    if isinstance(pred, variables.Variable):
        return None
    return smart_constant_value(pred)


def object_list_uid(object_list):
    """One string of the objects' ids."""
    return ", ".join(str(abs(id(x))) for x in nest.flatten(object_list))


def static_shape(x):
    """x's static shape as a tuple, None when x is None or of unknown rank."""
    if x is None:
        return None
    try:
        return tuple(x.get_shape().as_list())
    except ValueError:
        return None


def get_reachable_from_inputs(inputs, targets=None):
    """The tensors reachable from `inputs` through their consumers (breadth first; stops
    once every target is reached)."""
    reachable = set(inputs)
    targets = set(targets) if targets else None
    queue = inputs[:]
    while queue:
        x = queue.pop()
        try:
            consumers = x.consumers()
        except AttributeError:
            consumers = [x.op]
        outputs = []
        for z in consumers:
            if z.outputs:
                outputs += z.outputs
        for y in outputs:
            if y not in reachable:
                reachable.add(y)
                queue.insert(0, y)
        if targets and targets.issubset(reachable):
            return reachable
    return reachable
