"""tf.contrib.gan.estimator (TF 1.14 contrib/gan/python/estimator): GANEstimator,
StarGANEstimator, the deprecated GANHead / gan_head and their modules. SummaryType is
StarGANEstimator's (as TF's star import leaves it); get_latent_gan_estimator.
TPUGANEstimator raises NotImplementedError."""
from . import gan_estimator, head, latent_gan_estimator, stargan_estimator, tpu_gan_estimator
from .gan_estimator import *  # noqa: F401,F403
from .head import *  # noqa: F401,F403
from .latent_gan_estimator import *  # noqa: F401,F403
from .stargan_estimator import *  # noqa: F401,F403
from .tpu_gan_estimator import *  # noqa: F401,F403

__all__ = (["gan_estimator", "stargan_estimator", "tpu_gan_estimator",
            "latent_gan_estimator", "head"]
           + gan_estimator.__all__ + stargan_estimator.__all__ + head.__all__
           + tpu_gan_estimator.__all__ + latent_gan_estimator.__all__)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.estimator.{name}")
