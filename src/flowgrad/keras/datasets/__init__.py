"""`tf.keras.datasets`: the datasets flowgrad implements (`mnist`, `fashion_mnist`,
`boston_housing`)."""
from . import boston_housing, fashion_mnist, mnist

__all__ = ["boston_housing", "fashion_mnist", "mnist"]
