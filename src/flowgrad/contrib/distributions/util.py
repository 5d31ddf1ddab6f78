"""tf.contrib.distributions' helper functions from TF 1.14's distributions/util.py:
matrix_diag_transform, tridiag, softplus_inverse, fill_triangular(_inverse) and
reduce_weighted_logsumexp."""
from __future__ import annotations

import hashlib

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import Dimension, TensorShape
from ...ops import array_ops, math_ops, matrix_ops
from ...ops.tensor_util import constant_value
from .bijectors.basic import softplus_inverse

__all__ = ["matrix_diag_transform", "tridiag", "softplus_inverse", "fill_triangular",
           "fill_triangular_inverse", "reduce_weighted_logsumexp", "SeedStream"]


def _tensors(*values):
    return [v for v in values if hasattr(v, "graph")]


def matrix_diag_transform(matrix, transform=None, name=None):
    """matrix with transform applied to its (batch) diagonal, e.g. tf.exp for a positive one."""
    with name_scope(name, "matrix_diag_transform", _tensors(matrix)):
        matrix = convert_to_tensor(matrix, name="matrix")
        if transform is None:
            return matrix
        diag = matrix_ops.matrix_diag_part(matrix)
        transformed_diag = transform(diag)
        transformed_mat = matrix_ops.matrix_set_diag(matrix, transformed_diag)
    return transformed_mat


def _pad(x):
    shape = array_ops.concat([array_ops.shape(x)[:-1], [1]], axis=0)
    z = array_ops.zeros(shape, dtype=x.dtype)
    return array_ops.concat([z, x, z], axis=-1)


def tridiag(below=None, diag=None, above=None, name=None):
    """The [batch] tridiagonal matrix of the sub-, main and super-diagonals given."""
    with name_scope(name, "tridiag", _tensors(below, diag, above)):
        parts = []
        if below is not None:
            below = convert_to_tensor(below, name="below")
            parts.append(matrix_ops.matrix_diag(_pad(below))[..., :-1, 1:])
        if diag is not None:
            diag = convert_to_tensor(diag, name="diag")
            parts.append(matrix_ops.matrix_diag(diag))
        if above is not None:
            above = convert_to_tensor(above, name="above")
            parts.append(matrix_ops.matrix_diag(_pad(above))[..., 1:, :-1])
        if not parts:
            raise ValueError("Must specify at least one of `below`, `diag`, `above`.")
        total = parts[0]
        for part in parts[1:]:
            total += part
        return total


def _prefer_static_rank(x):
    """TF's prefer_static_rank: rank(x) read back statically when known, else the Rank op."""
    rank = array_ops.rank(x)
    value = constant_value(rank)
    return rank if value is None else int(value)


def fill_triangular(x, upper=False, name=None):
    """The [batch] lower (or upper) triangular matrix whose entries are x's last dimension,
    filled in TF's clockwise spiral order."""
    with name_scope(name, "fill_triangular", _tensors(x)):
        x = convert_to_tensor(x, name="x")
        m = x.shape.with_rank_at_least(1)[-1].value
        if m is not None:
            m = np.int32(m)
            n = np.sqrt(0.25 + 2. * m) - 0.5
            if n != np.floor(n):
                raise ValueError("Input right-most shape ({}) does not correspond to a "
                                 "triangular matrix.".format(m))
            n = np.int32(n)
            static_final_shape = x.shape[:-1].concatenate([n, n])
        else:   # TF's run-time n: int(sqrt(0.25 + 2 m)), which truncates n + 0.5 to n
            m = array_ops.shape(x)[-1]
            n = math_ops.cast(math_ops.sqrt(0.25 + math_ops.cast(2 * m, dtype=_dt.float32)),
                              dtype=_dt.int32)
            static_final_shape = x.shape.with_rank_at_least(1)[:-1].concatenate([None, None])
        ndims = _prefer_static_rank(x)
        if upper:
            x_list = [x, array_ops.reverse(x[..., n:], axis=[ndims - 1])]
        else:
            x_list = [x[..., n:], array_ops.reverse(x, axis=[ndims - 1])]
        if static_final_shape.is_fully_defined():
            new_shape = static_final_shape.as_list()
        else:
            new_shape = array_ops.concat([array_ops.shape(x)[:-1], [n, n]], axis=0)
        x = array_ops.reshape(array_ops.concat(x_list, axis=-1), new_shape)
        x = matrix_ops.matrix_band_part(x, num_lower=(0 if upper else -1),
                                        num_upper=(-1 if upper else 0))
        x.set_shape(static_final_shape)
        return x


def fill_triangular_inverse(x, upper=False, name=None):
    """The vector fill_triangular packs into x's [batch] triangular matrix."""
    with name_scope(name, "fill_triangular_inverse", _tensors(x)):
        x = convert_to_tensor(x, name="x")
        n = x.shape.with_rank_at_least(2)[-1].value
        if n is not None:
            n = np.int32(n)
            m = np.int32((n * (n + 1)) // 2)
            static_final_shape = x.shape[:-2].concatenate([m])
        else:
            n = array_ops.shape(x)[-1]
            m = (n * (n + 1)) // 2
            static_final_shape = x.shape.with_rank_at_least(2)[:-2].concatenate([None])
        ndims = _prefer_static_rank(x)
        if upper:
            initial_elements = x[..., 0, :]
            triangular_portion = x[..., 1:, :]
        else:
            initial_elements = array_ops.reverse(x[..., -1, :], axis=[ndims - 2])
            triangular_portion = x[..., :-1, :]
        rotated = array_ops.reverse(array_ops.reverse(triangular_portion, axis=[ndims - 1]),
                                    axis=[ndims - 2])
        consolidated = triangular_portion + rotated
        end_sequence = array_ops.reshape(
            consolidated, array_ops.concat([array_ops.shape(x)[:-2], [n * (n - 1)]], axis=0))
        y = array_ops.concat([initial_elements, end_sequence[..., :m - n]], axis=-1)
        y.set_shape(static_final_shape)
        return y


def reduce_weighted_logsumexp(logx, w=None, axis=None, keep_dims=False, return_sign=False,
                              name=None):
    """log(|sum(w * exp(logx))|) over axis, computed stably (and its sign if asked)."""
    with name_scope(name, "reduce_weighted_logsumexp", _tensors(logx, w)):
        logx = convert_to_tensor(logx, name="logx")
        if w is None:
            lswe = math_ops.reduce_logsumexp(logx, axis=axis, keepdims=keep_dims)
            if return_sign:
                return lswe, array_ops.ones_like(lswe)
            return lswe
        w = convert_to_tensor(w, dtype=logx.dtype, name="w")
        log_absw_x = logx + math_ops.log(math_ops.abs(w))
        max_log_absw_x = math_ops.reduce_max(log_absw_x, axis=axis, keepdims=True)
        max_log_absw_x = array_ops.where(math_ops.is_inf(max_log_absw_x),
                                         array_ops.zeros_like(max_log_absw_x), max_log_absw_x)
        wx_over_max_absw_x = math_ops.sign(w) * math_ops.exp(log_absw_x - max_log_absw_x)
        sum_wx = math_ops.reduce_sum(wx_over_max_absw_x, axis=axis, keepdims=keep_dims)
        if not keep_dims:
            max_log_absw_x = array_ops.squeeze(max_log_absw_x, axis)
        sgn = math_ops.sign(sum_wx)
        lswe = max_log_absw_x + math_ops.log(sgn * sum_wx)
        if return_sign:
            return lswe, sgn
        return lswe


class SeedStream:
    """A stream of seeds derived from (seed, salt): each call hashes (seed, count, salt) with
    SHA-512, as TF 1.14's seed_stream.SeedStream; None when seed is None."""

    def __init__(self, seed, salt):
        self._seed = seed.original_seed if isinstance(seed, SeedStream) else seed
        self._salt = salt
        self._counter = 0

    def __call__(self):
        self._counter += 1
        if self._seed is None:
            return None
        composite = str((self._seed, self._counter, self._salt)).encode("utf-8")
        return int(hashlib.sha512(composite).hexdigest(), 16)

    @property
    def original_seed(self):
        return self._seed

    @property
    def salt(self):
        return self._salt


def pad(x, axis, front=False, back=False, value=0, count=1, name=None):
    """x with `value` padded `count` times before (front) and / or after (back) its `axis`
    dimension (TF's distribution_util.pad: a Pad op with one_hot paddings)."""
    with name_scope(name, "pad", [x, value, count]):
        x = convert_to_tensor(x, name="x")
        value = convert_to_tensor(value, dtype=x.dtype, name="value")
        count = convert_to_tensor(count, name="count")
        if not count.dtype.is_integer:
            raise TypeError("`count.dtype` (`{}`) must be `int`-like.".format(
                count.dtype.name))
        if not front and not back:
            raise ValueError("At least one of `front`, `back` must be `True`.")
        ndims = (x.shape.ndims if x.shape.ndims is not None
                 else array_ops.rank(x, name="ndims"))
        axis = convert_to_tensor(axis, name="axis")
        axis_ = constant_value(axis)
        final_shape = None
        if axis_ is not None:
            axis = axis_
            if axis < 0:
                axis = ndims + axis
            count_ = constant_value(count)
            if axis_ >= 0 or x.shape.ndims is not None:
                head = x.shape[:axis]
                dim = Dimension(None) if x.shape.ndims is None else x.shape.dims[axis]
                middle = TensorShape(None if count_ is None else
                                     [dim + count_ * (front + back)])
                final_shape = head.concatenate(middle.concatenate(x.shape[axis + 1:]))
        else:
            axis = array_ops.where(axis < 0, ndims + axis, axis)
        x = array_ops.pad(x, paddings=array_ops.one_hot(
            indices=array_ops.stack([axis if front else -1, axis if back else -1]),
            depth=ndims, axis=0, on_value=count, dtype=_dt.int32), constant_values=value)
        if final_shape is not None:
            x.set_shape(final_shape)
        return x
