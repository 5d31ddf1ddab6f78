"""tf.contrib.gan.losses: TF-GAN's losses of a GANModel tuple, and `wargs`, the same losses
of tensors."""
from . import tuple_losses, wargs  # noqa: F401
from .tuple_losses import *  # noqa: F401,F403
from .tuple_losses import __all__ as _tuple_all

del tuple_losses  # noqa: F821 - not public in TF (remove_undocumented)

__all__ = ["wargs"] + list(_tuple_all)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.losses.{name}")
