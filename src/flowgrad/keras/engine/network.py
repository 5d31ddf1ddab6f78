"""The functional Keras model (TF 1.14 keras/engine/network.py), graph mode.

`Network(inputs, outputs)` walks the layer calls back from `outputs` to the `Input`
tensors (base_layer.KERAS_HISTORY records each call), keeps them in call order, and
calling the network on new tensors replays those calls on them. Without inputs and
outputs it is a subclassed model whose `call` the user writes.
"""
import collections
import inspect

from ...engine.framework import errors
from ...engine.framework.graph import Tensor
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.construction import placeholder
from ...ops.variables import Variable
from ...train.checkpointable import track_list
from .. import backend
from .. import layers as _layers
from .base_layer import (KERAS_HISTORY, AddLoss, Layer, Node, TensorFlowOpLayer, _flatten,
                         _map_structure, create_keras_history)
from . import tracking
from .base_layer_utils import to_snake_case
from .input_layer import InputLayer

__all__ = ["Network"]


def _is_graph_args(args, kwargs):
    return (len(args) == 2 or (len(args) == 1 and "outputs" in kwargs)
            or ("inputs" in kwargs and "outputs" in kwargs))


def _takes_custom_objects(layer_cls):
    try:
        return "custom_objects" in inspect.signature(layer_cls.from_config).parameters
    except (TypeError, ValueError):
        return False


def _layer_class(class_name, custom_objects=None):
    """The Keras layer or model class named `class_name` (custom objects first)."""
    if custom_objects and class_name in custom_objects:
        return custom_objects[class_name]
    if class_name == "InputLayer":
        return InputLayer
    if class_name in ("TensorFlowOpLayer", "AddLoss"):
        return TensorFlowOpLayer if class_name == "TensorFlowOpLayer" else AddLoss
    if class_name in ("Model", "Functional", "Network", "Sequential"):
        todo = [Network]
        while todo:
            c = todo.pop()
            if c.__name__ == ("Model" if class_name == "Functional" else class_name):
                return c
            todo.extend(c.__subclasses__())
    cls = getattr(_layers, class_name, None) if not class_name.startswith("_") and \
        class_name not in _layers.NOT_DESERIALIZABLE else None
    if cls is None or not isinstance(cls, type):
        raise ValueError("Unknown layer: " + class_name)
    return cls


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


def _check_connected(inputs, outputs):
    """TF 1.14's _map_graph_network check: the nodes from the outputs by decreasing depth
    (TF's depths, ties in the order TF's dict of node depths holds them), each of whose
    input tensors must be a model input or the output of a node checked before; else
    'Graph disconnected' naming the layers checked so far. Returns the nodes in that
    order, the order in which TF's network calls its layers."""
    post_order, finished = [], set()

    def walk(node):
        if id(node) in finished:
            return
        for src, src_index, _, _ in node.iterate_inbound():
            walk(src._inbound_nodes[src_index])
        finished.add(id(node))
        post_order.append(node)

    for t in outputs:
        layer, node_index, _ = KERAS_HISTORY[t]
        walk(layer._inbound_nodes[node_index])
    node_depth, layer_depth, by_id = {}, {}, {}
    for node in reversed(post_order):
        by_id[id(node)] = node
        depth = max(node_depth.setdefault(id(node), 0),
                    layer_depth.get(id(node.outbound_layer), 0))
        layer_depth[id(node.outbound_layer)] = depth
        node_depth[id(node)] = depth
        for src, src_index, _, _ in node.iterate_inbound():
            inbound = src._inbound_nodes[src_index]
            by_id[id(inbound)] = inbound
            node_depth[id(inbound)] = max(depth + 1, node_depth.get(id(inbound), 0))
    for t in inputs:   # inputs the outputs do not use: depth 0
        layer = KERAS_HISTORY[t][0]
        if id(layer) not in layer_depth:
            layer_depth[id(layer)] = 0
            node = layer._inbound_nodes[0]
            by_id[id(node)] = node
            node_depth[id(node)] = 0
    by_depth = collections.defaultdict(list)
    for key, depth in node_depth.items():
        by_depth[depth].append(by_id[key])
    computable = {id(t) for t in inputs}
    complete, order = [], []
    for depth in sorted(by_depth, reverse=True):
        for node in by_depth[depth]:
            for x in _flatten(node.input_tensors):
                if id(x) not in computable:
                    raise ValueError("Graph disconnected: cannot obtain value for tensor " +
                                     str(x) + " at layer \"" + node.outbound_layer.name +
                                     "\". The following previous layers were accessed "
                                     "without issue: " + str(complete))
            computable.update(id(x) for x in _flatten(node.output_tensors))
            complete.append(node.outbound_layer.name)
            order.append(node)
    return order


def _nested_items(value):
    """The items of `value` as TF's nest.flatten sees them (a dict's by sorted key)."""
    if type(value) in (list, tuple):
        return [x for v in value for x in _nested_items(v)]
    if isinstance(value, dict):
        return [x for k in sorted(value) for x in _nested_items(value[k])]
    return [value]


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
            if any(not isinstance(x, Tensor) or x not in KERAS_HISTORY
                   for x in _flatten(outputs)):
                # TF 1.14 wraps the raw TF ops before the model takes its name
                create_keras_history(outputs)
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
        # a subclassed model tracks the layers assigned to its attributes, also those in a
        # list or dict, and the variables as its own weights (TF 1.14's Layer.__setattr__)
        # TF 1.14 keeps a list or dict itself (its ListWrapper / _DictWrapper) among the
        # model's layers: what is appended or set in it later counts; a tuple is not
        # tracked, its layers not seen (nest.flatten still finds its variables)
        if not getattr(self, "_is_graph_network", True):
            items = [value] if name.startswith("_") else _nested_items(value)
            if isinstance(value, Layer) or (
                    isinstance(value, (list, dict)) and not name.startswith("_")):
                if not isinstance(value, Layer):
                    track_list(value, self)
                entries = self.__dict__.setdefault("_layers", [])
                if not any(value is x for x in entries):
                    entries.append(value)
                    if not isinstance(value, Layer):
                        self.__dict__["_self_layer_containers"] = True
            for item in items:
                if isinstance(item, Variable) and not name.startswith("_") and not any(
                        item is w for w in self._trainable_weights
                        + self._non_trainable_weights):
                    (self._trainable_weights if item.trainable
                     else self._non_trainable_weights).append(item)
                    backend.track_variable(item)   # get_session() initializes it
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
        if any(not isinstance(x, Tensor) or x not in KERAS_HISTORY for x in self.outputs):
            # TF 1.14: raw TF ops between the inputs and the outputs become layers
            create_keras_history(self._nested_outputs)
        # TF 1.14's _validate_graph_inputs_and_outputs: the inputs first
        if len(set(self.inputs)) != len(self.inputs):
            raise ValueError("The list of inputs passed to the model is redundant. All "
                             "inputs should only appear once. Found: " + str(self.inputs))
        for x in self.inputs:
            if not isinstance(x, Tensor) or x not in KERAS_HISTORY:
                raise ValueError("Input tensors to a " + self.__class__.__name__ + " must "
                                 "come from `tf.keras.Input`. Received: " + str(x) +
                                 " (missing previous layer metadata).")
        for x in self.outputs:
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
        order = _check_connected(self.inputs, self.outputs)
        self._nodes = nodes
        self._call_order = [(n.outbound_layer, n.outbound_layer._inbound_nodes.index(n))
                            for n in order]
        self._layers = _layers_by_depth(self.outputs, layers)
        self._is_graph_network = True
        self.built = True
        # TF 1.14: the network's nodes start over with its own, linking its inputs to its
        # outputs (no Keras history points to it); its calls on new tensors follow
        self._inbound_nodes = []
        self._outbound_nodes = []
        Node(self, [], [], [], self._nested_inputs, self._nested_outputs,
             call=(self._nested_inputs, self._nested_outputs, (), {}))
        self.input_names = [KERAS_HISTORY[t][0].name for t in self.inputs]
        self.output_names = self._unique_output_names(
            [KERAS_HISTORY[t][0].name for t in self.outputs])
        self._input_layers = [KERAS_HISTORY[t][0] for t in self.inputs]
        self._output_layers = [KERAS_HISTORY[t][0] for t in self.outputs]

    def _insert_layers(self, layers):
        """TF 1.14's _insert_layers: layers made after the network (add_loss's) join its
        layers, nodes and calls. A new node's depth is one below its shallowest inbound
        node's (the network's own count as 0); the network calls them after its own, by
        decreasing depth, in the order TF places them."""
        in_network = {(id(layer), i) for layer, i in self._nodes}
        new_nodes = [(layer, i) for layer in layers for i in range(len(layer._inbound_nodes))]
        relevant = {(id(layer), i) for layer, i in new_nodes}
        depth_of, placed, pending = {}, [], list(new_nodes)
        while pending:
            layer, index = pending.pop(0)
            depth = 0
            for src, src_index, _, _ in layer._inbound_nodes[index].iterate_inbound():
                key = (id(src), src_index)
                if key in depth_of:
                    depth = min(depth, depth_of[key])
                elif key in relevant and key not in in_network:
                    depth = None   # an inbound node not placed yet
                    break
            if depth is None:
                pending.append((layer, index))
                continue
            depth_of[(id(layer), index)] = depth - 1
            placed.append((layer, index))
        for node in placed:
            if (id(node[0]), node[1]) not in in_network:
                self._nodes.append(node)
        self._call_order += sorted(placed, key=lambda n: -depth_of[(id(n[0]), n[1])])
        for layer in layers:
            if layer not in self._layers:
                self.__dict__["_layers"].append(layer)

    @staticmethod
    def _unique_output_names(names):
        """TF 1.14's _set_output_names: a layer's name again (a layer with several outputs)
        becomes `<name>_1`, `<name>_2`, ..."""
        unique, counts = [], {}
        for name in names:
            proposal = name
            while proposal in unique:
                count = counts.get(name, 1)
                proposal = "%s_%d" % (name, count)
                counts[name] = count + 1
            unique.append(proposal)
        return unique

    @property
    def _layers(self):
        """The layers (TF 1.14's `layers`: those in the lists and dicts assigned to a
        subclassed model's attributes read now, each once)."""
        entries = self.__dict__.get("_layers")
        if entries is None:
            raise AttributeError("_layers")
        if self.__dict__.get("_self_layer_containers"):
            return tracking.flatten_layers(entries)
        return entries

    @_layers.setter
    def _layers(self, value):
        self.__dict__["_layers"] = value

    @property
    def layers(self):
        return list(self._layers)

    @property
    def _all_metrics_tensors(self):
        """The add_metric result tensors by name: each layer's (a network's, all of
        its own), then the network's."""
        metrics_tensors = {}
        for layer in self.layers:
            if isinstance(layer, Network):
                metrics_tensors.update(layer._all_metrics_tensors)
            else:
                metrics_tensors.update(layer._metrics_tensors)
        metrics_tensors.update(self._metrics_tensors)
        return metrics_tensors

    @property
    def weights(self):
        """Each layer's weights in layer order (a BatchNormalization's moving statistics
        beside its gamma and beta), then the network's own: TF 1.14's Network.weights,
        the order of get_weights/set_weights."""
        self._assert_weights_created()
        return ([w for x in self.__dict__.get("_layers", [])
                 for w in tracking.gather_weights(True, [x], [], "weights")]
                + self._trainable_weights + self._non_trainable_weights)

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
    def input_spec(self):
        """TF 1.14's Network.input_spec: the input layers' specs (None for a subclassed
        model, or where the one input layer has none)."""
        if not self._is_graph_network:
            return None
        specs = []
        for layer in self._input_layers:
            if layer.input_spec is None:
                specs.append(None)
            else:
                if not isinstance(layer.input_spec, list):
                    raise TypeError("Layer " + layer.name + " has an input_spec attribute "
                                    "that is not a list. We expect a list. Found input_spec "
                                    "= " + str(layer.input_spec))
                specs += layer.input_spec
        return specs[0] if len(specs) == 1 else specs

    def _assert_weights_created(self):
        """TF 1.14: a model whose class defines build (a Sequential, a subclassed model)
        has no weights to list before it is built."""
        if not self._is_graph_network and "build" in type(self).__dict__ and \
                not self.built:
            raise ValueError("Weights for model %s have not yet been created. Weights are "
                             "created when the Model is first called on inputs or `build()` "
                             "is called with an `input_shape`." % self.name)

    @property
    def trainable_weights(self):
        """TF 1.14's Network.trainable_weights: the layers' (lists and dicts read now),
        then the network's own."""
        self._assert_weights_created()
        return tracking.gather_weights(self.trainable, self.__dict__.get("_layers", []),
                                       self._trainable_weights, "trainable_weights")

    @property
    def non_trainable_weights(self):
        self._assert_weights_created()
        return tracking.gather_weights(
            self.trainable, self.__dict__.get("_layers", []),
            self._non_trainable_weights + self._trainable_weights, "non_trainable_weights")

    @property
    def updates(self):
        if not self.trainable and not self.stateful:
            return []
        return list(self._updates) + [u for layer in self._layers for u in layer.updates]

    def reset_states(self):
        """Resets the states of the model's stateful layers."""
        for layer in self.layers:
            if hasattr(layer, "reset_states") and getattr(layer, "stateful", False):
                layer.reset_states()

    @property
    def state_updates(self):
        return [u for layer in self._layers if getattr(layer, "stateful", False)
                for u in layer.updates]

    def build(self, input_shape):
        """TF 1.14's Network.build: a functional model is built; a subclassed one (or a
        Sequential without an input) is called on placeholders of `input_shape`
        ('Placeholder', floatx; a list: one per shape) outside its name scope, so its
        layers build and run in their own scopes, and stays a subclassed model."""
        if self._is_graph_network:
            self.built = True
            return
        if input_shape is None:
            raise ValueError("Input shape must be defined when calling build on a model "
                             "subclass network.")
        if not isinstance(input_shape, (tuple, list, TensorShape)):
            raise ValueError("Specified input shape is not one of the valid types. Please "
                             "specify a batch input shape of type tuple or list of input "
                             "shapes. User provided input type: {}".format(type(input_shape)))
        if input_shape and not self.inputs:
            with backend.get_graph().as_default():
                if isinstance(input_shape, list):
                    x = [placeholder(shape=shape, dtype=backend.floatx())
                         for shape in input_shape]
                else:
                    x = placeholder(shape=input_shape, dtype=backend.floatx())
                kwargs = {}
                spec = inspect.getfullargspec(self.call)
                call_args = spec.args
                if len(call_args) > 2:
                    call_args = (call_args[2:-len(spec.defaults)] if spec.defaults
                                 else call_args[2:])
                    for arg in call_args:
                        if arg != "training":
                            raise ValueError(
                                "Currently, you cannot build your model if it has positional "
                                "or keyword arguments that are not inputs to the model, but "
                                "are required for its `call` method. Instead, in order to "
                                "instantiate and build your model, `call` your model on real "
                                "tensor data with all expected call arguments.")
                        kwargs["training"] = False
                elif len(call_args) < 2:
                    raise ValueError("You can only call `build` on a model if its `call` "
                                     "method accepts an `inputs` argument.")
                try:
                    self.call(x, **kwargs)
                except (errors.InvalidArgumentError, TypeError):
                    raise ValueError(
                        "You cannot build your model by calling `build` if your layers do "
                        "not support float type inputs. Instead, in order to instantiate "
                        "and build your model, `call` your model on real tensor data (of "
                        "the correct dtype).")
        # TF's _track_layers of the layers now: 'layer_with_weights-N' and 'layer-N'
        # children (engine/tracking.py); the restores waiting for them run
        self.__dict__["_self_build_tracked"] = [
            (x, bool(tracking.container_weights(x))) for x in tracking.build_layers(self)]
        self._dependencies_added()
        self.built = True

    def _dependencies_added(self):
        """Runs the restores waiting for dependencies made now (Model's: load_weights')."""

    build._is_default = True   # TF's @base_layer.default: not called by Layer.__call__

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
        for layer, node_index in self._call_order:
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

    @property
    def _hdf5_savable(self):
        """TF 1.14's save_model test for HDF5: a graph network (Sequential: always)."""
        return self._is_graph_network

    def get_config(self):
        """TF 1.14's functional config: each layer with its config and inbound nodes
        ([layer name, node index, tensor index, call kwargs]), and the input and output
        layers."""
        if not self._is_graph_network:   # TF 1.14's own error, without a message
            raise NotImplementedError
        in_network = {(id(layer), i) for layer, i in self._nodes}
        renumber = {}
        for layer in self.layers:
            k = 1 if isinstance(layer, Network) else 0   # a network's node 0 is its own
            for i in range(len(layer._inbound_nodes)):
                if (id(layer), i) in in_network:
                    renumber[(id(layer), i)] = k
                    k += 1
        layer_configs = []
        for layer in self.layers:
            nodes = []
            for i, (node_inputs, _, args, kwargs) in enumerate(layer._inbound_nodes):
                if (id(layer), i) not in in_network or isinstance(layer, InputLayer):
                    continue
                if args:
                    raise NotImplementedError("flowgrad does not implement get_config of a "
                                              "layer called with positional arguments")
                call_kwargs = {k: v for k, v in kwargs.items()
                               if not isinstance(v, Tensor) and k != "initial_state"}
                data = []
                for t in _flatten(node_inputs):
                    src, src_node, tensor_index = KERAS_HISTORY[t]
                    data.append([src.name, renumber.get((id(src), src_node), 0), tensor_index,
                                 call_kwargs])
                nodes.append(data)
            layer_configs.append({"name": layer.name, "class_name": type(layer).__name__,
                                  "config": layer.get_config(), "inbound_nodes": nodes})

        def ends(tensors):
            out = []
            for t in tensors:
                src, src_node, tensor_index = KERAS_HISTORY[t]
                out.append([src.name, renumber.get((id(src), src_node), 0), tensor_index])
            return out
        return {"name": self.name, "layers": layer_configs,
                "input_layers": ends(self.inputs), "output_layers": ends(self.outputs)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """A functional model from get_config()'s dict: the layers made from their
        configs, then called on their inbound nodes' tensors in dependency order."""
        return cls._from_config(config, custom_objects)

    @classmethod
    def _from_config(cls, config, custom_objects=None, input_layers=None, cloning=False):
        """from_config; `input_layers` ({input layer name: InputLayer}) stand in for the
        config's input layers of those names (clone_model's input_tensors). `cloning`:
        clone_model's calls, which give a TensorFlowOpLayer the list its node holds."""
        input_layers = input_layers or {}
        created = {}
        outputs_of = {}  # layer name -> [output structure per node]
        pending = []
        for conf in config["layers"]:
            if conf["name"] in input_layers:
                layer = input_layers[conf["name"]]
                created[conf["name"]] = layer
                outputs_of[conf["name"]] = [layer._outputs[0]]
                continue
            layer_cls = _layer_class(conf["class_name"], custom_objects)
            if issubclass(layer_cls, Network) or _takes_custom_objects(layer_cls):
                # nested objects (an RNN's cell) resolve custom classes too
                layer = layer_cls.from_config(dict(conf["config"]), custom_objects)
            else:
                layer = layer_cls.from_config(dict(conf["config"]))
            created[conf["name"]] = layer
            if isinstance(layer, InputLayer):
                outputs_of[conf["name"]] = [layer._outputs[0]]
            else:
                # a nested network's calls count from 1 (its node 0 links its own inputs
                # to its outputs)
                outputs_of[conf["name"]] = [layer._inbound_nodes[0][1]] if isinstance(
                    layer, Network) and layer._inbound_nodes else []
                for node in conf["inbound_nodes"]:
                    pending.append((layer, conf["name"], node))

        def tensor(name, node_index, tensor_index):
            outs = outputs_of[name]
            if node_index >= len(outs):
                return None
            return _flatten(outs[node_index])[tensor_index]

        while pending:
            progressed = False
            rest = []
            for layer, name, node in pending:
                ins = [tensor(d[0], d[1], d[2]) for d in node]
                # a layer's nodes run in order
                earlier = [p for p in rest if p[1] == name]
                if any(t is None for t in ins) or earlier:
                    rest.append((layer, name, node))
                    continue
                kwargs = node[0][3] if node and len(node[0]) > 3 else {}
                if len(ins) == 1 and not (cloning and isinstance(layer, TensorFlowOpLayer)):
                    ins = ins[0]
                out = layer(ins, **kwargs)
                outputs_of[name].append(out)
                progressed = True
            if not progressed:
                raise ValueError("Graph disconnected in the model config: cannot reach "
                                 "the inputs of " + str([p[1] for p in rest]))
            pending = rest
        inputs = [tensor(*x) for x in config["input_layers"]]
        outputs = [tensor(*x) for x in config["output_layers"]]
        model = cls(inputs=inputs, outputs=outputs, name=config.get("name"))
        # TF 1.14: the layers the outputs do not use (add_loss's) join the model
        ancillary = [layer for layer in created.values() if layer not in model.layers]
        if ancillary:
            model._insert_layers(ancillary)
        return model

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
