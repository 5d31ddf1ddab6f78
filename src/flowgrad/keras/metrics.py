"""tf.keras.metrics (TF 1.14 keras/metrics.py): the per-sample metric functions and the
stateful metric classes (keras/_metrics_base.py, keras/_metrics_confusion.py)."""
from ._metrics_base import (  # noqa: F401 - TF 1.14's names
    Accuracy, BinaryAccuracy, BinaryCrossentropy, CategoricalAccuracy,
    CategoricalCrossentropy, CategoricalHinge, CosineSimilarity, Hinge, KLDivergence,
    LogCoshError, Mean, MeanAbsoluteError, MeanAbsolutePercentageError, MeanMetricWrapper,
    MeanRelativeError, MeanSquaredError, MeanSquaredLogarithmicError, MeanTensor, Metric,
    Poisson, Reduce, RootMeanSquaredError, SparseCategoricalAccuracy,
    SparseCategoricalCrossentropy, SparseTopKCategoricalAccuracy, SquaredHinge, Sum,
    SumOverBatchSize, SumOverBatchSizeMetricWrapper, TopKCategoricalAccuracy, accuracy,
    binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy, top_k_categorical_accuracy)
from ._metrics_confusion import (  # noqa: F401 - TF 1.14's names
    AUC, FalseNegatives, FalsePositives, MeanIoU, Precision, Recall,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives)
from ._serialization import deserialize_keras_object, serialize_keras_object
from .losses import (binary_crossentropy, categorical_crossentropy, categorical_hinge,  # noqa: F401
                     cosine_similarity, hinge, kullback_leibler_divergence, logcosh,
                     mean_absolute_error, mean_absolute_percentage_error,
                     mean_squared_error, mean_squared_logarithmic_error, poisson,
                     sparse_categorical_crossentropy, squared_hinge)

__all__ = ["AUC", "Accuracy", "BinaryAccuracy", "BinaryCrossentropy", "CategoricalAccuracy",
           "CategoricalCrossentropy", "CategoricalHinge", "CosineSimilarity",
           "FalseNegatives", "FalsePositives", "Hinge", "KLD", "KLDivergence",
           "LogCoshError", "MAE", "MAPE", "MSE", "MSLE", "Mean", "MeanAbsoluteError",
           "MeanAbsolutePercentageError", "MeanIoU", "MeanRelativeError",
           "MeanSquaredError", "MeanSquaredLogarithmicError", "MeanTensor", "Metric",
           "Poisson", "Precision", "Recall", "RootMeanSquaredError",
           "SensitivityAtSpecificity", "SparseCategoricalAccuracy",
           "SparseCategoricalCrossentropy", "SparseTopKCategoricalAccuracy",
           "SpecificityAtSensitivity", "SquaredHinge", "Sum", "TopKCategoricalAccuracy",
           "TrueNegatives", "TruePositives", "binary_accuracy", "binary_crossentropy",
           "categorical_accuracy", "categorical_crossentropy", "cosine", "cosine_proximity",
           "deserialize", "get", "hinge", "kld", "kullback_leibler_divergence", "mae",
           "mape", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_error", "mean_squared_logarithmic_error", "mse", "msle", "poisson",
           "serialize", "sparse_categorical_accuracy", "sparse_categorical_crossentropy",
           "sparse_top_k_categorical_accuracy", "squared_hinge",
           "top_k_categorical_accuracy"]

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine = cosine_proximity = cosine_similarity


def clone_metric(metric):
    """A new, unbuilt copy of a Metric object (from its config); a function itself."""
    if isinstance(metric, Metric):
        return metric.__class__.from_config(metric.get_config())
    return metric


def clone_metrics(metrics):
    """clone_metric of each metric of a list or dict."""
    if metrics is None:
        return None
    if isinstance(metrics, dict):
        return {key: clone_metric(value) for key, value in metrics.items()}
    return [clone_metric(metric) for metric in metrics]


def _module_objects():
    """The names deserialize knows: TF 1.14's module has no `cosine`, `kld`, `KLD`
    (exported aliases only)."""
    return {k: v for k, v in globals().items() if k not in ("cosine", "kld", "KLD")}


def serialize(metric):
    """A metric function's name, or a Metric object's {'class_name', 'config'}."""
    return serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    """The metric function called `config`, or the Metric object a config describes."""
    return deserialize_keras_object(config, module_objects=_module_objects(),
                                    custom_objects=custom_objects,
                                    printable_module_name="metric function")


def get(identifier):
    """A metric from its name, its config, or itself."""
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize(str(identifier))
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret metric function identifier: %s" % (identifier,))
