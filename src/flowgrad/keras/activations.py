"""tf.keras.activations: activation functions by name (TF 1.14 keras/activations.py)."""
from ..ops import array_ops, math_ops
from .. import nn
from ._backend_core import relu as _k_relu
from ._backend_math import hard_sigmoid as _k_hard_sigmoid
from ._serialization import lookup_custom as _lookup_custom

__all__ = ["elu", "exponential", "hard_sigmoid", "linear", "relu", "selu", "sigmoid",
           "softmax", "softplus", "softsign", "tanh", "get", "serialize", "deserialize"]


def softmax(x, axis=-1):
    """Softmax over `axis` (rank >= 2)."""
    ndim = x.shape.ndims
    if ndim == 2:
        return nn.softmax(x)
    if ndim is not None and ndim > 2:
        e = math_ops.exp(x - math_ops.reduce_max(x, axis=axis, keepdims=True))
        s = math_ops.reduce_sum(e, axis=axis, keepdims=True)
        return e / s
    raise ValueError("Cannot apply softmax to a tensor that is 1D. Received input: %s" % (x,))


def elu(x, alpha=1.0):
    """ELU: x for x > 0, alpha * (exp(x) - 1) otherwise."""
    res = nn.elu(x)
    if alpha == 1:
        return res
    return _where_positive(x, res, alpha * res)


def _where_positive(x, pos, neg):
    return array_ops.where(x > 0, pos, neg)


def selu(x):
    """SELU (scaled ELU)."""
    return nn.selu(x)


def softplus(x):
    """log(exp(x) + 1)."""
    return nn.softplus(x)


def softsign(x):
    """x / (abs(x) + 1)."""
    return nn.softsign(x)


def relu(x, alpha=0., max_value=None, threshold=0):
    """Rectified linear unit (keras' backend.relu): max_value for x >= max_value, x for
    threshold <= x < max_value, alpha * (x - threshold) otherwise."""
    return _k_relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def tanh(x):
    """Hyperbolic tangent."""
    return math_ops.tanh(x)


def sigmoid(x):
    """Logistic sigmoid."""
    return math_ops.sigmoid(x)


def exponential(x):
    """exp(x)."""
    return math_ops.exp(x)


def hard_sigmoid(x):
    """clip(0.2 * x + 0.5, 0, 1): TF 1.14's K.hard_sigmoid."""
    return _k_hard_sigmoid(x)


def linear(x):
    """The identity."""
    return x


_BY_NAME = {f.__name__: f for f in (elu, exponential, hard_sigmoid, linear, relu, selu, sigmoid,
                                     softmax, softplus, softsign, tanh)}


def serialize(activation):
    """The activation's name."""
    return getattr(activation, "__name__", activation)


def deserialize(name, custom_objects=None):
    """The activation function called `name`."""
    found = _lookup_custom(name, custom_objects) if isinstance(name, str) else None
    if found is not None:
        return found
    if name not in _BY_NAME:
        raise ValueError("Unknown activation function:" + str(name))
    return _BY_NAME[name]


def get(identifier):
    """None -> linear; a name -> that function; a callable -> itself."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret activation function identifier: " + str(identifier))

