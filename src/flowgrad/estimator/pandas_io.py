"""`tf.estimator.inputs.pandas_input_fn`: an input_fn feeding a pandas DataFrame's columns
(in order) and a target through a queue, as TF 1.14 does (its pandas_io and _PandasFeedFn:
the DataFrame is copied when the input_fn is made, its index is the queue's first column).
pandas is optional (the `pandas` extra), imported on use."""
from __future__ import annotations

import uuid

import numpy as np

from ..engine.framework import dtypes
from .feeding import enqueue_dequeue

__all__ = ["pandas_input_fn"]


def _unique_target_key(columns, name):
    """`name`, or a name no column of `columns` has (TF appends a uuid)."""
    return name + "_" + str(uuid.uuid4()) if name in columns else name


def _column(values, pd):
    """A column (or the index) as the numpy array fed: numpy dtypes as they are, pandas'
    string dtype as objects (tf.string, as TF 1.14 feeds pandas 1.x's object columns);
    other pandas dtypes (categorical, nullable integers...) raise TypeError as TF's
    as_dtype does."""
    dt = values.dtype
    if isinstance(dt, pd.StringDtype):
        return np.array(values.to_numpy(dtype=object), dtype=object)
    if not isinstance(dt, np.dtype):
        raise TypeError("Cannot convert value %r to a TensorFlow DType." % (dt,))
    arr = np.array(values.to_numpy(), copy=True)
    dtypes.as_dtype(arr.dtype)  # TF fails on the dtype when the input_fn is called
    return arr


def pandas_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                    queue_capacity=1000, num_threads=1, target_column="target"):
    """An input_fn returning (features dict, target) batches of a pandas DataFrame `x`
    (its columns, in order) and `y` (a Series, a DataFrame: a dict target of its columns,
    or None: features only). Needs pandas (the `pandas` extra)."""
    try:
        import pandas as pd  # lazy: optional dependency (extra "pandas")
    except ImportError:
        raise ImportError("pandas_input_fn needs pandas, which is not installed: "
                          "pip install 'flowgrad[pandas]'") from None
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean (it is "
                         "recommended to set it as True for training); got {}".format(shuffle))
    if not isinstance(target_column, str):
        raise TypeError("target_column must be a string type")
    x = x.copy()
    y_keys, target_keys = [], []
    if y is not None:
        if target_column in x:
            raise ValueError("Cannot use name %s for target column: DataFrame already has a "
                             "column with that name: %s" % (target_column, x.columns))
        if not np.array_equal(x.index, y.index):
            raise ValueError("Index for x and y are mismatched.\nIndex for x: %s\nIndex for "
                             "y: %s\n" % (x.index, y.index))
        if isinstance(y, pd.DataFrame):
            y_keys = list(y)
            target_keys = [_unique_target_key(x, k) for k in y_keys]
        else:
            target_keys = [target_column]
    if queue_capacity is None:
        queue_capacity = 4 * len(x) if shuffle else len(x)
    min_after_dequeue = max(queue_capacity / 4, 1)
    frame = x if isinstance(x, pd.DataFrame) else None
    if frame is not None:  # x is a copy; y's values are taken now too (TF adds them to x)
        keys = list(frame.columns) + target_keys
        columns = [frame.iloc[:, i] for i in range(frame.shape[1])]
        if isinstance(y, pd.DataFrame):
            columns += [y.iloc[:, i].copy() for i in range(y.shape[1])]
        elif y is not None:
            columns.append(y.copy())
        index = frame.index

    def input_fn():
        if frame is None:
            raise TypeError("data must be either a numpy array or pandas DataFrame if pandas "
                            "is installed; got {}".format(type(x).__name__))
        arrays = [_column(c, pd) for c in columns]
        batch = enqueue_dequeue(arrays, batch_size, num_epochs, shuffle, queue_capacity,
                                num_threads, min_after_dequeue, index=_column(index, pd))
        features = dict(zip(keys, batch))
        if y is None:
            return features
        if y_keys:
            return features, {k: features.pop(t) for k, t in zip(y_keys, target_keys)}
        return features, features.pop(target_keys[0])

    return input_fn
