"""`tf.keras.datasets`: mnist, fashion_mnist, cifar10, cifar100, imdb, reuters and
boston_housing, read from Keras's cache (~/.keras/datasets) in TF 1.14's file layout."""
from . import boston_housing, cifar10, cifar100, fashion_mnist, imdb, mnist, reuters

__all__ = ["boston_housing", "cifar10", "cifar100", "fashion_mnist", "imdb", "mnist",
           "reuters"]
