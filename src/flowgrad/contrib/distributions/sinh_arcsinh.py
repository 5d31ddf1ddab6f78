"""tf.contrib.distributions.SinhArcsinh (TF 1.14): a TransformedDistribution of a scalar
distribution (Normal(0, 1) by default) through Chain([AffineScalar(loc, c), SinhArcsinh])."""
from __future__ import annotations

from ...distributions import distribution as distribution_lib
from ...distributions.continuous import Normal
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, check_ops, control_flow_ops
from ...ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape
from ...ops.tensor_util import constant_value
from .bijectors.basic import AffineScalar, Chain
from .bijectors.sinh_arcsinh import SinhArcsinh as SinhArcsinhBijector
from .transformed import TransformedDistribution

__all__ = ["SinhArcsinh"]


def _get_broadcast_shape(*tensors):
    """distribution_util.get_broadcast_shape: a list when static, else BroadcastArgs."""
    s_shape = tensors[0].shape
    for t in tensors[1:]:
        s_shape = broadcast_static_shape(s_shape, t.shape)
    if s_shape.is_fully_defined():
        return s_shape.as_list()
    d_shape = array_ops.shape(tensors[0])
    for t in tensors[1:]:
        d_shape = broadcast_dynamic_shape(d_shape, array_ops.shape(t))
    return d_shape


def _maybe_check_scalar_distribution(distribution, expected_base_dtype, validate_args):
    """distribution_util.maybe_check_scalar_distribution."""
    if distribution.dtype != expected_base_dtype:
        raise TypeError("dtype mismatch; distribution.dtype=\"{}\" is not \"{}\"".format(
            distribution.dtype.name, expected_base_dtype.name))
    if validate_args and (distribution.reparameterization_type
                          is not distribution_lib.FULLY_REPARAMETERIZED):
        raise ValueError("Base distribution should be reparameterized or be "
                         "a function of non-trainable variables; "
                         "distribution.reparameterization_type = \"{}\" "
                         "!= \"FULLY_REPARAMETERIZED\".".format(
                             distribution.reparameterization_type))
    with name_scope(name="check_distribution"):
        assertions = []

        def check_is_scalar(is_scalar, name):
            is_scalar_ = constant_value(is_scalar)
            if is_scalar_ is not None:
                if not is_scalar_:
                    raise ValueError("distribution must be scalar; "
                                     "distribution.{}=False is not True".format(name))
            elif validate_args:
                assertions.append(check_ops.assert_equal(
                    is_scalar, True,
                    message=("distribution must be scalar; "
                             "distribution.{}=False is not True".format(name))))
        check_is_scalar(distribution.is_scalar_event(), "is_scalar_event")
        check_is_scalar(distribution.is_scalar_batch(), "is_scalar_batch")
        return assertions


class SinhArcsinh(TransformedDistribution):
    """Y = loc + scale * F(Z) * (2 / F_0(2)), F(Z) = sinh((asinh(Z) + skewness) * tailweight),
    F_0 the same without skewness."""

    def __init__(self, loc, scale, skewness=None, tailweight=None, distribution=None,
                 validate_args=False, allow_nan_stats=True, name="SinhArcsinh"):
        parameters = dict(locals())
        with name_scope(name, values=[loc, scale, skewness, tailweight]) as name:
            loc = convert_to_tensor(loc, name="loc")
            dtype = loc.dtype
            scale = convert_to_tensor(scale, name="scale", dtype=dtype)
            tailweight = 1. if tailweight is None else tailweight
            has_default_skewness = skewness is None
            skewness = 0. if skewness is None else skewness
            tailweight = convert_to_tensor(tailweight, name="tailweight", dtype=dtype)
            skewness = convert_to_tensor(skewness, name="skewness", dtype=dtype)
            batch_shape = _get_broadcast_shape(loc, scale, tailweight, skewness)
            if distribution is None:
                distribution = Normal(loc=array_ops.zeros([], dtype=dtype),
                                      scale=array_ops.ones([], dtype=dtype),
                                      allow_nan_stats=allow_nan_stats)
            else:
                asserts = _maybe_check_scalar_distribution(distribution, dtype, validate_args)
                if asserts:
                    loc = control_flow_ops.with_dependencies(asserts, loc)
            f = SinhArcsinhBijector(skewness=skewness, tailweight=tailweight)
            if has_default_skewness:
                f_noskew = f
            else:
                f_noskew = SinhArcsinhBijector(skewness=skewness.dtype.as_numpy_dtype(0.),
                                               tailweight=tailweight)
            c = 2 * scale / f_noskew.forward(convert_to_tensor(2, dtype=dtype))
            affine = AffineScalar(shift=loc, scale=c, validate_args=validate_args)
            bijector = Chain([affine, f])
            super().__init__(distribution=distribution, bijector=bijector,
                             batch_shape=batch_shape, validate_args=validate_args, name=name)
        self._parameters = parameters
        self._loc = loc
        self._scale = scale
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
