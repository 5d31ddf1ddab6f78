"""tf.keras.experimental (TF 1.14): the cosine learning-rate schedules, PeepholeLSTMCell,
terminate_keras_multiprocessing_pools and the SavedModel functions export_saved_model and
load_from_saved_model (keras/saved_model.py). SequenceFeatures is not implemented
(absent)."""
import importlib as _importlib

from .layers.recurrent import PeepholeLSTMCell  # noqa: F401
from .optimizers_schedules import (CosineDecay, CosineDecayRestarts,  # noqa: F401
                                   LinearCosineDecay, NoisyLinearCosineDecay)

__all__ = ["CosineDecay", "CosineDecayRestarts", "LinearCosineDecay",
           "NoisyLinearCosineDecay", "PeepholeLSTMCell", "terminate_keras_multiprocessing_pools",
           "export_saved_model", "load_from_saved_model"]


def __getattr__(name):
    """The SavedModel functions load their module (the SavedModel builder) on first use."""
    if name in ("export_saved_model", "load_from_saved_model"):
        value = getattr(_importlib.import_module(".saved_model", __package__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"flowgrad does not implement tensorflow.keras.experimental.{name}")


def terminate_keras_multiprocessing_pools(grace_period=0.1, use_sigkill=False):
    """Ends the worker processes of Keras' data pools and returns the errors met. flowgrad's
    enqueuers use threads (use_multiprocessing=True is not implemented), so there are no
    pools or worker processes: the list is empty."""
    return []
