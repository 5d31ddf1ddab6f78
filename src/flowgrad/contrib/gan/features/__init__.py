"""tf.contrib.gan.features (TF 1.14 contrib/gan/python/features): weight clipping,
conditioning, the random tensor pool, spectral normalization and virtual batch norm. As
TF's remove_undocumented, only the functions are public, not the modules."""
from . import clip_weights as _clip_weights
from . import conditioning_utils as _conditioning_utils
from . import random_tensor_pool as _random_tensor_pool
from . import spectral_normalization as _spectral_normalization
from . import virtual_batchnorm as _virtual_batchnorm
from .clip_weights import *  # noqa: F401,F403
from .conditioning_utils import *  # noqa: F401,F403
from .random_tensor_pool import *  # noqa: F401,F403
from .spectral_normalization import *  # noqa: F401,F403
from .virtual_batchnorm import *  # noqa: F401,F403

__all__ = (_clip_weights.__all__ + _conditioning_utils.__all__ + _random_tensor_pool.__all__
           + _spectral_normalization.__all__ + _virtual_batchnorm.__all__)
del clip_weights, conditioning_utils, random_tensor_pool  # noqa: F821
del spectral_normalization, virtual_batchnorm  # noqa: F821


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.features.{name}")
