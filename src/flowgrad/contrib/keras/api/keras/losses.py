"""tf.contrib.keras.losses (TF 1.14): the objects of
tf.keras.losses that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.losses import (  # noqa: F401
    binary_crossentropy, categorical_crossentropy, categorical_hinge,
    cosine_similarity, deserialize, get, hinge, kullback_leibler_divergence, logcosh,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error, poisson, serialize,
    sparse_categorical_crossentropy, squared_hinge)

__all__ = ["binary_crossentropy", "categorical_crossentropy", "categorical_hinge",
           "cosine_similarity", "deserialize", "get", "hinge", "kullback_leibler_divergence",
           "logcosh", "mean_absolute_error", "mean_absolute_percentage_error",
           "mean_squared_error", "mean_squared_logarithmic_error", "poisson", "serialize",
           "sparse_categorical_crossentropy", "squared_hinge"]
