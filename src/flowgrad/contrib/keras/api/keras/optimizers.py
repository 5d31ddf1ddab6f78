"""tf.contrib.keras.optimizers (TF 1.14): the Keras v1 optimizer classes (Optimizer, SGD,
RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam: keras/optimizers.py, `lr=...`), and
tf.keras.optimizers' get, serialize and deserialize (which make the OptimizerV2 classes)."""
from .....keras.optimizers import (  # noqa: F401
    deserialize, get, serialize)
from .....keras.optimizers_v1 import (  # noqa: F401
    SGD, Adadelta, Adagrad, Adam, Adamax, Nadam, Optimizer, RMSprop)

__all__ = ["Adadelta", "Adagrad", "Adam", "Adamax", "Nadam", "Optimizer", "RMSprop", "SGD",
           "deserialize", "get", "serialize"]
