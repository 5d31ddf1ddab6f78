"""tf.contrib.keras.utils (TF 1.14): the objects of
tf.keras.utils that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.utils import (  # noqa: F401
    CustomObjectScope, GeneratorEnqueuer, HDF5Matrix, Progbar, Sequence,
    SequenceEnqueuer, convert_all_kernels_in_model, custom_object_scope,
    deserialize_keras_object, get_custom_objects, get_file, normalize, plot_model,
    serialize_keras_object, to_categorical)
from .....keras._losses_utils import squeeze_or_expand_dimensions  # noqa: F401

__all__ = ["CustomObjectScope", "GeneratorEnqueuer", "HDF5Matrix", "Progbar", "Sequence",
           "SequenceEnqueuer", "convert_all_kernels_in_model", "custom_object_scope",
           "deserialize_keras_object", "get_custom_objects", "get_file", "normalize", "plot_model",
           "serialize_keras_object", "squeeze_or_expand_dimensions", "to_categorical"]
