"""tf.train.experimental (TF 1.14): the loss scales LossScale, FixedLossScale,
DynamicLossScale, MixedPrecisionLossScaleOptimizer and enable_ / disable_
mixed_precision_graph_rewrite."""
from .loss_scale import DynamicLossScale, FixedLossScale, LossScale
from .loss_scale_optimizer import MixedPrecisionLossScaleOptimizer
from .mixed_precision_rewrite import (disable_mixed_precision_graph_rewrite,
                                      enable_mixed_precision_graph_rewrite)

__all__ = ["LossScale", "FixedLossScale", "DynamicLossScale",
           "MixedPrecisionLossScaleOptimizer", "disable_mixed_precision_graph_rewrite",
           "enable_mixed_precision_graph_rewrite"]
