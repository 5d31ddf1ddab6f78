"""TF-GAN's weight clipping (TF 1.14 contrib/gan/python/features/python/clip_weights_impl.py):
an optimizer wrapped in tf.contrib.opt.VariableClippingOptimizer, clipping each variable
whole (no dimensions) after its update, as WGAN does."""
from __future__ import annotations

from ...opt.wrappers import VariableClippingOptimizer

__all__ = ["clip_variables", "clip_discriminator_weights"]


def clip_discriminator_weights(optimizer, model, weight_clip):
    """`optimizer` clipping the discriminator variables of GANModel `model` to `weight_clip`."""
    return clip_variables(optimizer, model.discriminator_variables, weight_clip)


def clip_variables(optimizer, variables, weight_clip):
    """`optimizer` clipping `variables` to norm `weight_clip` after each update."""
    if weight_clip < 0:
        # TF passes the value as a second argument (the message keeps its `%s`).
        raise ValueError("`discriminator_weight_clip` must be positive. Instead, was %s",
                         weight_clip)
    return VariableClippingOptimizer(
        opt=optimizer, vars_to_clip_dims={var: [] for var in variables}, max_norm=weight_clip,
        use_locking=True, colocate_clip_ops_with_vars=True)
