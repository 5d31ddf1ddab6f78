"""More contrib.layers / slim layers (TF 1.14 contrib/layers/python/layers/layers.py):
max_pool3d, avg_pool3d, softmax, unit_norm, maxout, convolution3d_transpose,
images_to_sequence, sequence_to_images, dense_to_sparse."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import name_scope
from ...layers import pooling as pool_layers
from ...ops import array_ops, math_ops
from ...ops import variable_scope as vs
from ...ops.slicing import strided_slice
from ... import nn
from ..framework.arg_scope import add_arg_scope
from ...layers import convolutional as conv_layers
from ...ops import comparison_ops, init_ops
from ...ops.sparse_tensor import SparseTensor
from .initializers import xavier_initializer
from .layers import (_apply_slim_layer, _build_variable_getter, _slim_layer_kwargs,
                     collect_named_outputs)

_ZEROS = init_ops.zeros_initializer()

__all__ = ["max_pool3d", "avg_pool3d", "softmax", "unit_norm", "maxout",
           "convolution3d_transpose", "conv3d_transpose", "images_to_sequence",
           "sequence_to_images", "dense_to_sparse"]

DATA_FORMAT_NCDHW = "NCDHW"
DATA_FORMAT_NDHWC = "NDHWC"


def _pool3d(cls, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
    if data_format not in (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC):
        raise ValueError("data_format has to be either NCDHW or NDHWC.")
    with name_scope(scope, default_name, [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = cls(pool_size=kernel_size, strides=stride, padding=padding, data_format=df,
                    _scope=sc)
        outputs = layer.apply(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    """3-D max pooling in name scope "MaxPool3D"."""
    return _pool3d(pool_layers.MaxPooling3D, "MaxPool3D", inputs, kernel_size, stride,
                   padding, data_format, outputs_collections, scope)


@add_arg_scope
def avg_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    """3-D average pooling in name scope "AvgPool3D"."""
    return _pool3d(pool_layers.AveragePooling3D, "AvgPool3D", inputs, kernel_size, stride,
                   padding, data_format, outputs_collections, scope)


def _last_dimension(shape, min_rank):
    dims = shape.dims
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    value = shape.as_list()[-1]
    if value is None:
        raise ValueError("last dimension shape must be known but is None")
    return value


def softmax(logits, scope=None):
    """Softmax over the last dimension of a tensor of rank >= 2 (through a 2-D reshape)."""
    with vs.variable_scope(scope, "softmax", [logits]):
        num_logits = _last_dimension(logits.shape, min_rank=2)
        logits_2d = array_ops.reshape(logits, [-1, num_logits])
        predictions = nn.softmax(logits_2d)
        predictions = array_ops.reshape(predictions, array_ops.shape(logits))
        predictions.set_shape(logits.shape)
        return predictions


@add_arg_scope
def unit_norm(inputs, dim, epsilon=1e-7, scope=None):
    """`inputs` divided by its L2 norm along `dim` (sqrt(epsilon + sum of squares))."""
    with vs.variable_scope(scope, "UnitNorm", [inputs]):
        if not inputs.shape:
            raise ValueError("The input rank must be known.")
        input_rank = len(inputs.shape.as_list())
        if dim < 0 or dim >= input_rank:
            raise ValueError("dim must be positive but smaller than the input rank.")
        lengths = math_ops.sqrt(
            epsilon + math_ops.reduce_sum(math_ops.square(inputs), dim, True))
        multiples = []
        if dim > 0:
            multiples.append(array_ops.ones([dim], _dt.int32))
        multiples.append(strided_slice(array_ops.shape(inputs), [dim], [dim + 1]))
        if dim < (input_rank - 1):
            multiples.append(array_ops.ones([input_rank - 1 - dim], _dt.int32))
        multiples = array_ops.concat(multiples, 0)
        return math_ops.div(inputs, array_ops.tile(lengths, multiples))


@add_arg_scope
def maxout(inputs, num_units, axis=-1, scope=None):
    """The max over groups of num_channels / num_units features along `axis`."""
    with vs.variable_scope(scope, "MaxOut", [inputs]):
        inputs = convert_to_tensor(inputs)
        shape = inputs.shape.as_list()
        num_channels = shape[axis]
        if num_channels % num_units:
            raise ValueError("number of features({}) is not a multiple of num_units({})"
                             .format(num_channels, num_units))
        shape[axis] = num_units
        shape += [num_channels // num_units]
        for i in range(len(shape)):
            if shape[i] is None:
                shape[i] = array_ops.shape(inputs)[i]
        return math_ops.reduce_max(array_ops.reshape(inputs, shape), -1, keepdims=False)


@add_arg_scope
def convolution3d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NDHWC, activation_fn=nn.relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer=xavier_initializer(), weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                            variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """Transposed 3-D convolution (default scope "Conv3d_transpose")."""
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv3d_transpose", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        if data_format not in (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC):
            raise ValueError("data_format has to be either NCDHW or NDHWC.")
        inputs = convert_to_tensor(inputs)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = conv_layers.Conv3DTranspose(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=df,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.name)


conv3d_transpose = convolution3d_transpose


def images_to_sequence(inputs, data_format="NHWC", outputs_collections=None, scope=None):
    """[batch, height, width, depth] images (or NCHW) as a [width, batch * height, depth]
    sequence over the columns."""
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with name_scope(scope, "ImagesToSequence", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        if data_format.startswith("NC"):
            inputs = array_ops.transpose(inputs, [0, 2, 3, 1])
        _, _, width, depth = inputs.shape.as_list()
        s = array_ops.shape(inputs)
        batch_size, height = s[0], s[1]
        transposed = array_ops.transpose(inputs, [2, 0, 1, 3])
        outputs = array_ops.reshape(transposed, [width, batch_size * height, depth])
        return collect_named_outputs(outputs_collections, sc, outputs)


def sequence_to_images(inputs, height, output_data_format="channels_last",
                       outputs_collections=None, scope=None):
    """The inverse of images_to_sequence: [width, batch * height, depth] to images."""
    with name_scope(scope, "SequenceToImages", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        width, num_batches, depth = inputs.shape.as_list()
        num_batches = -1 if num_batches is None else num_batches // height
        reshaped = array_ops.reshape(inputs, [width, num_batches, height, depth])
        if output_data_format == "channels_first":
            outputs = array_ops.transpose(reshaped, [1, 3, 2, 0])
        else:
            outputs = array_ops.transpose(reshaped, [1, 2, 0, 3])
        return collect_named_outputs(outputs_collections, sc, outputs)


def dense_to_sparse(tensor, eos_token=0, outputs_collections=None, scope=None):
    """The SparseTensor of the entries of `tensor` other than `eos_token`."""
    with vs.variable_scope(scope, "dense_to_sparse", [tensor]) as sc:
        tensor = convert_to_tensor(tensor)
        indices = array_ops.where(comparison_ops.not_equal(tensor,
                                                           constant(eos_token, tensor.dtype)))
        values = array_ops.gather_nd(tensor, indices)
        shape = array_ops.shape(tensor, out_type=_dt.int64)
        outputs = SparseTensor(indices, values, shape)
        return collect_named_outputs(outputs_collections, sc.name, outputs)
