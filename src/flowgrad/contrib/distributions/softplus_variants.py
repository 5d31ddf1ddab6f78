"""The tf.contrib.distributions classes whose parameters pass through softplus (or |.|)
first (TF 1.14): NormalWithSoftplusScale, LaplaceWithSoftplusScale,
ExponentialWithSoftplusRate, GammaWithSoftplusConcentrationRate,
BetaWithSoftplusConcentration, StudentTWithAbsDfSoftplusScale and
MultivariateNormalDiagWithSoftplusScale."""
from __future__ import annotations

from ...distributions import Beta, Exponential, Gamma, Laplace, Normal, StudentT
from ...engine.framework.graph import name_scope
from ...ops import math_ops, nn_ops
from .mvn import MultivariateNormalDiag

__all__ = ["NormalWithSoftplusScale", "LaplaceWithSoftplusScale",
           "ExponentialWithSoftplusRate", "GammaWithSoftplusConcentrationRate",
           "BetaWithSoftplusConcentration", "StudentTWithAbsDfSoftplusScale",
           "MultivariateNormalDiagWithSoftplusScale"]


def _tensors(*values):
    return [v for v in values if hasattr(v, "graph")]


class NormalWithSoftplusScale(Normal):
    """Normal(loc, softplus(scale))."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="NormalWithSoftplusScale"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(scale)) as name:
            super().__init__(loc=loc, scale=nn_ops.softplus(scale, name="softplus_scale"),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters


class LaplaceWithSoftplusScale(Laplace):
    """Laplace(loc, softplus(scale))."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="LaplaceWithSoftplusScale"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(loc, scale)) as name:
            super().__init__(loc=loc, scale=nn_ops.softplus(scale, name="softplus_scale"),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters


class ExponentialWithSoftplusRate(Exponential):
    """Exponential(softplus(rate))."""

    def __init__(self, rate, validate_args=False, allow_nan_stats=True,
                 name="ExponentialWithSoftplusRate"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(rate)) as name:
            super().__init__(rate=nn_ops.softplus(rate, name="softplus_rate"),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters


class GammaWithSoftplusConcentrationRate(Gamma):
    """Gamma(softplus(concentration), softplus(rate))."""

    def __init__(self, concentration, rate, validate_args=False, allow_nan_stats=True,
                 name="GammaWithSoftplusConcentrationRate"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(concentration, rate)) as name:
            super().__init__(
                concentration=nn_ops.softplus(concentration, name="softplus_concentration"),
                rate=nn_ops.softplus(rate, name="softplus_rate"),
                validate_args=validate_args, allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class BetaWithSoftplusConcentration(Beta):
    """Beta(softplus(concentration1), softplus(concentration0))."""

    def __init__(self, concentration1, concentration0, validate_args=False,
                 allow_nan_stats=True, name="BetaWithSoftplusConcentration"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(concentration1, concentration0)) as name:
            super().__init__(
                concentration1=nn_ops.softplus(concentration1, name="softplus_concentration1"),
                concentration0=nn_ops.softplus(concentration0, name="softplus_concentration0"),
                validate_args=validate_args, allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class StudentTWithAbsDfSoftplusScale(StudentT):
    """StudentT(floor(|df|), loc, softplus(scale))."""

    def __init__(self, df, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="StudentTWithAbsDfSoftplusScale"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(df, scale)) as name:
            super().__init__(df=math_ops.floor(math_ops.abs(df)), loc=loc,
                             scale=nn_ops.softplus(scale, name="softplus_scale"),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters


class MultivariateNormalDiagWithSoftplusScale(MultivariateNormalDiag):
    """MultivariateNormalDiag(loc, softplus(scale_diag))."""

    def __init__(self, loc, scale_diag, validate_args=False, allow_nan_stats=True,
                 name="MultivariateNormalDiagWithSoftplusScale"):
        parameters = dict(locals())
        with name_scope(name, values=_tensors(scale_diag)) as name:
            super().__init__(loc=loc, scale_diag=nn_ops.softplus(scale_diag),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters
