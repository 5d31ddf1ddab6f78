"""tf.contrib.distributions.Independent (TF 1.14): the rightmost reinterpreted_batch_ndims
batch dimensions of a distribution reinterpreted as event dimensions (log_prob and entropy
summed over them), and its KL divergence."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution as distribution_lib
from ...distributions import kullback_leibler
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
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
                ndims = distribution.batch_shape.ndims
                if ndims is None:
                    raise NotImplementedError("Independent of a batch rank known only at run "
                                              "time")
                reinterpreted_batch_ndims = np.maximum(0, ndims - 1)
            reinterpreted_batch_ndims = convert_to_tensor(
                reinterpreted_batch_ndims, dtype=_dt.int32, name="reinterpreted_batch_ndims")
            self._static_reinterpreted_batch_ndims = constant_value(reinterpreted_batch_ndims)
            if self._static_reinterpreted_batch_ndims is None:
                raise NotImplementedError("Independent with reinterpreted_batch_ndims known "
                                          "only at run time")
            self._reinterpreted_batch_ndims = self._static_reinterpreted_batch_ndims
            super().__init__(dtype=distribution.dtype,
                             reparameterization_type=distribution.reparameterization_type,
                             validate_args=validate_args,
                             allow_nan_stats=distribution.allow_nan_stats,
                             parameters=parameters,
                             graph_parents=([reinterpreted_batch_ndims]
                                            + distribution._graph_parents),
                             name=name)
            batch_ndims = distribution.batch_shape.ndims
            static = int(self._static_reinterpreted_batch_ndims)
            if batch_ndims is None:
                if validate_args:
                    raise NotImplementedError("validate_args=True for Independent of a batch "
                                              "rank known only at run time")
            elif static > batch_ndims:
                raise ValueError("reinterpreted_batch_ndims({}) cannot exceed "
                                 "distribution.batch_ndims({})".format(static, batch_ndims))

    @property
    def distribution(self):
        return self._distribution

    @property
    def reinterpreted_batch_ndims(self):
        return self._reinterpreted_batch_ndims

    def _inner_batch_ndims(self, batch_shape):
        dim0 = batch_shape.shape.with_rank_at_least(1)[0].value
        return dim0 if dim0 is not None else array_ops.shape(batch_shape)[0]

    def _batch_shape_tensor(self):
        batch_shape = self.distribution.batch_shape_tensor()
        batch_ndims = self._inner_batch_ndims(batch_shape)
        return batch_shape[:batch_ndims - self.reinterpreted_batch_ndims]

    def _batch_shape(self):
        batch_shape = self.distribution.batch_shape
        if batch_shape.ndims is None:
            return TensorShape(None)
        return batch_shape[:batch_shape.ndims - int(self._static_reinterpreted_batch_ndims)]

    def _event_shape_tensor(self):
        batch_shape = self.distribution.batch_shape_tensor()
        batch_ndims = self._inner_batch_ndims(batch_shape)
        return array_ops.concat([batch_shape[batch_ndims - self.reinterpreted_batch_ndims:],
                                 self.distribution.event_shape_tensor()], axis=0)

    def _event_shape(self):
        batch_shape = self.distribution.batch_shape
        if batch_shape.ndims is None:
            return TensorShape(None)
        d = batch_shape.ndims - int(self._static_reinterpreted_batch_ndims)
        return batch_shape[d:].concatenate(self.distribution.event_shape)

    def _sample_n(self, n, seed):
        return self.distribution.sample(sample_shape=n, seed=seed)

    def _log_prob(self, x):
        return self._reduce_sum(self.distribution.log_prob(x))

    def _entropy(self):
        return self._reduce_sum(self.distribution.entropy())

    def _mean(self):
        return self.distribution.mean()

    def _variance(self):
        return self.distribution.variance()

    def _stddev(self):
        return self.distribution.stddev()

    def _mode(self):
        return self.distribution.mode()

    def _reduce_sum(self, stat):
        range_ = np.arange(self._static_reinterpreted_batch_ndims)
        return math_ops.reduce_sum(stat, axis=-1 - range_)


@kullback_leibler.RegisterKL(Independent, Independent)
def _kl_independent(a, b, name="kl_independent"):
    """KL(a || b) summed over the reinterpreted dimensions."""
    p, q = a.distribution, b.distribution
    if not (a.event_shape.is_fully_defined() and b.event_shape.is_fully_defined()):
        raise NotImplementedError("KL between Independents of event shapes known only at run "
                                  "time")
    if a.event_shape != b.event_shape:
        raise ValueError("Event shapes do not match.")
    if p.event_shape != q.event_shape:
        raise NotImplementedError("KL between Independents with different event shapes not "
                                  "supported.")
    num_reduce_dims = a.event_shape.ndims - p.event_shape.ndims
    reduce_dims = [-i - 1 for i in range(0, num_reduce_dims)]
    return math_ops.reduce_sum(kullback_leibler.kl_divergence(p, q, name=name),
                               axis=reduce_dims)
