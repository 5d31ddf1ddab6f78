"""tf.contrib.keras.metrics (TF 1.14): the objects of
tf.keras.metrics that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.metrics import (  # noqa: F401
    binary_accuracy, binary_crossentropy, categorical_accuracy,
    categorical_crossentropy, deserialize, get, hinge, kullback_leibler_divergence,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error, poisson, serialize,
    sparse_categorical_crossentropy, sparse_top_k_categorical_accuracy, squared_hinge,
    top_k_categorical_accuracy)
from .....keras.losses import cosine_similarity  # noqa: F401 - TF's: the loss function

__all__ = ["binary_accuracy", "binary_crossentropy", "categorical_accuracy",
           "categorical_crossentropy", "cosine_similarity", "deserialize", "get", "hinge",
           "kullback_leibler_divergence", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_error", "mean_squared_logarithmic_error", "poisson", "serialize",
           "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy", "squared_hinge",
           "top_k_categorical_accuracy"]
