"""tf.keras.mixed_precision.experimental (TF 1.14): Policy, global_policy, set_policy,
LossScaleOptimizer."""
from .loss_scale_optimizer import LossScaleOptimizer
from .policy import Policy, global_policy, set_policy

__all__ = ["LossScaleOptimizer", "Policy", "global_policy", "set_policy"]
