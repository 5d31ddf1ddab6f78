"""contrib.learn's input plumbing: which of x / y / input_fn / feed_fn / batch_size may
be given together, the (input_fn, feed_fn) pair of in-memory arrays, and
infer_real_valued_columns_from_input(_fn)."""
from __future__ import annotations

from ...engine.framework.graph import Graph, Tensor
from .data_feeder import setup_train_data_feeder

__all__ = ["infer_real_valued_columns_from_input", "infer_real_valued_columns_from_input_fn"]


def verify_input_args(x, y, input_fn, feed_fn, batch_size):
    """TF's errors for arguments that cannot be given together."""
    if input_fn is None:
        if x is None:
            raise ValueError("Either x or input_fn must be provided.")
        if isinstance(x, Tensor) or (y is not None and isinstance(y, Tensor)):
            raise ValueError("Inputs cannot be tensors. Please provide input_fn.")
        if feed_fn is not None:
            raise ValueError("Can not provide both feed_fn and x or y.")
    else:
        if x is not None or y is not None:
            raise ValueError("Can not provide both input_fn and x or y.")
        if batch_size is not None:
            raise ValueError("Can not provide both input_fn and batch_size.")


def get_input_fn(x, y, input_fn, feed_fn, batch_size, shuffle=False, epochs=1):
    """(input_fn, feed_fn): the given ones, or a DataFeeder's over x, y."""
    verify_input_args(x, y, input_fn, feed_fn, batch_size)
    if input_fn is not None:
        return input_fn, feed_fn
    df = setup_train_data_feeder(x, y, n_classes=None, batch_size=batch_size,
                                 shuffle=shuffle, epochs=epochs)
    return df.input_builder, df.get_feed_dict_fn()


def infer_real_valued_columns_from_input_fn(input_fn):
    """A real_valued_column per feature input_fn returns (built in a scratch graph)."""
    from ..layers.feature_column_ops import infer_real_valued_columns  # lazy: contrib.layers
    with Graph().as_default():
        features, _ = input_fn()
        return infer_real_valued_columns(features)


def infer_real_valued_columns_from_input(x):
    """A real_valued_column per feature of the array (or dict of arrays) x."""
    input_fn, _ = get_input_fn(x=x, y=None, input_fn=None, feed_fn=None, batch_size=None)
    return infer_real_valued_columns_from_input_fn(input_fn)
