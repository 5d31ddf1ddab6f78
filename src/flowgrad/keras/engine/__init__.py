"""tf.keras.engine: the Layer base class and InputSpec (graph mode)."""
from .base_layer import Layer  # noqa: F401
from .input_spec import InputSpec  # noqa: F401
