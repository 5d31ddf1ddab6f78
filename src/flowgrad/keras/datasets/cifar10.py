"""`tf.keras.datasets.cifar10.load_data` (TF 1.14): the folder cifar-10-batches-py unpacked
from Keras's cache (get_file(..., untar=True)), five training batches and the test batch;
images [N, 32, 32, 3] with channels_last (the Keras image data format), else [N, 3, 32, 32];
labels uint8 [N, 1]."""
from __future__ import annotations

import os

import numpy as np

from .. import backend as K
from ..data_utils import get_file
from .cifar import load_batch

__all__ = ["load_data"]


def load_data():
    """`(x_train, y_train), (x_test, y_test)`."""
    dirname = "cifar-10-batches-py"
    origin = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    path = get_file(dirname, origin=origin, untar=True)
    batches = [load_batch(os.path.join(path, "data_batch_" + str(i))) for i in range(1, 6)]
    n = sum(len(b[0]) for b in batches)
    x_train = np.empty((n, 3, 32, 32), dtype="uint8")
    y_train = np.empty((n,), dtype="uint8")
    at = 0
    for data, labels in batches:
        x_train[at:at + len(data)] = data
        y_train[at:at + len(data)] = labels
        at += len(data)
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if K.image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)
