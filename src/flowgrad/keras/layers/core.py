"""Keras core layers: Dense, Dropout, Flatten, Activation, Reshape, Permute, RepeatVector,
Lambda (TF 1.14 keras/layers/core.py)."""
import binascii
import codecs
import marshal
import os
import sys
import types
import warnings

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, math_ops, nn_ops
from ...ops.linalg_ops import matmul, tensordot
from ... import nn
from .. import activations, backend, regularizers
from ..engine import base_layer_utils as blu
from ..engine.base_layer import KERAS_MASK, Layer, _fn_args
from ..engine.input_spec import InputSpec
from ..utils import normalize_data_format, smart_cond
from .._serialization import deserialize_keras_object
from ._config import _merge_config

__all__ = ["Dense", "Dropout", "Flatten", "Activation", "Reshape", "Permute", "RepeatVector",
           "Lambda", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "Masking",
           "ActivityRegularization"]


class Dense(Layer):
    """outputs = activation(inputs @ kernel + bias).

    Args:
      units: the output size.
      activation: a function or a name ('relu', ...); None is linear.
      use_bias: whether to add a bias.
      kernel_initializer, bias_initializer: default glorot_uniform and zeros.
      kernel_regularizer, bias_regularizer, activity_regularizer: losses on the weights
        and on the output.
      kernel_constraint, bias_constraint: projections applied by optimizers.
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        if "input_shape" not in kwargs and "input_dim" in kwargs:
            kwargs["input_shape"] = (kwargs.pop("input_dim"),)
        super().__init__(activity_regularizer=blu.get_regularizer(activity_regularizer),
                         **kwargs)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)
        self.supports_masking = True
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        dtype = _dt.as_dtype(self.dtype or backend.floatx())
        if not (dtype.is_floating or dtype.is_complex):
            raise TypeError("Unable to build `Dense` layer with non-floating point dtype %s"
                            % (dtype,))
        input_shape = TensorShape(input_shape)
        if dimension_value(input_shape[-1]) is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                             "Found `None`.")
        last_dim = dimension_value(input_shape[-1])
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last_dim})
        self.kernel = self.add_weight("kernel", shape=[last_dim, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self.dtype,
                                      trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self.dtype,
                                        trainable=True)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        rank = inputs.shape.ndims
        if rank > 2:
            outputs = tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape.as_list()[:-1] + [self.units])
        else:
            if not self._mixed_precision_policy.should_cast_variables:
                # (an AutoCastVariable kernel reads as the inputs' dtype instead)
                inputs = math_ops.cast(inputs, self.dtype)
            outputs = matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = nn.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).with_rank_at_least(2)
        if dimension_value(input_shape[-1]) is None:
            raise ValueError("The innermost dimension of input_shape must be defined, but saw: "
                             "%s" % input_shape)
        return input_shape[:-1].concatenate(self.units)

    def get_config(self):
        return _merge_config(super().get_config(), {
            "units": self.units, "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias, "kernel_initializer": self.kernel_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "activity_regularizer": self.activity_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "bias_constraint": self.bias_constraint})


def _noise_shape(x, noise_shape):
    if noise_shape is None:
        return None
    if isinstance(noise_shape, (list, tuple)) and x.shape.ndims is not None:
        known = x.shape.as_list()
        return [known[i] if d is None else d for i, d in enumerate(noise_shape)]
    return noise_shape


class Dropout(Layer):
    """Sets inputs to 0 with probability `rate` while training (scaling the rest by
    1 / (1 - rate)); the identity otherwise.

    `training` defaults to keras' learning phase (a placeholder_with_default(False)).
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=None):
        if training is None:
            training = backend.learning_phase()

        def dropped_inputs():
            return nn_ops.dropout(inputs, noise_shape=self._get_noise_shape(inputs),
                                  seed=self.seed, rate=self.rate)
        return smart_cond(training, dropped_inputs, lambda: array_ops.identity(inputs))

    def _get_noise_shape(self, inputs):
        return _noise_shape(inputs, self.noise_shape)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(), {
            "rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed})


def _spatial_data_format(data_format):
    if data_format is None:
        data_format = backend.image_data_format()
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError('data_format must be in {"channels_last", "channels_first"}')
    return data_format


class SpatialDropout1D(Dropout):
    """Dropout of whole channels of [batch, steps, channels] inputs."""

    def __init__(self, rate, **kwargs):
        super().__init__(rate, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def _get_noise_shape(self, inputs):
        input_shape = array_ops.shape(inputs)
        return (input_shape[0], 1, input_shape[2])


class SpatialDropout2D(Dropout):
    """Dropout of whole feature maps of 4-D inputs."""

    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = _spatial_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def _get_noise_shape(self, inputs):
        input_shape = array_ops.shape(inputs)
        if self.data_format == "channels_first":
            return (input_shape[0], input_shape[1], 1, 1)
        return (input_shape[0], 1, 1, input_shape[3])


class SpatialDropout3D(Dropout):
    """Dropout of whole feature volumes of 5-D inputs."""

    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = _spatial_data_format(data_format)
        self.input_spec = InputSpec(ndim=5)

    def _get_noise_shape(self, inputs):
        input_shape = array_ops.shape(inputs)
        if self.data_format == "channels_first":
            return (input_shape[0], input_shape[1], 1, 1, 1)
        return (input_shape[0], 1, 1, 1, input_shape[4])


class Masking(Layer):
    """Zeroes the timesteps whose features all equal `mask_value`; compute_mask says which
    timesteps are kept."""

    def __init__(self, mask_value=0., **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        return backend.any(math_ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        boolean_mask = backend.any(math_ops.not_equal(inputs, self.mask_value), axis=-1,
                                   keepdims=True)
        outputs = inputs * math_ops.cast(boolean_mask, inputs.dtype)
        # TF 1.14 computes the mask with the outputs (`outputs._keras_mask`)
        KERAS_MASK[outputs] = array_ops.squeeze(boolean_mask, axis=-1)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(), {"mask_value": self.mask_value})


class Flatten(Layer):
    """Reshapes [batch, d1, d2, ...] to [batch, d1 * d2 * ...]."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        ndim = inputs.shape.ndims
        if self.data_format == "channels_first" and ndim is not None and ndim > 1:
            inputs = array_ops.transpose(inputs, perm=[0] + list(range(2, ndim)) + [1])
        batch = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        outputs = array_ops.reshape(inputs, (batch, -1))
        outputs.set_shape(self.compute_output_shape(inputs.shape))
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        output_shape = [input_shape[0]]
        if all(input_shape[1:]):
            output_shape += [int(np.prod(input_shape[1:]))]
        else:
            output_shape += [None]
        return TensorShape(output_shape)

    def get_config(self):
        return _merge_config(super().get_config(), {"data_format": self.data_format})


class Activation(Layer):
    """Applies an activation function (a callable or a name)."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(),
                             {"activation": activations.serialize(self.activation)})


class Reshape(Layer):
    """Reshapes each example to `target_shape` (the batch axis is kept)."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def _fix_unknown_dimension(self, input_shape, output_shape):
        output_shape = list(output_shape)
        msg = "total size of new array must be unchanged"
        known, unknown = 1, None
        for index, dim in enumerate(output_shape):
            if dim < 0:
                if unknown is None:
                    unknown = index
                else:
                    raise ValueError("Can only specify one unknown dimension.")
            else:
                known *= dim
        original = int(np.prod(input_shape, dtype=int))
        if unknown is not None:
            if known == 0 or original % known != 0:
                raise ValueError(msg)
            output_shape[unknown] = original // known
        elif original != known:
            raise ValueError(msg)
        return output_shape

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        if None in input_shape[1:]:
            rest = [s if s != -1 else None for s in self.target_shape]
        else:
            rest = self._fix_unknown_dimension(input_shape[1:], self.target_shape)
        return TensorShape([input_shape[0]] + list(rest))

    def call(self, inputs):
        return array_ops.reshape(inputs, (array_ops.shape(inputs)[0],) + self.target_shape)

    def get_config(self):
        return _merge_config(super().get_config(), {"target_shape": self.target_shape})


class Permute(Layer):
    """Permutes the non-batch axes: dims is a permutation of 1..n."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation `dims` for Permute Layer: %s. The set of "
                             "indices in `dims` must be consecutive and start from 1." % (dims,))
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        output_shape = list(input_shape)
        for i, dim in enumerate(self.dims):
            output_shape[i + 1] = input_shape[dim]
        return TensorShape(output_shape)

    def call(self, inputs):
        return array_ops.transpose(inputs, perm=(0,) + self.dims)

    def get_config(self):
        return _merge_config(super().get_config(), {"dims": self.dims})


class RepeatVector(Layer):
    """[batch, features] -> [batch, n, features]."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        return TensorShape([input_shape[0], self.n, input_shape[1]])

    def call(self, inputs):
        x = array_ops.expand_dims(inputs, 1)
        return array_ops.tile(x, array_ops.stack([1, self.n, 1]))

    def get_config(self):
        return _merge_config(super().get_config(), {"n": self.n})


class Lambda(Layer):
    """Wraps a function of tensors as a layer: function(inputs, **arguments)."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function = function
        self.arguments = arguments if arguments else {}
        if mask is not None:
            self.supports_masking = True
        self.mask = mask
        self._output_shape = output_shape
        self._fn_expects_training_arg = "training" in _fn_args(function)
        self._fn_expects_mask_arg = "mask" in _fn_args(function)

    def call(self, inputs, mask=None, training=None):
        arguments = dict(self.arguments)
        if self._fn_expects_mask_arg:
            arguments["mask"] = mask
        if self._fn_expects_training_arg:
            arguments["training"] = training
        return self.function(inputs, **arguments)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def get_config(self):
        # TF 1.14's: a Python function (lambda or def) as its marshalled bytecode in
        # base64 with its defaults and closure (generic_utils.func_dump: the bytes are
        # this interpreter's, as TF's are its Python's), another callable by name
        function = _function_config(self.function)
        output_shape = _function_config(self._output_shape, allow_raw=True)
        config = {"function": function[0], "function_type": function[1],
                  "module": function[2], "output_shape": output_shape[0],
                  "output_shape_type": output_shape[1], "output_shape_module": output_shape[2]}
        if self.mask is not None:
            mask = _function_config(self.mask)
            config.update({"mask": mask[0], "mask_type": mask[1], "mask_module": mask[2]})
        config["arguments"] = self.arguments
        return _merge_config(super().get_config(), config)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = config.copy()
        function = _function_from_config(config, custom_objects, "function", "module",
                                         "function_type")
        output_shape = _function_from_config(config, custom_objects, "output_shape",
                                             "output_shape_module", "output_shape_type")
        mask = _function_from_config(config, custom_objects, "mask", "mask_module",
                                     "mask_type") if "mask" in config else None
        config["function"] = function
        config["output_shape"] = output_shape
        config["mask"] = mask
        # NumPy array arguments were saved as {'type': 'ndarray', 'value': list}
        for key, value in config.get("arguments", {}).items():
            if isinstance(value, dict) and value.get("type") == "ndarray":
                config["arguments"][key] = np.array(value["value"])
        return cls(**config)


def _func_dump(func):
    """TF's generic_utils.func_dump: (base64 of the marshalled code, defaults, closure)."""
    raw = marshal.dumps(func.__code__)
    if os.name == "nt":
        raw = raw.replace(b"\\", b"/")
    code = codecs.encode(raw, "base64").decode("ascii")
    closure = tuple(c.cell_contents for c in func.__closure__) if func.__closure__ else None
    return code, func.__defaults__, closure


def _func_load(code, defaults=None, closure=None, globs=None):
    """TF's generic_utils.func_load: the function func_dump described."""
    if isinstance(code, (tuple, list)):
        code, defaults, closure = code
        if isinstance(defaults, list):
            defaults = tuple(defaults)

    def cell(value):
        def dummy():
            value  # noqa: B018 - captured as a closure cell
        made = dummy.__closure__[0]
        return value if isinstance(value, type(made)) else made

    if closure is not None:
        closure = tuple(cell(c) for c in closure)
    try:
        raw = codecs.decode(code.encode("ascii"), "base64")
    except (UnicodeEncodeError, binascii.Error):
        raw = code.encode("raw_unicode_escape")
    code = marshal.loads(raw)
    return types.FunctionType(code, globals() if globs is None else globs, name=code.co_name,
                              argdefs=defaults, closure=closure)


def _function_config(fn, allow_raw=False):
    """(value, type, module) of a Lambda's function, output_shape or mask (TF 1.14's
    Lambda._serialize_function_to_config)."""
    if isinstance(fn, types.LambdaType):
        return _func_dump(fn), "lambda", fn.__module__
    if callable(fn):
        return fn.__name__, "function", fn.__module__
    if allow_raw:
        return fn, "raw", None
    raise ValueError("Invalid input for serialization, type: %s " % type(fn))


def _function_from_config(config, custom_objects, attr, module_attr, type_attr):
    """TF 1.14's Lambda._parse_function_from_config: pops the module and type entries."""
    globs = dict(globals())
    module = config.pop(module_attr, None)
    if module in sys.modules:
        globs.update(sys.modules[module].__dict__)
    elif module is not None:
        warnings.warn("{} is not loaded, but a Lambda layer uses it. It may cause "
                      "errors.".format(module), UserWarning)
    if custom_objects:
        globs.update(custom_objects)
    kind = config.pop(type_attr)
    if kind == "function":
        return deserialize_keras_object(config[attr], custom_objects=custom_objects,
                                        printable_module_name="function in Lambda layer")
    if kind == "lambda":
        return _func_load(config[attr], globs=globs)
    if kind == "raw":
        return config[attr]
    raise TypeError("Unknown function type:", kind)


class ActivityRegularization(Layer):
    """The identity, adding l1 * sum|x| + l2 * sum(x**2) of its output to the losses."""

    def __init__(self, l1=0., l2=0., **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(), {"l1": self.l1, "l2": self.l2})
