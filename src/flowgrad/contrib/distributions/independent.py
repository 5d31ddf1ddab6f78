"""tf.contrib.distributions.Independent (TF 1.14): the rightmost reinterpreted_batch_ndims
batch dimensions of a distribution reinterpreted as event dimensions (log_prob and entropy
summed over them), and its KL divergence."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution as distribution_lib
from ...distributions import kullback_leibler
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, check_ops, math_ops
from ...engine.ops.construction import range as _range
from ...ops.tensor_util import constant_value

__all__ = ["Independent"]


class Independent(distribution_lib.Distribution):
    """A batch of distributions seen as one distribution over their joint events."""

    def __init__(self, distribution, reinterpreted_batch_ndims=None, validate_args=False,
                 name=None):
        parameters = dict(locals())
        name = name or "Independent" + distribution.name
        self._distribution = distribution
        with name_scope(name) as name:
            if reinterpreted_batch_ndims is None:
                reinterpreted_batch_ndims = _default_reinterpreted_batch_ndims(distribution)
            reinterpreted_batch_ndims = convert_to_tensor(
                reinterpreted_batch_ndims, dtype=_dt.int32, name="reinterpreted_batch_ndims")
            self._reinterpreted_batch_ndims = reinterpreted_batch_ndims
            self._static_reinterpreted_batch_ndims = constant_value(reinterpreted_batch_ndims)
            if self._static_reinterpreted_batch_ndims is not None:
                self._reinterpreted_batch_ndims = self._static_reinterpreted_batch_ndims
            super().__init__(dtype=distribution.dtype,
                             reparameterization_type=distribution.reparameterization_type,
                             validate_args=validate_args,
                             allow_nan_stats=distribution.allow_nan_stats,
                             parameters=parameters,
                             graph_parents=([reinterpreted_batch_ndims]
                                            + distribution._graph_parents),
                             name=name)
            self._runtime_assertions = _make_runtime_assertions(
                distribution, reinterpreted_batch_ndims, validate_args)

    @property
    def distribution(self):
        return self._distribution

    @property
    def reinterpreted_batch_ndims(self):
        return self._reinterpreted_batch_ndims

    def _batch_shape_tensor(self):
        with control_dependencies(self._runtime_assertions):
            batch_shape = self.distribution.batch_shape_tensor()
            batch_ndims = _inner_batch_ndims(batch_shape)
            return batch_shape[:batch_ndims - self.reinterpreted_batch_ndims]

    def _batch_shape(self):
        batch_shape = self.distribution.batch_shape
        if self._static_reinterpreted_batch_ndims is None or batch_shape.ndims is None:
            return TensorShape(None)
        return batch_shape[:batch_shape.ndims - int(self._static_reinterpreted_batch_ndims)]

    def _event_shape_tensor(self):
        with control_dependencies(self._runtime_assertions):
            batch_shape = self.distribution.batch_shape_tensor()
            batch_ndims = _inner_batch_ndims(batch_shape)
            return array_ops.concat([batch_shape[batch_ndims - self.reinterpreted_batch_ndims:],
                                     self.distribution.event_shape_tensor()], axis=0)

    def _event_shape(self):
        batch_shape = self.distribution.batch_shape
        if self._static_reinterpreted_batch_ndims is None or batch_shape.ndims is None:
            return TensorShape(None)
        d = batch_shape.ndims - int(self._static_reinterpreted_batch_ndims)
        return batch_shape[d:].concatenate(self.distribution.event_shape)

    def _sample_n(self, n, seed):
        with control_dependencies(self._runtime_assertions):
            return self.distribution.sample(sample_shape=n, seed=seed)

    def _log_prob(self, x):
        with control_dependencies(self._runtime_assertions):
            return self._reduce_sum(self.distribution.log_prob(x))

    def _entropy(self):
        with control_dependencies(self._runtime_assertions):
            return self._reduce_sum(self.distribution.entropy())

    def _mean(self):
        with control_dependencies(self._runtime_assertions):
            return self.distribution.mean()

    def _variance(self):
        with control_dependencies(self._runtime_assertions):
            return self.distribution.variance()

    def _stddev(self):
        with control_dependencies(self._runtime_assertions):
            return self.distribution.stddev()

    def _mode(self):
        with control_dependencies(self._runtime_assertions):
            return self.distribution.mode()

    def _reduce_sum(self, stat):
        if self._static_reinterpreted_batch_ndims is None:
            range_ = _range(self._reinterpreted_batch_ndims)
        else:
            range_ = np.arange(self._static_reinterpreted_batch_ndims)
        return math_ops.reduce_sum(stat, axis=-1 - range_)


def _inner_batch_ndims(batch_shape):
    dim0 = batch_shape.shape.with_rank_at_least(1)[0].value
    return dim0 if dim0 is not None else array_ops.shape(batch_shape)[0]


def _default_reinterpreted_batch_ndims(distribution):
    """max(0, batch rank - 1): NumPy's when the rank is static, else a Maximum op."""
    ndims = distribution.batch_shape.ndims
    if ndims is None:
        return math_ops.maximum(0, array_ops.shape(distribution.batch_shape_tensor())[0] - 1)
    return np.maximum(0, ndims - 1)


def _make_runtime_assertions(distribution, reinterpreted_batch_ndims, validate_args):
    """TF's ValueError for a static reinterpreted_batch_ndims above the static batch rank;
    else, under validate_args, an assert_less_equal between them."""
    assertions = []
    static = constant_value(reinterpreted_batch_ndims)
    batch_ndims = distribution.batch_shape.ndims
    if batch_ndims is not None and static is not None:
        if static > batch_ndims:
            raise ValueError("reinterpreted_batch_ndims({}) cannot exceed "
                             "distribution.batch_ndims({})".format(static, batch_ndims))
    elif validate_args:
        batch_ndims = _inner_batch_ndims(distribution.batch_shape_tensor())
        assertions.append(check_ops.assert_less_equal(
            reinterpreted_batch_ndims, batch_ndims,
            message="reinterpreted_batch_ndims cannot exceed distribution.batch_ndims"))
    return assertions


@kullback_leibler.RegisterKL(Independent, Independent)
def _kl_independent(a, b, name="kl_independent"):
    """KL(a || b) summed over the reinterpreted dimensions."""
    p, q = a.distribution, b.distribution
    if not (a.event_shape.is_fully_defined() and b.event_shape.is_fully_defined()):
        with control_dependencies([
                check_ops.assert_equal(a.event_shape_tensor(), b.event_shape_tensor()),
                check_ops.assert_equal(p.event_shape_tensor(), q.event_shape_tensor())]):
            # TF 1.14 takes the shape of element 0 of each event shape (an empty vector)
            num_reduce_dims = (array_ops.shape(a.event_shape_tensor()[0])
                               - array_ops.shape(p.event_shape_tensor()[0]))
            reduce_dims = _range(-num_reduce_dims - 1, -1, 1)
            return math_ops.reduce_sum(kullback_leibler.kl_divergence(p, q, name=name),
                                       axis=reduce_dims)
    if a.event_shape != b.event_shape:
        raise ValueError("Event shapes do not match.")
    if p.event_shape != q.event_shape:
        raise NotImplementedError("KL between Independents with different event shapes not "
                                  "supported.")
    num_reduce_dims = a.event_shape.ndims - p.event_shape.ndims
    reduce_dims = [-i - 1 for i in range(0, num_reduce_dims)]
    return math_ops.reduce_sum(kullback_leibler.kl_divergence(p, q, name=name),
                               axis=reduce_dims)
