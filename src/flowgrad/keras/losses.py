"""tf.keras.losses (TF 1.14 keras/losses.py): per-sample loss functions and their names."""
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..ops import array_ops, math_ops
from .. import nn
from . import backend as K
from ._serialization import lookup_custom as _lookup_custom

__all__ = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_logarithmic_error", "squared_hinge", "hinge",
           "categorical_crossentropy", "sparse_categorical_crossentropy",
           "binary_crossentropy", "kullback_leibler_divergence", "poisson", "logcosh",
           "cosine_similarity", "mse", "mae", "mape", "msle", "kld", "get", "serialize",
           "deserialize"]


def _pair(y_true, y_pred):
    y_pred = convert_to_tensor(y_pred)
    y_true = math_ops.cast(y_true, y_pred.dtype)
    return y_true, y_pred


def mean_squared_error(y_true, y_pred):
    """mean(square(y_pred - y_true), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.squared_difference(y_pred, y_true))


def _mean(x):
    return math_ops.reduce_mean(x, axis=-1)


def mean_absolute_error(y_true, y_pred):
    """mean(abs(y_pred - y_true), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.abs(y_pred - y_true))


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(abs((y_true - y_pred) / max(abs(y_true), eps)), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    diff = math_ops.abs((y_true - y_pred) / math_ops.maximum(math_ops.abs(y_true),
                                                             K.epsilon()))
    return 100. * _mean(diff)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1) (clipped at eps)."""
    y_true, y_pred = _pair(y_true, y_pred)
    first = math_ops.log(math_ops.maximum(y_pred, K.epsilon()) + 1.)
    second = math_ops.log(math_ops.maximum(y_true, K.epsilon()) + 1.)
    return _mean(math_ops.squared_difference(first, second))


def squared_hinge(y_true, y_pred):
    """mean(square(max(1 - y_true * y_pred, 0)), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.square(math_ops.maximum(1. - y_true * y_pred, 0.)))


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.maximum(1. - y_true * y_pred, 0.))


def _clip_probs(output):
    eps = convert_to_tensor(K.epsilon(), dtype=output.dtype.base_dtype)
    return math_ops.clip_by_value(output, eps, 1. - eps)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """-sum(y_true * log(y_pred)) over the last axis (y_pred normalized and clipped)."""
    y_true, y_pred = _pair(y_true, y_pred)
    if label_smoothing:
        raise NotImplementedError("flowgrad does not implement categorical_crossentropy("
                                  "label_smoothing=...)")
    if from_logits:
        return nn.softmax_cross_entropy_with_logits_v2(labels=y_true, logits=y_pred)
    axis = -1
    output = y_pred / math_ops.reduce_sum(y_pred, axis, True)
    output = _clip_probs(output)
    return -math_ops.reduce_sum(y_true * math_ops.log(output), axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    """Cross-entropy of integer labels against probabilities (or logits)."""
    y_pred = convert_to_tensor(y_pred)
    if axis != -1:
        raise NotImplementedError("flowgrad does not implement "
                                  "sparse_categorical_crossentropy(axis=...)")
    if not from_logits:
        output = _clip_probs(y_pred)
        logits = math_ops.log(output)
    else:
        logits = y_pred
    rank = logits.shape.ndims
    target = math_ops.cast(array_ops.reshape(y_true, [-1]), _dt.int64)
    if rank is not None and rank > 2:
        flat_logits = array_ops.reshape(logits, [-1, array_ops.shape(logits)[-1]])
    else:
        flat_logits = logits
    res = nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=flat_logits)
    if rank is not None and rank > 2:
        return array_ops.reshape(res, array_ops.shape(logits)[:-1])
    return res


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """mean(binary cross-entropy, axis=-1) of probabilities (clipped) or logits."""
    y_true, y_pred = _pair(y_true, y_pred)
    if label_smoothing:
        raise NotImplementedError("flowgrad does not implement binary_crossentropy("
                                  "label_smoothing=...)")
    if not from_logits:
        eps = convert_to_tensor(K.epsilon(), dtype=y_pred.dtype.base_dtype)
        output = math_ops.clip_by_value(y_pred, eps, 1. - eps)
        y_pred = math_ops.log(output / (1. - output))
    return _mean(nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred))


def kullback_leibler_divergence(y_true, y_pred):
    """sum(y_true * log(y_true / y_pred), axis=-1), both clipped to [eps, 1]."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = math_ops.clip_by_value(y_true, K.epsilon(), 1)
    y_pred = math_ops.clip_by_value(y_pred, K.epsilon(), 1)
    return math_ops.reduce_sum(y_true * math_ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + eps), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(y_pred - y_true * math_ops.log(y_pred + K.epsilon()))


def logcosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true)), axis=-1) (computed stably)."""
    y_true, y_pred = _pair(y_true, y_pred)

    def _logcosh(x):
        return x + nn.softplus(-2. * x) - math_ops.log(2.)
    return _mean(_logcosh(y_pred - y_true))


def cosine_similarity(y_true, y_pred, axis=-1):
    """-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = nn.l2_normalize(y_true, axis=axis)
    y_pred = nn.l2_normalize(y_pred, axis=axis)
    return -math_ops.reduce_sum(y_true * y_pred, axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine = cosine_proximity = cosine_similarity

_BY_NAME = {k: v for k, v in globals().items()
            if callable(v) and not k.startswith("_") and k not in
            ("get", "serialize", "deserialize", "convert_to_tensor")}


def serialize(loss):
    """The name of a loss function."""
    return loss.__name__


def deserialize(name, custom_objects=None):
    """The loss function called `name`."""
    found = _lookup_custom(name, custom_objects) if isinstance(name, str) else None
    if found is not None:
        return found
    if name not in _BY_NAME:
        raise ValueError("Unknown loss function:" + str(name))
    return _BY_NAME[name]


def get(identifier):
    """A loss function from its name or itself."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        return deserialize(str(identifier))
    if isinstance(identifier, dict):
        raise NotImplementedError("flowgrad does not implement losses.get(dict)")
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret loss function identifier:", identifier)
