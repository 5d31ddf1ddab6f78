"""`tf.contrib.tpu`: TF 1.14's TPUEstimator and its configuration (run on the CPU,
use_tpu=False, as `tf.estimator.tpu`), and CrossShardOptimizer, which only a TPU
computation can use. The rest of tf.contrib.tpu (TPU ops, replication, keras_to_tpu_model,
...) is not implemented: it raises AttributeError naming the symbol."""
from ..estimator.tpu import (InputPipelineConfig, RunConfig, TPUConfig, TPUEstimator,
                             TPUEstimatorSpec)
from ..losses.losses_impl import Reduction as _Reduction

__all__ = ["CrossShardOptimizer", "InputPipelineConfig", "RunConfig", "TPUConfig",
           "TPUEstimator", "TPUEstimatorSpec"]


class CrossShardOptimizer:
    """TF's optimizer wrapper that sums gradients across TPU shards
    (tf.contrib.tpu.cross_replica_sum): TPU-only, so constructing it raises
    NotImplementedError (after TF's check of `reduction`)."""

    def __init__(self, opt, reduction=_Reduction.MEAN, name="CrossShardOptimizer",
                 group_assignment=None):
        if reduction not in (_Reduction.SUM, _Reduction.MEAN):
            raise ValueError("Unsupported reduction: %s." % reduction)
        raise NotImplementedError(
            "tf.contrib.tpu.CrossShardOptimizer: summing gradients across TPU shards is "
            "not implemented by flowgrad (use the optimizer itself with use_tpu=False)")


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.tpu.{name}")
