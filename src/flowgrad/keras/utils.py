"""tf.keras.utils (TF 1.14): the small helpers the Keras layers share (tf_utils.py,
conv_utils.py), to_categorical/normalize, Sequence, Progbar, get_file, custom objects
and (de)serialization, the enqueuers, HDF5Matrix, plot_model, multi_gpu_model."""
from ..engine.ops._array_util import smart_constant_value
from ..engine.framework.graph import Tensor
from ..ops import control_flow_ops, variables
from . import backend
from .callbacks import Progbar  # noqa: F401
from .data_utils import get_file  # noqa: F401
from ._serialization import (CustomObjectScope, custom_object_scope,  # noqa: F401
                             deserialize_keras_object, get_custom_objects,
                             serialize_keras_object)
from ._utils_more import (GeneratorEnqueuer, HDF5Matrix, OrderedEnqueuer,  # noqa: F401
                          SequenceEnqueuer, convert_all_kernels_in_model, get_source_inputs,
                          model_to_dot, multi_gpu_model, plot_model)

__all__ = ["smart_cond", "constant_value", "normalize_tuple", "normalize_data_format",
           "normalize_padding", "convert_data_format", "conv_output_length",
           "deconv_output_length", "to_categorical", "normalize", "Progbar", "Sequence",
           "get_file", "CustomObjectScope", "custom_object_scope", "get_custom_objects",
           "serialize_keras_object", "deserialize_keras_object", "GeneratorEnqueuer",
           "HDF5Matrix", "OrderedEnqueuer", "SequenceEnqueuer", "convert_all_kernels_in_model",
           "get_source_inputs", "model_to_dot", "multi_gpu_model", "plot_model"]


def constant_value(pred):
    """The Python value of a bool/int or a constant tensor `pred`; None if only known at
    run time."""
    if isinstance(pred, Tensor):
        # TF's smart_constant_value (TF_TryEvaluateConstant too): the NumPy value, which
        # is never `False` itself (BatchNormalization's `training_value is not False`)
        return smart_constant_value(pred)
    if isinstance(pred, variables.Variable):
        return None
    if pred in {0, 1}:
        return bool(pred)
    if isinstance(pred, bool):
        return pred
    raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: %s"
                    % type(pred))


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """true_fn() or false_fn() when `pred` is known now, else tf.cond."""
    if isinstance(pred, variables.Variable):
        return control_flow_ops.cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)
    value = constant_value(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return control_flow_ops.cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


def normalize_tuple(value, n, name):
    """An int or n ints as a tuple of n ints (TF's messages)."""
    if isinstance(value, int):
        return (value,) * n
    try:
        value_tuple = tuple(value)
    except TypeError:
        raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                         " integers. Received: " + str(value))
    if len(value_tuple) != n:
        raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                         " integers. Received: " + str(value))
    for single_value in value_tuple:
        try:
            int(single_value)
        except (ValueError, TypeError):
            raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                             " integers. Received: " + str(value) + " including element " +
                             str(single_value) + " of type " + str(type(single_value)))
    return value_tuple


def normalize_data_format(value):
    """'channels_last' / 'channels_first' (default: keras' image_data_format)."""
    if value is None:
        value = backend.image_data_format()
    data_format = value.lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                         "\"channels_last\". Received: " + str(value))
    return data_format


def normalize_padding(value):
    """'valid', 'same' or 'causal'."""
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    if padding not in {"valid", "same", "causal"}:
        raise ValueError("The `padding` argument must be a list/tuple or one of \"valid\", "
                         "\"same\" (or \"causal\", only for `Conv1D). Received: " + str(padding))
    return padding


def convert_data_format(data_format, ndim):
    """'channels_last' -> 'NWC' / 'NHWC' / 'NDHWC'; 'channels_first' -> 'NCW' / ..."""
    if data_format == "channels_last":
        formats = {3: "NWC", 4: "NHWC", 5: "NDHWC"}
    elif data_format == "channels_first":
        formats = {3: "NCW", 4: "NCHW", 5: "NCDHW"}
    else:
        raise ValueError("Invalid data_format: %s" % (data_format,))
    if ndim not in formats:
        raise ValueError("Input rank not supported: %s" % (ndim,))
    return formats[ndim]


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    """The output length of a convolution or pooling along one axis."""
    if input_length is None:
        return None
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        output_length = input_length
    elif padding == "valid":
        output_length = input_length - dilated + 1
    else:
        output_length = input_length + dilated - 1
    return (output_length + stride - 1) // stride


def deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0,
                         dilation=1):
    """The output length of a transposed convolution along one axis."""
    if input_length is None:
        return None
    filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return input_length * stride + max(filter_size - stride, 0)
        if padding == "full":
            return input_length * stride - (stride + filter_size - 2)
        return input_length * stride
    pad = {"same": filter_size // 2, "valid": 0, "full": filter_size - 1}[padding]
    return (input_length - 1) * stride + filter_size - 2 * pad + output_padding


def to_categorical(y, num_classes=None, dtype="float32"):
    """One-hot rows for the integer class labels `y` (a trailing axis of 1 is dropped)."""
    import numpy as np  # lazy: only the array helpers need numpy
    y = np.array(y, dtype="int")
    input_shape = y.shape
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    y = y.ravel()
    if not num_classes:
        num_classes = np.max(y) + 1
    n = y.shape[0]
    categorical = np.zeros((n, num_classes), dtype=dtype)
    categorical[np.arange(n), y] = 1
    output_shape = input_shape + (num_classes,)
    return np.reshape(categorical, output_shape)


def normalize(x, axis=-1, order=2):
    """`x` divided by its L-`order` norm along `axis` (zero norms left at 1)."""
    import numpy as np  # lazy: only the array helpers need numpy
    l2 = np.atleast_1d(np.linalg.norm(x, order, axis))
    l2[l2 == 0] = 1
    return x / np.expand_dims(l2, axis)


class Sequence:
    """Base object for fitting to a sequence of data, such as a dataset: implement
    `__getitem__` (one batch) and `__len__` (the number of batches); `on_epoch_end` runs
    after each pass when batches are drawn by fit_generator's workers."""

    def __getitem__(self, index):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def on_epoch_end(self):
        """Called at the end of every pass over the batches."""

    def __iter__(self):
        for item in (self[i] for i in range(len(self))):
            yield item
