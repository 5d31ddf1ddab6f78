"""Keras layer wrappers (TF 1.14 keras/layers/wrappers.py): TimeDistributed applies a
layer to every time step; Bidirectional runs an RNN forwards and a copy backwards and
merges them ('concat', 'sum', 'mul', 'ave' or None for both). The wrapped layers' weights
are made in the wrapper's scope ('time_distributed/kernel',
'bidirectional/forward_lstm/kernel')."""
import inspect

from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops
from ..engine.base_layer import Layer, _fn_args
from ..engine.input_spec import InputSpec
from .recurrent import _standardize_args

__all__ = ["Wrapper", "TimeDistributed", "Bidirectional"]


def _layer_config(layer):
    return {"class_name": layer.__class__.__name__, "config": layer.get_config()}


def _layer_from_config(conf, custom_objects=None):
    from ..engine.sequential import layer_class  # lazy: sequential imports keras.layers
    cls = layer_class(conf["class_name"], custom_objects)
    if "custom_objects" in inspect.signature(cls.from_config).parameters:
        return cls.from_config(dict(conf["config"]), custom_objects=custom_objects)
    return cls.from_config(dict(conf["config"]))


class Wrapper(Layer):
    """A layer that wraps another layer (`self.layer`)."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `%s` layer with a `Layer` instance. You "
                             "passed: %s" % (type(self).__name__, layer))
        self.layer = layer
        super().__init__(**kwargs)
        self._layers = [layer]

    def build(self, input_shape=None):
        self.built = True

    @property
    def activity_regularizer(self):
        return getattr(self.layer, "activity_regularizer", None)

    @activity_regularizer.setter
    def activity_regularizer(self, value):
        if value is not None:
            raise NotImplementedError("flowgrad does not implement an activity_regularizer "
                                      "on a Wrapper")

    @property
    def losses(self):
        return list(super().losses) + list(self.layer.losses)

    def get_config(self):
        config = super().get_config()
        config["layer"] = _layer_config(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        layer = _layer_from_config(config.pop("layer"), custom_objects)
        return cls(layer, **config)


class TimeDistributed(Wrapper):
    """Applies `layer` to every temporal slice of a [batch, time, ...] input."""

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_shape(self, input_shape):
        input_shape = TensorShape(input_shape)
        return TensorShape([input_shape[0]] + input_shape.as_list()[2:])

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if input_shape.ndims is None or input_shape.ndims < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape ` with "
                             "at least 3 dimensions, received: " + str(input_shape))
        self.input_spec = InputSpec(shape=[None] + input_shape.as_list()[1:])
        if not self.layer.built:
            self.layer.build(self._child_shape(input_shape))
            self.layer.built = True
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape)
        child = TensorShape(self.layer.compute_output_shape(self._child_shape(input_shape)))
        return TensorShape([input_shape[0], input_shape[1]] + child.as_list()[1:])

    def call(self, inputs, training=None, mask=None):
        kwargs = {}
        if "training" in _fn_args(self.layer.call):
            kwargs["training"] = training
        shape = inputs.shape.as_list()
        input_length = shape[1] if shape[1] is not None else array_ops.shape(inputs)[1]
        inner = [-1] + shape[2:]
        if any(s is None for s in shape[2:]):
            inner = array_ops.concat([[-1], array_ops.shape(inputs)[2:]], 0)
        y = self.layer.call(array_ops.reshape(inputs, inner), **kwargs)
        out_shape = self.compute_output_shape(inputs.shape).as_list()
        if any(s is None for s in out_shape[2:]):
            target = array_ops.concat([array_ops.stack([-1, input_length]),
                                       array_ops.shape(y)[1:]], 0)
        else:
            target = [-1, input_length] + out_shape[2:] if isinstance(input_length, int) \
                else array_ops.stack([-1, input_length] + out_shape[2:])
        y = array_ops.reshape(y, target)
        y.set_shape(out_shape)
        return y

    def compute_mask(self, inputs, mask=None):
        return mask


class Bidirectional(Wrapper):
    """Runs a recurrent layer forwards and (a copy of it) backwards over the input."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `Bidirectional` layer with a `Layer` instance. "
                             "You passed: {input}".format(input=layer))
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError("`backward_layer` need to be a `Layer` instance. You passed: "
                             "{input}".format(input=backward_layer))
        if merge_mode not in ["sum", "mul", "ave", "concat", None]:
            raise ValueError("Invalid merge mode. Merge mode should be one of "
                             "{\"sum\", \"mul\", \"ave\", \"concat\", None}")
        self.forward_layer = self._recreate(layer)
        if backward_layer is None:
            self.backward_layer = self._recreate(layer, go_backwards=True)
        else:
            self.backward_layer = backward_layer
        self.forward_layer._name = "forward_" + self.forward_layer.name
        self.backward_layer._name = "backward_" + self.backward_layer.name
        self.merge_mode = merge_mode
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        super().__init__(layer, **kwargs)
        if weights:
            # TF 1.14 keeps the halves as the layers' `initial_weights`, which nothing
            # reads: the weights are not set (its Layer reads `_initial_weights`)
            nw = len(weights)
            self.forward_layer.initial_weights = weights[:nw // 2]
            self.backward_layer.initial_weights = weights[nw // 2:]
        self._layers = [self.forward_layer, self.backward_layer]
        self.supports_masking = True
        self._num_constants = None

    @staticmethod
    def _recreate(layer, go_backwards=False):
        config = layer.get_config()
        if go_backwards:
            config["go_backwards"] = not config["go_backwards"]
        if "custom_objects" in inspect.signature(layer.__class__.from_config).parameters:
            # the cell classes (custom ones included) come from the layer itself
            cell = getattr(layer, "cell", None)
            custom = {}
            if cell is not None:
                custom[cell.__class__.__name__] = cell.__class__
                for c in getattr(cell, "cells", []):
                    custom[c.__class__.__name__] = c.__class__
            return layer.__class__.from_config(config, custom_objects=custom)
        return layer.__class__.from_config(config)

    def compute_output_shape(self, input_shape):
        output_shape = self.forward_layer.compute_output_shape(input_shape)
        state_shape = None
        if self.return_state:
            state_shape = output_shape[1:]
            output_shape = output_shape[0]
        output_shape = TensorShape(output_shape)
        if self.merge_mode == "concat":
            dims = output_shape.as_list()
            dims[-1] = dims[-1] * 2 if dims[-1] is not None else None
            output_shape = TensorShape(dims)
        if self.merge_mode is None:
            output_shape = [output_shape, output_shape]
        if self.return_state:
            states = list(state_shape) * 2
            if self.merge_mode is None:
                return output_shape + states
            return [output_shape] + states
        return output_shape

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = _standardize_args(inputs, initial_state, constants,
                                                             self._num_constants)
        if isinstance(inputs, (list, tuple)):
            if len(inputs) > 1:
                initial_state = list(inputs[1:])
            inputs = inputs[0]
        if initial_state is None and constants is None:
            return super().__call__(inputs, **kwargs)
        additional = []
        if initial_state is not None:
            if len(initial_state) % 2:
                raise ValueError("When passing `initial_state` to a Bidirectional RNN, the "
                                 "state should be a list containing the states of the "
                                 "underlying RNNs. Found: " + str(initial_state))
            additional += list(initial_state)
        if constants is not None:
            additional += list(constants)
            spec = [InputSpec(shape=tuple(c.shape.as_list())) for c in constants]
            self._num_constants = len(constants)
            for layer in (self.forward_layer, self.backward_layer):
                layer.constants_spec = spec
                layer._num_constants = self._num_constants
        self.input_spec = None
        return super().__call__([inputs] + additional, **kwargs)

    def build(self, input_shape):
        with name_scope(self.forward_layer.name):
            self.forward_layer.build(input_shape)
            self.forward_layer.built = True
        with name_scope(self.backward_layer.name):
            self.backward_layer.build(input_shape)
            self.backward_layer.built = True
        self.built = True

    def call(self, inputs, training=None, mask=None, initial_state=None, constants=None):
        kwargs = {"mask": mask}
        if isinstance(inputs, list):
            # [inputs, *forward states, *backward states, *constants]
            n_const = self._num_constants or 0
            states = inputs[1:len(inputs) - n_const]
            consts = inputs[len(inputs) - n_const:]
            half = len(states) // 2
            fwd_in = [inputs[0]] + states[:half] + consts
            bwd_in = [inputs[0]] + states[half:] + consts
            y = self.forward_layer.call(fwd_in, **kwargs)
            y_rev = self.backward_layer.call(bwd_in, **kwargs)
        else:
            y = self.forward_layer.call(inputs, **kwargs)
            y_rev = self.backward_layer.call(inputs, **kwargs)
        states = []
        if self.return_state:
            states = list(y[1:]) + list(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = array_ops.reverse(y_rev, [1])
        if self.merge_mode == "concat":
            output = array_ops.concat([y, y_rev], axis=-1)
        elif self.merge_mode == "sum":
            output = y + y_rev
        elif self.merge_mode == "ave":
            output = (y + y_rev) / 2
        elif self.merge_mode == "mul":
            output = y * y_rev
        else:
            output = [y, y_rev]
        if self.return_state:
            if self.merge_mode is None:
                return output + states
            return [output] + states
        return output

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, list):
            mask = mask[0]
        if self.return_sequences:
            output_mask = [mask, mask] if not self.merge_mode else mask
        else:
            output_mask = [None, None] if not self.merge_mode else None
        if self.return_state:
            n = len(self.forward_layer.states)
            if isinstance(output_mask, list):
                return output_mask + [None] * n * 2
            return [output_mask] + [None] * n * 2
        return output_mask

    def get_config(self):
        config = super().get_config()
        config["merge_mode"] = self.merge_mode
        if self._num_constants is not None:
            config["num_constants"] = self._num_constants
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        num_constants = config.pop("num_constants", None)
        layer = _layer_from_config(config.pop("layer"), custom_objects)
        out = cls(layer, **config)
        out._num_constants = num_constants
        return out
