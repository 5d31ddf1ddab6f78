"""tf.ragged.RaggedTensorValue (TF 1.14): the NumPy value of a ragged tensor, what
`Session.run` of a tf.RaggedTensor returns."""
from __future__ import annotations

import numpy as np

__all__ = ["RaggedTensorValue"]


class RaggedTensorValue:
    """Represents the value of a `RaggedTensor`: `values` (a NumPy array or another
    RaggedTensorValue) partitioned into rows by `row_splits` (a 1-D int32/int64 array)."""

    def __init__(self, values, row_splits):
        if not (isinstance(row_splits, (np.ndarray, np.generic)) and
                row_splits.dtype in (np.int64, np.int32) and row_splits.ndim == 1):
            raise TypeError("row_splits must be a 1D int32 or int64 numpy array")
        if not isinstance(values, (np.ndarray, np.generic, RaggedTensorValue)):
            raise TypeError("values must be a numpy array or a RaggedTensorValue")
        if isinstance(values, RaggedTensorValue) and \
                row_splits.dtype != values.row_splits.dtype:
            raise ValueError("row_splits and values.row_splits must have the same dtype")
        self._values = values
        self._row_splits = row_splits

    @property
    def row_splits(self):
        """The split indices for the ragged tensor value."""
        return self._row_splits

    @property
    def values(self):
        """The concatenated values for all rows in this tensor."""
        return self._values

    @property
    def dtype(self):
        """The numpy dtype of values in this tensor."""
        return self._values.dtype

    @property
    def flat_values(self):
        """The innermost `values` array for this ragged tensor value."""
        v = self._values
        while isinstance(v, RaggedTensorValue):
            v = v.values
        return v

    @property
    def nested_row_splits(self):
        """The row_splits for all ragged dimensions in this ragged tensor value."""
        splits, v = [self._row_splits], self._values
        while isinstance(v, RaggedTensorValue):
            splits.append(v.row_splits)
            v = v.values
        return tuple(splits)

    @property
    def ragged_rank(self):
        """The number of ragged dimensions in this ragged tensor value."""
        v = self._values
        return v.ragged_rank + 1 if isinstance(v, RaggedTensorValue) else 1

    @property
    def shape(self):
        """A tuple indicating the shape of this RaggedTensorValue."""
        return (self._row_splits.shape[0] - 1, None) + tuple(self._values.shape[1:])

    def to_list(self):
        """This value as a nested Python list."""
        v = self._values
        items = v.to_list() if isinstance(v, RaggedTensorValue) else v.tolist()
        s = self._row_splits.tolist()
        return [items[a:b] for a, b in zip(s[:-1], s[1:])]

    def __str__(self):
        return "<tf.RaggedTensorValue %s>" % self.to_list()

    def __repr__(self):
        return "tf.RaggedTensorValue(values=%r, row_splits=%r)" % (self._values,
                                                                   self._row_splits)
