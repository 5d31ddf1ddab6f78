"""tf.keras.backend: the graph-mode pieces the layers use (TF 1.14 keras/backend.py).

Per-graph layer-name counters (`dense`, `dense_1`, ...), the learning-phase
placeholder, floatx and epsilon.
"""
import weakref

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import get_default_graph, name_scope, reset_default_graph
from ..ops import array_ops

__all__ = ["floatx", "set_floatx", "epsilon", "set_epsilon", "image_data_format",
           "set_image_data_format", "get_uid", "reset_uids", "learning_phase",
           "set_learning_phase", "name_scope", "unique_object_name", "get_graph",
           "clear_session", "is_sparse"]

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"
_UIDS = weakref.WeakKeyDictionary()            # graph -> {name: last uid}
_LEARNING_PHASES = weakref.WeakKeyDictionary()  # graph -> tensor or 0/1


def floatx():
    """The default float type as a string ('float32')."""
    return _FLOATX


def set_floatx(value):
    """Sets the default float type ('float16', 'float32' or 'float64')."""
    global _FLOATX
    if value not in {"float16", "float32", "float64"}:
        raise ValueError("Unknown floatx type: " + str(value))
    _FLOATX = str(value)


def epsilon():
    """The fuzz factor used in numeric expressions (1e-7)."""
    return _EPSILON


def set_epsilon(value):
    """Sets the fuzz factor."""
    global _EPSILON
    _EPSILON = value


def image_data_format():
    """'channels_last' (the default) or 'channels_first'."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    """Sets the default image data format."""
    global _IMAGE_DATA_FORMAT
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    _IMAGE_DATA_FORMAT = str(data_format)


def get_graph():
    """The graph Keras builds in: the default graph (graph mode)."""
    return get_default_graph()


def _uid_map(graph=None):
    g = graph or get_default_graph()
    if g not in _UIDS:
        _UIDS[g] = {}
    return _UIDS[g]


def get_uid(prefix=""):
    """1, 2, 3, ... for successive calls with `prefix` in the default graph."""
    uids = _uid_map().setdefault("__uid__", {})
    uids[prefix] = uids.get(prefix, 0) + 1
    return uids[prefix]


def reset_uids():
    """Forgets the layer-name counters of the default graph."""
    _uid_map().clear()


def unique_object_name(name, name_uid_map=None, avoid_names=None, namespace="",
                       zero_based=False):
    """`name`, `name_1`, ... unique among the objects named in this graph."""
    if name_uid_map is None:
        name_uid_map = _uid_map()
    if avoid_names is None:
        avoid_names = set()
    proposed = None
    while proposed is None or proposed in avoid_names:
        key = (namespace, name)
        number = name_uid_map.get(key, 0)
        if zero_based:
            proposed = name + "_" + str(number) if number else name
            name_uid_map[key] = number + 1
        else:
            name_uid_map[key] = number + 1
            proposed = name + "_" + str(number + 1)
    return proposed


def learning_phase():
    """The learning phase of the default graph: a bool placeholder_with_default(False)
    named 'keras_learning_phase', or the value set by set_learning_phase."""
    g = get_default_graph()
    if g not in _LEARNING_PHASES:
        with name_scope(""):
            _LEARNING_PHASES[g] = array_ops.placeholder_with_default(
                False, shape=(), name="keras_learning_phase")
    return _LEARNING_PHASES[g]


def set_learning_phase(value):
    """Fixes the learning phase of the default graph to 0 (test) or 1 (train)."""
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    _LEARNING_PHASES[get_default_graph()] = value


def clear_session():
    """Forgets the default graph's layer names and learning phase (TF also resets the
    default graph)."""
    g = get_default_graph()
    _UIDS.pop(g, None)
    _LEARNING_PHASES.pop(g, None)
    reset_default_graph()


def is_sparse(tensor):
    """Whether `tensor` is a SparseTensor."""
    return type(tensor).__name__ == "SparseTensor"


def _dtype_name(dtype):
    return _dt.as_dtype(dtype).name
