"""tf.contrib.keras.wrappers.scikit_learn (TF 1.14): the objects of
tf.keras.wrappers.scikit_learn that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.wrappers.scikit_learn import (  # noqa: F401
    KerasClassifier, KerasRegressor)

__all__ = ["KerasClassifier", "KerasRegressor"]
