"""tf.contrib.gan (TF-GAN): its named tuples, models, losses (`losses` of a GANModel and
`losses.wargs` of tensors), train ops and training, `features` (TF 1.14 contrib/gan). The
estimator and eval submodules are not implemented: they raise AttributeError naming the
TF symbol."""
from . import features  # noqa: F401
from . import losses  # noqa: F401
from . import namedtuples as _namedtuples
from . import train as _train
from .namedtuples import *  # noqa: F401,F403
from .train import *  # noqa: F401,F403

__all__ = ["features", "losses"] + _train.__all__ + _namedtuples.__all__
del namedtuples, train  # noqa: F821 - TF's remove_undocumented drops the two modules


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.{name}")
