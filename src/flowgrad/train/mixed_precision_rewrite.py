"""tf.train.experimental.enable_mixed_precision_graph_rewrite / disable_... (TF 1.14
training/experimental/mixed_precision.py): wrap an optimizer for loss scaling and turn on
Grappler's auto_mixed_precision pass. That pass rewrites only GPU graphs (float32 ops to
float16 where safe); on a CPU-only machine, as here, the graph keeps its float32 ops and
only the loss scaling remains."""
from __future__ import annotations

from .. import logging
from .loss_scale_optimizer import MixedPrecisionLossScaleOptimizer
from .optimizer import Optimizer

__all__ = ["disable_mixed_precision_graph_rewrite", "enable_mixed_precision_graph_rewrite"]

_ENABLED = [False]


def _wrap_optimizer(opt, loss_scale):
    if isinstance(opt, MixedPrecisionLossScaleOptimizer):
        raise ValueError('"opt" must not already be an instance of a '
                         'MixedPrecisionLossScaleOptimizer. '
                         '`enable_mixed_precision_graph_rewrite` will '
                         'automatically wrap the optimizer with a '
                         'MixedPrecisionLossScaleOptimizer.')
    if opt.__class__.__name__ == "LossScaleOptimizer":
        raise ValueError('"opt" must not already be an instance of a '
                         'LossScaleOptimizer. '
                         '`enable_mixed_precision_graph_rewrite` will '
                         'automatically wrap the optimizer with a '
                         'LossScaleOptimizer.')
    if isinstance(opt, Optimizer):
        return MixedPrecisionLossScaleOptimizer(opt, loss_scale)
    if "OptimizerV2" in [c.__name__ for c in type(opt).__mro__]:
        from ..keras.mixed_precision.loss_scale_optimizer import \
            LossScaleOptimizer  # lazy: Keras sits above tf.train
        return LossScaleOptimizer(opt, loss_scale)
    raise ValueError('"opt" must be an instance of a tf.train.Optimizer or a '
                     'tf.keras.optimizers.Optimizer, but got: %s' % opt)


def enable_mixed_precision_graph_rewrite(opt, loss_scale="dynamic"):
    """`opt` wrapped in a loss-scaling optimizer (`loss_scale`: a number, "dynamic" or a
    tf.train.experimental.LossScale); marks the mixed precision rewrite enabled."""
    opt = _wrap_optimizer(opt, loss_scale)
    _ENABLED[0] = True
    return opt


def disable_mixed_precision_graph_rewrite():
    """Marks the rewrite disabled (optimizers already wrapped keep their loss scaling)."""
    if not _ENABLED[0]:
        logging.warning("disable_mixed_precision_graph_rewrite() called when mixed "
                     "precision is already disabled.")
    _ENABLED[0] = False
