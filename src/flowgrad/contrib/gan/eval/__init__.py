"""tf.contrib.gan.eval (TF 1.14 contrib/gan/python/eval): classifier metrics (the
Inception network's download is not available), the sliced Wasserstein distance, image
layouts and summaries. Public as in TF: the functions and the modules classifier_metrics,
eval_utils and summaries (not sliced_wasserstein, whose function has its name)."""
from . import classifier_metrics, eval_utils, summaries
from . import sliced_wasserstein as _sliced_wasserstein
from .classifier_metrics import *  # noqa: F401,F403
from .eval_utils import *  # noqa: F401,F403
from .sliced_wasserstein import *  # noqa: F401,F403
from .summaries import *  # noqa: F401,F403

__all__ = (["classifier_metrics", "summaries", "eval_utils"]
           + classifier_metrics.__all__ + _sliced_wasserstein.__all__ + summaries.__all__
           + eval_utils.__all__)
del sliced_wasserstein  # noqa: F821


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.gan.eval.{name}")
