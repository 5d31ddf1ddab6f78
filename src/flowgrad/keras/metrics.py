"""tf.keras.metrics functions (TF 1.14 keras/metrics.py): per-sample metric values.

compile() averages them over an epoch as TF's stateful mean metrics do (float32 total
and count)."""
from ..engine.framework import dtypes as _dt
from ..engine.ops.comparison import equal as _equal
from ..engine.ops.reductions import argmax as _argmax
from ..ops import array_ops, math_ops
from . import backend as K
from ._serialization import lookup_custom as _lookup_custom
from .losses import (binary_crossentropy, categorical_crossentropy, cosine_similarity,
                     hinge, kullback_leibler_divergence, logcosh, mean_absolute_error,
                     mean_absolute_percentage_error, mean_squared_error,
                     mean_squared_logarithmic_error, poisson,
                     sparse_categorical_crossentropy, squared_hinge)

__all__ = ["binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
           "mse", "mae", "mape", "msle", "get", "serialize", "deserialize",
           "binary_crossentropy", "categorical_crossentropy", "cosine_similarity", "hinge",
           "kullback_leibler_divergence", "logcosh", "mean_absolute_error",
           "mean_absolute_percentage_error", "mean_squared_error",
           "mean_squared_logarithmic_error", "poisson", "sparse_categorical_crossentropy",
           "squared_hinge"]


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """mean(equal(y_true, y_pred > threshold), axis=-1)."""
    threshold = math_ops.cast(threshold, y_pred.dtype)
    y_pred = math_ops.cast(y_pred > threshold, y_pred.dtype)
    return math_ops.reduce_mean(
        math_ops.cast(_equal(math_ops.cast(y_true, y_pred.dtype), y_pred),
                      K.floatx()), axis=-1)


def categorical_accuracy(y_true, y_pred):
    """1. where argmax(y_true) == argmax(y_pred), else 0."""
    return math_ops.cast(_equal(_argmax(y_true, axis=-1),
                                        _argmax(y_pred, axis=-1)), K.floatx())


def sparse_categorical_accuracy(y_true, y_pred):
    """1. where the integer label y_true == argmax(y_pred), else 0."""
    y_pred_rank = y_pred.shape.ndims
    y_true_rank = y_true.shape.ndims
    if (y_true_rank is not None and y_pred_rank is not None
            and len(y_true.shape.as_list()) == len(y_pred.shape.as_list())):
        y_true = array_ops.squeeze(y_true, [-1])
    y_pred = _argmax(y_pred, axis=-1)
    if y_pred.dtype != y_true.dtype:
        y_pred = math_ops.cast(y_pred, y_true.dtype)
    return math_ops.cast(_equal(y_true, y_pred), K.floatx())


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
cosine = cosine_proximity = cosine_similarity

_BY_NAME = {k: v for k, v in globals().items()
            if callable(v) and not k.startswith("_") and k not in
            ("get", "serialize", "deserialize")}
_BY_NAME.pop("K", None)
del _dt


def serialize(metric):
    """The name of a metric function."""
    return metric.__name__


def deserialize(config, custom_objects=None):
    """The metric function called `config`."""
    found = _lookup_custom(config, custom_objects) if isinstance(config, str) else None
    if found is not None:
        return found
    if config not in _BY_NAME:
        raise ValueError("Unknown metric function:" + str(config))
    return _BY_NAME[config]


def get(identifier):
    """A metric function from its name or itself."""
    if isinstance(identifier, str):
        return deserialize(str(identifier))
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret metric function identifier: " + str(identifier))
