"""`tf.estimator.inputs`: numpy_input_fn, an input_fn that feeds numpy arrays through a
queue, as TF 1.14 does (a FIFOQueue or RandomShuffleQueue filled by a feeding QueueRunner;
batches of `batch_size`, the last one short when `num_epochs` is set), and pandas_input_fn
(pandas_io.py), the same for a DataFrame."""
from __future__ import annotations

import collections

import numpy as np

from .feeding import enqueue_dequeue
from .pandas_io import pandas_input_fn

__all__ = ["numpy_input_fn", "pandas_input_fn"]

_TARGET_KEY = "__target_key__"
_DIRECT_KEY = "__direct_np_input__"


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                   queue_capacity=1000, num_threads=1):
    """An input_fn returning (features dict, target) batches of the numpy arrays in `x`
    (a dict) and `y` (an array, a dict of arrays, or None)."""
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean (it is "
                         "recommended to set it as True for training); got {}".format(shuffle))
    if isinstance(x, np.ndarray):
        if x.size == 0:
            raise ValueError("x cannot be an empty array")
        # an array is one feature, returned as a tensor (not a dict)
        return _queue_input_fn(collections.OrderedDict({_DIRECT_KEY: x}), y, batch_size,
                               num_epochs, shuffle, queue_capacity, num_threads)
    if not isinstance(x, dict):
        raise TypeError("x must be a dict or array; got {}".format(type(x).__name__))
    if not x:
        raise ValueError("x cannot be an empty dict")
    return _queue_input_fn(collections.OrderedDict(sorted(x.items(), key=lambda kv: kv[0])),
                           y, batch_size, num_epochs, shuffle, queue_capacity, num_threads)


def _queue_input_fn(x, y, batch_size, num_epochs, shuffle, queue_capacity, num_threads):
    """The input_fn feeding the columns of `x` (in its order) and `y` through a queue."""

    def input_fn():
        ordered = collections.OrderedDict(x)
        if _TARGET_KEY in ordered:
            raise ValueError("{} is a reserved key".format(_TARGET_KEY))
        y_keys = []
        if isinstance(y, dict):
            common = set(ordered) & set(y)
            if common:
                raise ValueError("{} duplicate keys are found in both x and y: {}"
                                 .format(len(common), common))
            y_keys = sorted(y)
            for k in y_keys:
                ordered[k] = y[k]
        elif y is not None:
            ordered[_TARGET_KEY] = y
        if len({len(v) for v in ordered.values()}) != 1:
            if y is None:
                y_shape = None
            elif y_keys:
                y_shape = {k: np.shape(ordered[k]) for k in y_keys}
            else:
                y_shape = np.shape(y)
            raise ValueError("Length of tensors in x and y is mismatched. All elements in x "
                             "and y must have the same length.\nShapes in x: {}\nShapes in y: {}\n"
                             .format({k: np.shape(v) for k, v in x.items()}, y_shape))
        arrays = [np.asarray(v) for v in ordered.values()]
        batch = enqueue_dequeue(arrays, batch_size, num_epochs, shuffle, queue_capacity,
                                num_threads)
        features = dict(zip(ordered.keys(), batch))
        if y_keys:
            target = {k: features.pop(k) for k in y_keys}
        else:
            target = features.pop(_TARGET_KEY, None)
        if list(features) == [_DIRECT_KEY] and list(x) == [_DIRECT_KEY]:
            features = features[_DIRECT_KEY]
        return (features, target) if y is not None else features

    return input_fn
