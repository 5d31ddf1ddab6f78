"""tf.contrib.opt's private modules, as TF1 programs import them (`from
tensorflow.contrib.opt.python.training import sign_decay`), and the raw training kernels'
module (`from tensorflow.python.training import training_ops`), under `flowgrad run`'s
alias: each name is flowgrad's public one (TF 1.14's modules hold these names)."""
from flowgrad.compat.tf_alias import alias_tensorflow


def test_contrib_opt_private_modules_import():
    src = """
import tensorflow as tf
from tensorflow.contrib.opt.python.training import sign_decay
from tensorflow.contrib.opt.python.training import addsign, powersign, nadam_optimizer
from tensorflow.contrib.opt.python.training.weight_decay_optimizers import (
    AdamWOptimizer, extend_with_decoupled_weight_decay)
from tensorflow.contrib.opt.python.training.lazy_adam_optimizer import LazyAdamOptimizer
from tensorflow.contrib.opt.python.training import moving_average_optimizer
from tensorflow.python.training import training_ops
co = tf.contrib.opt
assert sign_decay.get_cosine_decay_fn(10)(tf.constant(2)).dtype == tf.float32
assert addsign.AddSignOptimizer is co.AddSignOptimizer
assert powersign.PowerSignOptimizer is co.PowerSignOptimizer
assert nadam_optimizer.NadamOptimizer is co.NadamOptimizer
assert AdamWOptimizer is co.AdamWOptimizer
assert extend_with_decoupled_weight_decay is co.extend_with_decoupled_weight_decay
assert LazyAdamOptimizer is co.LazyAdamOptimizer
assert moving_average_optimizer.MovingAverageOptimizer is co.MovingAverageOptimizer
assert training_ops.apply_power_sign(tf.Variable([1.0]), tf.Variable([0.0]), 0.1, 1.0, 1.0,
                                     0.9, tf.constant([1.0])).op.type == "ApplyPowerSign"
"""
    with alias_tensorflow():
        exec(compile(src, "<script>", "exec"), {})
