"""`tf.contrib.opt`: TF 1.14's contributed optimizers.

>>> opt = tf.contrib.opt.AdamWOptimizer(weight_decay=1e-4, learning_rate=0.01)
"""
from .adam_variants import (AdaMaxOptimizer, AdamGSOptimizer, LazyAdamGSOptimizer,
                            LazyAdamOptimizer, NadamOptimizer)
from .ggt import GGTOptimizer
from .shampoo import ShampooOptimizer
from .external_optimizer import ExternalOptimizerInterface, ScipyOptimizerInterface
from .agn import AGNCustomGetter, AGNOptimizer
from .elastic_average import ElasticAverageCustomGetter, ElasticAverageOptimizer
from .model_average import ModelAverageCustomGetter, ModelAverageOptimizer
from .moving_average_optimizer import MovingAverageOptimizer
from .sign_optimizers import AddSignOptimizer, PowerSignOptimizer
from .weight_decay import (AdamWOptimizer, DecoupledWeightDecayExtension, MomentumWOptimizer,
                           extend_with_decoupled_weight_decay)
from .wrappers import (DropStaleGradientOptimizer, LARSOptimizer, MultitaskOptimizerWrapper,
                       RegAdagradOptimizer, VariableClippingOptimizer,
                       clip_gradients_by_global_norm)

__all__ = ["AdaMaxOptimizer", "LazyAdamOptimizer", "NadamOptimizer", "AddSignOptimizer",
           "PowerSignOptimizer", "AdamWOptimizer", "DecoupledWeightDecayExtension",
           "MomentumWOptimizer", "extend_with_decoupled_weight_decay",
           "DropStaleGradientOptimizer", "LARSOptimizer", "MultitaskOptimizerWrapper",
           "RegAdagradOptimizer", "VariableClippingOptimizer", "clip_gradients_by_global_norm",
           "MovingAverageOptimizer", "ExternalOptimizerInterface", "ScipyOptimizerInterface",
           "AdamGSOptimizer", "LazyAdamGSOptimizer", "GGTOptimizer",
           "ShampooOptimizer", "ModelAverageCustomGetter", "ModelAverageOptimizer",
           "AGNCustomGetter", "AGNOptimizer", "ElasticAverageCustomGetter",
           "ElasticAverageOptimizer"]
