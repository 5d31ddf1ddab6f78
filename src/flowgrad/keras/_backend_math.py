"""tf.keras.backend's tensor functions (TF 1.14 keras/backend.py): reductions, elementwise
math, shapes, crossentropies, convolutions and pooling, padding, random tensors, CTC.

Each is the TF op (or TF's small composite of ops) TF 1.14's Keras builds, so graphs have
TF's op types and counts. The public module is keras/backend.py, which re-exports these.
"""
import builtins as _builtins
import itertools

import numpy as np

from .. import image, nn
from ..engine.framework import dtypes as _dt
from ..engine.framework import constant_op
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.tensor_shape import dimension_value
from ..engine.ops import comparison as _cmp
from ..engine.ops.construction import range as _range
from ..ops import (array_ops, ctc_ops, functional_ops, math_ops, random_ops, sparse_ops)
from ..ops.linalg_ops import matmul
from ..ops.sparse_tensor import SparseTensor
from ._backend_core import (_initialize_variables_ops, batch_dot, concatenate, epsilon,
                            floatx, image_data_format, is_sparse, ndim)

__all__ = ["int_shape", "shape", "cast", "dot", "transpose", "gather", "max", "min", "sum",
           "prod", "cumsum", "cumprod", "var", "std", "mean", "argmax", "argmin", "square",
           "abs", "sqrt", "exp", "log", "round", "sign", "pow", "clip", "equal", "not_equal",
           "greater", "greater_equal", "less", "less_equal", "maximum", "minimum", "sin", "cos",
           "normalize_batch_in_training", "batch_normalization", "reshape",
           "permute_dimensions", "resize_images", "resize_volumes", "repeat_elements",
           "repeat", "arange", "tile", "flatten", "batch_flatten", "squeeze",
           "temporal_padding", "spatial_2d_padding", "spatial_3d_padding", "stack", "one_hot",
           "reverse", "softplus", "softsign", "sigmoid", "hard_sigmoid", "tanh",
           "categorical_crossentropy", "sparse_categorical_crossentropy",
           "binary_crossentropy", "dropout", "l2_normalize", "in_top_k", "conv1d", "conv2d",
           "conv2d_transpose", "separable_conv2d", "conv3d", "pool2d", "pool3d",
           "local_conv1d", "local_conv2d", "bias_add", "random_binomial", "truncated_normal",
           "ctc_label_dense_to_sparse", "ctc_batch_cost", "ctc_decode", "map_fn", "foldl",
           "foldr", "to_dense", "zeros_like", "ones_like", "stop_gradient"]


def _const(x, dtype):
    return constant_op.constant(x, dtype=dtype)


# -- shapes and casts ----------------------------------------------------------------------
def int_shape(x):
    """The static shape of `x` as a tuple of ints and Nones (None for an unknown rank)."""
    try:
        s = x.shape
        return s if isinstance(s, tuple) else tuple(s.as_list())
    except ValueError:
        return None


def shape(x):
    """The dynamic shape of `x` (a Shape op)."""
    return array_ops.shape(x)


def cast(x, dtype):  # noqa: A002
    """math_ops.cast."""
    return math_ops.cast(x, dtype)


def to_dense(tensor):
    """A SparseTensor made dense (SparseToDense); any other tensor unchanged."""
    if is_sparse(tensor):
        return sparse_ops.sparse_tensor_to_dense(tensor)
    return tensor


def zeros_like(x, dtype=None, name=None):  # noqa: A002
    """array_ops.zeros_like."""
    return array_ops.zeros_like(x, dtype=dtype, name=name)


def ones_like(x, dtype=None, name=None):  # noqa: A002
    """array_ops.ones_like."""
    return array_ops.ones_like(x, dtype=dtype, name=name)


def stop_gradient(variables):
    """StopGradient of a tensor, or a lazy map of it over a list (as TF 1.14 returns)."""
    if isinstance(variables, (list, tuple)):
        return map(array_ops.stop_gradient, variables)
    return array_ops.stop_gradient(variables)


# -- products and reductions ---------------------------------------------------------------
def _dims_with_dynamic(x):
    return tuple(i if i is not None else s
                 for i, s in zip(int_shape(x), array_ops.unstack(array_ops.shape(x))))


def dot(x, y):
    """Matrix product; for ranks above 2 the Theano-style product over x's last and y's
    second-to-last axis (reshapes around one MatMul)."""
    if ndim(x) is not None and (ndim(x) > 2 or ndim(y) > 2):
        x_shape = _dims_with_dynamic(x)
        y_shape = _dims_with_dynamic(y)
        perm = list(range(ndim(y)))
        perm = [perm.pop(-2)] + perm
        xt = array_ops.reshape(x, [-1, x_shape[-1]])
        yt = array_ops.reshape(array_ops.transpose(y, perm=perm), [y_shape[-2], -1])
        return array_ops.reshape(matmul(xt, yt), x_shape[:-1] + y_shape[:-2] + y_shape[-1:])
    if is_sparse(x):
        return sparse_ops.sparse_tensor_dense_matmul(x, y)
    return matmul(x, y)


def transpose(x):
    """array_ops.transpose (all axes reversed)."""
    return array_ops.transpose(x)


def gather(reference, indices):
    """array_ops.gather on axis 0."""
    return array_ops.gather(reference, indices)


def max(x, axis=None, keepdims=False):  # noqa: A001
    """reduce_max."""
    return math_ops.reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001
    """reduce_min."""
    return math_ops.reduce_min(x, axis, keepdims)


def sum(x, axis=None, keepdims=False):  # noqa: A001
    """reduce_sum."""
    return math_ops.reduce_sum(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    """reduce_prod."""
    return math_ops.reduce_prod(x, axis, keepdims)


def cumsum(x, axis=0):
    """math_ops.cumsum."""
    return math_ops.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    """math_ops.cumprod."""
    return math_ops.cumprod(x, axis=axis)


def _float_if_bool(x):
    x = convert_to_tensor(x)
    if x.dtype.base_dtype == _dt.bool_:
        x = math_ops.cast(x, floatx())
    return x


def var(x, axis=None, keepdims=False):
    """reduce_variance (a bool x is cast to floatx first)."""
    return math_ops.reduce_variance(_float_if_bool(x), axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """reduce_std (a bool x is cast to floatx first)."""
    return math_ops.reduce_std(_float_if_bool(x), axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    """reduce_mean (a bool x is cast to floatx first)."""
    return math_ops.reduce_mean(_float_if_bool(x), axis, keepdims)


def argmax(x, axis=-1):
    """math_ops.argmax."""
    return math_ops.argmax(x, axis)


def argmin(x, axis=-1):
    """math_ops.argmin."""
    return math_ops.argmin(x, axis)


# -- elementwise ---------------------------------------------------------------------------
def square(x):
    """math_ops.square."""
    return math_ops.square(x)


def abs(x):  # noqa: A001
    """math_ops.abs."""
    return math_ops.abs(x)


def sqrt(x):
    """sqrt of x clipped to [0, inf]."""
    base = x.dtype.base_dtype
    x = math_ops.clip_by_value(x, _const(0., base), _const(np.inf, base))
    return math_ops.sqrt(x)


def exp(x):
    """math_ops.exp."""
    return math_ops.exp(x)


def log(x):
    """math_ops.log."""
    return math_ops.log(x)


def round(x):  # noqa: A001
    """math_ops.round (half to even)."""
    return math_ops.round(x)


def sign(x):
    """math_ops.sign."""
    return math_ops.sign(x)


def pow(x, a):  # noqa: A001
    """math_ops.pow."""
    return math_ops.pow(x, a)


def clip(x, min_value, max_value):
    """clip_by_value, with max_value raised to min_value when below it and None as +inf."""
    if max_value is not None and max_value < min_value:
        max_value = min_value
    if max_value is None:
        max_value = np.inf
    base = x.dtype.base_dtype
    return math_ops.clip_by_value(x, _const(min_value, base), _const(max_value, base))


def equal(x, y):
    """Elementwise x == y."""
    return _cmp.equal(x, y)


def not_equal(x, y):
    """Elementwise x != y."""
    return _cmp.not_equal(x, y)


def greater(x, y):
    """Elementwise x > y."""
    return _cmp.greater(x, y)


def greater_equal(x, y):
    """Elementwise x >= y."""
    return _cmp.greater_equal(x, y)


def less(x, y):
    """Elementwise x < y."""
    return _cmp.less(x, y)


def less_equal(x, y):
    """Elementwise x <= y."""
    return _cmp.less_equal(x, y)


def maximum(x, y):
    """Elementwise maximum."""
    return math_ops.maximum(x, y)


def minimum(x, y):
    """Elementwise minimum."""
    return math_ops.minimum(x, y)


def sin(x):
    """math_ops.sin."""
    return math_ops.sin(x)


def cos(x):
    """math_ops.cos."""
    return math_ops.cos(x)


def softplus(x):
    """nn.softplus."""
    return nn.softplus(x)


def softsign(x):
    """nn.softsign."""
    return nn.softsign(x)


def sigmoid(x):
    """nn.sigmoid."""
    return nn.sigmoid(x)


def hard_sigmoid(x):
    """clip(0.2 * x + 0.5, 0, 1)."""
    base = x.dtype.base_dtype
    point_two, point_five = _const(0.2, base), _const(0.5, base)
    x = math_ops.add(math_ops.multiply(x, point_two), point_five)
    return math_ops.clip_by_value(x, 0., 1.)


def tanh(x):
    """nn.tanh."""
    return nn.tanh(x)


# -- batch normalization -------------------------------------------------------------------
def _broadcast_normalize(x, gamma, beta, reduction_axes, epsilon_):
    mean_, var_ = nn.moments(x, reduction_axes, None, None, False)
    target = array_ops.stack([1 if axis in reduction_axes else array_ops.shape(x)[axis]
                              for axis in range(ndim(x))])

    def _b(t):
        return None if t is None else array_ops.reshape(t, target)
    normed = nn.batch_normalization(x, _b(mean_), _b(var_), _b(beta), _b(gamma), epsilon_)
    return normed, mean_, var_


def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):  # noqa: A002
    """(normalized x, batch mean, batch variance) over `reduction_axes`: fused for NHWC
    4-D inputs, moments + batch_normalization otherwise (TF 1.14's CPU choices)."""
    axes = list(reduction_axes)
    if ndim(x) == 4 and axes in ([0, 1, 2], [0, 2, 3]):
        if axes == [0, 2, 3]:
            _initialize_variables_ops()  # TF asks for GPUs here (NCHW support)
            return _broadcast_normalize(x, gamma, beta, axes, epsilon)
        channels = x.shape[3]
        if gamma is None:
            gamma = constant_op.constant(1.0, dtype=x.dtype, shape=[channels])
        if beta is None:
            beta = constant_op.constant(0.0, dtype=x.dtype, shape=[channels])
        return nn.fused_batch_norm(x, gamma, beta, epsilon=epsilon, data_format="NHWC")
    if sorted(axes) == list(range(ndim(x)))[:-1]:
        mean_, var_ = nn.moments(x, axes, None, None, False)
        return nn.batch_normalization(x, mean_, var_, beta, gamma, epsilon), mean_, var_
    return _broadcast_normalize(x, gamma, beta, axes, epsilon)


def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):  # noqa: A002
    """Normalizes x with given statistics: FusedBatchNorm (inference) for 4-D inputs,
    nn.batch_normalization otherwise."""
    if ndim(x) == 4:
        if axis in (1, -3):
            _initialize_variables_ops()  # TF asks for GPUs here (NCHW support)
            fmt = "NCHW"
        elif axis in (3, -1):
            fmt = "NHWC"
        else:
            fmt = None
        if fmt == "NHWC":
            if ndim(mean) > 1:
                mean = array_ops.reshape(mean, [-1])
            if ndim(var) > 1:
                var = array_ops.reshape(var, [-1])
            if beta is None:
                beta = zeros_like(mean)
            elif ndim(beta) > 1:
                beta = array_ops.reshape(beta, [-1])
            if gamma is None:
                gamma = ones_like(mean)
            elif ndim(gamma) > 1:
                gamma = array_ops.reshape(gamma, [-1])
        y, _, _ = nn.fused_batch_norm(x, gamma, beta, epsilon=epsilon, mean=mean,
                                      variance=var, data_format=fmt, is_training=False)
        return y
    return nn.batch_normalization(x, mean, var, beta, gamma, epsilon)


# -- shape manipulation --------------------------------------------------------------------
def reshape(x, shape):
    """array_ops.reshape."""
    return array_ops.reshape(x, shape)


def permute_dimensions(x, pattern):
    """array_ops.transpose with perm=pattern."""
    return array_ops.transpose(x, perm=pattern)


def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    """Upsamples the rows and columns of a 4-D tensor by integer factors."""
    if data_format == "channels_first":
        rows, cols = 2, 3
    elif data_format == "channels_last":
        rows, cols = 1, 2
    else:
        raise ValueError("Invalid `data_format` argument: %s" % (data_format,))
    original = int_shape(x)
    new_shape = array_ops.shape(x)[rows:cols + 1]
    new_shape *= constant_op.constant(np.array([height_factor, width_factor], dtype="int32"))
    if data_format == "channels_first":
        x = permute_dimensions(x, [0, 2, 3, 1])
    if interpolation == "nearest":
        x = image.resize_nearest_neighbor(x, new_shape)
    elif interpolation == "bilinear":
        x = image.resize_bilinear(x, new_shape)
    else:
        raise ValueError('interpolation should be one of "nearest" or "bilinear".')
    if data_format == "channels_first":
        x = permute_dimensions(x, [0, 3, 1, 2])
    h = None if original[rows] is None else original[rows] * height_factor
    w = None if original[cols] is None else original[cols] * width_factor
    x.set_shape((None, None, h, w) if data_format == "channels_first" else (None, h, w, None))
    return x


def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """Repeats the three spatial axes of a 5-D tensor by integer factors."""
    if data_format == "channels_first":
        first = 2
    elif data_format == "channels_last":
        first = 1
    else:
        raise ValueError("Invalid data_format: " + str(data_format))
    out = repeat_elements(x, depth_factor, axis=first)
    out = repeat_elements(out, height_factor, axis=first + 1)
    return repeat_elements(out, width_factor, axis=first + 2)


def repeat_elements(x, rep, axis):
    """Repeats each slice of `x` along `axis` `rep` times (np.repeat): split + concat when
    the axis is known, expand/tile/reshape when not."""
    dims = x.shape.as_list()
    if dims[axis] is not None:
        splits = array_ops.split(value=x, num_or_size_splits=dims[axis], axis=axis)
        return concatenate([s for s in splits for _ in range(rep)], axis)
    aux = axis + 1
    dyn = array_ops.shape(x)
    x_rep = array_ops.expand_dims(x, axis=aux)
    reps = np.ones(len(x.shape) + 1)
    reps[aux] = rep
    x_rep = array_ops.tile(x_rep, reps)
    reps = np.delete(reps, aux)
    reps[axis] = rep
    dyn *= constant_op.constant(reps, dtype="int32")
    x_rep = array_ops.reshape(x_rep, dyn)
    x_rep.set_shape(dims)
    return x_rep


def repeat(x, n):
    """(batch, dim) -> (batch, n, dim)."""
    if ndim(x) != 2:
        raise AssertionError()
    x = array_ops.expand_dims(x, 1)
    return array_ops.tile(x, array_ops.stack([1, n, 1]))


def arange(start, stop=None, step=1, dtype="int32"):  # noqa: A002
    """A Range op named 'arange' (a negative lone `start` gives an empty range), cast to
    `dtype` when not int32."""
    if stop is None and start < 0:
        start = 0
    result = _range(start, limit=stop, delta=step, name="arange")
    if dtype != "int32":
        result = cast(result, dtype)
    return result


def tile(x, n):
    """array_ops.tile (an int `n` is [n])."""
    if isinstance(n, int):
        n = [n]
    return array_ops.tile(x, n)


def flatten(x):
    """Reshape to [-1]."""
    return array_ops.reshape(x, [-1])


def batch_flatten(x):
    """Reshape to (batch, product of the other dims)."""
    return array_ops.reshape(x, array_ops.stack([-1, prod(shape(x)[1:])]))


def squeeze(x, axis):
    """array_ops.squeeze of one axis."""
    return array_ops.squeeze(x, [axis])


def temporal_padding(x, padding=(1, 1)):
    """Pads the middle axis of a 3-D tensor with zeros."""
    if len(padding) != 2:
        raise AssertionError()
    return array_ops.pad(x, [[0, 0], [padding[0], padding[1]], [0, 0]])


def _check_format(data_format):
    if data_format is None:
        data_format = image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    return data_format


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """Pads the two spatial axes of a 4-D tensor with zeros."""
    if len(padding) != 2 or len(padding[0]) != 2 or len(padding[1]) != 2:
        raise AssertionError()
    data_format = _check_format(data_format)
    spatial = [list(padding[0]), list(padding[1])]
    pattern = ([[0, 0], [0, 0]] + spatial if data_format == "channels_first"
               else [[0, 0]] + spatial + [[0, 0]])
    return array_ops.pad(x, pattern)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    """Pads the three spatial axes of a 5-D tensor with zeros."""
    if len(padding) != 3 or _builtins.any(len(p) != 2 for p in padding):
        raise AssertionError()
    data_format = _check_format(data_format)
    spatial = [[p[0], p[1]] for p in padding]
    pattern = ([[0, 0], [0, 0]] + spatial if data_format == "channels_first"
               else [[0, 0]] + spatial + [[0, 0]])
    return array_ops.pad(x, pattern)


def stack(x, axis=0):
    """array_ops.stack."""
    return array_ops.stack(x, axis=axis)


def one_hot(indices, num_classes):
    """One-hot on a new last axis."""
    return array_ops.one_hot(indices, depth=num_classes, axis=-1)


def reverse(x, axes):
    """array_ops.reverse (an int axis is [axis])."""
    if isinstance(axes, int):
        axes = [axes]
    return array_ops.reverse(x, axes)


# -- losses --------------------------------------------------------------------------------
def _is_op_output(output, op_type):
    return getattr(getattr(output, "op", None), "type", None) == op_type and \
        type(output).__name__ not in ("RefVariable", "ResourceVariable", "Variable")


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """-sum(target * log(output)) over `axis` with output normalized and clipped, or the
    softmax xent of the logits (also when `output` is a Softmax op's result)."""
    output = convert_to_tensor(output) if not hasattr(output, "op") else output
    if not from_logits:
        if not _is_op_output(output, "Softmax"):
            axis = axis % len(output.shape)
            output = output / math_ops.reduce_sum(output, axis, True)
            eps = _const(epsilon(), output.dtype.base_dtype)
            output = math_ops.clip_by_value(output, eps, 1. - eps)
            return -math_ops.reduce_sum(target * math_ops.log(output), axis)
        output = output.op.inputs[0]
    return nn.softmax_cross_entropy_with_logits_v2(labels=target, logits=output)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Categorical crossentropy with integer targets (sparse softmax xent of the logits or
    of log(clipped output))."""
    output = convert_to_tensor(output) if not hasattr(output, "op") else output
    if not from_logits:
        if not _is_op_output(output, "Softmax"):
            eps = _const(epsilon(), output.dtype.base_dtype)
            output = math_ops.log(math_ops.clip_by_value(output, eps, 1 - eps))
        else:
            output = output.op.inputs[0]
    rank = len(output.shape)
    axis = axis % rank
    if axis != rank - 1:
        perm = list(range(axis)) + list(range(axis + 1, rank)) + [axis]
        output = array_ops.transpose(output, perm=perm)
    out_shape = output.shape
    targets = cast(flatten(target), "int64")
    logits = array_ops.reshape(output, [-1, int(out_shape[-1])])
    res = nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits)
    if len(out_shape) >= 3:
        return array_ops.reshape(res, array_ops.shape(output)[:-1])
    return res


def binary_crossentropy(target, output, from_logits=False):
    """Elementwise binary crossentropy (of clipped probabilities, or sigmoid xent of the
    logits, also when `output` is a Sigmoid op's result)."""
    output = convert_to_tensor(output) if not hasattr(output, "op") else output
    if not from_logits:
        if not _is_op_output(output, "Sigmoid"):
            eps = _const(epsilon(), output.dtype.base_dtype)
            output = math_ops.clip_by_value(output, eps, 1. - eps)
            bce = target * math_ops.log(output + epsilon())
            bce += (1 - target) * math_ops.log(1 - output + epsilon())
            return -bce
        output = output.op.inputs[0]
    return nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)


def dropout(x, level, noise_shape=None, seed=None):
    """nn.dropout with rate=level (an op seed drawn from numpy when `seed` is None)."""
    if seed is None:
        seed = np.random.randint(10e6)
    return nn.dropout(x, rate=level, noise_shape=noise_shape, seed=seed)


def l2_normalize(x, axis=None):
    """nn.l2_normalize."""
    return nn.l2_normalize(x, axis=axis)


def in_top_k(predictions, targets, k):
    """nn.in_top_k."""
    return nn.in_top_k(predictions, targets, k)


# -- convolution and pooling (CPU: channels_first is transposed to channels_last) ---------
def _padding(padding):
    if padding == "same":
        return "SAME"
    if padding == "valid":
        return "VALID"
    raise ValueError("Invalid padding: " + str(padding))


def _to_last(x, data_format, perm):
    """x in channels_last order; on CPU TF transposes channels_first inputs (after the
    ops of its GPU query)."""
    if data_format == "channels_first":
        _initialize_variables_ops()
        x = array_ops.transpose(x, perm)
    return x


def _from_last(x, data_format):
    if data_format == "channels_first":
        rank = len(x.shape)
        x = array_ops.transpose(x, (0, rank - 1) + tuple(range(1, rank - 1)))
    return x


def conv1d(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """1-D convolution ('causal' padding pads on the left)."""
    data_format = _check_format(data_format)
    if padding == "causal":
        x = temporal_padding(x, (dilation_rate * (kernel.shape.as_list()[0] - 1), 0))
        padding = "valid"
    padding = _padding(padding)
    x = _to_last(x, data_format, (0, 2, 1))
    x = nn.convolution(input=x, filter=kernel, dilation_rate=dilation_rate, strides=strides,
                       padding=padding, data_format="NWC")
    return _from_last(x, data_format)


def conv2d(x, kernel, strides=(1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1)):
    """2-D convolution."""
    data_format = _check_format(data_format)
    x = _to_last(x, data_format, (0, 2, 3, 1))
    x = nn.convolution(input=x, filter=kernel, dilation_rate=dilation_rate, strides=strides,
                       padding=_padding(padding), data_format="NHWC")
    return _from_last(x, data_format)


def conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    """Transposed 2-D convolution (atrous when dilation_rate is not (1, 1))."""
    data_format = _check_format(data_format)
    x = _to_last(x, data_format, (0, 2, 3, 1))
    if data_format == "channels_first":
        output_shape = (output_shape[0], output_shape[2], output_shape[3], output_shape[1])
    if output_shape[0] is None:
        output_shape = (shape(x)[0],) + tuple(output_shape[1:])
    if isinstance(output_shape, (tuple, list)):
        output_shape = array_ops.stack(list(output_shape))
    padding = _padding(padding)
    if dilation_rate == (1, 1):
        x = nn.conv2d_transpose(x, kernel, output_shape, (1,) + tuple(strides) + (1,),
                                padding=padding, data_format="NHWC")
    else:
        if dilation_rate[0] != dilation_rate[1]:
            raise AssertionError()
        x = nn.atrous_conv2d_transpose(x, kernel, output_shape, rate=dilation_rate[0],
                                       padding=padding)
    return _from_last(x, data_format)


def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    """Depthwise then pointwise 2-D convolution."""
    data_format = _check_format(data_format)
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    x = _to_last(x, data_format, (0, 2, 3, 1))
    x = nn.separable_conv2d(x, depthwise_kernel, pointwise_kernel,
                            strides=(1,) + tuple(strides) + (1,), padding=_padding(padding),
                            rate=dilation_rate, data_format="NHWC")
    return _from_last(x, data_format)


def conv3d(x, kernel, strides=(1, 1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1, 1)):
    """3-D convolution."""
    data_format = _check_format(data_format)
    x = _to_last(x, data_format, (0, 2, 3, 4, 1))
    x = nn.convolution(input=x, filter=kernel, dilation_rate=dilation_rate, strides=strides,
                       padding=_padding(padding), data_format="NDHWC")
    return _from_last(x, data_format)


def _pool(x, pool_size, strides, padding, data_format, pool_mode, rank):
    data_format = _check_format(data_format)
    x = _to_last(x, data_format, (0,) + tuple(range(2, rank + 2)) + (1,))
    padding = _padding(padding)
    ksize = (1,) + tuple(pool_size) + (1,)
    strides = (1,) + tuple(strides) + (1,)
    fmt = "NHWC" if rank == 2 else "NDHWC"
    if pool_mode == "max":
        fn = nn.max_pool if rank == 2 else nn.max_pool3d
    elif pool_mode == "avg":
        fn = nn.avg_pool if rank == 2 else nn.avg_pool3d
    else:
        raise ValueError("Invalid pooling mode: " + str(pool_mode))
    x = fn(x, ksize, strides, padding=padding, data_format=fmt)
    return _from_last(x, data_format)


def pool2d(x, pool_size, strides=(1, 1), padding="valid", data_format=None, pool_mode="max"):
    """2-D max or average pooling."""
    _check_format(data_format)
    if len(pool_size) != 2:
        raise ValueError("`pool_size` must be a tuple of 2 integers.")
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 2)


def pool3d(x, pool_size, strides=(1, 1, 1), padding="valid", data_format=None,
           pool_mode="max"):
    """3-D max or average pooling."""
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 3)


def _local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format):
    data_format = _check_format(data_format)
    kernel_shape = int_shape(kernel)
    feature_dim, channels_out = kernel_shape[1], kernel_shape[-1]
    nd = len(output_shape)
    pieces = []
    for position in itertools.product(*[range(m) for m in output_shape]):
        index = [slice(None)]
        if data_format == "channels_first":
            index.append(slice(None))
        index.extend(slice(position[d] * strides[d], position[d] * strides[d] + kernel_size[d])
                     for d in range(nd))
        if data_format == "channels_last":
            index.append(slice(None))
        pieces.append(reshape(inputs[tuple(index)], (1, -1, feature_dim)))
    out = batch_dot(concatenate(pieces, axis=0), kernel)
    out = reshape(out, tuple(output_shape) + (-1, channels_out))
    spatial = list(range(nd))
    perm = ([nd, nd + 1] + spatial if data_format == "channels_first"
            else [nd] + spatial + [nd + 1])
    return permute_dimensions(out, perm)


def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """1-D convolution with unshared weights (kernel: (out_steps, k * in_ch, out_ch))."""
    return _local_conv(inputs, kernel, kernel_size, strides,
                       (dimension_value(kernel.shape[0]),), data_format)


def local_conv2d(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    """2-D convolution with unshared weights."""
    return _local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format)


def bias_add(x, bias, data_format=None):
    """Adds a bias vector (or a per-position bias) on the channel axis."""
    data_format = _check_format(data_format)
    bshape = int_shape(bias)
    rank = ndim(x)
    if len(bshape) != 1 and len(bshape) != rank - 1:
        raise ValueError("Unexpected bias dimensions %d, expect to be 1 or %d dimensions"
                         % (len(bshape), rank))
    first = data_format == "channels_first"
    if rank == 4 and len(bshape) == 1 and not first:
        return nn.bias_add(x, bias, data_format="NHWC")
    if rank not in (3, 4, 5):
        return nn.bias_add(x, bias)
    if rank == 4 and first and len(bshape) == 1:
        _initialize_variables_ops()  # TF asks for GPUs here (NCHW support)
    if len(bshape) == 1:
        target = ((1, bshape[0]) + (1,) * (rank - 2) if first
                  else (1,) * (rank - 1) + (bshape[0],))
        if rank == 5 and not first:  # TF 1.14 reshapes to rank 4 here
            target = (1, 1, 1, bshape[0])
    elif first:
        target = (1, bshape[-1]) + tuple(bshape[:-1])
    else:
        target = (1,) + tuple(bshape)
    return x + reshape(bias, target)


# -- random tensors ------------------------------------------------------------------------
def _seed(seed):
    return np.random.randint(10e6) if seed is None else seed


def random_binomial(shape, p=0.0, dtype=None, seed=None):  # noqa: A002
    """1 where a uniform draw is <= p, else 0."""
    dtype = dtype or floatx()
    return array_ops.where(
        random_ops.random_uniform(shape, dtype=dtype, seed=_seed(seed)) <= p,
        array_ops.ones(shape, dtype=dtype), array_ops.zeros(shape, dtype=dtype))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):  # noqa: A002
    """random_ops.truncated_normal (an op seed drawn from numpy when `seed` is None)."""
    dtype = dtype or floatx()
    return random_ops.truncated_normal(shape, mean, stddev, dtype=dtype, seed=_seed(seed))


# -- CTC -----------------------------------------------------------------------------------
def ctc_label_dense_to_sparse(labels, label_lengths):
    """The SparseTensor of the first label_lengths[b] labels of each row of `labels`."""
    label_shape = array_ops.shape(labels)
    num_batches = array_ops.stack([label_shape[0]])
    max_labels = array_ops.stack([label_shape[1]])

    def _less_than(_, current):
        return array_ops.expand_dims(_range(label_shape[1]), 0) < \
            array_ops.fill(max_labels, current)
    init = math_ops.cast(array_ops.fill([1, label_shape[1]], 0), _dt.bool_)
    dense_mask = functional_ops.scan(_less_than, label_lengths, initializer=init,
                                     parallel_iterations=1)[:, 0, :]
    label_array = array_ops.reshape(
        array_ops.tile(_range(0, label_shape[1]), num_batches), label_shape)
    label_ind = array_ops.boolean_mask(label_array, dense_mask)
    batch_array = array_ops.transpose(array_ops.reshape(
        array_ops.tile(_range(0, label_shape[0]), max_labels), reverse(label_shape, 0)))
    batch_ind = array_ops.boolean_mask(batch_array, dense_mask)
    indices = array_ops.transpose(
        array_ops.reshape(concatenate([batch_ind, label_ind], axis=0), [2, -1]))
    values = array_ops.gather_nd(labels, indices)
    return SparseTensor(math_ops.cast(indices, _dt.int64), values,
                        math_ops.cast(label_shape, _dt.int64))


def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """CTC loss per batch element, shape (batch, 1), of softmax outputs y_pred
    (batch, time, classes) against dense labels y_true."""
    label_length = math_ops.cast(array_ops.squeeze(label_length, axis=-1), _dt.int32)
    input_length = math_ops.cast(array_ops.squeeze(input_length, axis=-1), _dt.int32)
    sparse = ctc_label_dense_to_sparse(y_true, label_length)
    sparse = SparseTensor(sparse.indices, math_ops.cast(sparse.values, _dt.int32),
                          sparse.dense_shape)
    y_pred = math_ops.log(array_ops.transpose(y_pred, perm=[1, 0, 2]) + epsilon())
    return array_ops.expand_dims(
        ctc_ops.ctc_loss(inputs=y_pred, labels=sparse, sequence_length=input_length), 1)


def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    """([dense decoded paths padded with -1], log probabilities): greedy or beam search."""
    y_pred = math_ops.log(array_ops.transpose(y_pred, perm=[1, 0, 2]) + epsilon())
    input_length = math_ops.cast(input_length, _dt.int32)
    if greedy:
        decoded, log_prob = nn.ctc_greedy_decoder(inputs=y_pred, sequence_length=input_length)
    else:
        decoded, log_prob = nn.ctc_beam_search_decoder(
            inputs=y_pred, sequence_length=input_length, beam_width=beam_width,
            top_paths=top_paths)
    dense = [sparse_ops.sparse_to_dense(st.indices, st.dense_shape, st.values,
                                        default_value=-1) for st in decoded]
    return dense, log_prob


# -- higher-order functions ----------------------------------------------------------------
def map_fn(fn, elems, name=None, dtype=None):  # noqa: A002
    """functional_ops.map_fn."""
    return functional_ops.map_fn(fn, elems, name=name, dtype=dtype)


def foldl(fn, elems, initializer=None, name=None):
    """functional_ops.foldl."""
    return functional_ops.foldl(fn, elems, initializer=initializer, name=name)


def foldr(fn, elems, initializer=None, name=None):
    """functional_ops.foldr."""
    return functional_ops.foldr(fn, elems, initializer=initializer, name=name)
