"""`tf.contrib.learn.io`: numpy_input_fn and pandas_input_fn (tf.estimator.inputs' with
shuffle=True by default) and the pandas extractors the DataFeeder applies to x and y
(TF 1.14's learn_io/numpy_io.py and pandas_io.py), and graph_io's queue readers
(read_batch_examples, ...). Dask and the *_shared_queue readers are not implemented."""
from __future__ import annotations

from ...estimator.inputs import numpy_input_fn as _core_numpy_input_fn
from ...estimator.pandas_io import pandas_input_fn as _core_pandas_input_fn

from .graph_io import (queue_parsed_features, read_batch_examples, read_batch_features,
                       read_batch_record_features, read_keyed_batch_examples,
                       read_keyed_batch_features)

__all__ = ["HAS_PANDAS", "extract_pandas_data", "extract_pandas_labels",
           "extract_pandas_matrix", "numpy_input_fn", "pandas_input_fn",
           "queue_parsed_features", "read_batch_examples", "read_batch_features",
           "read_batch_record_features", "read_keyed_batch_examples",
           "read_keyed_batch_features"]

try:
    import pandas as _pd
    HAS_PANDAS = True
except ImportError:  # the optional `pandas` extra
    _pd = None
    HAS_PANDAS = False

PANDAS_DTYPES = {"int8": "int", "int16": "int", "int32": "int", "int64": "int",
                 "uint8": "int", "uint16": "int", "uint32": "int", "uint64": "int",
                 "float16": "float", "float32": "float", "float64": "float", "bool": "i"}


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=True,
                   queue_capacity=1000, num_threads=1):
    """tf.estimator.inputs.numpy_input_fn, shuffling by default."""
    return _core_numpy_input_fn(x=x, y=y, batch_size=batch_size, shuffle=shuffle,
                                num_epochs=num_epochs, queue_capacity=queue_capacity,
                                num_threads=num_threads)


def pandas_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=True,
                    queue_capacity=1000, num_threads=1, target_column="target"):
    """tf.estimator.inputs.pandas_input_fn, shuffling by default."""
    return _core_pandas_input_fn(x=x, y=y, batch_size=batch_size, shuffle=shuffle,
                                 num_epochs=num_epochs, queue_capacity=queue_capacity,
                                 num_threads=num_threads, target_column=target_column)


def _bad_columns(data):
    return [c for c in data if data[c].dtype.name not in PANDAS_DTYPES]


def extract_pandas_data(data):
    """A DataFrame's values as floats (int, float and bool columns only); anything else
    as given."""
    if _pd is None or not isinstance(data, _pd.DataFrame):
        return data
    bad = _bad_columns(data)
    if not bad:
        return data.values.astype("float")
    raise ValueError("Data types for extracting pandas data must be int, float, or bool. "
                     "Found: " + ", ".join("'" + str(c) + "' type='" + data[c].dtype.name
                                           + "'" for c in bad))


def extract_pandas_matrix(data):
    """A DataFrame's values; anything else as given."""
    if _pd is None or not isinstance(data, _pd.DataFrame):
        return data
    return data.values


def extract_pandas_labels(labels):
    """A one-column DataFrame's values (int, float or bool); anything else as given."""
    if _pd is None or not isinstance(labels, _pd.DataFrame):
        return labels
    if len(labels.columns) > 1:
        raise ValueError("Only one column for labels is allowed.")
    bad = _bad_columns(labels)
    if not bad:
        return labels.values
    raise ValueError("Data types for extracting labels must be int, float, or bool. Found: "
                     + ", ".join("'" + str(c) + "' type=" + str(labels[c].dtype.name)
                                 for c in bad))
