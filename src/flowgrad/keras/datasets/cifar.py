"""CIFAR's python batches (TF 1.14 keras/datasets/cifar.py): a pickled dict with `data`
(uint8, N x 3072) and the labels, read without running pickle (_safe_pickle.py)."""
from __future__ import annotations

import numpy as np

from ._safe_pickle import loads

__all__ = ["load_batch"]

_MAX_BATCH = 1 << 30


def load_batch(fpath, label_key="labels"):
    """(data [N, 3, 32, 32], labels) of one batch file."""
    with open(fpath, "rb") as f:
        raw = f.read(_MAX_BATCH + 1)
    if len(raw) > _MAX_BATCH:
        raise ValueError("%s is larger than a CIFAR batch can be" % fpath)
    d = loads(raw, encoding="bytes")
    if not isinstance(d, dict):
        raise ValueError("%s is not a CIFAR batch" % fpath)
    d = {(k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in d.items()}
    data = np.asarray(d["data"])
    labels = d[label_key]
    data = data.reshape(data.shape[0], 3, 32, 32)
    return data, labels
