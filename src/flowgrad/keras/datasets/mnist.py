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


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _get_file(fname, origin, md5, cache_subdir=None):
    """The cached file `fname` (under ~/.keras/datasets[/cache_subdir]), checked against
    `md5` (32 hex digits), a sha256 (64) or nothing (None); downloaded when missing."""
    datadir = _cache_dir() if cache_subdir is None else os.path.join(_cache_dir(),
                                                                    cache_subdir)
    path = os.path.join(datadir, fname)
    digest = (lambda p: None) if md5 is None else _sha256 if len(md5) == 64 else _md5
    if os.path.exists(path):
        if md5 is None or digest(path) == md5:
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
                      f"{os.path.basename(path)} at {path!r}.") from None
    got = digest(tmp)
    if md5 is not None and got != md5:
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
