"""`tf.contrib.optimizer_v2`: TF 1.14's distribution-aware optimizers (OptimizerV2 and the
Adadelta, Adagrad, Adam, GradientDescent, Momentum and RMSProp built on it)."""
from .optimizer_v2 import OptimizerV2

__all__ = ["OptimizerV2"]
