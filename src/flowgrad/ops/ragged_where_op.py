"""tf.where of RaggedTensors (TF 1.14's ragged_where_op.where): the coordinates of the True
values of a ragged condition, or an elementwise / row-wise choice between ragged x and y."""
from __future__ import annotations

from ..engine.framework.graph import name_scope
from . import array_ops
from .ragged_concat_ops import concat
from .ragged_functional_ops import map_flat_values
from .ragged_gather_ops import gather
from .ragged_tensor import (RaggedTensor, convert_to_tensor_or_ragged_tensor,
                            match_row_splits_dtypes)

__all__ = ["where"]


def where(condition, x=None, y=None, name=None):
    """The coordinates where `condition` is True (x and y None), else x where it is True
    and y where it is not (all ragged alike, or a vector `condition` choosing rows)."""
    if (x is None) != (y is None):
        raise ValueError("x and y must be either both None or both non-None")
    with name_scope("RaggedWhere", name, [condition, x, y]):   # (TF's argument order)
        condition = convert_to_tensor_or_ragged_tensor(condition, name="condition")
        if x is None:
            return _coordinate_where(condition)
        x = convert_to_tensor_or_ragged_tensor(x, name="x")
        y = convert_to_tensor_or_ragged_tensor(y, name="y")
        condition, x, y = match_row_splits_dtypes(condition, x, y)
        return _elementwise_where(condition, x, y)


def _elementwise_where(condition, x, y):
    ragged = [isinstance(t, RaggedTensor) for t in (condition, x, y)]
    if not any(ragged):
        return array_ops.where(condition, x, y)
    if all(ragged):
        return map_flat_values(array_ops.where, condition, x, y)
    if ragged[0]:
        raise ValueError("Input shapes do not match.")
    # a vector condition picks the rows of x or y from their concatenation
    condition.shape.assert_has_rank(1)
    x_and_y = concat([x, y], axis=0)
    x_nrows = _nrows(x, x_and_y.row_splits.dtype)
    y_nrows = _nrows(y, x_and_y.row_splits.dtype)
    indices = array_ops.where(condition, array_ops.range(x_nrows),
                              x_nrows + array_ops.range(y_nrows))
    return gather(x_and_y, indices)


def _coordinate_where(condition):
    if not isinstance(condition, RaggedTensor):
        return array_ops.where(condition)
    coords = _coordinate_where(condition.values)
    # the first coordinate, an index into condition.values, becomes a row and a column
    condition = condition.with_row_splits_dtype(coords.dtype)
    first = coords[:, 0]
    rows = array_ops.gather(condition.value_rowids(), first)
    cols = first - array_ops.gather(condition.row_splits, rows)
    return array_ops.concat([array_ops.expand_dims(rows, 1), array_ops.expand_dims(cols, 1),
                             coords[:, 1:]], axis=1)


def _nrows(rt, out_type):
    if isinstance(rt, RaggedTensor):
        return rt.nrows(out_type=out_type)
    return array_ops.shape(rt, out_type=out_type)[0]
