"""tf.contrib.keras.datasets (TF 1.14): the objects of
tf.keras.datasets that TF 1.14's
contrib.keras exports under the same names."""
from . import boston_housing, cifar10, cifar100, imdb, mnist, reuters  # noqa: F401

__all__ = ["boston_housing", "cifar10", "cifar100", "imdb", "mnist", "reuters"]
