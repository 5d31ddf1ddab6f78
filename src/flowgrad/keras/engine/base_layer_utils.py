"""Helpers of the Keras Layer base (TF 1.14 keras/engine/base_layer_utils.py and the
`get` functions of keras initializers / regularizers / constraints).
"""
import contextlib
import enum
import importlib
import importlib.util
import inspect
import re
import threading
import weakref

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import KERAS_HISTORY
from ...engine.framework.tensor_shape import TensorShape
from ...ops import init_ops, variables

__all__ = ["VariableSynchronization", "VariableAggregation", "make_variable",
           "get_initializer", "get_regularizer", "get_constraint", "to_snake_case",
           "needs_keras_history", "uses_keras_history", "is_in_call_context",
           "call_context"]


class VariableSynchronization(enum.Enum):
    """When a distributed variable is aggregated (TF's tf.VariableSynchronization)."""
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """How a distributed variable's updates are combined (TF's tf.VariableAggregation)."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


def to_snake_case(name):
    """'Conv2D' -> 'conv2d', 'BatchNormalization' -> 'batch_normalization' (TF's rule)."""
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


def resource_variables_available():
    """Whether flowgrad builds ResourceVariables (the engineer "resvar" adds them)."""
    return importlib.util.find_spec("flowgrad.ops.resource_variable_ops") is not None


def make_variable(name, shape=None, dtype=_dt.float32, initializer=None, trainable=None,
                  caching_device=None, validate_shape=True, constraint=None, use_resource=None,
                  collections=None, synchronization=VariableSynchronization.AUTO,
                  aggregation=VariableAggregation.NONE, partitioner=None):
    """Creates a Keras layer's weight: a resource variable (`VariableV1(...,
    use_resource=True)`) named `name` in the current name scope."""
    if use_resource is None:
        use_resource = True
    if use_resource and not resource_variables_available():
        raise NotImplementedError(
            "tf.keras layers create resource variables (use_resource=True), which flowgrad "
            "does not implement yet; tf.layers and tf.contrib.layers create reference "
            "variables and work")
    dtype = _dt.as_dtype(dtype)
    if initializer is not None and not callable(initializer):
        init_val = initializer
        variable_dtype = None
    else:
        if inspect.isclass(initializer):
            initializer = initializer()
        init = initializer

        def init_val():
            return init(shape, dtype=dtype)
        variable_dtype = dtype.base_dtype
    variable_shape = TensorShape(shape)
    return variables.VariableV1(
        initial_value=init_val, name=name, trainable=trainable, caching_device=caching_device,
        dtype=variable_dtype, validate_shape=validate_shape, constraint=constraint,
        use_resource=use_resource, collections=collections,
        shape=variable_shape if variable_shape.ndims else None)


# -- raw TF ops on Keras tensors (TF 1.14's TensorFlowOpLayer machinery) ------------------
# tensors found not to come from a keras.Input (TF's `tensor._keras_history_checked`)
_KERAS_HISTORY_CHECKED = weakref.WeakSet()
_call_context = threading.local()


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _flatten(x[k])]
    return [x]


def has_history(tensor):
    try:
        return tensor in KERAS_HISTORY
    except TypeError:   # not hashable: not a Keras tensor
        return False


def is_in_call_context():
    """Whether a layer's `__call__` is building its graph (its sublayers need no history)."""
    return getattr(_call_context, "in_call", False)


@contextlib.contextmanager
def call_context():
    """Marks the building of a layer's call (TF's call_context)."""
    was_in_call = is_in_call_context()
    _call_context.in_call = True
    try:
        yield
    finally:
        _call_context.in_call = was_in_call


def needs_keras_history(tensors):
    """Whether some of `tensors` come from a keras.Input through raw TF ops (and so need
    TensorFlowOpLayers); never inside a layer's call."""
    if is_in_call_context() or all(has_history(t) for t in _flatten(tensors)):
        return False
    return uses_keras_history(tensors)


def uses_keras_history(tensors):
    """Whether some tensor of `tensors` depends (through op inputs) on a Keras tensor. The
    tensors found not to are marked, and not searched again."""
    checked = set()
    to_check = _flatten(tensors)
    while to_check:
        new = set()
        for tensor in to_check:
            try:
                if tensor in _KERAS_HISTORY_CHECKED:
                    continue
            except TypeError:
                pass
            if has_history(tensor):
                return True
            try:
                new.update(tensor.op._inputs)
            except AttributeError:
                pass
        checked.update(to_check)
        to_check = list(new - checked)
    for tensor in _flatten(tensors):
        try:
            _KERAS_HISTORY_CHECKED.add(tensor)
        except TypeError:
            pass
    return False


# -- keras' initializers.get / regularizers.get / constraints.get -------------------------
def _keras_module(name):
    """flowgrad.keras.<name> when it exists (written by another part of flowgrad)."""
    full = "flowgrad.keras." + name
    if importlib.util.find_spec(full) is None:
        return None
    return importlib.import_module(full)


class _KerasRandomUniform(init_ops.RandomUniform):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None, dtype=_dt.float32):
        super().__init__(minval=minval, maxval=maxval, seed=seed, dtype=dtype)


class _KerasRandomNormal(init_ops.RandomNormal):
    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dt.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


class _KerasTruncatedNormal(init_ops.TruncatedNormal):
    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dt.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


_INITIALIZERS = {
    "zeros": init_ops.Zeros, "zero": init_ops.Zeros, "Zeros": init_ops.Zeros,
    "ones": init_ops.Ones, "one": init_ops.Ones, "Ones": init_ops.Ones,
    "constant": init_ops.Constant, "Constant": init_ops.Constant,
    "uniform": _KerasRandomUniform, "random_uniform": _KerasRandomUniform,
    "RandomUniform": _KerasRandomUniform,
    "normal": _KerasRandomNormal, "random_normal": _KerasRandomNormal,
    "RandomNormal": _KerasRandomNormal,
    "truncated_normal": _KerasTruncatedNormal, "TruncatedNormal": _KerasTruncatedNormal,
    "glorot_uniform": init_ops.GlorotUniform, "GlorotUniform": init_ops.GlorotUniform,
    "glorot_normal": init_ops.GlorotNormal, "GlorotNormal": init_ops.GlorotNormal,
    "orthogonal": init_ops.Orthogonal, "Orthogonal": init_ops.Orthogonal,
    "identity": init_ops.Identity, "Identity": init_ops.Identity,
    "VarianceScaling": init_ops.VarianceScaling,
    "he_normal": init_ops.he_normal, "he_uniform": init_ops.he_uniform,
    "lecun_normal": init_ops.lecun_normal, "lecun_uniform": init_ops.lecun_uniform,
}


def get_initializer(identifier):
    """keras.initializers.get: None, a name ('glorot_uniform', 'zeros', ...), a config
    dict or a callable."""
    mod = _keras_module("initializers")
    if mod is not None and hasattr(mod, "get"):
        return mod.get(identifier)
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        cls = _INITIALIZERS.get(identifier.get("class_name"))
        if cls is None:
            raise ValueError("Unknown initializer: " + str(identifier.get("class_name")))
        return cls(**identifier.get("config", {}))
    if isinstance(identifier, str):
        if identifier not in _INITIALIZERS:
            raise ValueError("Unknown initializer: " + identifier)
        return _INITIALIZERS[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: " + str(identifier))


def get_regularizer(identifier):
    """keras.regularizers.get: None, a callable, or (through tf.keras.regularizers) a name
    or a config dict."""
    if identifier is None or (callable(identifier) and not isinstance(identifier, (str, dict))):
        return identifier
    mod = _keras_module("regularizers")
    if mod is None:
        raise NotImplementedError("regularizers given by name or config need "
                                  "tf.keras.regularizers, which flowgrad lacks")
    return mod.get(identifier)


def get_constraint(identifier):
    """keras.constraints.get: None, a callable, a name or a config."""
    if identifier is None or callable(identifier):
        return identifier
    mod = _keras_module("constraints")
    if mod is None:
        raise NotImplementedError("constraints given by name or config need "
                                  "tf.keras.constraints, which flowgrad lacks")
    return mod.get(identifier)
