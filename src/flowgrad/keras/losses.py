"""tf.keras.losses (TF 1.14 keras/losses.py): the per-sample loss functions and the Loss
classes, which weight and reduce them (keras/_losses_utils.py)."""
from ..engine.framework import dtypes as _dt
import numpy as np

from ..engine.framework.constant_op import const_value, convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops.comparison import equal as _equal
from ..engine.ops.comparison import logical_or as _logical_or
from ..ops import array_ops, math_ops
from ..ops import variables as _variables
from .. import nn
from . import backend as K
from ._losses_utils import ReductionV2, compute_weighted_loss
from ._serialization import deserialize_keras_object, serialize_keras_object
from .utils import smart_cond

__all__ = ["Loss", "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
           "MeanSquaredLogarithmicError", "BinaryCrossentropy", "CategoricalCrossentropy",
           "SparseCategoricalCrossentropy", "Hinge", "SquaredHinge", "CategoricalHinge",
           "Poisson", "LogCosh", "KLDivergence", "Huber", "CosineSimilarity",
           "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_logarithmic_error", "squared_hinge", "hinge", "categorical_hinge",
           "categorical_crossentropy", "sparse_categorical_crossentropy",
           "binary_crossentropy", "kullback_leibler_divergence", "poisson", "logcosh",
           "cosine_similarity", "cosine_proximity", "cosine", "mse", "mae", "mape", "msle",
           "kld", "MSE", "MAE", "MAPE", "MSLE", "KLD", "get", "serialize", "deserialize"]


def _is_tensor_or_variable(x):
    return isinstance(x, (Tensor, _variables.Variable))


# -- the Loss classes --------------------------------------------------------------------
class Loss(object):
    """The base of the loss classes: `call(y_true, y_pred)` gives per-sample losses,
    `__call__` weights them by `sample_weight` and reduces them by `reduction` ('auto',
    'none', 'sum' or 'sum_over_batch_size'), in name_scope(name)."""

    def __init__(self, reduction=ReductionV2.AUTO, name=None):
        ReductionV2.validate(reduction)
        self.reduction = reduction
        self.name = name

    def __call__(self, y_true, y_pred, sample_weight=None):
        """The weighted, reduced loss of `y_pred` against `y_true`."""
        scope_name = "lambda" if self.name == "<lambda>" else self.name
        with name_scope(scope_name or self.__class__.__name__):
            losses = self.call(y_true, y_pred)
            return compute_weighted_loss(losses, sample_weight,
                                         reduction=self._get_reduction())

    @classmethod
    def from_config(cls, config):
        """The loss object `get_config()` describes."""
        return cls(**config)

    def get_config(self):
        return {"reduction": self.reduction, "name": self.name}

    def call(self, y_true, y_pred):
        """The per-sample losses (subclasses implement this)."""
        NotImplementedError("Must be implemented in subclasses.")  # TF 1.14 returns None

    def _get_reduction(self):
        if self.reduction == ReductionV2.AUTO:
            return ReductionV2.SUM_OVER_BATCH_SIZE
        return self.reduction


class LossFunctionWrapper(Loss):
    """A Loss whose per-sample losses are `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, reduction=ReductionV2.AUTO, name=None, **kwargs):
        super(LossFunctionWrapper, self).__init__(reduction=reduction, name=name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = {k: K.eval(v) if _is_tensor_or_variable(v) else v
                  for k, v in self._fn_kwargs.items()}
        base_config = super(LossFunctionWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class MeanSquaredError(LossFunctionWrapper):
    """mean(square(y_true - y_pred), axis=-1), weighted and reduced."""

    def __init__(self, reduction=ReductionV2.AUTO, name="mean_squared_error"):
        super(MeanSquaredError, self).__init__(mean_squared_error, name=name,
                                               reduction=reduction)


class MeanAbsoluteError(LossFunctionWrapper):
    """mean(abs(y_true - y_pred), axis=-1), weighted and reduced."""

    def __init__(self, reduction=ReductionV2.AUTO, name="mean_absolute_error"):
        super(MeanAbsoluteError, self).__init__(mean_absolute_error, name=name,
                                                reduction=reduction)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """100 * mean(abs((y_true - y_pred) / y_true), axis=-1), weighted and reduced."""

    def __init__(self, reduction=ReductionV2.AUTO, name="mean_absolute_percentage_error"):
        super(MeanAbsolutePercentageError, self).__init__(
            mean_absolute_percentage_error, name=name, reduction=reduction)


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """mean(square(log(y_true + 1) - log(y_pred + 1)), axis=-1), weighted and reduced."""

    def __init__(self, reduction=ReductionV2.AUTO, name="mean_squared_logarithmic_error"):
        super(MeanSquaredLogarithmicError, self).__init__(
            mean_squared_logarithmic_error, name=name, reduction=reduction)


class BinaryCrossentropy(LossFunctionWrapper):
    """binary_crossentropy (of probabilities or logits, labels optionally smoothed)."""

    def __init__(self, from_logits=False, label_smoothing=0, reduction=ReductionV2.AUTO,
                 name="binary_crossentropy"):
        super(BinaryCrossentropy, self).__init__(
            binary_crossentropy, name=name, reduction=reduction, from_logits=from_logits,
            label_smoothing=label_smoothing)
        self.from_logits = from_logits


class CategoricalCrossentropy(LossFunctionWrapper):
    """categorical_crossentropy of one-hot labels (optionally smoothed)."""

    def __init__(self, from_logits=False, label_smoothing=0, reduction=ReductionV2.AUTO,
                 name="categorical_crossentropy"):
        super(CategoricalCrossentropy, self).__init__(
            categorical_crossentropy, name=name, reduction=reduction,
            from_logits=from_logits, label_smoothing=label_smoothing)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """sparse_categorical_crossentropy of integer labels."""

    def __init__(self, from_logits=False, reduction=ReductionV2.AUTO, name=None):
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, name=name, reduction=reduction,
            from_logits=from_logits)


class Hinge(LossFunctionWrapper):
    """mean(max(1 - y_true * y_pred, 0), axis=-1) (0/1 labels taken as -1/1)."""

    def __init__(self, reduction=ReductionV2.AUTO, name=None):
        super(Hinge, self).__init__(hinge, name=name, reduction=reduction)


class SquaredHinge(LossFunctionWrapper):
    """mean(square(max(1 - y_true * y_pred, 0)), axis=-1) (0/1 labels taken as -1/1)."""

    def __init__(self, reduction=ReductionV2.AUTO, name="squared_hinge"):
        super(SquaredHinge, self).__init__(squared_hinge, name=name, reduction=reduction)


class CategoricalHinge(LossFunctionWrapper):
    """max(0, max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1)."""

    def __init__(self, reduction=ReductionV2.AUTO, name="categorical_hinge"):
        super(CategoricalHinge, self).__init__(categorical_hinge, name=name,
                                               reduction=reduction)


class Poisson(LossFunctionWrapper):
    """mean(y_pred - y_true * log(y_pred + eps), axis=-1)."""

    def __init__(self, reduction=ReductionV2.AUTO, name="poisson"):
        super(Poisson, self).__init__(poisson, name=name, reduction=reduction)


class LogCosh(LossFunctionWrapper):
    """mean(log(cosh(y_pred - y_true)), axis=-1)."""

    def __init__(self, reduction=ReductionV2.AUTO, name="logcosh"):
        super(LogCosh, self).__init__(logcosh, name=name, reduction=reduction)


class KLDivergence(LossFunctionWrapper):
    """sum(y_true * log(y_true / y_pred), axis=-1) (both clipped to [eps, 1])."""

    def __init__(self, reduction=ReductionV2.AUTO, name="kullback_leibler_divergence"):
        super(KLDivergence, self).__init__(kullback_leibler_divergence, name=name,
                                           reduction=reduction)


class Huber(LossFunctionWrapper):
    """0.5 * x^2 where |x| <= delta, else delta * (|x| - 0.5 * delta) (x = y_pred -
    y_true), element-wise."""

    def __init__(self, delta=1.0, reduction=ReductionV2.AUTO, name="huber_loss"):
        super(Huber, self).__init__(huber_loss, name=name, reduction=reduction, delta=delta)


class CosineSimilarity(LossFunctionWrapper):
    """sum(l2_normalize(y_true) * l2_normalize(y_pred), axis) (TF 1.14's sign: positive
    for similar vectors)."""

    def __init__(self, axis=-1, reduction=ReductionV2.AUTO, name="cosine_similarity"):
        super(CosineSimilarity, self).__init__(cosine_similarity, reduction=reduction,
                                               name=name, axis=axis)


# -- the functions ----------------------------------------------------------------------
def _pair(y_true, y_pred):
    y_pred = convert_to_tensor(y_pred)
    y_true = math_ops.cast(y_true, y_pred.dtype)
    return y_true, y_pred


def _mean(x):
    return K.mean(x, axis=-1)


def mean_squared_error(y_true, y_pred):
    """mean(square(y_pred - y_true), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.squared_difference(y_pred, y_true))


def mean_absolute_error(y_true, y_pred):
    """mean(abs(y_pred - y_true), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(math_ops.abs(y_pred - y_true))


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(abs((y_true - y_pred) / max(abs(y_true), eps)), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    diff = math_ops.abs((y_true - y_pred) / K.clip(math_ops.abs(y_true), K.epsilon(), None))
    return 100. * _mean(diff)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1) (clipped at eps)."""
    y_true, y_pred = _pair(y_true, y_pred)
    first = math_ops.log(K.clip(y_pred, K.epsilon(), None) + 1.)
    second = math_ops.log(K.clip(y_true, K.epsilon(), None) + 1.)
    return _mean(math_ops.squared_difference(first, second))


def _maybe_convert_labels(y_true):
    """0/1 labels as -1/1 (when every label is 0 or 1)."""
    is_binary = math_ops.reduce_all(_logical_or(_equal(y_true, 0), _equal(y_true, 1)))
    known = const_value(y_true)
    if known is not None:  # TF 1.14's smart_cond evaluates a constant condition now
        is_binary = bool(np.all((known == 0) | (known == 1)))
    return smart_cond(is_binary, lambda: 2. * y_true - 1., lambda: y_true)


def squared_hinge(y_true, y_pred):
    """mean(square(max(1 - y_true * y_pred, 0)), axis=-1) (0/1 labels taken as -1/1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return _mean(math_ops.square(math_ops.maximum(1. - y_true * y_pred, 0.)))


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0), axis=-1) (0/1 labels taken as -1/1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return _mean(math_ops.maximum(1. - y_true * y_pred, 0.))


def categorical_hinge(y_true, y_pred):
    """max(0, max((1 - y_true) * y_pred, -1) - sum(y_true * y_pred, -1) + 1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    pos = math_ops.reduce_sum(y_true * y_pred, axis=-1)
    neg = math_ops.reduce_max((1. - y_true) * y_pred, axis=-1)
    return math_ops.maximum(0., neg - pos + 1.)


def huber_loss(y_true, y_pred, delta=1.0):
    """The element-wise Huber loss (float32, as K.floatx())."""
    y_pred = math_ops.cast(y_pred, dtype=K.floatx())
    y_true = math_ops.cast(y_true, dtype=K.floatx())
    error = math_ops.subtract(y_pred, y_true)
    abs_error = math_ops.abs(error)
    quadratic = math_ops.minimum(abs_error, delta)
    linear = math_ops.subtract(abs_error, quadratic)
    return math_ops.add(
        math_ops.multiply(convert_to_tensor(0.5, dtype=quadratic.dtype),
                          math_ops.multiply(quadratic, quadratic)),
        math_ops.multiply(delta, linear))


def logcosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true)), axis=-1) (computed stably)."""
    y_true, y_pred = _pair(y_true, y_pred)

    def _logcosh(x):
        return x + nn.softplus(-2. * x) - math_ops.log(2.)
    return _mean(_logcosh(y_pred - y_true))


def _smoothing(label_smoothing):
    return convert_to_tensor(label_smoothing, dtype=_dt.as_dtype(K.floatx()))


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """-sum(y_true * log(y_pred)) over the last axis (y_pred normalized and clipped, or
    logits); labels smoothed towards 1 / num_classes by `label_smoothing`."""
    y_true, y_pred = _pair(y_true, y_pred)
    label_smoothing = _smoothing(label_smoothing)

    def _smooth_labels():
        num_classes = math_ops.cast(array_ops.shape(y_true)[1], y_pred.dtype)
        return y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)
    y_true = smart_cond(label_smoothing, _smooth_labels, lambda: y_true)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    """Cross-entropy of integer labels against probabilities (or logits) on `axis`."""
    return K.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits,
                                             axis=axis)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """mean(binary cross-entropy, axis=-1) of probabilities (clipped) or logits; labels
    smoothed towards 0.5 by `label_smoothing`."""
    y_true, y_pred = _pair(y_true, y_pred)
    label_smoothing = _smoothing(label_smoothing)

    def _smooth_labels():
        return y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    y_true = smart_cond(label_smoothing, _smooth_labels, lambda: y_true)
    return _mean(K.binary_crossentropy(y_true, y_pred, from_logits=from_logits))


def kullback_leibler_divergence(y_true, y_pred):
    """sum(y_true * log(y_true / y_pred), axis=-1), both clipped to [eps, 1]."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = K.clip(y_true, K.epsilon(), 1)
    y_pred = K.clip(y_pred, K.epsilon(), 1)
    return math_ops.reduce_sum(y_true * math_ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + eps), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean(y_pred - y_true * math_ops.log(y_pred + K.epsilon()))


def cosine_proximity(y_true, y_pred, axis=-1):
    """sum(l2_normalize(y_true) * l2_normalize(y_pred), axis) (TF 1.14 returns it
    positive)."""
    y_true = nn.l2_normalize(y_true, axis=axis)
    y_pred = nn.l2_normalize(y_pred, axis=axis)
    return math_ops.reduce_sum(y_true * y_pred, axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine_similarity = cosine = cosine_proximity


def is_categorical_crossentropy(loss):
    """Whether `loss` is categorical crossentropy (object, wrapper, function or name)."""
    return (isinstance(loss, CategoricalCrossentropy)
            or (isinstance(loss, LossFunctionWrapper) and loss.fn == categorical_crossentropy)
            or getattr(loss, "__name__", None) == "categorical_crossentropy"
            or loss == "categorical_crossentropy")


def _module_objects():
    """The names deserialize knows: TF 1.14's module has no `cosine` (an exported alias
    only)."""
    return {k: v for k, v in globals().items() if k != "cosine"}


def serialize(loss):
    """A loss function's name, or a Loss object's {'class_name', 'config'}."""
    return serialize_keras_object(loss)


def deserialize(name, custom_objects=None):
    """The loss function called `name`, or the Loss object a config describes."""
    return deserialize_keras_object(name, module_objects=_module_objects(),
                                    custom_objects=custom_objects,
                                    printable_module_name="loss function")


def get(identifier):
    """A loss from its name, its config, or itself."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        return deserialize(str(identifier))
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret loss function identifier:", identifier)

