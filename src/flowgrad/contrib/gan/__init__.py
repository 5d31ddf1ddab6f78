"""tf.contrib.gan (TF-GAN): its named tuples, models, losses (`losses` of a GANModel and
`losses.wargs` of tensors), train ops and training, `features` and `eval` (TF 1.14
contrib) and `estimator` (GANEstimator)."""
from . import estimator  # noqa: F401
from . import eval  # noqa: F401,A004 - TF's name
from . import features  # noqa: F401
from . import losses  # noqa: F401
from . import namedtuples as _namedtuples
from . import train as _train
from .namedtuples import *  # noqa: F401,F403
from .train import *  # noqa: F401,F403

__all__ = ["estimator", "eval", "features", "losses"] + _train.__all__ + _namedtuples.__all__
del namedtuples, train  # noqa: F821 - TF's remove_undocumented drops the two modules


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.{name}")
