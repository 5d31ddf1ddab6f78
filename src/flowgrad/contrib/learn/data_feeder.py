"""contrib.learn's DataFeeder (TF 1.14's learn_io/data_feeder.py, in-memory arrays): the
input function of `fit(x, y)` / `evaluate(x, y)` / `predict(x)` builds placeholders
'input' and 'output' ('input_<key>' for a dict), and a feed function feeds them batch
after batch, in an order drawn from np.random.RandomState(42) when shuffling."""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes
from ... import logging
from .learn_io import extract_pandas_data, extract_pandas_labels

__all__ = ["DataFeeder", "setup_train_data_feeder"]


def _data_type_filter(x, y):
    return extract_pandas_data(x), (extract_pandas_labels(y) if y is not None else None)


def _is_iterable(x):
    return hasattr(x, "next") or hasattr(x, "__next__")


def setup_train_data_feeder(x, y, n_classes, batch_size=None, shuffle=True, epochs=None):
    """A DataFeeder over the arrays x, y (an iterator of batches is not implemented)."""
    x, y = _data_type_filter(x, y)
    if _is_iterable(x) or _is_iterable(y):
        raise NotImplementedError("tf.contrib.learn: x or y as iterators (StreamingDataFeeder) "
                                  "are not implemented by flowgrad")
    return DataFeeder(x, y, n_classes, batch_size, shuffle=shuffle, epochs=epochs)


def _check_array(array):
    return np.asarray(array)


def _check_dtype(dtype):
    if dtypes.as_dtype(dtype) == dtypes.float64:
        logging.warning("float64 is not supported by many models, consider casting to "
                        "float32.")
    return dtype


def _in_out_shape(x_shape, y_shape, n_classes, batch_size):
    x_is_dict = isinstance(x_shape, dict)
    if batch_size is None:
        batch_size = list(x_shape.values())[0][0] if x_is_dict else x_shape[0]
    elif batch_size <= 0:
        raise ValueError("Invalid batch_size %d." % batch_size)

    def in_shape(v):
        return [batch_size] + (list(v[1:]) if len(v) > 1 else [1])

    input_shape = ({k: in_shape(v) for k, v in x_shape.items()} if x_is_dict
                   else in_shape(x_shape))
    if y_shape is None:
        return input_shape, None, batch_size

    def out_shape(v, num_classes):
        v = list(v[1:]) if len(v) > 1 else []
        if v and v[0] == 1:
            v = v[1:]
        if num_classes is not None and num_classes > 1:
            return [batch_size] + v + [num_classes]
        return [batch_size] + v

    if isinstance(y_shape, dict):
        output_shape = {k: out_shape(v, n_classes.get(k) if n_classes else None)
                        for k, v in y_shape.items()}
    else:
        output_shape = out_shape(y_shape, n_classes)
    return input_shape, output_shape, batch_size


class DataFeeder:
    """Feeds batches of in-memory x (and y) to the placeholders of `input_builder`."""

    def __init__(self, x, y, n_classes, batch_size=None, shuffle=True, random_state=None,
                 epochs=None):
        x_is_dict, y_is_dict = isinstance(x, dict), isinstance(y, dict)
        if isinstance(y, list):
            y = np.array(y)
        self._x = {k: _check_array(v) for k, v in x.items()} if x_is_dict else _check_array(x)
        self._y = None if y is None else ({k: _check_array(v) for k, v in y.items()}
                                          if y_is_dict else _check_array(y))
        if n_classes is not None and not y_is_dict and y is not None:
            self._y = np.asarray(y, np.int64 if n_classes > 1 else np.float32)
        self.n_classes = n_classes
        self.max_epochs = epochs
        x_shape = {k: v.shape for k, v in self._x.items()} if x_is_dict else self._x.shape
        y_shape = None if self._y is None else (
            {k: v.shape for k, v in self._y.items()} if y_is_dict else self._y.shape)
        self.input_shape, self.output_shape, self._batch_size = _in_out_shape(
            x_shape, y_shape, n_classes, batch_size)
        self._input_dtype = ({k: _check_dtype(v.dtype) for k, v in self._x.items()}
                             if x_is_dict else _check_dtype(self._x.dtype))
        self._output_dtype = (
            {k: _check_dtype(v.dtype) for k, v in self._y.items()} if y_is_dict
            else (_check_dtype(self._y.dtype) if self._y is not None else np.float32))
        self._shuffle = shuffle
        self.random_state = (np.random.RandomState(42) if random_state is None
                             else random_state)
        n = self._num_samples()
        self.indices = self.random_state.permutation(n) if shuffle else np.arange(n)
        self.offset = 0
        self.epoch = 0
        self._input_placeholder = self._output_placeholder = None

    x = property(lambda self: self._x)
    y = property(lambda self: self._y)
    shuffle = property(lambda self: self._shuffle)
    input_dtype = property(lambda self: self._input_dtype)
    output_dtype = property(lambda self: self._output_dtype)
    batch_size = property(lambda self: self._batch_size)

    def _num_samples(self):
        return (list(self._x.values())[0] if isinstance(self._x, dict) else self._x).shape[0]

    def input_builder(self):
        """(input placeholder(s), output placeholder(s) or None) in the default graph."""
        from ...ops.array_ops import placeholder  # lazy: built in the estimator's graph

        def build(shape, dtype, prefix):
            if shape is None:
                return None
            if isinstance(shape, dict):
                return {k: placeholder(dtypes.as_dtype(dtype[k]), [None] + shape[k][1:],
                                       name=prefix + "_" + k) for k in shape}
            return placeholder(dtypes.as_dtype(dtype), [None] + shape[1:], name=prefix)

        self._input_placeholder = build(self.input_shape, self._input_dtype, "input")
        self._output_placeholder = build(self.output_shape, self._output_dtype, "output")
        return self._input_placeholder, self._output_placeholder

    def get_feed_dict_fn(self):
        """A function returning the next batch's feed dict (StopIteration after
        `epochs` epochs)."""
        def extract(data, idx):
            return data[idx].reshape((idx.shape[0], 1)) if data.ndim == 1 else data[idx]

        def labels(data, shape, dtype, n_classes, idx):
            shape = list(shape)
            shape[0] = idx.shape[0]
            out = np.zeros(shape, dtype=dtype)
            if n_classes is None or n_classes <= 1:
                out[...] = data[idx].reshape(out.shape)
            elif len(shape) == 2:
                out[np.arange(idx.shape[0]), data[idx].astype(int)] = 1.0
            else:
                for i, sample in enumerate(idx):
                    for j, value in enumerate(data[sample]):
                        out[i, j, int(value)] = 1.0
            return out

        def feed_dict_fn():
            if self.max_epochs is not None and self.epoch + 1 > self.max_epochs:
                raise StopIteration
            n = self._num_samples()
            idx = self.indices[self.offset:min(n, self.offset + self._batch_size)]
            if isinstance(self._x, dict):
                feed = {self._input_placeholder[k].name: extract(v, idx)
                        for k, v in self._x.items()}
            else:
                feed = {self._input_placeholder.name: extract(self._x, idx)}
            self.offset += self._batch_size
            if self.offset >= n:
                self.indices = (self.random_state.permutation(n) if self._shuffle
                                else np.arange(n))
                self.offset = 0
                self.epoch += 1
            if self._output_placeholder is None:
                return feed
            if isinstance(self._y, dict):
                for k, v in self._y.items():
                    nc = self.n_classes.get(k) if self.n_classes is not None else None
                    feed[self._output_placeholder[k].name] = labels(
                        v, self.output_shape[k], self._output_dtype[k], nc, idx)
            else:
                feed[self._output_placeholder.name] = labels(
                    self._y, self.output_shape, self._output_dtype, self.n_classes, idx)
            return feed

        return feed_dict_fn
