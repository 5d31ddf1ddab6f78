"""`tf.keras.datasets.mnist.load_data`: MNIST from Keras's cache (`~/.keras/datasets`).

A cached `mnist.npz` is checked against TF 1.14's MD5 and used; a missing or
damaged one is downloaded from TF 1.14's location first (with a progress bar).
"""
from __future__ import annotations

import hashlib
import os
import urllib.error

import numpy as np

from ...contrib.learn.datasets import base

__all__ = ["load_data"]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
_MD5 = "8a61469f7ea1b51cbae51d4f78837e45"


def _md5(path):
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _cache_dir():
    root = os.path.join(os.path.expanduser("~"), ".keras")
    if not os.access(root if os.path.exists(root) else os.path.dirname(root), os.W_OK):
        root = os.path.join("/tmp", ".keras")   # as Keras: an unwritable home falls back
    return os.path.join(root, "datasets")


def _get_file(fname, origin, md5):
    datadir = _cache_dir()
    path = os.path.join(datadir, fname)
    if os.path.exists(path):
        if _md5(path) == md5:
            return path
        print("A local file was found, but it seems to be incomplete or outdated because "
              "the md5 file hash does not match the original value of " + md5 +
              " so we will re-download the data.")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    print("Downloading data from", origin)
    try:
        tmp = base._download(origin, path, os.path.basename(path))
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise OSError(f"Could not download {origin} ({reason}). To work offline, put "
                      f"mnist.npz at {path!r}.") from None
    got = _md5(tmp)
    if got != md5:
        os.unlink(tmp)
        raise OSError(f"The file downloaded from {origin} has MD5 {got}, expected {md5}; "
                      "nothing was kept.")
    os.replace(tmp, path)
    return path


def load_data(path="mnist.npz"):
    """`(x_train, y_train), (x_test, y_test)`: uint8 images [N, 28, 28] and uint8 labels.

    `path` is relative to `~/.keras/datasets` (or absolute).
    """
    path = _get_file(path, _ORIGIN, _MD5)
    with np.load(path) as f:
        x_train, y_train = f["x_train"], f["y_train"]
        x_test, y_test = f["x_test"], f["y_test"]
        return (x_train, y_train), (x_test, y_test)
