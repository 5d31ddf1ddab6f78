"""slim's pool (TF 1.14 contrib/layers/python/layers/layers.py), bucketize
(contrib/layers/python/ops/bucketization_op.py) and target_column's ProblemType."""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.ops.hashing import bucketize as _bucketize
from ...ops.conv_ops import pool as _nn_pool
from ..framework.arg_scope import add_arg_scope
from .layers import collect_named_outputs

__all__ = ["pool", "bucketize", "ProblemType"]


class ProblemType:
    """The kind of problem a legacy target column solves."""
    UNSPECIFIED = 0
    CLASSIFICATION = 1
    LINEAR_REGRESSION = 2
    LOGISTIC_REGRESSION = 3


def _n_positive_integers(n, value):
    n_orig = n
    n = int(n)
    if n < 1 or n != n_orig:
        raise ValueError("n must be a positive integer")
    try:
        value = int(value)
    except (TypeError, ValueError):
        if len(value) != n:
            raise ValueError("Expected sequence of %d positive integers, but received %r" %
                             (n, value)) from None
        try:
            values = tuple(int(x) for x in value)
        except Exception:  # noqa: BLE001 - TF's bare except
            raise ValueError("Expected sequence of %d positive integers, but received %r" %
                             (n, value)) from None
        for x in values:
            if x < 1:
                raise ValueError("expected positive integer, but received %d" % x)
        return values
    if value < 1:
        raise ValueError("expected positive integer, but received %d" % value)
    return (value,) * n


@add_arg_scope
def pool(inputs, kernel_size, pooling_type, padding="VALID", data_format=None,
         dilation_rate=1, stride=1, outputs_collections=None, scope=None):
    """tf.nn.pool over the spatial dimensions of `inputs` (scope "<type>_pool")."""
    with name_scope(scope, "%s_pool" % pooling_type.lower(), [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        rank = inputs.get_shape().ndims
        if rank is None:
            raise ValueError("Rank of inputs must be known")
        if rank < 3:
            raise ValueError("Rank of inputs must be >= 3")
        n = rank - 2
        output = _nn_pool(input=inputs, window_shape=_n_positive_integers(n, kernel_size),
                          pooling_type=pooling_type, padding=padding, data_format=data_format,
                          dilation_rate=_n_positive_integers(n, dilation_rate),
                          strides=_n_positive_integers(n, stride), name=sc)
        return collect_named_outputs(outputs_collections, sc, output)


def bucketize(input_tensor, boundaries, name=None):
    """The index of each value's bucket among the sorted `boundaries` (int32)."""
    return _bucketize(input_tensor, boundaries=boundaries, name=name)
