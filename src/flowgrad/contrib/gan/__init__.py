"""tf.contrib.gan (TF-GAN) in part: its losses (`tf.contrib.gan.losses.wargs`, the
functions of tensors). GANModel, gan_model/gan_loss/gan_train_ops/gan_train, the
tuple losses, estimator, eval and features are not implemented: they raise
AttributeError naming the TF symbol."""
from . import losses  # noqa: F401


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.{name}")
