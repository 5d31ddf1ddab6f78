"""`tf.keras.datasets.cifar100.load_data` (TF 1.14): cifar-100-python unpacked from Keras's
cache; 'fine' (100 classes) or 'coarse' (20) labels [N, 1]."""
from __future__ import annotations

import os

import numpy as np

from .. import backend as K
from ..data_utils import get_file
from .cifar import load_batch

__all__ = ["load_data"]


def load_data(label_mode="fine"):
    """`(x_train, y_train), (x_test, y_test)` (ValueError for another label_mode)."""
    if label_mode not in ["fine", "coarse"]:
        raise ValueError('`label_mode` must be one of `"fine"`, `"coarse"`.')
    dirname = "cifar-100-python"
    origin = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
    path = get_file(dirname, origin=origin, untar=True)
    x_train, y_train = load_batch(os.path.join(path, "train"),
                                  label_key=label_mode + "_labels")
    x_test, y_test = load_batch(os.path.join(path, "test"), label_key=label_mode + "_labels")
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if K.image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)
