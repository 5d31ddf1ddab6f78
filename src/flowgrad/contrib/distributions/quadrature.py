"""tf.contrib.distributions' quadrature schemes on the positive reals (TF 1.14's contrib
poisson_lognormal.py): the grid and probabilities of a LogNormal(loc, scale) prior, from
Gauss-Hermite nodes (NumPy's hermgauss, as TF) or from the midpoints of its quantiles.
(The SoftmaxNormal schemes need contrib's SoftmaxCentered bijector, which flowgrad lacks.)"""
import numpy as np

from ...distributions.continuous import Normal
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.ops.construction import linspace, range as _range
from ...ops import array_ops, math_ops
from ..framework.deprecation import deprecated
from .bijectors import Exp
from .transformed import TransformedDistribution

__all__ = ["quadrature_scheme_lognormal_gauss_hermite", "quadrature_scheme_lognormal_quantiles"]

_MOVED = ("The TensorFlow Distributions library has moved to TensorFlow Probability "
          "(https://github.com/tensorflow/probability). You should update all references to "
          "use `tfp.distributions` instead of `tf.contrib.distributions`.")


@deprecated("2018-10-01", _MOVED, warn_once=True)
def quadrature_scheme_lognormal_gauss_hermite(loc, scale, quadrature_size,
                                              validate_args=False, name=None):
    """(grid, probs): loc + sqrt(2) * scale * the Gauss-Hermite nodes (a new last axis), and
    the node weights normalized to sum to one. `loc` and `scale` are Tensors."""
    with name_scope(name, "vector_diffeomixture_quadrature_gauss_hermite", [loc, scale]):
        grid, probs = np.polynomial.hermite.hermgauss(deg=quadrature_size)
        grid = grid.astype(loc.dtype.as_numpy_dtype)
        probs = probs.astype(loc.dtype.as_numpy_dtype)
        probs /= np.linalg.norm(probs, ord=1, keepdims=True)
        probs = convert_to_tensor(probs, name="probs", dtype=loc.dtype)
        grid = loc[..., None] + np.sqrt(2.) * scale[..., None] * grid
        return grid, probs


@deprecated("2018-10-01", _MOVED, warn_once=True)
def quadrature_scheme_lognormal_quantiles(loc, scale, quadrature_size, validate_args=False,
                                          name=None):
    """(grid, probs): the midpoints of the LogNormal's quantiles at quadrature_size + 1
    evenly spaced interior levels (a new last axis), and equal probabilities."""
    with name_scope(name, "quadrature_scheme_lognormal_quantiles", [loc, scale]):
        dist = TransformedDistribution(distribution=Normal(loc=loc, scale=scale),
                                       bijector=Exp(), validate_args=validate_args)
        batch_ndims = dist.batch_shape.ndims
        if batch_ndims is None:
            batch_ndims = array_ops.shape(dist.batch_shape_tensor())[0]
        zero = array_ops.zeros([], dtype=dist.dtype)
        edges = linspace(zero, 1., quadrature_size + 3)[1:-1]
        edges = array_ops.reshape(edges, shape=array_ops.concat(
            [[-1], array_ops.ones([batch_ndims], dtype=_dt.int32)], axis=0))
        quantiles = dist.quantile(edges)
        perm = array_ops.concat([_range(1, 1 + batch_ndims), [0]], axis=0)
        quantiles = array_ops.transpose(quantiles, perm)
        grid = (quantiles[..., :-1] + quantiles[..., 1:]) / 2.
        grid.set_shape(dist.batch_shape.concatenate([quadrature_size]))
        probs = array_ops.fill(dims=[quadrature_size],
                               value=1. / math_ops.cast(quadrature_size, dist.dtype))
        return grid, probs
