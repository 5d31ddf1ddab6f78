"""`tf.keras.datasets.fashion_mnist.load_data`: Fashion-MNIST from Keras's cache
(`~/.keras/datasets/fashion-mnist/`, the four gzipped IDX files TF 1.14 fetches),
downloaded first when missing."""
from __future__ import annotations

import gzip

import numpy as np

from .mnist import _get_file

__all__ = ["load_data"]

_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
_FILES = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]
_LIMIT = 1 << 28  # no decompressed file is read past 256 MiB


def _read(path, offset):
    with gzip.open(path, "rb") as f:
        data = f.read(_LIMIT + 1)
    if len(data) > _LIMIT or len(data) < offset:
        raise ValueError(f"{path}: not a Fashion-MNIST IDX file (size {len(data)})")
    return np.frombuffer(data, np.uint8, offset=offset)


def load_data():
    """`(x_train, y_train), (x_test, y_test)`: uint8 images [N, 28, 28], uint8 labels."""
    paths = [_get_file(f, _BASE + f, None, cache_subdir="fashion-mnist") for f in _FILES]
    y_train = _read(paths[0], 8)
    x_train = _read(paths[1], 16)
    y_test = _read(paths[2], 8)
    x_test = _read(paths[3], 16)
    for x, y in ((x_train, y_train), (x_test, y_test)):
        if x.size != len(y) * 28 * 28:
            raise ValueError("Fashion-MNIST images and labels do not match: %d bytes of "
                             "images for %d labels" % (x.size, len(y)))
    return ((x_train.reshape(len(y_train), 28, 28), y_train),
            (x_test.reshape(len(y_test), 28, 28), y_test))
