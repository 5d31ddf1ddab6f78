"""tf.keras.preprocessing (TF 1.14): image, sequence and text preprocessing.

As in TF 1.14 these come from the pure-Python keras-preprocessing package (1.1.2, what
TF 1.14 installs), told to use flowgrad's Keras backend and utils (`utils.Sequence` is
the base class of the iterators). Needs the `keras` extra; images also need Pillow
(load_img, array_to_img, flow_from_directory) and the random transforms SciPy, as in TF.
"""
try:
    import keras_preprocessing
except ImportError:  # pragma: no cover - the message is the point
    raise ImportError("tf.keras.preprocessing needs the keras-preprocessing package: "
                      "pip install 'flowgrad[keras]' (or pip install "
                      "keras-preprocessing==1.1.2)") from None

from .. import backend, utils

# before keras_preprocessing.image is imported: its Iterator subclasses utils.Sequence
keras_preprocessing.set_keras_submodules(backend=backend, utils=utils)

from . import image, sequence, text  # noqa: E402

__all__ = ["image", "sequence", "text"]
