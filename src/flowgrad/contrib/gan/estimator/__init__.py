"""tf.contrib.gan.estimator (TF 1.14 contrib/gan/python/estimator): GANEstimator and
SummaryType (module gan_estimator). The other estimators and the GAN head are not
implemented: they raise AttributeError naming the TF symbol."""
from . import gan_estimator
from .gan_estimator import *  # noqa: F401,F403

__all__ = ["gan_estimator"] + gan_estimator.__all__


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.estimator.{name}")
