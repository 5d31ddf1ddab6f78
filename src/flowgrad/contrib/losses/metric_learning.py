"""tf.contrib.losses.metric_learning: TF 1.14's six losses over embeddings
(metric_loss_ops.py); its helpers are not in this namespace, as in TF."""
from .metric_loss_ops import (contrastive_loss, lifted_struct_loss, npairs_loss,
                              npairs_loss_multilabel, triplet_semihard_loss)
from .metric_loss_ops import _CLUSTER
from .metric_loss_ops import __getattr__ as _missing

__all__ = ["contrastive_loss", "lifted_struct_loss", "npairs_loss", "npairs_loss_multilabel",
           "triplet_semihard_loss"]


def __getattr__(name):
    if name in _CLUSTER:
        return _missing(name)
    raise AttributeError("module 'tensorflow.contrib.losses.python.metric_learning' has no "
                         f"attribute '{name}'")
