"""The stateful Keras metrics of TF 1.14 (keras/metrics.py), graph mode: the Metric base,
the reducing metrics (Sum, Mean, MeanTensor, MeanRelativeError, RootMeanSquaredError)
and the mean of a per-sample function (MeanMetricWrapper and its named subclasses), plus
the accuracy functions they wrap.

A metric keeps its state in resource variables made by `add_weight` when it is created
(named as TF names them: `total`, `count`, ..., in the current name scope, in no
collection; keras.backend.get_session() initializes them). `update_state` returns the
update (an op, or the last variable update), `result()` an Identity of the value, and
calling the metric does both, the result depending on the update.
"""
import functools
import types

import numpy as np

from ..eager import def_function
from ..engine.framework import dtypes as _dt
from ..engine.framework import graph as _g
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.comparison import equal as _equal
from ..engine.ops.top_k import in_top_k
from ..ops import array_ops, init_ops, math_ops
from ..ops import variables as _variables
from ..ops.confusion_matrix import remove_squeezable_dimensions
from ..ops.weights_broadcast_ops import broadcast_weights
from . import backend as K
from ._losses_utils import squeeze_or_expand_dimensions
from ._metrics_utils import Reduction
from .engine import base_layer
from .engine.base_layer import Layer
from .engine.base_layer_utils import VariableAggregation, VariableSynchronization
from .losses import (binary_crossentropy, categorical_crossentropy, categorical_hinge,
                     cosine_similarity, hinge, kullback_leibler_divergence, logcosh,
                     mean_absolute_error, mean_absolute_percentage_error,
                     mean_squared_error, mean_squared_logarithmic_error, poisson,
                     sparse_categorical_crossentropy, squared_hinge)

__all__ = ["Metric", "Reduce", "Sum", "Mean", "MeanRelativeError", "MeanMetricWrapper",
           "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
           "TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy", "CosineSimilarity",
           "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredError",
           "MeanSquaredLogarithmicError", "Hinge", "SquaredHinge", "CategoricalHinge",
           "RootMeanSquaredError", "LogCoshError", "Poisson", "KLDivergence", "MeanTensor",
           "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
           "SumOverBatchSize", "SumOverBatchSizeMetricWrapper", "accuracy", "binary_accuracy",
           "categorical_accuracy", "sparse_categorical_accuracy", "top_k_categorical_accuracy",
           "sparse_top_k_categorical_accuracy", "is_tensor_or_variable"]


# the modules of flowgrad's metrics (TF 1.14's are all in keras/metrics.py)
_BUILTIN_MODULES = (__name__, __name__.rsplit(".", 1)[0] + "._metrics_confusion",
                    __name__.rsplit(".", 1)[0] + ".metrics")


def is_tensor_or_variable(x):
    return isinstance(x, (_g.Tensor, _variables.Variable))


def _update_state_wrapper(update_state_fn):
    """update_state that records its update on the metric (add_update)."""
    @functools.wraps(update_state_fn)
    def decorated(metric_obj, *args, **kwargs):
        update_op = update_state_fn(*args, **kwargs)
        if update_op is not None:
            metric_obj.add_update(update_op, inputs=True)
        return update_op
    return decorated


def _result_wrapper(result_fn):
    """result() through an Identity (TF 1.14's result_wrapper outside distribution)."""
    @functools.wraps(result_fn)
    def decorated(_, *args):
        return array_ops.identity(result_fn(*args))
    return decorated


class Metric(Layer):
    """The base of the stateful metrics: variables made by `add_weight`, `update_state`
    (returns the update), `result()` (a tensor), `reset_states()` (sets the variables
    to 0 in keras.backend.get_session()); calling it updates it and gives the result."""

    def __init__(self, name=None, dtype=None, **kwargs):
        super(Metric, self).__init__(name=name, dtype=dtype, **kwargs)
        self.stateful = True
        self.built = True
        self._dtype = K.floatx() if dtype is None else _dt.as_dtype(dtype).name
        # TF 1.14 wraps both methods of every instance (Metric.__new__); the update_state of
        # a metric defined outside its metrics module is a tf.function first (its update a
        # StatefulPartitionedCall, or the output-less call op when it returns nothing)
        update_state = self.update_state
        if type(self).__module__ not in _BUILTIN_MODULES:
            update_state = def_function.function(update_state)
        self.update_state = types.MethodType(_update_state_wrapper(update_state), self)
        self.result = types.MethodType(_result_wrapper(self.result), self)

    def __call__(self, *args, **kwargs):
        """Updates the state with the arguments of update_state; returns the result,
        which runs the update first (the metric set on it as `_metric_obj`, which
        add_metric reads)."""
        update_op = self.update_state(*args, **kwargs)
        with _g.control_dependencies([update_op]):
            result_t = self.result()
        result_t._metric_obj = self
        return result_t

    @property
    def dtype(self):
        return self._dtype

    def get_config(self):
        """{'name', 'dtype'} (subclasses add their arguments)."""
        return {"name": self.name, "dtype": self.dtype}

    def reset_states(self):
        """Sets every state variable to 0."""
        K.batch_set_value([(v, 0) for v in self.variables])

    def update_state(self, *args, **kwargs):
        """Adds a batch to the state (subclasses implement this)."""
        NotImplementedError("Must be implemented in subclasses.")  # TF 1.14 returns None

    def result(self):
        """The value of the metric (subclasses implement this)."""
        NotImplementedError("Must be implemented in subclasses.")  # TF 1.14 returns None

    def add_weight(self, name, shape=(), aggregation=VariableAggregation.SUM,
                   synchronization=VariableSynchronization.ON_READ, initializer=None,
                   dtype=None):
        """A non-trainable state variable of the metric (in no collection)."""
        return super(Metric, self).add_weight(
            name=name, shape=shape, dtype=self._dtype if dtype is None else dtype,
            trainable=False, initializer=initializer, collections=[],
            synchronization=synchronization, aggregation=aggregation)


def _weighted_values(values, sample_weight, dtype, reduce_fn):
    """values * sample_weight (broadcast; else values reduced over the axes the weights
    lack), with the weights as used."""
    sample_weight = math_ops.cast(sample_weight, dtype)
    values, _, sample_weight = squeeze_or_expand_dimensions(values, None, sample_weight)
    try:
        sample_weight = broadcast_weights(sample_weight, values)
    except ValueError:
        ndim, weight_ndim = values.shape.ndims, sample_weight.shape.ndims
        values = reduce_fn(values, axis=list(range(weight_ndim, ndim)))
    return values, sample_weight


class Reduce(Metric):
    """Reduces its values to their sum, their sum over their number, or their weighted
    mean (variables `total` and, except for SUM, `count`)."""

    def __init__(self, reduction, name, dtype=None):
        super(Reduce, self).__init__(name=name, dtype=dtype)
        self.reduction = reduction
        self.total = self.add_weight("total", initializer=init_ops.zeros_initializer)
        if reduction in (Reduction.SUM_OVER_BATCH_SIZE, Reduction.WEIGHTED_MEAN):
            self.count = self.add_weight("count", initializer=init_ops.zeros_initializer)

    def update_state(self, values, sample_weight=None):
        """Adds the (weighted) values to `total` and their number (or weight) to
        `count`; returns the last update."""
        values = math_ops.cast(values, self._dtype)
        if sample_weight is not None:
            reduce_fn = math_ops.reduce_sum if self.reduction == Reduction.SUM else \
                math_ops.reduce_mean
            values, sample_weight = _weighted_values(values, sample_weight, self._dtype,
                                                     reduce_fn)
            values = math_ops.multiply(values, sample_weight)
        value_sum = math_ops.reduce_sum(values)
        with _g.control_dependencies([value_sum]):
            update_total_op = self.total.assign_add(value_sum)
        if self.reduction == Reduction.SUM:
            return update_total_op
        if self.reduction == Reduction.SUM_OVER_BATCH_SIZE or sample_weight is None:
            num_values = math_ops.cast(array_ops.size(values), self._dtype)
        else:
            num_values = math_ops.reduce_sum(sample_weight)
        with _g.control_dependencies([update_total_op]):
            return self.count.assign_add(num_values)

    def result(self):
        if self.reduction == Reduction.SUM:
            return array_ops.identity(self.total)
        return math_ops.div_no_nan(self.total, self.count)


class Sum(Reduce):
    """The (weighted) sum of the values."""

    def __init__(self, name="sum", dtype=None):
        super(Sum, self).__init__(reduction=Reduction.SUM, name=name, dtype=dtype)


class Mean(Reduce):
    """The weighted mean of the values."""

    def __init__(self, name="mean", dtype=None):
        super(Mean, self).__init__(reduction=Reduction.WEIGHTED_MEAN, name=name, dtype=dtype)


base_layer.MEAN_METRIC["class"] = Mean   # the metric of add_metric(aggregation='mean')


class MeanRelativeError(Mean):
    """The weighted mean of abs(y_true - y_pred) / normalizer."""

    def __init__(self, normalizer, name=None, dtype=None):
        super(MeanRelativeError, self).__init__(name=name, dtype=dtype)
        self.normalizer = math_ops.cast(normalizer, self._dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = math_ops.cast(y_true, self._dtype)
        y_pred = math_ops.cast(y_pred, self._dtype)
        y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(y_pred, y_true,
                                                                     sample_weight)
        y_pred, self.normalizer = remove_squeezable_dimensions(y_pred, self.normalizer)
        y_pred.shape.assert_is_compatible_with(y_true.shape)
        relative_errors = math_ops.div_no_nan(math_ops.abs(y_true - y_pred), self.normalizer)
        return super(MeanRelativeError, self).update_state(relative_errors,
                                                           sample_weight=sample_weight)

    def get_config(self):
        n = self.normalizer
        config = {"normalizer": K.eval(n) if is_tensor_or_variable(n) else n}
        base_config = super(MeanRelativeError, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def _apply_fn(metric, y_true, y_pred, sample_weight):
    """A wrapper metric's fn(y_true, y_pred, **kwargs), both cast to the metric's dtype and
    their ranks matched (with the weights'), as TF's wrappers do."""
    y_true = math_ops.cast(y_true, metric._dtype)
    y_pred = math_ops.cast(y_pred, metric._dtype)
    y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(y_pred, y_true,
                                                                 sample_weight)
    return metric._fn(y_true, y_pred, **metric._fn_kwargs), sample_weight


class MeanMetricWrapper(Mean):
    """The weighted mean of fn(y_true, y_pred, **kwargs) (both cast to the metric's
    dtype)."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super(MeanMetricWrapper, self).__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        matches, sample_weight = _apply_fn(self, y_true, y_pred, sample_weight)
        return super(MeanMetricWrapper, self).update_state(matches,
                                                           sample_weight=sample_weight)

    def get_config(self):
        config = {k: K.eval(v) if is_tensor_or_variable(v) else v
                  for k, v in self._fn_kwargs.items()}
        base_config = super(MeanMetricWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class Accuracy(MeanMetricWrapper):
    """How often y_pred equals y_true."""

    def __init__(self, name="accuracy", dtype=None):
        super(Accuracy, self).__init__(accuracy, name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often (y_pred > threshold) equals y_true."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super(BinaryAccuracy, self).__init__(binary_accuracy, name, dtype=dtype,
                                             threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often argmax(y_pred) equals argmax(y_true)."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super(CategoricalAccuracy, self).__init__(categorical_accuracy, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often argmax(y_pred) equals the integer label."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super(SparseCategoricalAccuracy, self).__init__(sparse_categorical_accuracy, name,
                                                        dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often argmax(y_true) is in the top k of y_pred."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super(TopKCategoricalAccuracy, self).__init__(top_k_categorical_accuracy, name,
                                                      dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is in the top k of y_pred."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super(SparseTopKCategoricalAccuracy, self).__init__(
            sparse_top_k_categorical_accuracy, name, dtype=dtype, k=k)


def _wrapper_class(cls_name, fn, default_name, doc):
    def __init__(self, name=default_name, dtype=None):
        MeanMetricWrapper.__init__(self, fn, name, dtype=dtype)
    return type(cls_name, (MeanMetricWrapper,), {"__init__": __init__, "__doc__": doc,
                                                 "__module__": __name__})


MeanAbsoluteError = _wrapper_class("MeanAbsoluteError", mean_absolute_error,
                                   "mean_absolute_error", "The mean of abs(y_true - y_pred).")
MeanAbsolutePercentageError = _wrapper_class(
    "MeanAbsolutePercentageError", mean_absolute_percentage_error,
    "mean_absolute_percentage_error", "The mean of mean_absolute_percentage_error.")
MeanSquaredError = _wrapper_class("MeanSquaredError", mean_squared_error,
                                  "mean_squared_error", "The mean of square(y_true - y_pred).")
MeanSquaredLogarithmicError = _wrapper_class(
    "MeanSquaredLogarithmicError", mean_squared_logarithmic_error,
    "mean_squared_logarithmic_error", "The mean of mean_squared_logarithmic_error.")
Hinge = _wrapper_class("Hinge", hinge, "hinge", "The mean of the hinge loss.")
SquaredHinge = _wrapper_class("SquaredHinge", squared_hinge, "squared_hinge",
                              "The mean of the squared hinge loss.")
CategoricalHinge = _wrapper_class("CategoricalHinge", categorical_hinge, "categorical_hinge",
                                  "The mean of the categorical hinge loss.")
LogCoshError = _wrapper_class("LogCoshError", logcosh, "logcosh",
                              "The mean of log(cosh(y_pred - y_true)).")
Poisson = _wrapper_class("Poisson", poisson, "poisson", "The mean of the Poisson loss.")
KLDivergence = _wrapper_class("KLDivergence", kullback_leibler_divergence,
                              "kullback_leibler_divergence",
                              "The mean of the Kullback-Leibler divergence.")


class CosineSimilarity(MeanMetricWrapper):
    """The mean cosine similarity of y_true and y_pred along `axis`."""

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super(CosineSimilarity, self).__init__(cosine_similarity, name, dtype=dtype,
                                               axis=axis)


class RootMeanSquaredError(Mean):
    """sqrt of the weighted mean of square(y_pred - y_true)."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super(RootMeanSquaredError, self).__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = math_ops.cast(y_true, self._dtype)
        y_pred = math_ops.cast(y_pred, self._dtype)
        y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(y_pred, y_true,
                                                                     sample_weight)
        error_sq = math_ops.squared_difference(y_pred, y_true)
        return super(RootMeanSquaredError, self).update_state(error_sq,
                                                              sample_weight=sample_weight)

    def result(self):
        return math_ops.sqrt(math_ops.div_no_nan(self.total, self.count))


class BinaryCrossentropy(MeanMetricWrapper):
    """The mean binary crossentropy."""

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super(BinaryCrossentropy, self).__init__(binary_crossentropy, name, dtype=dtype,
                                                 from_logits=from_logits,
                                                 label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    """The mean categorical crossentropy."""

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super(CategoricalCrossentropy, self).__init__(categorical_crossentropy, name,
                                                      dtype=dtype, from_logits=from_logits,
                                                      label_smoothing=label_smoothing)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """The mean sparse categorical crossentropy."""

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 axis=-1):
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, name, dtype=dtype, from_logits=from_logits,
            axis=axis)


class MeanTensor(Metric):
    """The element-wise weighted mean of tensors of one shape (variables made at the
    first update, shaped like the values)."""

    def __init__(self, name="mean_tensor", dtype=None):
        super(MeanTensor, self).__init__(name=name, dtype=dtype)
        self._shape = None
        self._total = None
        self._count = None
        self._built = False

    def _build(self, shape):
        self._shape = TensorShape(shape)
        self._total = self.add_weight("total", shape=shape,
                                      initializer=init_ops.zeros_initializer)
        self._count = self.add_weight("count", shape=shape,
                                      initializer=init_ops.zeros_initializer)
        with _g.control_dependencies(None):  # TF 1.14: init_scope
            K.get_session()  # TF 1.14 initializes them in Keras' session now
        self._built = True

    @property
    def total(self):
        return self._total if self._built else None

    @property
    def count(self):
        return self._count if self._built else None

    def update_state(self, values, sample_weight=None):
        values = math_ops.cast(values, self._dtype)
        if not self._built:
            self._build(values.shape)
        elif values.shape != self._shape:
            raise ValueError("MeanTensor input values must always have the same shape. "
                             "Expected shape (set during the first call): {}. Got: {}"
                             .format(self._shape, values.shape))
        num_values = array_ops.ones_like(values)
        if sample_weight is not None:
            values, sample_weight = _weighted_values(values, sample_weight, self._dtype,
                                                     math_ops.reduce_mean)
            num_values = math_ops.multiply(num_values, sample_weight)
            values = math_ops.multiply(values, sample_weight)
        update_total_op = self._total.assign_add(values)
        with _g.control_dependencies([update_total_op]):
            return self._count.assign_add(num_values)

    def result(self):
        if not self._built:
            raise ValueError("MeanTensor does not have any result yet. Please call the "
                             "MeanTensor instance or use `.update_state(value)` before "
                             "retrieving the result.")
        return math_ops.div_no_nan(self.total, self.count)

    def reset_states(self):
        if self._built:
            K.batch_set_value([(v, np.zeros(self._shape.as_list())) for v in self.variables])


class SumOverBatchSize(Reduce):
    """The sum of the values over their number."""

    def __init__(self, name="sum_over_batch_size", dtype=None):
        super(SumOverBatchSize, self).__init__(reduction=Reduction.SUM_OVER_BATCH_SIZE,
                                               name=name, dtype=dtype)


class SumOverBatchSizeMetricWrapper(SumOverBatchSize):
    """The sum of fn(y_true, y_pred, **kwargs) over their number."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super(SumOverBatchSizeMetricWrapper, self).__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        matches, sample_weight = _apply_fn(self, y_true, y_pred, sample_weight)
        return super(SumOverBatchSizeMetricWrapper, self).update_state(
            matches, sample_weight=sample_weight)

    def get_config(self):
        config = {k: K.eval(v) if is_tensor_or_variable(v) else v
                  for k, v in self._fn_kwargs.items()}
        base_config = super(SumOverBatchSizeMetricWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# -- the accuracy functions ----------------------------------------------------------------
def accuracy(y_true, y_pred):
    """1. where y_pred == y_true, else 0."""
    y_pred.shape.assert_is_compatible_with(y_true.shape)
    if y_true.dtype != y_pred.dtype:
        y_pred = math_ops.cast(y_pred, y_true.dtype)
    return math_ops.cast(_equal(y_true, y_pred), K.floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """mean(equal(y_true, y_pred > threshold), axis=-1)."""
    threshold = math_ops.cast(threshold, y_pred.dtype)
    y_pred = math_ops.cast(y_pred > threshold, y_pred.dtype)
    return K.mean(_equal(math_ops.cast(y_true, y_pred.dtype), y_pred), axis=-1)


def categorical_accuracy(y_true, y_pred):
    """1. where argmax(y_true) == argmax(y_pred), else 0."""
    return math_ops.cast(_equal(math_ops.argmax(y_true, axis=-1),
                                math_ops.argmax(y_pred, axis=-1)), K.floatx())


def _squeeze_like(y_true, y_pred):
    y_pred_rank = convert_to_tensor(y_pred).shape.ndims
    y_true_rank = convert_to_tensor(y_true).shape.ndims
    if (y_true_rank is not None and y_pred_rank is not None
            and len(K.int_shape(y_true)) == len(K.int_shape(y_pred))):
        y_true = array_ops.squeeze(y_true, [-1])
    return y_true


def sparse_categorical_accuracy(y_true, y_pred):
    """1. where the integer label y_true == argmax(y_pred), else 0."""
    y_true = _squeeze_like(y_true, y_pred)
    y_pred = math_ops.argmax(y_pred, axis=-1)
    if K.dtype(y_pred) != K.dtype(y_true):
        y_pred = math_ops.cast(y_pred, K.dtype(y_true))
    return math_ops.cast(_equal(y_true, y_pred), K.floatx())


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1. where argmax(y_true) is in the top k of y_pred, else 0."""
    return math_ops.cast(in_top_k(y_pred, math_ops.argmax(y_true, axis=-1), k), K.floatx())


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1. where the integer label is in the top k of y_pred, else 0."""
    y_true = _squeeze_like(y_true, y_pred)
    return math_ops.cast(in_top_k(y_pred, math_ops.cast(y_true, "int32"), k), K.floatx())
