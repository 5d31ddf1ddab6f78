"""tf.keras.experimental (TF 1.14): the cosine learning-rate schedules, PeepholeLSTMCell
and terminate_keras_multiprocessing_pools. SequenceFeatures and the SavedModel
export/load functions are not implemented (absent)."""
from .layers.recurrent import PeepholeLSTMCell  # noqa: F401
from .optimizers_schedules import (CosineDecay, CosineDecayRestarts,  # noqa: F401
                                   LinearCosineDecay, NoisyLinearCosineDecay)

__all__ = ["CosineDecay", "CosineDecayRestarts", "LinearCosineDecay",
           "NoisyLinearCosineDecay", "PeepholeLSTMCell", "terminate_keras_multiprocessing_pools"]


def terminate_keras_multiprocessing_pools(grace_period=0.1, use_sigkill=False):
    """Ends the worker processes of Keras' data pools and returns the errors met. flowgrad's
    enqueuers use threads (use_multiprocessing=True is not implemented), so there are no
    pools or worker processes: the list is empty."""
    return []
