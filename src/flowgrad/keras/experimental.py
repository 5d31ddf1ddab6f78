"""tf.keras.experimental (TF 1.14): the cosine learning-rate schedules, PeepholeLSTMCell,
terminate_keras_multiprocessing_pools, the SavedModel functions export_saved_model and
load_from_saved_model (keras/saved_model.py) and SequenceFeatures
(keras/layers/sequence_features.py)."""
from .layers.recurrent import PeepholeLSTMCell  # noqa: F401
from .layers.sequence_features import SequenceFeatures  # noqa: F401
from .optimizers_schedules import (CosineDecay, CosineDecayRestarts,  # noqa: F401
                                   LinearCosineDecay, NoisyLinearCosineDecay)
from ._utils_more import terminate_keras_multiprocessing_pools  # noqa: F401
from .saved_model import export_saved_model, load_from_saved_model  # noqa: F401

__all__ = ["CosineDecay", "CosineDecayRestarts", "LinearCosineDecay",
           "NoisyLinearCosineDecay", "PeepholeLSTMCell", "SequenceFeatures",
           "terminate_keras_multiprocessing_pools",
           "export_saved_model", "load_from_saved_model"]
