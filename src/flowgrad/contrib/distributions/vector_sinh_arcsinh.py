"""tf.contrib.distributions.VectorSinhArcsinhDiag (TF 1.14): a TransformedDistribution of
iid scalar draws (Normal(0, 1) by default) through Chain([Affine(loc, diag(c)), SinhArcsinh]),
c = 2 * scale_diag_part / F_0(2)."""
from __future__ import annotations

from ...distributions.continuous import Normal
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, control_flow_ops
from ._scale import make_diag_scale
from .bijectors.affine import Affine
from .bijectors.basic import Chain
from .bijectors.sinh_arcsinh import SinhArcsinh as SinhArcsinhBijector
from .mvn import _shapes_from_loc_and_scale
from .sinh_arcsinh import _maybe_check_scalar_distribution
from .transformed import TransformedDistribution

__all__ = ["VectorSinhArcsinhDiag"]


class VectorSinhArcsinhDiag(TransformedDistribution):
    """Y = loc + scale @ F(Z) * (2 / F_0(2)), scale = diag(scale_diag +
    scale_identity_multiplier), F(Z) = sinh((asinh(Z) + skewness) * tailweight)."""

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None,
                 skewness=None, tailweight=None, distribution=None, validate_args=False,
                 allow_nan_stats=True, name="MultivariateNormalLinearOperator"):
        # TF 1.14's default name is MultivariateNormalLinearOperator (copied from mvn).
        parameters = dict(locals())
        with name_scope(name, values=[x for x in (loc, scale_diag, scale_identity_multiplier,
                                                  skewness, tailweight)
                                      if hasattr(x, "graph")]) as name:
            loc = convert_to_tensor(loc, name="loc") if loc is not None else loc
            tailweight = 1. if tailweight is None else tailweight
            has_default_skewness = skewness is None
            skewness = 0. if skewness is None else skewness
            scale_linop = make_diag_scale(loc=loc, scale_diag=scale_diag,
                                          scale_identity_multiplier=scale_identity_multiplier,
                                          validate_args=False, assert_positive=False)
            batch_shape, event_shape = _shapes_from_loc_and_scale(loc, scale_linop)
            scale_diag_part = scale_linop.diag_part()
            dtype = scale_diag_part.dtype
            if distribution is None:
                distribution = Normal(loc=array_ops.zeros([], dtype=dtype),
                                      scale=array_ops.ones([], dtype=dtype),
                                      allow_nan_stats=allow_nan_stats)
            else:
                asserts = _maybe_check_scalar_distribution(distribution, dtype, validate_args)
                if asserts:
                    scale_diag_part = control_flow_ops.with_dependencies(asserts,
                                                                         scale_diag_part)
            skewness = convert_to_tensor(skewness, dtype=dtype, name="skewness")
            tailweight = convert_to_tensor(tailweight, dtype=dtype, name="tailweight")
            f = SinhArcsinhBijector(skewness=skewness, tailweight=tailweight)
            if has_default_skewness:
                f_noskew = f
            else:
                f_noskew = SinhArcsinhBijector(skewness=skewness.dtype.as_numpy_dtype(0.),
                                               tailweight=tailweight)
            c = 2 * scale_diag_part / f_noskew.forward(convert_to_tensor(2, dtype=dtype))
            affine = Affine(shift=loc, scale_diag=c, validate_args=validate_args)
            super().__init__(distribution=distribution, bijector=Chain([affine, f]),
                             batch_shape=batch_shape, event_shape=event_shape,
                             validate_args=validate_args, name=name)
        self._parameters = parameters
        self._loc = loc
        self._scale = scale_linop
        self._tailweight = tailweight
        self._skewness = skewness

    @property
    def loc(self):
        return self._loc

    @property
    def scale(self):
        return self._scale

    @property
    def tailweight(self):
        return self._tailweight

    @property
    def skewness(self):
        return self._skewness
