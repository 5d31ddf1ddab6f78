"""tf.contrib.keras.initializers (TF 1.14): the objects of
tf.keras.initializers that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.initializers import (  # noqa: F401
    Constant, Identity, Initializer, Ones, Orthogonal, RandomNormal, RandomUniform,
    TruncatedNormal, VarianceScaling, Zeros, deserialize, get, glorot_normal,
    glorot_uniform, he_normal, he_uniform, lecun_normal, lecun_uniform, serialize)

__all__ = ["Constant", "Identity", "Initializer", "Ones", "Orthogonal", "RandomNormal",
           "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros", "deserialize", "get",
           "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
           "lecun_uniform", "serialize"]
