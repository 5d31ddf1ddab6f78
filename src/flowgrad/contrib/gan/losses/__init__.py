"""tf.contrib.gan.losses: `wargs`, TF-GAN's losses taking tensors (the tuple losses that
take a GANModel are not implemented)."""
from . import wargs  # noqa: F401


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.losses.{name}")
