"""Keras layer wrappers (TF 1.14 keras/layers/wrappers.py): TimeDistributed applies a
layer to every time step; Bidirectional runs an RNN forwards and a copy backwards and
merges them ('concat', 'sum', 'mul', 'ave' or None for both). The wrapped layers' weights
are made in the wrapper's scope ('time_distributed/kernel',
'bidirectional/forward_lstm/kernel')."""
import inspect

from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops
from .. import backend as _backend
from ..engine.base_layer import Layer, _flatten, _fn_args
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
    """Applies `layer` to every temporal slice of a [batch, time, ...] input (TF 1.14's:
    one call on the reshaped [batch * time, ...] input, or a keras.backend.rnn loop for a
    user layer when the batch size is static)."""

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.supports_masking = True
        # TF: layer_utils.is_builtin_layer and not stateful
        self._always_use_reshape = (type(layer).__module__.startswith("flowgrad.keras.layers")
                                    and not getattr(layer, "stateful", False))
        self._input_map = {}

    def _get_shape_tuple(self, init_tuple, tensor, start_idx, int_shape=None):
        """init_tuple + the static dims of `tensor` from start_idx (or `int_shape`), each
        unknown one read from tf.shape(tensor)."""
        if int_shape is None:
            int_shape = _backend.int_shape(tensor)[start_idx:]
        if all(int_shape):
            return init_tuple + tuple(int_shape)
        dyn = _backend.shape(tensor)
        int_shape = list(int_shape)
        for i, s in enumerate(int_shape):
            if not s:
                int_shape[i] = dyn[start_idx + i]
        return init_tuple + tuple(int_shape)

    def build(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        if len(input_shape) < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape ` with "
                             "at least 3 dimensions, received: " + str(input_shape))
        self.input_spec = InputSpec(shape=[None, None] + input_shape[2:])
        if not self.layer.built:
            self.layer.build(tuple([input_shape[0]] + input_shape[2:]))
            self.layer.built = True
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        child = self.layer.compute_output_shape(TensorShape([input_shape[0]] + input_shape[2:]))
        child = TensorShape(child).as_list()
        return TensorShape([child[0], input_shape[1]] + child[1:])

    def call(self, inputs, training=None, mask=None):
        kwargs = {}
        if "training" in _fn_args(self.layer.call):
            kwargs["training"] = training
        input_shape = _backend.int_shape(inputs)
        if input_shape[0] and not self._always_use_reshape:
            def step(x, _):   # the batch size matters: one call per time step
                return self.layer.call(x, **kwargs), []
            _, y, _ = _backend.rnn(step, inputs, initial_states=[],
                                   input_length=input_shape[1], unroll=False)
        else:
            input_length = input_shape[1]
            if not input_length:
                input_length = array_ops.shape(inputs)[1]
            inner_input_shape = self._get_shape_tuple((-1,), inputs, 2)
            uid = _object_list_uid(inputs)
            inputs = array_ops.reshape(inputs, inner_input_shape)
            self._input_map[uid] = inputs
            if "mask" in _fn_args(self.layer.call) and mask is not None:
                kwargs["mask"] = _backend.reshape(mask, self._get_shape_tuple((-1,), mask, 2))
            y = self.layer.call(inputs, **kwargs)
            output_shape = self.compute_output_shape(input_shape).as_list()
            output_shape = self._get_shape_tuple((-1, input_length), y, 1, output_shape[2:])
            y = array_ops.reshape(y, output_shape)
        if getattr(self.layer, "activity_regularizer", None) is not None:
            self.add_loss(self.layer.activity_regularizer(y), inputs)
        return y

    def compute_mask(self, inputs, mask=None):
        """TF 1.14's: the mask as is when the batch size is static; else the inner layer's
        mask of the reshaped input, reshaped back to [batch, time, ...] (or the input mask
        reduced to two dimensions when the inner layer gives none)."""
        input_shape = _backend.int_shape(inputs)
        if input_shape[0]:
            return mask
        inner_mask = mask
        if inner_mask is not None:
            inner_mask = _backend.reshape(inner_mask, self._get_shape_tuple((-1,), mask, 2))
        inner_inputs = self._input_map.get(_object_list_uid(inputs), inputs)
        output_mask = self.layer.compute_mask(inner_inputs, inner_mask)
        if output_mask is None:
            if mask is None:
                return None
            output_mask = mask
            for _ in range(2, len(_backend.int_shape(mask))):
                output_mask = _backend.any(output_mask, axis=-1)
            return output_mask
        input_length = input_shape[1]
        if not input_length:
            input_length = _backend.shape(inputs)[1]
        mask_int_shape = _backend.int_shape(output_mask)
        if mask_int_shape is None:
            mask_int_shape = _backend.int_shape(mask) if mask is not None else \
                tuple(self.compute_output_shape(input_shape).as_list()[:-1])
        shape = self._get_shape_tuple((-1, input_length), output_mask, 1, mask_int_shape[1:])
        return _backend.reshape(output_mask, shape)


def _object_list_uid(object_list):
    """TF's generic_utils.object_list_uid: the objects' ids as one string."""
    return ", ".join(str(abs(id(x))) for x in _flatten(object_list))


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
        self._verify_layer_config()
        for sub in (self.forward_layer, self.backward_layer):
            # TF 1.14: returning sequences, a masked step outputs zeros, not the last output
            if getattr(sub, "zero_output_for_mask", None) is not None:
                sub.zero_output_for_mask = sub.return_sequences
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

    def _verify_layer_config(self):
        """TF's checks of a custom backward layer against the forward one."""
        if self.forward_layer.go_backwards == self.backward_layer.go_backwards:
            raise ValueError("Forward layer and backward layer should have different "
                             "`go_backwards` value.")
        for a in ("stateful", "return_sequences", "return_state"):
            fv, bv = getattr(self.forward_layer, a), getattr(self.backward_layer, a)
            if fv != bv:
                raise ValueError("Forward layer and backward layer are expected to have the "
                                 f"same value for attribute {a}, got {fv} and {bv}")

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
