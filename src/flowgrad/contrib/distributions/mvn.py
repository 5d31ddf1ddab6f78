"""tf.contrib.distributions' multivariate normals (TF 1.14): MultivariateNormalLinearOperator
(a TransformedDistribution of standard normals through AffineLinearOperator),
MultivariateNormalDiag, MultivariateNormalTriL, MultivariateNormalFullCovariance and their
KL divergence."""
from __future__ import annotations

from ...distributions import kullback_leibler
from ...distributions.continuous import Normal
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...linear_operator import (LinearOperatorDiag, LinearOperatorIdentity,
                                LinearOperatorLowerTriangular, LinearOperatorLowRankUpdate,
                                LinearOperatorScaledIdentity)
from ...ops import array_ops, check_ops, control_flow_ops, linalg_impl, math_ops, matrix_ops
from ...ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape
from ...ops.tensor_util import constant_value
from ._scale import make_diag_scale as _make_diag_scale
from .bijectors.affine_linear_operator import AffineLinearOperator
from .transformed import TransformedDistribution

__all__ = ["MultivariateNormalLinearOperator", "MultivariateNormalDiag",
           "MultivariateNormalTriL", "MultivariateNormalFullCovariance",
           "MultivariateNormalDiagPlusLowRank"]


def _convert(x, name):
    return None if x is None else convert_to_tensor(x, name=name)


def _is_diagonal_scale(scale):
    return isinstance(scale, (LinearOperatorIdentity, LinearOperatorScaledIdentity,
                              LinearOperatorDiag))


def _shapes_from_loc_and_scale(loc, scale, name="shapes_from_loc_and_scale"):
    """TF's distribution_util.shapes_from_loc_and_scale: (batch shape, event shape), each a
    static list/vector where known when building, else an int32 tensor."""
    with name_scope(name, values=[x for x in [loc] + scale.graph_parents if x is not None]):
        event_size = scale.range_dimension_tensor()
        event_size_const = constant_value(event_size)
        if event_size_const is not None:
            event_shape = event_size_const.reshape([1])
        else:
            event_shape = event_size[None]
        if loc is not None:
            loc_event_size = loc.get_shape()[-1].value
            if loc_event_size is not None and event_size_const is not None and \
                    loc_event_size not in (1, event_size_const):
                # TF 1.14 formats loc's size first (the message names them the other way)
                raise ValueError("Event size of 'scale' (%d) could not be broadcast up to "
                                 "that of 'loc' (%d)." % (loc_event_size, event_size_const))
        batch_shape = scale.batch_shape_tensor()
        if loc is None:
            static = constant_value(batch_shape)
            return ([int(d) for d in static] if static is not None else batch_shape,
                    event_shape)
        loc_batch_shape = loc.get_shape().with_rank_at_least(1)[:-1]
        if loc.get_shape().ndims is None or not loc_batch_shape.is_fully_defined():
            loc_batch_shape = array_ops.shape(loc)[:-1]
        else:
            loc_batch_shape = convert_to_tensor(loc_batch_shape.as_list(), dtype=_dt.int32,
                                                name="loc_batch_shape")
        return _prefer_static_broadcast_shape(batch_shape, loc_batch_shape), event_shape


def _prefer_static_broadcast_shape(shape1, shape2, name="prefer_static_broadcast_shape"):
    """TF's distribution_util.prefer_static_broadcast_shape of two int32 shape tensors."""
    with name_scope(name, values=[shape1, shape2]):
        values = [constant_value(convert_to_tensor(s, name="shape", dtype=_dt.int32))
                  for s in (shape1, shape2)]
        if all(v is not None for v in values):
            return broadcast_static_shape(TensorShape([int(d) for d in values[0]]),
                                          TensorShape([int(d) for d in values[1]])).as_list()
        return broadcast_dynamic_shape(convert_to_tensor(shape1, name="shape", dtype=_dt.int32),
                                       convert_to_tensor(shape2, name="shape", dtype=_dt.int32))


class MultivariateNormalLinearOperator(TransformedDistribution):
    """The multivariate normal N(loc, scale @ scale^H), scale a LinearOperator."""

    def __init__(self, loc=None, scale=None, validate_args=False, allow_nan_stats=True,
                 name="MultivariateNormalLinearOperator"):
        parameters = dict(locals())
        if scale is None:
            raise ValueError("Missing required `scale` parameter.")
        if not scale.dtype.is_floating:
            raise TypeError("`scale` parameter must have floating-point dtype.")
        values = [x for x in [loc] + scale.graph_parents if x is not None and
                  hasattr(x, "graph")]
        with name_scope(name, values=values) as name:
            loc = convert_to_tensor(loc, name="loc") if loc is not None else loc
            batch_shape, event_shape = _shapes_from_loc_and_scale(loc, scale)
        super().__init__(
            distribution=Normal(loc=array_ops.zeros([], dtype=scale.dtype),
                                scale=array_ops.ones([], dtype=scale.dtype)),
            bijector=AffineLinearOperator(shift=loc, scale=scale,
                                          validate_args=validate_args),
            batch_shape=batch_shape, event_shape=event_shape, validate_args=validate_args,
            name=name)
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
        if not has_static_shape:
            shape = array_ops.concat([self.batch_shape_tensor(), self.event_shape_tensor()], 0)
        else:
            shape = shape.as_list()
        if self.loc is None:
            return array_ops.zeros(shape, self.dtype)
        if has_static_shape and TensorShape(shape) == self.loc.get_shape():
            return array_ops.identity(self.loc)
        return array_ops.identity(self.loc) + array_ops.zeros(shape, self.dtype)

    def _covariance(self):
        if _is_diagonal_scale(self.scale):
            return matrix_ops.matrix_diag(math_ops.square(self.scale.diag_part()))
        return self.scale.matmul(self.scale.to_dense(), adjoint_arg=True)

    def _scale_squared_diag(self):
        if isinstance(self.scale, LinearOperatorLowRankUpdate) and self.scale.is_self_adjoint:
            return matrix_ops.matrix_diag_part(self.scale.matmul(self.scale.to_dense()))
        return matrix_ops.matrix_diag_part(
            self.scale.matmul(self.scale.to_dense(), adjoint_arg=True))

    def _variance(self):
        if _is_diagonal_scale(self.scale):
            return math_ops.square(self.scale.diag_part())
        return self._scale_squared_diag()

    def _stddev(self):
        if _is_diagonal_scale(self.scale):
            return math_ops.abs(self.scale.diag_part())
        return math_ops.sqrt(self._scale_squared_diag())

    def _mode(self):
        return self._mean()


@kullback_leibler.RegisterKL(MultivariateNormalLinearOperator, MultivariateNormalLinearOperator)
def _kl_brute_force(a, b, name=None):
    """KL(a || b) of two multivariate normals, through b's solves."""

    def squared_frobenius_norm(x):
        return math_ops.reduce_sum(math_ops.square(x), axis=[-2, -1])

    values = [x for x in [a.loc, b.loc] + a.scale.graph_parents + b.scale.graph_parents
              if x is not None]
    with name_scope(name, "kl_mvn", values=values):
        if _is_diagonal_scale(a.scale) and _is_diagonal_scale(b.scale):
            b_inv_a = (a.stddev() / b.stddev())[..., None]
        else:
            b_inv_a = b.scale.solve(a.scale.to_dense())
        kl_div = (b.scale.log_abs_determinant() - a.scale.log_abs_determinant()
                  + 0.5 * (-math_ops.cast(a.scale.domain_dimension_tensor(), a.dtype)
                           + squared_frobenius_norm(b_inv_a)
                           + squared_frobenius_norm(b.scale.solve(
                               (b.mean() - a.mean())[..., None]))))
        kl_div.set_shape(broadcast_static_shape(a.batch_shape, b.batch_shape))
        return kl_div


class MultivariateNormalDiag(MultivariateNormalLinearOperator):
    """N(loc, diag(scale_diag + scale_identity_multiplier)**2)."""

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None,
                 validate_args=False, allow_nan_stats=True, name="MultivariateNormalDiag"):
        parameters = dict(locals())
        with name_scope(name) as name:
            with name_scope("init"):
                scale = _make_diag_scale(loc, scale_diag, scale_identity_multiplier)
        super().__init__(loc=loc, scale=scale, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class MultivariateNormalTriL(MultivariateNormalLinearOperator):
    """N(loc, scale_tril @ scale_tril^H), scale_tril lower triangular."""

    def __init__(self, loc=None, scale_tril=None, validate_args=False, allow_nan_stats=True,
                 name="MultivariateNormalTriL"):
        parameters = dict(locals())
        if loc is None and scale_tril is None:
            raise ValueError("Must specify one or both of `loc`, `scale_tril`.")
        with name_scope(name) as name:
            with name_scope("init", values=[x for x in (loc, scale_tril)
                                            if hasattr(x, "graph")]):
                loc = _convert(loc, "loc")
                scale_tril = _convert(scale_tril, "scale_tril")
                if scale_tril is None:
                    rows = loc.shape.with_rank_at_least(1)[-1].value
                    if rows is None:
                        rows = array_ops.shape(loc)[-1]
                    scale = LinearOperatorIdentity(num_rows=rows, dtype=loc.dtype,
                                                   is_self_adjoint=True,
                                                   is_positive_definite=True,
                                                   assert_proper_shapes=validate_args)
                else:
                    scale = LinearOperatorLowerTriangular(scale_tril, is_non_singular=True,
                                                          is_self_adjoint=False,
                                                          is_positive_definite=False)
        super().__init__(loc=loc, scale=scale, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class MultivariateNormalFullCovariance(MultivariateNormalTriL):
    """N(loc, covariance_matrix), through the covariance's Cholesky factor."""

    def __init__(self, loc=None, covariance_matrix=None, validate_args=False,
                 allow_nan_stats=True, name="MultivariateNormalFullCovariance"):
        parameters = dict(locals())
        with name_scope(name) as name:
            with name_scope("init", values=[x for x in (loc, covariance_matrix)
                                            if hasattr(x, "graph")]):
                if covariance_matrix is None:
                    scale_tril = None
                else:
                    covariance_matrix = convert_to_tensor(covariance_matrix,
                                                          name="covariance_matrix")
                    if validate_args:
                        # cholesky reads one triangle only: TF checks the symmetry
                        covariance_matrix = control_flow_ops.with_dependencies([
                            check_ops.assert_near(
                                covariance_matrix,
                                linalg_impl.matrix_transpose(covariance_matrix),
                                message="Matrix was not symmetric")], covariance_matrix)
                    scale_tril = linalg_impl.cholesky(covariance_matrix)
                super().__init__(loc=loc, scale_tril=scale_tril, validate_args=validate_args,
                                 allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class MultivariateNormalDiagPlusLowRank(MultivariateNormalLinearOperator):
    """N(loc, S S^H) with S = diag(scale_diag + multiplier) + U diag(d) U^H."""

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None,
                 scale_perturb_factor=None, scale_perturb_diag=None, validate_args=False,
                 allow_nan_stats=True, name="MultivariateNormalDiagPlusLowRank"):
        parameters = dict(locals())
        with name_scope(name) as name:
            values = [x for x in (loc, scale_diag, scale_identity_multiplier,
                                  scale_perturb_factor, scale_perturb_diag)
                      if hasattr(x, "graph")]
            with name_scope("init", values=values):
                has_low_rank = scale_perturb_factor is not None or \
                    scale_perturb_diag is not None
                scale = _make_diag_scale(loc, scale_diag, scale_identity_multiplier,
                                         validate_args=validate_args,
                                         assert_positive=has_low_rank)
                scale_perturb_factor = _convert(scale_perturb_factor, "scale_perturb_factor")
                scale_perturb_diag = _convert(scale_perturb_diag, "scale_perturb_diag")
                if has_low_rank:
                    scale = LinearOperatorLowRankUpdate(
                        scale, u=scale_perturb_factor, diag_update=scale_perturb_diag,
                        is_diag_update_positive=scale_perturb_diag is None,
                        is_non_singular=True, is_self_adjoint=True, is_positive_definite=True,
                        is_square=True)
        super().__init__(loc=loc, scale=scale, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters
