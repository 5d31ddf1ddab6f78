"""TF 1.14's distribution_util.make_diag_scale and make_tril_scale: the LinearOperator scales
of the multivariate normals and the Affine bijector."""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...linear_operator import (LinearOperatorDiag, LinearOperatorIdentity,
                                LinearOperatorLowerTriangular, LinearOperatorScaledIdentity)
from ...engine.ops.construction import zeros
from ...ops import check_ops, control_flow_ops, matrix_ops

__all__ = ["make_diag_scale", "make_tril_scale"]


def _convert(x, name):
    return None if x is None else convert_to_tensor(x, name=name)


def _tensors(*values):
    return [x for x in values if hasattr(x, "graph")]


def make_diag_scale(loc=None, scale_diag=None, scale_identity_multiplier=None,
                    assert_positive=False, shape_hint=None, validate_args=False, name=None):
    """A diagonal, scaled identity or identity LinearOperator scale; under validate_args the
    diagonal (or multiplier) carries TF's positive / non-zero assertion."""

    def maybe_attach_assertion(x):
        if not validate_args:
            return x
        if assert_positive:
            return control_flow_ops.with_dependencies([check_ops.assert_positive(
                x, message="diagonal part must be positive")], x)
        return control_flow_ops.with_dependencies([check_ops.assert_none_equal(
            x, zeros([], x.dtype), message="diagonal part must be non-zero")], x)

    with name_scope(name, "make_diag_scale",
                    values=_tensors(loc, scale_diag, scale_identity_multiplier)):
        loc = _convert(loc, "loc")
        scale_diag = _convert(scale_diag, "scale_diag")
        multiplier = _convert(scale_identity_multiplier, "scale_identity_multiplier")
        if scale_diag is not None:
            if multiplier is not None:
                scale_diag += multiplier[..., None]
            return LinearOperatorDiag(diag=maybe_attach_assertion(scale_diag),
                                      is_non_singular=True,
                                      is_self_adjoint=True,
                                      is_positive_definite=assert_positive)
        if loc is None and shape_hint is None:
            raise ValueError("Cannot infer `event_shape` unless `loc` or `shape_hint` is "
                             "specified.")
        if shape_hint is None:
            shape_hint = loc.shape[-1].value
        if multiplier is None:
            return LinearOperatorIdentity(num_rows=shape_hint, dtype=loc.dtype.base_dtype,
                                          is_self_adjoint=True, is_positive_definite=True,
                                          assert_proper_shapes=validate_args)
        return LinearOperatorScaledIdentity(num_rows=shape_hint,
                                            multiplier=maybe_attach_assertion(multiplier),
                                            is_non_singular=True, is_self_adjoint=True,
                                            is_positive_definite=assert_positive,
                                            assert_proper_shapes=validate_args)


def make_tril_scale(loc=None, scale_tril=None, scale_diag=None,
                    scale_identity_multiplier=None, shape_hint=None, validate_args=False,
                    assert_positive=False, name=None):
    """A lower-triangular scale (tril + diag + multiplier), else make_diag_scale's; under
    validate_args the diagonal part carries TF's positive / non-zero assertion."""

    def maybe_attach_assertion(x):
        if not validate_args:
            return x
        if assert_positive:
            return control_flow_ops.with_dependencies([check_ops.assert_positive(
                matrix_ops.matrix_diag_part(x), message="diagonal part must be positive")], x)
        return control_flow_ops.with_dependencies([check_ops.assert_none_equal(
            matrix_ops.matrix_diag_part(x), zeros([], x.dtype),
            message="diagonal part must be non-zero")], x)

    with name_scope(name, "make_tril_scale",
                    values=_tensors(loc, scale_diag, scale_identity_multiplier)):
        loc = _convert(loc, "loc")
        scale_tril = _convert(scale_tril, "scale_tril")
        scale_diag = _convert(scale_diag, "scale_diag")
        multiplier = _convert(scale_identity_multiplier, "scale_identity_multiplier")
    if scale_tril is not None:
        scale_tril = matrix_ops.matrix_band_part(scale_tril, -1, 0)
        tril_diag = matrix_ops.matrix_diag_part(scale_tril)
        if scale_diag is not None:
            tril_diag += scale_diag
        if multiplier is not None:
            tril_diag += multiplier[..., None]
        scale_tril = matrix_ops.matrix_set_diag(scale_tril, tril_diag)
        return LinearOperatorLowerTriangular(tril=maybe_attach_assertion(scale_tril),
                                             is_non_singular=True,
                                             is_self_adjoint=False,
                                             is_positive_definite=assert_positive)
    return make_diag_scale(loc=loc, scale_diag=scale_diag,
                           scale_identity_multiplier=multiplier, shape_hint=shape_hint,
                           validate_args=validate_args, assert_positive=assert_positive,
                           name=name)
