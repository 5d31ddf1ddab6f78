"""tf.keras.Sequential (TF 1.14 keras/engine/sequential.py), graph mode.

With an input shape on its first layer, `add` makes an Input placeholder named
`<first layer>_input` and calls each added layer on the last output (a graph network).
Without one, the layers are built on the first call, inside the model's name scope
(`sequential/dense/kernel`), on the tensor it is called on or on a placeholder `input_N`
made from the data fit/evaluate/predict get.
"""
from ... import logging
from ...engine.framework.graph import Tensor, name_scope
from .base_layer import KERAS_HISTORY, Layer
from .input_layer import Input, InputLayer
from .network import _takes_custom_objects
from .training import Model
from .. import layers as _layers
from .. import saving
from .._serialization import lookup_custom

__all__ = ["Sequential"]


def _input_shape_and_dtype(layer):
    """TF 1.14's get_input_shape_and_dtype: the batch input shape and dtype of the first
    layer of the deepest nested model (a model's first layer, down to a plain layer)."""
    while getattr(layer, "_is_graph_network", False) or \
            layer.__class__.__name__ == "Sequential":
        if not layer.layers:
            raise ValueError("An empty Model cannot be used as a Layer.")
        layer = layer.layers[0]
    if hasattr(layer, "_batch_input_shape"):
        return layer._batch_input_shape, layer.dtype
    return None, None


class Sequential(Model):
    """A linear stack of layers.

    Args:
      layers: layers to add, in order.
      name: default 'sequential', 'sequential_1', ...
    """
    _hdf5_savable = True   # (built or not: TF 1.14 tests isinstance Sequential)
    _checkpoint_layers_by_index = True   # 'layer-N' (engine/tracking.py)

    def __init__(self, layers=None, name=None):
        super().__init__(name=name)
        self._build_input_shape = None
        self._stack = []
        if layers:
            for layer in layers:
                self.add(layer)

    @property
    def layers(self):
        """The stack's layers (no InputLayer), then those add_loss inserted (until the next
        add or pop rebuilds the model, as TF 1.14)."""
        return [x for x in self._layers if not isinstance(x, InputLayer)]

    @property
    def input_spec(self):
        """TF 1.14: the first layer's input_spec (None without layers)."""
        layers = self.layers
        if layers and hasattr(layers[0], "input_spec"):
            return layers[0].input_spec
        return None

    def add(self, layer):
        """Adds `layer` on top of the stack (calling it on the current output if any)."""
        if not isinstance(layer, Layer):
            raise TypeError("The added layer must be an instance of class Layer. Found: "
                            + str(layer))
        if isinstance(layer, InputLayer):
            if self._stack:
                raise ValueError("An InputLayer must be the first layer of a Sequential "
                                 "model.")
            self._stack.append(layer)
            self._layers = list(self._stack)
            self._rebuild(layer._outputs[0], layer._outputs[0])
            return
        if not self._stack or (not self.outputs and all(isinstance(x, InputLayer)
                                                         for x in self._stack)):
            batch_shape, dtype = (_input_shape_and_dtype(layer) if not self._stack
                                  else (None, None))
            if batch_shape:
                x = Input(batch_shape=batch_shape, dtype=dtype, name=layer.name + "_input")
                self._stack.append(KERAS_HISTORY[x][0])
                self._stack.append(layer)
                self._rebuild(x, layer(x))
                return
        # after an InputLayer alone, TF 1.14's outputs are that layer's tensor
        source = self.outputs[0] if self.outputs else (
            self.inputs[0] if self._stack and isinstance(self._stack[-1], InputLayer) and
            getattr(self, "inputs", None) else None)
        if source is not None:
            output = layer(source)
            if isinstance(output, (list, tuple)):
                raise TypeError("All layers in a Sequential model should have a single "
                                "output tensor. For multi-output layers, use the functional "
                                "API.")
            self._stack.append(layer)
            self._rebuild(self.inputs[0], output)
            return
        self._stack.append(layer)
        self._layers = list(self._stack)
        self.built = False

    def _rebuild(self, inputs, outputs):
        if inputs is outputs:
            self.inputs, self.outputs = [inputs], []
            self._layers = list(self._stack)
            return
        self._init_graph_network(inputs, outputs)
        self._layers = list(self._stack)
        saving.restore_deferred_dependencies(self)   # TF's _track_layers

    def pop(self):
        """Removes the last layer."""
        if not self.layers:
            raise TypeError("There are no layers in the model.")
        self._stack.pop()
        self._layers = list(self._stack)
        if self._is_graph_network:
            if self.layers:
                last = self._stack[-1]
                last._outbound_nodes = []   # TF 1.14 forgets the popped layer's call
                outs = last.output   # TF 1.14: the last layer's first call
                self._init_graph_network(self.inputs[0], outs)
                self._layers = list(self._stack)
            else:
                self.outputs = []
                self._is_graph_network = False
                self.built = False

    def build(self, input_shape=None):
        """TF 1.14: a Sequential without an input is built as a subclassed model
        (Network.build: called on a 'Placeholder', its layers in their own scopes)."""
        if self._is_graph_network:
            return
        if input_shape is None:
            raise ValueError("You must provide an `input_shape` argument.")
        input_shape = tuple(input_shape)
        self._build_input_shape = input_shape
        super().build(input_shape)
        self.built = True

    def _build_on(self, x):
        with name_scope(self._name_scope()):
            out = x
            for layer in self.layers:
                out = layer(out)
        self._stack.insert(0, KERAS_HISTORY[x][0])
        self._init_graph_network(x, out)
        self._layers = list(self._stack)
        saving.restore_deferred_dependencies(self)   # TF's _track_layers

    build._is_default = True   # TF's @base_layer.default: not called by Layer.__call__

    def _set_inputs_from_data(self, arrays, keys=None):
        if self._is_graph_network or not self.layers:
            return
        if keys is not None:   # dict data (DenseFeatures first): called on the dict, as TF
            self.built = True   # the layers build as they are called
            return Model._set_inputs_from_data(self, arrays, keys)
        first = arrays[0]
        # TF 1.14 feeds a placeholder named as ModelInputs names it ('input_1'): no
        # Input layer name is used up
        x = Input(batch_shape=(None,) + tuple(first.shape[1:]),
                  dtype=self.layers[0].dtype, name="input_1")
        self._build_on(x)
        # TF 1.14 leaves such a model subclass-like: no input checks, "multiple" shapes,
        # its output named as _set_output_attrs names it ('output_1': the target
        # placeholder 'output_1_target', the loss scope 'loss/output_1_loss')
        self._inputs_from_data = True
        self.output_names = ["output_1"]

    def call(self, inputs, training=None, mask=None):
        if self._is_graph_network:
            return super().call(inputs, training=training, mask=mask)
        outputs = inputs
        for layer in self.layers:
            kwargs = {}
            if training is not None and layer._expects_training_arg:
                kwargs["training"] = training
            outputs = layer(outputs, **kwargs)
        return outputs

    def __call__(self, inputs, *args, **kwargs):
        if not self._is_graph_network and self.layers and (isinstance(inputs, dict) or (
                isinstance(inputs, Tensor) and inputs not in KERAS_HISTORY)):
            return Layer.__call__(self, inputs, *args, **kwargs)
        return super().__call__(inputs, *args, **kwargs)

    def predict_proba(self, x, batch_size=32, verbose=0):
        """predict()'s output, warning when it leaves [0, 1] (TF 1.14's Sequential)."""
        preds = self.predict(x, batch_size, verbose)
        if preds.min() < 0. or preds.max() > 1.:
            logging.warning("Network returning invalid probability values. The last layer "
                            "might not normalize predictions into probabilities (like "
                            "softmax or sigmoid would).")
        return preds

    def predict_classes(self, x, batch_size=32, verbose=0):
        """The argmax of predict()'s output, or output > 0.5 (int32) for one unit."""
        proba = self.predict(x, batch_size=batch_size, verbose=verbose)
        if proba.shape[-1] > 1:
            return proba.argmax(axis=-1)
        return (proba > 0.5).astype("int32")

    def get_config(self):
        return {"name": self.name, "layers": [
            {"class_name": x.__class__.__name__, "config": x.get_config()}
            for x in self.layers]}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """A Sequential model from get_config()'s dict (layers by class name)."""
        if isinstance(config, list):  # early Keras 2 files: a list of layers
            name, layer_configs = None, config
        else:
            name, layer_configs = config.get("name"), config["layers"]
        model = cls(name=name)
        for conf in layer_configs:
            layer_cls = layer_class(conf["class_name"], custom_objects)
            if isinstance(layer_cls, type) and (issubclass(layer_cls, Model) or
                                                _takes_custom_objects(layer_cls)):
                model.add(layer_cls.from_config(dict(conf["config"]), custom_objects))
            else:
                model.add(layer_cls.from_config(dict(conf["config"])))
        if not model.inputs and isinstance(config, dict) and config.get("build_input_shape"):
            model.build(config["build_input_shape"])
        return model


def layer_class(class_name, custom_objects=None):
    """The Keras layer class named `class_name` (custom objects first, then the global
    ones of keras.utils.get_custom_objects)."""
    found = lookup_custom(class_name, custom_objects)
    if found is not None:
        return found
    if class_name == "Sequential":
        return Sequential
    if class_name in ("Model", "Functional"):
        return Model
    if class_name == "InputLayer":
        return InputLayer
    cls = getattr(_layers, class_name, None) if not class_name.startswith("_") and \
        class_name not in _layers.NOT_DESERIALIZABLE else None
    if cls is None or not isinstance(cls, type):
        raise ValueError("Unknown layer: " + class_name)
    return cls
