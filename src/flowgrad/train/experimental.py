"""tf.train.experimental (TF 1.14): the loss scales LossScale, FixedLossScale,
DynamicLossScale."""
from .loss_scale import DynamicLossScale, FixedLossScale, LossScale

__all__ = ["LossScale", "FixedLossScale", "DynamicLossScale"]
