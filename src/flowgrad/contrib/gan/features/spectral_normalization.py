"""TF-GAN's spectral normalization (TF 1.14 contrib/gan/python/features/python/
spectral_normalization_impl.py; https://openreview.net/forum?id=B1QRgziT-): the largest singular
value of a weight by power iteration on a persisted `spectral_norm_u` variable, the weight
divided by it, a regularizer and custom getters applying it (tf.layers and Keras)."""
from __future__ import annotations

import contextlib
import logging
import numbers
import re

from ....engine.framework import dtypes
from ....engine.framework import graph as _g
from ....engine.framework.constant_op import convert_to_tensor
from ....engine.ops.linalg import matmul
from ....ops import array_ops, init_ops, math_ops, nn_ops, variable_scope
from ....keras.engine import base_layer_utils as _keras_base_layer_utils

__all__ = ["compute_spectral_norm", "spectral_normalize", "spectral_norm_regularizer",
           "spectral_normalization_custom_getter", "keras_spectral_normalization"]

_OK_DTYPES_FOR_SPECTRAL_NORM = (dtypes.float16, dtypes.float32, dtypes.float64)
_PERSISTED_U_VARIABLE_SUFFIX = "spectral_norm_u"


def compute_spectral_norm(w_tensor, power_iteration_rounds=1, name=None):
    """The largest singular value of `w_tensor` reshaped to [-1, last dimension]."""
    with variable_scope.variable_scope(name, "spectral_norm"):
        w = array_ops.reshape(w_tensor, (-1, w_tensor.get_shape()[-1]))
        u_var = variable_scope.get_variable(
            _PERSISTED_U_VARIABLE_SUFFIX, shape=(w.shape[0], 1), dtype=w.dtype,
            initializer=init_ops.random_normal_initializer(), trainable=False)
        u = u_var
        for _ in range(power_iteration_rounds):
            v = nn_ops.l2_normalize(matmul(array_ops.transpose(w), u))
            u = nn_ops.l2_normalize(matmul(w, v))
        with _g.control_dependencies([u_var.assign(u, name="update_u")]):
            u = array_ops.identity(u)
        u = array_ops.stop_gradient(u)
        v = array_ops.stop_gradient(v)
        spectral_norm = matmul(matmul(array_ops.transpose(u), w), v)
        spectral_norm.shape.assert_is_fully_defined()
        spectral_norm.shape.assert_is_compatible_with([1, 1])
        return spectral_norm[0][0]


def spectral_normalize(w, power_iteration_rounds=1, name=None):
    """`w` divided by its spectral norm."""
    with variable_scope.variable_scope(name, "spectral_normalize"):
        w_normalized = w / compute_spectral_norm(
            w, power_iteration_rounds=power_iteration_rounds)
        return array_ops.reshape(w_normalized, w.get_shape())


def spectral_norm_regularizer(scale, power_iteration_rounds=1, scope=None):
    """A regularizer `sn(weights)`: `scale` times the spectral norm of `weights`."""
    if isinstance(scale, numbers.Integral):
        raise ValueError("scale cannot be an integer: %s" % scale)
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g" % scale)
        if scale == 0.0:
            logging.getLogger("tensorflow").info("Scale of 0 disables regularizer.")
            return lambda _: None

    def sn(weights, name=None):
        with _g.name_scope(scope, "SpectralNormRegularizer", [weights]) as name:
            scale_t = convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return math_ops.multiply(
                scale_t, compute_spectral_norm(weights,
                                               power_iteration_rounds=power_iteration_rounds),
                name=name)
    return sn


def _default_name_filter(name):
    """Whether `name` names a weight or kernel of Keras, tf.layers, contrib.layers or slim."""
    return re.match(r"(.*\/)?(depthwise_|pointwise_)?(weights|kernel)$", name) is not None


def spectral_normalization_custom_getter(name_filter=_default_name_filter,
                                         power_iteration_rounds=1):
    """A custom getter returning the variables `name_filter` accepts spectrally normalized."""
    if not callable(name_filter):
        raise ValueError("name_filter must be callable")

    def _internal_getter(getter, name, *args, **kwargs):
        if not name_filter(name):
            return getter(name, *args, **kwargs)
        if name.endswith(_PERSISTED_U_VARIABLE_SUFFIX):
            raise ValueError(
                "Cannot apply Spectral Normalization to internal variables created "
                "for Spectral Normalization. Tried to normalized variable [%s]" % name)
        if kwargs["dtype"] not in _OK_DTYPES_FOR_SPECTRAL_NORM:
            raise ValueError("Disallowed data type {}".format(kwargs["dtype"]))
        w_tensor = getter(name, *args, **kwargs)
        if len(w_tensor.get_shape()) < 2:
            raise ValueError("Spectral norm can only be applied to multi-dimensional tensors")
        return spectral_normalize(w_tensor, power_iteration_rounds=power_iteration_rounds,
                                  name=name + "/spectral_normalize")
    return _internal_getter


@contextlib.contextmanager
def keras_spectral_normalization(name_filter=_default_name_filter, power_iteration_rounds=1):
    """Within it, Keras layers' variables (make_variable) go through the getter above."""
    original_make_variable = _keras_base_layer_utils.make_variable
    sn_getter = spectral_normalization_custom_getter(
        name_filter=name_filter, power_iteration_rounds=power_iteration_rounds)

    def make_variable_wrapper(name, *args, **kwargs):
        return sn_getter(original_make_variable, name, *args, **kwargs)

    _keras_base_layer_utils.make_variable = make_variable_wrapper
    yield
    _keras_base_layer_utils.make_variable = original_make_variable
