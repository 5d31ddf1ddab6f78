"""`tf.keras.datasets.boston_housing.load_data`: the Boston housing prices from Keras's
cache (`~/.keras/datasets/boston_housing.npz`, sha256-checked, downloaded when missing),
shuffled with np.random.seed(seed) and split as TF 1.14 does."""
from __future__ import annotations

import numpy as np

from .mnist import _get_file

__all__ = ["load_data"]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"
_SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """`(x_train, y_train), (x_test, y_test)`: 13 float features and the price."""
    assert 0 <= test_split < 1
    path = _get_file(path, _ORIGIN, _SHA256)
    with np.load(path, allow_pickle=False) as f:
        x = f["x"]
        y = f["y"]
    np.random.seed(seed)
    indices = np.arange(len(x))
    np.random.shuffle(indices)
    x = x[indices]
    y = y[indices]
    split = int(len(x) * (1 - test_split))
    return (np.array(x[:split]), np.array(y[:split])), (np.array(x[split:]),
                                                         np.array(y[split:]))
