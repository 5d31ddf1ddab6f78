"""tf.contrib.distributions.bijectors.Affine (TF 1.14): Y = scale @ X + shift with scale built
from an identity multiplier, a diagonal, a lower triangle and a low-rank update (or a plain
scalar multiplier when only that is given)."""
from __future__ import annotations

from ....engine.framework import dtypes as _dt
from ....engine.framework.constant_op import convert_to_tensor
from ....engine.framework.graph import Tensor, control_dependencies
from ....engine.ops.construction import zeros
from ....linear_operator import LinearOperatorLowRankUpdate
from ....ops import array_ops, check_ops, control_flow_ops, math_ops
from .._scale import make_tril_scale
from .affine_linear_operator import _DistributionShape
from .bijector import Bijector

__all__ = ["Affine"]


def _as_tensor(x, name):
    return None if x is None else convert_to_tensor(x, name=name)


class Affine(Bijector):
    """Y = (multiplier * I + diag(scale_diag) + tril + U diag(d) U^H) @ X + shift."""

    def __init__(self, shift=None, scale_identity_multiplier=None, scale_diag=None,
                 scale_tril=None, scale_perturb_factor=None, scale_perturb_diag=None,
                 validate_args=False, name="affine"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        if scale_perturb_diag is not None and scale_perturb_factor is None:
            raise ValueError("When scale_perturb_diag is specified, scale_perturb_factor must "
                             "be specified.")
        self._is_only_identity_multiplier = (scale_tril is None and scale_diag is None
                                             and scale_perturb_factor is None)
        values = [v for v in (shift, scale_identity_multiplier, scale_diag, scale_tril,
                              scale_perturb_diag, scale_perturb_factor)
                  if isinstance(v, Tensor)]
        with self._name_scope("init", values=values):
            dtype = _dt.float32
            if shift is not None:
                shift = convert_to_tensor(shift, name="shift")
                dtype = shift.dtype.base_dtype
            self._shift = shift
            if self._is_only_identity_multiplier and scale_identity_multiplier is None:
                scale_identity_multiplier = convert_to_tensor(1., dtype=dtype)
            scale = self._create_scale_operator(
                identity_multiplier=scale_identity_multiplier, diag=scale_diag,
                tril=scale_tril, perturb_diag=scale_perturb_diag,
                perturb_factor=scale_perturb_factor, shift=shift, validate_args=validate_args)
            if scale.dtype is not None:
                dtype = scale.dtype.base_dtype
            if not self._is_only_identity_multiplier:
                if shift is not None and shift.dtype.base_dtype != scale.dtype.base_dtype:
                    raise TypeError("shift.dtype({}) is incompatible with scale.dtype({})."
                                    .format(shift.dtype, scale.dtype))
                if scale.tensor_rank is not None:
                    batch_ndims = scale.tensor_rank - 2
                else:
                    batch_ndims = scale.tensor_rank_tensor() - 2
            else:
                batch_ndims = 0
            self._scale = scale
            self._shaper = _DistributionShape(batch_ndims=batch_ndims, event_ndims=1,
                                              validate_args=validate_args)
            # TF's expression parses as: [scale] if a tensor, else (the scale's parents +
            # [shift]) when there is a shift, else []
            if isinstance(scale, Tensor):
                graph_parents = [scale]
            elif self._shift is not None:
                graph_parents = scale.graph_parents + [self._shift]
            else:
                graph_parents = []
            super().__init__(forward_min_event_ndims=1, graph_parents=graph_parents,
                             is_constant_jacobian=True, dtype=dtype,
                             validate_args=validate_args, name=name)

    def _create_scale_operator(self, identity_multiplier, diag, tril, perturb_diag,
                               perturb_factor, shift, validate_args):
        identity_multiplier = _as_tensor(identity_multiplier, "identity_multiplier")
        diag = _as_tensor(diag, "diag")
        tril = _as_tensor(tril, "tril")
        perturb_diag = _as_tensor(perturb_diag, "perturb_diag")
        perturb_factor = _as_tensor(perturb_factor, "perturb_factor")
        shape_hint = None
        if perturb_factor is not None:
            shape_hint = perturb_factor.shape.with_rank_at_least(2)[-2].value
            if shape_hint is None:
                shape_hint = array_ops.shape(perturb_factor)[-2]
        if self._is_only_identity_multiplier:
            if validate_args:
                return control_flow_ops.with_dependencies([check_ops.assert_none_equal(
                    identity_multiplier, zeros([], identity_multiplier.dtype),
                    ["identity_multiplier should be non-zero."])], identity_multiplier)
            return identity_multiplier
        scale = make_tril_scale(loc=shift, scale_tril=tril, scale_diag=diag,
                                scale_identity_multiplier=identity_multiplier,
                                validate_args=validate_args, assert_positive=False,
                                shape_hint=shape_hint)
        if perturb_factor is not None:
            return LinearOperatorLowRankUpdate(
                scale, u=perturb_factor, diag_update=perturb_diag,
                is_diag_update_positive=perturb_diag is None, is_non_singular=True,
                is_self_adjoint=True, is_positive_definite=True, is_square=True)
        return scale

    @property
    def shift(self):
        return self._shift

    @property
    def scale(self):
        return self._scale

    def _forward(self, x):
        y = x
        if self._is_only_identity_multiplier:
            y *= self._scale
            if self.shift is not None:
                return y + self.shift
            return y
        y, sample_shape = self._shaper.make_batch_of_event_sample_matrices(
            y, expand_batch_dim=False)
        with control_dependencies(self._maybe_check_scale() if self.validate_args else []):
            y = self.scale.matmul(y)
        y = self._shaper.undo_make_batch_of_event_sample_matrices(y, sample_shape,
                                                                  expand_batch_dim=False)
        if self.shift is not None:
            y += self.shift
        return y

    def _inverse(self, y):
        x = y
        if self.shift is not None:
            x -= self.shift
        if self._is_only_identity_multiplier:
            return x / self._scale
        x, sample_shape = self._shaper.make_batch_of_event_sample_matrices(
            x, expand_batch_dim=False)
        x = self.scale.solve(x)
        return self._shaper.undo_make_batch_of_event_sample_matrices(x, sample_shape,
                                                                     expand_batch_dim=False)

    def _forward_log_det_jacobian(self, x):
        if self._is_only_identity_multiplier:
            event_size = math_ops.cast(array_ops.shape(x)[-1], dtype=self._scale.dtype)
            return math_ops.log(math_ops.abs(self._scale)) * event_size
        return self.scale.log_abs_determinant()

    def _maybe_check_scale(self):
        try:
            return [self.scale.assert_non_singular()]
        except NotImplementedError:
            return []
