"""tf.keras.backend (TF 1.14 keras/backend.py): every name TF 1.14 exports.

The pieces live in three private modules: _backend_core (floatx/epsilon, layer-name
counters, the learning phase, Keras' session, rnn), _backend_math (the tensor functions:
math, shapes, losses, convolutions, pooling, random tensors, CTC) and _backend_graph
(variables and their values, updates, print_tensor, gradients, K.function).
"""
from ._backend_core import *  # noqa: F401,F403
from ._backend_core import __all__ as _core_all
from ._backend_core import _initialize_variables_ops  # noqa: F401 - layers use it
from ._backend_graph import *  # noqa: F401,F403
from ._backend_graph import __all__ as _graph_all
from ._backend_math import *  # noqa: F401,F403
from ._backend_math import __all__ as _math_all

__all__ = sorted(set(_core_all) | set(_graph_all) | set(_math_all))
