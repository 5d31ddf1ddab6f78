"""tf.contrib.keras.activations (TF 1.14): the objects of
tf.keras.activations that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.activations import (  # noqa: F401
    deserialize, elu, get, hard_sigmoid, linear, relu, selu, serialize, sigmoid,
    softmax, softplus, softsign, tanh)

__all__ = ["deserialize", "elu", "get", "hard_sigmoid", "linear", "relu", "selu", "serialize",
           "sigmoid", "softmax", "softplus", "softsign", "tanh"]
