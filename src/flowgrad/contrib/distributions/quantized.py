"""tf.contrib.distributions.QuantizedDistribution (TF 1.14): Y = ceiling(X) of a scalar base
distribution, clipped to [low, high]; its probabilities are differences of the base's
(log) cdf and survival function, as TF computes them."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution as distribution_lib
from ...distributions._checks import assert_integer_form
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...ops import array_ops, check_ops, control_flow_ops, math_ops

__all__ = ["QuantizedDistribution"]


def _logsum_expbig_minus_expsmall(big, small):
    """log(exp(big) - exp(small)) as TF: log(1 - exp(small - big)) + big."""
    with name_scope("logsum_expbig_minus_expsmall", values=[small, big]):
        return math_ops.log(1. - math_ops.exp(small - big)) + big


class QuantizedDistribution(distribution_lib.Distribution):
    """The distribution of Y = ceiling(X), X drawn from `distribution`, with values below
    `low` set to `low` and above `high` set to `high` (TF 1.14's QuantizedDistribution)."""

    def __init__(self, distribution, low=None, high=None, validate_args=False,
                 name="QuantizedDistribution"):
        parameters = dict(locals())
        values = list(distribution.parameters.values()) + [low, high]
        with name_scope(name, values=values) as name:
            self._dist = distribution
            if low is not None:
                low = convert_to_tensor(low, name="low")
            if high is not None:
                high = convert_to_tensor(high, name="high")
            check_ops.assert_same_float_dtype(tensors=[self.distribution, low, high])
            graph_parents = self._dist._graph_parents
            checks = []
            if validate_args and low is not None and high is not None:
                checks.append(check_ops.assert_less(
                    low, high, message="low must be strictly less than high."))
            self._validate_args = validate_args  # _check_integer reads it
            with control_dependencies(checks if validate_args else []):
                if low is not None:
                    self._low = self._check_integer(low)
                    graph_parents += [self._low]
                else:
                    self._low = None
                if high is not None:
                    self._high = self._check_integer(high)
                    graph_parents += [self._high]
                else:
                    self._high = None
        super().__init__(dtype=self._dist.dtype,
                         reparameterization_type=distribution_lib.NOT_REPARAMETERIZED,
                         validate_args=validate_args,
                         allow_nan_stats=self._dist.allow_nan_stats,
                         parameters=parameters, graph_parents=graph_parents, name=name)

    @property
    def distribution(self):
        """The base distribution, p(x)."""
        return self._dist

    @property
    def low(self):
        """The lowest value quantization returns (None when unbounded)."""
        return self._low

    @property
    def high(self):
        """The highest value quantization returns (None when unbounded)."""
        return self._high

    def _batch_shape_tensor(self):
        return self.distribution.batch_shape_tensor()

    def _batch_shape(self):
        return self.distribution.batch_shape

    def _event_shape_tensor(self):
        return self.distribution.event_shape_tensor()

    def _event_shape(self):
        return self.distribution.event_shape

    def _sample_n(self, n, seed=None):
        low, high = self._low, self._high
        with name_scope("transform"):
            n = convert_to_tensor(n, name="n")
            x_samps = self.distribution.sample(n, seed=seed)
            ones = array_ops.ones_like(x_samps)
            result = math_ops.ceil(x_samps)
            if low is not None:
                result = array_ops.where(result < low, low * ones, result)
            if high is not None:
                result = array_ops.where(result > high, high * ones, result)
            return result

    def _log_prob(self, y):
        y = self._check_integer(y)
        try:
            return self._log_prob_with_logsf_and_logcdf(y)
        except NotImplementedError:
            return self._log_prob_with_logcdf(y)

    def _log_prob_with_logcdf(self, y):
        return _logsum_expbig_minus_expsmall(self.log_cdf(y), self.log_cdf(y - 1))

    def _log_prob_with_logsf_and_logcdf(self, y):
        logsf_y = self.log_survival_function(y)
        logsf_y_minus_1 = self.log_survival_function(y - 1)
        logcdf_y = self.log_cdf(y)
        logcdf_y_minus_1 = self.log_cdf(y - 1)
        # the survival terms right of the median, the cdf terms left of it
        big = array_ops.where(logsf_y < logcdf_y, logsf_y_minus_1, logcdf_y)
        small = array_ops.where(logsf_y < logcdf_y, logsf_y, logcdf_y_minus_1)
        return _logsum_expbig_minus_expsmall(big, small)

    def _prob(self, y):
        y = self._check_integer(y)
        try:
            return self._prob_with_sf_and_cdf(y)
        except NotImplementedError:
            return self._prob_with_cdf(y)

    def _prob_with_cdf(self, y):
        return self.cdf(y) - self.cdf(y - 1)

    def _prob_with_sf_and_cdf(self, y):
        sf_y = self.survival_function(y)
        sf_y_minus_1 = self.survival_function(y - 1)
        cdf_y = self.cdf(y)
        cdf_y_minus_1 = self.cdf(y - 1)
        return array_ops.where(sf_y < cdf_y, sf_y_minus_1 - sf_y, cdf_y - cdf_y_minus_1)

    def _log_cdf(self, y):
        low, high = self._low, self._high
        j = math_ops.floor(y)
        result = self.distribution.log_cdf(j)
        j += array_ops.zeros_like(result)
        if low is not None:
            neg_inf = -np.inf * array_ops.ones_like(result)
            result = array_ops.where(j < low, neg_inf, result)
        if high is not None:
            result = array_ops.where(j >= high, array_ops.zeros_like(result), result)
        return result

    def _cdf(self, y):
        low, high = self._low, self._high
        j = math_ops.floor(y)
        result = self.distribution.cdf(j)
        j += array_ops.zeros_like(result)
        if low is not None:
            result = array_ops.where(j < low, array_ops.zeros_like(result), result)
        if high is not None:
            result = array_ops.where(j >= high, array_ops.ones_like(result), result)
        return result

    def _log_survival_function(self, y):
        low, high = self._low, self._high
        j = math_ops.ceil(y)
        result = self.distribution.log_survival_function(j)
        j += array_ops.zeros_like(result)
        if low is not None:
            result = array_ops.where(j < low, array_ops.zeros_like(result), result)
        if high is not None:
            neg_inf = -np.inf * array_ops.ones_like(result)
            result = array_ops.where(j >= high, neg_inf, result)
        return result

    def _survival_function(self, y):
        low, high = self._low, self._high
        j = math_ops.ceil(y)
        result = self.distribution.survival_function(j)
        j += array_ops.zeros_like(result)
        if low is not None:
            result = array_ops.where(j < low, array_ops.ones_like(result), result)
        if high is not None:
            result = array_ops.where(j >= high, array_ops.zeros_like(result), result)
        return result

    def _check_integer(self, value):
        with name_scope("check_integer", values=[value]):
            value = convert_to_tensor(value, name="value")
            if not self.validate_args:
                return value
            dependencies = [assert_integer_form(
                value, message="value has non-integer components.")]
            return control_flow_ops.with_dependencies(dependencies, value)
