"""`tf.contrib.optimizer_v2`: TF 1.14's distribution-aware optimizers (OptimizerV2 and the
Adadelta, Adagrad, Adam, GradientDescent, Momentum and RMSProp built on it).

>>> opt = tf.contrib.optimizer_v2.AdamOptimizer(0.01)
"""
from .optimizer_v2 import OptimizerV2
from .optimizers import (AdadeltaOptimizer, AdagradOptimizer, AdamOptimizer,
                         GradientDescentOptimizer, MomentumOptimizer, RMSPropOptimizer)

__all__ = ["AdadeltaOptimizer", "AdagradOptimizer", "AdamOptimizer",
           "GradientDescentOptimizer", "MomentumOptimizer", "OptimizerV2", "RMSPropOptimizer"]
