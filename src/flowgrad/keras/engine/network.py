"""The functional Keras model (TF 1.14 keras/engine/network.py), graph mode.

`Network(inputs, outputs)` walks the layer calls back from `outputs` to the `Input`
tensors (base_layer.KERAS_HISTORY records each call), keeps them in call order, and
calling the network on new tensors replays those calls on them. Without inputs and
outputs it is a subclassed model whose `call` the user writes.
"""
from ...engine.framework.graph import Tensor
from .. import backend
from .base_layer import KERAS_HISTORY, Layer, _flatten, _map_structure
from .base_layer_utils import to_snake_case
from .input_layer import InputLayer

__all__ = ["Network"]


def _is_graph_args(args, kwargs):
    return (len(args) == 2 or (len(args) == 1 and "outputs" in kwargs)
            or ("inputs" in kwargs and "outputs" in kwargs))


def _layers_by_depth(outputs, layers):
    """`layers` in TF 1.14's order: by decreasing depth from the outputs, ties in the order
    a depth-first walk from the outputs first reaches them."""
    layer_indices, post_order, seen = {}, [], set()

    def walk(tensor):
        layer, node_index, _ = KERAS_HISTORY[tensor]
        key = (id(layer), node_index)
        layer_indices.setdefault(id(layer), len(layer_indices))
        if key in seen:
            return
        seen.add(key)
        node_inputs = layer._inbound_nodes[node_index][0]
        inbound = []
        if not isinstance(layer, InputLayer):
            for t in _flatten(node_inputs):
                if isinstance(t, Tensor) and t in KERAS_HISTORY:
                    walk(t)
                    src, src_index, _ = KERAS_HISTORY[t]
                    inbound.append((id(src), src_index))
        post_order.append((key, layer, inbound))

    for t in outputs:
        walk(t)
    node_depth, layer_depth = {}, {}
    for key, layer, inbound in reversed(post_order):
        depth = max(node_depth.setdefault(key, 0), layer_depth.get(id(layer), 0))
        layer_depth[id(layer)] = depth
        node_depth[key] = depth
        for k in inbound:
            node_depth[k] = max(depth + 1, node_depth.get(k, 0))
    return sorted(layers, key=lambda x: (-layer_depth.get(id(x), 0),
                                         layer_indices.get(id(x), 0)))


class Network(Layer):
    """A graph of layers from `inputs` to `outputs`, or (subclassed) a layer of layers."""

    def __init__(self, *args, **kwargs):
        self._is_graph_network = False
        self.inputs = []
        self.outputs = []
        self._nodes = []
        if _is_graph_args(args, kwargs):
            names = ["inputs", "outputs", "name"]
            for key, value in zip(names, args):
                kwargs[key] = value
            inputs = kwargs.pop("inputs")
            outputs = kwargs.pop("outputs")
            name = kwargs.pop("name", None)
            trainable = kwargs.pop("trainable", True)
            if kwargs:
                raise TypeError("Keyword argument not understood:", list(kwargs)[0])
            self._layers = []
            super().__init__(name=name, trainable=trainable)
            self._init_graph_network(inputs, outputs)
        else:
            name = kwargs.pop("name", args[0] if args else None)
            trainable = kwargs.pop("trainable", True)
            dtype = kwargs.pop("dtype", None)
            dynamic = kwargs.pop("dynamic", False)
            self._layers = []
            super().__init__(name=name, trainable=trainable, dtype=dtype, dynamic=dynamic,
                             **kwargs)

    def __setattr__(self, name, value):
        # a subclassed model tracks the layers assigned to its attributes (TF 1.14)
        if (isinstance(value, Layer) and not getattr(self, "_is_graph_network", True)
                and value not in self.__dict__.get("_layers", [])):
            self.__dict__.setdefault("_layers", []).append(value)
        super().__setattr__(name, value)

    def _init_set_name(self, name, zero_based=True):
        if not name:
            self._name = backend.unique_object_name(to_snake_case(self.__class__.__name__),
                                                    zero_based=zero_based)
        else:
            self._name = name

    # -- the graph of layer calls ---------------------------------------------------------
    def _init_graph_network(self, inputs, outputs):
        self._nested_inputs = inputs
        self._nested_outputs = outputs
        self.inputs = list(_flatten(inputs))
        self.outputs = list(_flatten(outputs))
        for x in self.inputs + self.outputs:
            if not isinstance(x, Tensor) or x not in KERAS_HISTORY:
                raise ValueError("Output tensors to a " + self.__class__.__name__ + " must be "
                                 "the output of a TensorFlow `Layer` (thus holding past layer "
                                 "metadata). Found: " + str(x))
        nodes, layers, seen_nodes = [], [], set()
        input_ids = {id(t) for t in self.inputs}

        def visit(tensor):
            layer, node_index, _ = KERAS_HISTORY[tensor]
            key = (id(layer), node_index)
            if key in seen_nodes:
                return
            seen_nodes.add(key)
            node_inputs = layer._inbound_nodes[node_index][0]
            if id(tensor) not in input_ids or not isinstance(layer, InputLayer):
                for t in _flatten(node_inputs):
                    if isinstance(t, Tensor) and t in KERAS_HISTORY:
                        visit(t)
                    elif isinstance(t, Tensor):
                        raise ValueError("Graph disconnected: cannot obtain value for tensor "
                                         + str(t) + " at layer \"" + layer.name + "\".")
            nodes.append((layer, node_index))
            if layer not in layers:
                layers.append(layer)

        for t in self.inputs:
            visit(t)
        for t in self.outputs:
            visit(t)
        for layer, node_index in nodes:
            if isinstance(layer, InputLayer) and not any(
                    o is t for o in layer._outputs for t in self.inputs):
                raise ValueError("Graph disconnected: cannot obtain value for tensor " +
                                 str(layer._outputs[0]) + " at layer \"" + layer.name +
                                 "\". The following previous layers were accessed without "
                                 "issue: " + str([x.name for x in layers if x is not layer]))
        self._nodes = nodes
        self._layers = _layers_by_depth(self.outputs, layers)
        self._is_graph_network = True
        self.built = True
        self.input_names = [KERAS_HISTORY[t][0].name for t in self.inputs]
        self.output_names = [KERAS_HISTORY[t][0].name for t in self.outputs]
        self._input_layers = [KERAS_HISTORY[t][0] for t in self.inputs]
        self._output_layers = [KERAS_HISTORY[t][0] for t in self.outputs]

    @property
    def layers(self):
        return list(self._layers)

    def get_layer(self, name=None, index=None):
        """The layer called `name`, or the layer at `index` (in call order)."""
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError("Was asked to retrieve layer at index " + str(index) +
                                 " but model only has " + str(len(self.layers)) + " layers.")
            return self.layers[index]
        if not name:
            raise ValueError("Provide either a layer name or layer index.")
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError("No such layer: " + name)

    @property
    def input(self):
        return self._nested_inputs if self._is_graph_network else None

    @property
    def output(self):
        return self._nested_outputs if self._is_graph_network else None

    @property
    def updates(self):
        if not self.trainable and not self.stateful:
            return []
        return list(self._updates) + [u for layer in self._layers for u in layer.updates]

    @property
    def state_updates(self):
        return [u for layer in self._layers if getattr(layer, "stateful", False)
                for u in layer.updates]

    def call(self, inputs, training=None, mask=None):
        """Replays the network's layer calls on `inputs` (graph networks)."""
        if not self._is_graph_network:
            raise NotImplementedError("When subclassing the `Model` class, you should "
                                      "implement a `call` method.")
        new_inputs = _flatten(inputs)
        if len(new_inputs) != len(self.inputs):
            raise ValueError("Layer " + self.name + " expects " + str(len(self.inputs)) +
                             " inputs, but it received " + str(len(new_inputs)) +
                             " input tensors.")
        mapping = {id(t): n for t, n in zip(self.inputs, new_inputs)}
        for layer, node_index in self._nodes:
            if isinstance(layer, InputLayer):
                continue
            node_inputs, node_outputs, args, kwargs = layer._inbound_nodes[node_index]
            kwargs = dict(kwargs)
            if training is not None and layer._expects_training_arg and "training" not in kwargs:
                kwargs["training"] = training
            mapped = _map_structure(lambda t: mapping.get(id(t), t), node_inputs)
            outs = layer(mapped, *args, **kwargs)
            for old, new in zip(_flatten(node_outputs), _flatten(outs)):
                mapping[id(old)] = new
        result = [mapping[id(t)] for t in self.outputs]
        return result[0] if len(result) == 1 else result

    def compute_output_shape(self, input_shape):
        return [t.shape for t in self.outputs]

    def get_config(self):
        raise NotImplementedError("flowgrad does not implement Network.get_config")

    def summary(self, line_length=None, positions=None, print_fn=None):
        """Prints the table of layers, output shapes and parameter counts (TF's text)."""
        if not self.built:
            raise ValueError("This model has not yet been built. Build the model first by "
                             "calling `build()` or calling `fit()` with some data, or "
                             "specify an `input_shape` argument in the first layer(s) for "
                             "automatic build.")
        from ..utils_layer import print_summary  # lazy: utils_layer imports this module
        print_summary(self, line_length=line_length, positions=positions,
                      print_fn=print_fn)
