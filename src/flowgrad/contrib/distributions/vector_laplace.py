"""tf.contrib.distributions.VectorLaplaceDiag and VectorExponentialDiag (TF 1.14): standard
Laplace / exponential draws through AffineLinearOperator (loc + scale @ X), the analogues of
MultivariateNormalDiag."""
from __future__ import annotations

import numpy as np

from ...distributions.continuous import Exponential, Laplace
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...engine.framework.constant_op import convert_to_tensor
from ...linear_operator import LinearOperatorLowRankUpdate
from ...ops import array_ops, math_ops, matrix_ops
from ._scale import make_diag_scale
from .bijectors.affine_linear_operator import AffineLinearOperator
from .mvn import _is_diagonal_scale, _shapes_from_loc_and_scale
from .transformed import TransformedDistribution

__all__ = ["VectorLaplaceDiag", "VectorExponentialDiag"]


class _VectorLaplaceLinearOperator(TransformedDistribution):
    """loc + scale @ X for X of iid standard Laplace components (TF's
    VectorLaplaceLinearOperator, not exported by tf.contrib.distributions)."""

    def __init__(self, loc=None, scale=None, validate_args=False, allow_nan_stats=True,
                 name="VectorLaplaceLinearOperator"):
        parameters = dict(locals())
        if scale is None:
            raise ValueError("Missing required `scale` parameter.")
        if not scale.dtype.is_floating:
            raise TypeError("`scale` parameter must have floating-point dtype.")
        values = [x for x in [loc] + scale.graph_parents if hasattr(x, "graph")]
        with name_scope(name, values=values):
            loc = convert_to_tensor(loc, name="loc") if loc is not None else loc
            batch_shape, event_shape = _shapes_from_loc_and_scale(loc, scale)
            super().__init__(
                distribution=Laplace(loc=array_ops.zeros([], dtype=scale.dtype),
                                     scale=array_ops.ones([], dtype=scale.dtype)),
                bijector=AffineLinearOperator(shift=loc, scale=scale,
                                              validate_args=validate_args),
                batch_shape=batch_shape, event_shape=event_shape,
                validate_args=validate_args, name=name)
            self._parameters = parameters

    @property
    def loc(self):
        return self.bijector.shift

    @property
    def scale(self):
        return self.bijector.scale

    def _mean(self):
        shape = self.batch_shape.concatenate(self.event_shape)
        has_static_shape = shape.is_fully_defined()
        if has_static_shape:
            dims = shape.as_list()
        else:
            dims = array_ops.concat([self.batch_shape_tensor(), self.event_shape_tensor()], 0)
        if self.loc is None:
            return array_ops.zeros(dims, self.dtype)
        if has_static_shape and TensorShape(dims) == self.loc.get_shape():
            return array_ops.identity(self.loc)
        return array_ops.identity(self.loc) + array_ops.zeros(dims, self.dtype)

    def _self_adjoint_low_rank(self):
        return isinstance(self.scale, LinearOperatorLowRankUpdate) and \
            self.scale.is_self_adjoint

    def _covariance(self):
        if _is_diagonal_scale(self.scale):
            return 2. * matrix_ops.matrix_diag(math_ops.square(self.scale.diag_part()))
        return 2. * self.scale.matmul(self.scale.to_dense(), adjoint_arg=True)

    def _variance(self):
        if _is_diagonal_scale(self.scale):
            return 2. * math_ops.square(self.scale.diag_part())
        if self._self_adjoint_low_rank():
            return matrix_ops.matrix_diag_part(2. * self.scale.matmul(self.scale.to_dense()))
        return 2. * matrix_ops.matrix_diag_part(
            self.scale.matmul(self.scale.to_dense(), adjoint_arg=True))

    def _stddev(self):
        if _is_diagonal_scale(self.scale):
            return np.sqrt(2) * math_ops.abs(self.scale.diag_part())
        if self._self_adjoint_low_rank():
            return np.sqrt(2) * math_ops.sqrt(matrix_ops.matrix_diag_part(
                self.scale.matmul(self.scale.to_dense())))
        return np.sqrt(2) * math_ops.sqrt(matrix_ops.matrix_diag_part(
            self.scale.matmul(self.scale.to_dense(), adjoint_arg=True)))

    def _mode(self):
        return self._mean()


class VectorLaplaceDiag(_VectorLaplaceLinearOperator):
    """loc + diag(scale_diag + scale_identity_multiplier) @ X, X iid standard Laplace."""

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None,
                 validate_args=False, allow_nan_stats=True, name="VectorLaplaceDiag"):
        parameters = dict(locals())
        with name_scope(name):
            with name_scope("init"):
                scale = make_diag_scale(loc=loc, scale_diag=scale_diag,
                                        scale_identity_multiplier=scale_identity_multiplier,
                                        assert_positive=False)
        super().__init__(loc=loc, scale=scale, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class _VectorExponentialLinearOperator(TransformedDistribution):
    """loc + scale @ X for X of iid standard exponential components (TF's
    VectorExponentialLinearOperator, not exported by tf.contrib.distributions)."""

    def __init__(self, loc=None, scale=None, validate_args=False, allow_nan_stats=True,
                 name="VectorExponentialLinearOperator"):
        parameters = dict(locals())
        if scale is None:
            raise ValueError("Missing required `scale` parameter.")
        if not scale.dtype.is_floating:
            raise TypeError("`scale` parameter must have floating-point dtype.")
        values = [x for x in [loc] + scale.graph_parents if hasattr(x, "graph")]
        with name_scope(name, values=values) as name:
            loc = convert_to_tensor(loc, name="loc") if loc is not None else loc
            batch_shape, event_shape = _shapes_from_loc_and_scale(loc, scale)
            super().__init__(
                distribution=Exponential(rate=array_ops.ones([], dtype=scale.dtype),
                                         allow_nan_stats=allow_nan_stats),
                bijector=AffineLinearOperator(shift=loc, scale=scale,
                                              validate_args=validate_args),
                batch_shape=batch_shape, event_shape=event_shape,
                validate_args=validate_args, name=name)
            self._parameters = parameters

    @property
    def loc(self):
        return self.bijector.shift

    @property
    def scale(self):
        return self.bijector.scale

    def _mode_mean_shape(self):
        shape = self.batch_shape.concatenate(self.event_shape)
        if not shape.is_fully_defined():
            return array_ops.concat([self.batch_shape_tensor(), self.event_shape_tensor()], 0)
        return shape.as_list()

    def _shifted(self, scaled):
        if self.loc is None:
            return scaled
        return array_ops.identity(self.loc) + scaled

    def _mean(self):
        return self._shifted(self.bijector.scale.matvec(
            array_ops.ones(self._mode_mean_shape(), self.dtype)))

    def _mode(self):
        return self._shifted(self.bijector.scale.matvec(
            array_ops.zeros(self._mode_mean_shape(), self.dtype)))

    def _self_adjoint_low_rank(self):
        return isinstance(self.scale, LinearOperatorLowRankUpdate) and \
            self.scale.is_self_adjoint

    def _covariance(self):
        if _is_diagonal_scale(self.scale):
            return matrix_ops.matrix_diag(math_ops.square(self.scale.diag_part()))
        return self.scale.matmul(self.scale.to_dense(), adjoint_arg=True)

    def _variance(self):
        if _is_diagonal_scale(self.scale):
            return math_ops.square(self.scale.diag_part())
        if self._self_adjoint_low_rank():
            return matrix_ops.matrix_diag_part(self.scale.matmul(self.scale.to_dense()))
        return matrix_ops.matrix_diag_part(
            self.scale.matmul(self.scale.to_dense(), adjoint_arg=True))

    def _stddev(self):
        return math_ops.sqrt(self._variance()) if not _is_diagonal_scale(self.scale) \
            else math_ops.abs(self.scale.diag_part())


class VectorExponentialDiag(_VectorExponentialLinearOperator):
    """loc + diag(scale_diag + scale_identity_multiplier) @ X, X iid standard exponential."""

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None,
                 validate_args=False, allow_nan_stats=True, name="VectorExponentialDiag"):
        parameters = dict(locals())
        with name_scope(name) as name:
            with name_scope("init"):
                scale = make_diag_scale(loc=loc, scale_diag=scale_diag,
                                        scale_identity_multiplier=scale_identity_multiplier,
                                        assert_positive=False)
        super().__init__(loc=loc, scale=scale, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters
