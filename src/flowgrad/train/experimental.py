"""tf.train.experimental (TF 1.14): the loss scales LossScale, FixedLossScale,
DynamicLossScale and MixedPrecisionLossScaleOptimizer."""
from .loss_scale import DynamicLossScale, FixedLossScale, LossScale
from .loss_scale_optimizer import MixedPrecisionLossScaleOptimizer

__all__ = ["LossScale", "FixedLossScale", "DynamicLossScale",
           "MixedPrecisionLossScaleOptimizer"]
