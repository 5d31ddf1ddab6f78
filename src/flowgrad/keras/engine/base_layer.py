"""The Keras Layer base class, graph mode (TF 1.14 keras/engine/base_layer.py).

A layer is called on tensors: the first call builds it (creates its weights with
`add_weight`) inside `name_scope(layer.name)`, then `call` builds its ops there.
Keras layers used directly create resource variables (base_layer_utils.make_variable);
tf.layers (flowgrad/layers/base.py) subclass this and create reference variables
through `get_variable` instead.
"""
import functools
import inspect
import sys

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _graph
from ..mixed_precision import policy as _policy
from ..mixed_precision.autocast_variable import AutoCastVariable
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import Operation, Tensor, get_default_graph, name_scope
from ...engine.framework.graph_def import node_attrs_from_proto, node_def_proto
from ...engine.framework.proto import pb
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
from ...ops import variables as _variables
from .. import backend
from ...module import Module, _tracked, dependency_added
from . import base_layer_utils, tracking
from .base_layer_utils import VariableAggregation, VariableSynchronization
from .base_layer_utils import _flatten
from .input_spec import InputSpec, assert_input_compatibility

__all__ = ["Layer", "InputSpec", "Node", "TensorFlowOpLayer", "AddLoss", "AddMetric",
           "create_keras_history"]

# tensor -> (layer, node_index, tensor_index): the layer call that made a Keras tensor
# (TF 1.14's `_keras_history`: flowgrad's Tensor has slots, so it lives in the graph
# module, whose Tensor._keras_history reads it). The functional Model walks it back from
# its outputs to its Inputs.
KERAS_HISTORY = _graph.KERAS_HISTORY
# tensor -> its Keras mask (TF 1.14's `tensor._keras_mask`, which the graph module's
# Tensor._keras_mask reads and sets): set from compute_mask after each call, passed as
# `mask=` to the next layer whose call takes one
KERAS_MASK = _graph.KERAS_MASK

_ALLOWED_KWARGS = {"input_shape", "batch_input_shape", "batch_size", "weights",
                   "activity_regularizer"}


def _fn_args(fn):
    return tuple(inspect.signature(fn).parameters)


def _get_mask(t):
    """The Keras mask of tensor `t` (made now if its layer deferred it), or None."""
    if not isinstance(t, Tensor):
        return None
    m = KERAS_MASK.get(t)
    if callable(m):
        m = m()
        if m is None:
            del KERAS_MASK[t]
        else:
            KERAS_MASK[t] = m
    return m


def _user_assignment():
    """Whether the attribute assignment being made comes from outside flowgrad (a user's
    layer or model), not from the library's own code."""
    f = sys._getframe(2)
    while f is not None and f.f_code.co_name == "__setattr__":
        f = f.f_back
    return f is not None and f.f_globals.get("__name__", "").split(".")[0] != "flowgrad"


class Node(object):
    """TF 1.14's keras Node: one call of `outbound_layer` on Keras tensors, kept in that
    layer's `_inbound_nodes` and in each inbound layer's `_outbound_nodes`.

    Args:
      outbound_layer: the layer called.
      inbound_layers, node_indices, tensor_indices: where each input tensor comes from
        (nested as the inputs).
      input_tensors, output_tensors: the call's tensors.
      arguments: the keyword arguments of the call (None for an InputLayer's or a graph
        network's own node).
      call: flowgrad's record of the call, (Keras-tensor inputs, outputs, positional
        arguments, keyword arguments), which a node also reads as (node[0], ...).
    """

    def __init__(self, outbound_layer, inbound_layers, node_indices, tensor_indices,
                 input_tensors, output_tensors, arguments=None, call=None):
        if isinstance(outbound_layer, (list, tuple, dict)):
            raise ValueError("`outbound_layer` should be a layer instance, not a list, "
                             "tuple, or, dict.")
        self.outbound_layer = outbound_layer
        self.inbound_layers = inbound_layers
        self.node_indices = node_indices
        self.tensor_indices = tensor_indices
        self.input_tensors = input_tensors
        self.output_tensors = output_tensors
        self.input_shapes = _map_structure(backend.int_shape, input_tensors)
        self.output_shapes = _map_structure(backend.int_shape, output_tensors)
        self.arguments = arguments
        self._call = tuple(call) if call is not None else (
            input_tensors, output_tensors, (), dict(arguments or {}))
        for layer in _flatten(inbound_layers):
            if layer is not None:
                layer.outbound_nodes.append(self)
        outbound_layer.inbound_nodes.append(self)

    # flowgrad's (inputs, outputs, args, kwargs) view of the call
    def __getitem__(self, index):
        return self._call[index]

    def __iter__(self):
        return iter(self._call)

    def iterate_inbound(self):
        """(inbound layer, node index, tensor index, tensor) of each input."""
        return zip(_flatten(self.inbound_layers), _flatten(self.node_indices),
                   _flatten(self.tensor_indices), _flatten(self.input_tensors))

    def get_config(self):
        return {"outbound_layer": self.outbound_layer.name,
                "inbound_layers": _map_structure(lambda x: x.name if x else None,
                                                 self.inbound_layers),
                "node_indices": self.node_indices,
                "tensor_indices": self.tensor_indices}


class Layer(Module):
    """The base class of layers: weights, losses, updates, and `__call__` (a tf.Module, as
    in TF 1.14: a module holding a layer finds its variables and submodules through it).

    Args:
      trainable: whether the layer's weights are trained (TRAINABLE_VARIABLES).
      name: the layer's name (default: the class name in snake case, made unique per
        graph: "dense", "dense_1", ...).
      dtype: the layer's dtype (default: its first input's).
      dynamic: must be False (flowgrad builds graphs).
    """

    # the attributes and weights tracked for checkpoints (TF's checkpoint dependencies,
    # which a module's flattening skips)
    _TF_MODULE_IGNORED_PROPERTIES = Module._TF_MODULE_IGNORED_PROPERTIES | {"_self_deps"}

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs):
        for kwarg in kwargs:
            if kwarg not in _ALLOWED_KWARGS:
                raise TypeError("Keyword argument not understood:", kwarg)
        if dynamic:
            raise NotImplementedError("flowgrad builds graphs: Layer(dynamic=True) is not "
                                      "implemented")
        self._trainable = trainable
        self.stateful = False
        self.built = False
        if not isinstance(getattr(type(self), "input_spec", None), property):
            self.input_spec = None   # a network's is a property (its input layers')
        self.supports_masking = False
        self._init_set_name(name)
        self._activity_regularizer = kwargs.pop("activity_regularizer", None)
        if not hasattr(self, "_trainable_weights"):
            self._trainable_weights = []
        if not hasattr(self, "_non_trainable_weights"):
            self._non_trainable_weights = []
        self._updates = []
        self._unconditional = {}  # id(loss or update) -> added with inputs=None
        self._callable_losses = []
        self._losses = []
        self._metrics = []          # the Metric objects of add_metric
        self._metrics_tensors = {}  # their result tensors by metric name
        self._mixed_precision_policy, self._dtype = _policy.layer_dtype(
            dtype, lambda d: _dt.as_dtype(d).name)
        if not hasattr(self, "_layers"):
            self._layers = []
        self._inbound_nodes = []
        self._outbound_nodes = []
        self._expects_training_arg = "training" in _fn_args(self.call)
        self._dynamic = dynamic
        if "input_shape" in kwargs or "batch_input_shape" in kwargs:
            if "batch_input_shape" in kwargs:
                self._batch_input_shape = tuple(kwargs["batch_input_shape"])
            else:
                self._batch_input_shape = ((kwargs.get("batch_size"),)
                                           + tuple(kwargs["input_shape"]))
        self._initial_weights = kwargs.get("weights")

    def __setattr__(self, name, value):
        super().__setattr__(name, value)   # (tf.Module: the restores waiting for `name`)
        if _tracked(value) and not name.startswith("_self_") and _user_assignment():
            # TF 1.14's Layer.__setattr__ tracks the value by attribute (not in the
            # library's own methods: their no_automatic_dependency_tracking)
            self.__dict__.setdefault("_self_deps", {})[name] = value

    def _tracked_children(self):
        """[(local name, object)] of TF 1.14's object graph below this layer."""
        return tracking.layer_children(self)

    # -- names ----------------------------------------------------------------------------
    def _init_set_name(self, name, zero_based=True):
        if not name:
            self._name = backend.unique_object_name(
                base_layer_utils.to_snake_case(self.__class__.__name__), zero_based=zero_based)
        else:
            self._name = name

    def _name_scope(self):
        return self.name

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def dynamic(self):
        return self._dynamic

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = value
        for layer in getattr(self, "_layers", []):
            layer.trainable = value

    @property
    def activity_regularizer(self):
        return self._activity_regularizer

    @activity_regularizer.setter
    def activity_regularizer(self, regularizer):
        self._activity_regularizer = regularizer

    # -- the subclass API -----------------------------------------------------------------
    def build(self, input_shape):
        """Creates the weights; the default creates none."""
        self.built = True

    def call(self, inputs, **kwargs):
        """The layer's computation; the default is the identity."""
        return inputs

    @property
    def input(self):
        """The input of the layer's first call on Keras tensors (AttributeError if none)."""
        if not self._inbound_nodes:
            raise AttributeError("Layer " + self.name + " is not connected, no input to "
                                 "return.")
        return _node_value(self._inbound_nodes[0].input_tensors)

    @property
    def output(self):
        """The output of the layer's first call on Keras tensors (AttributeError if none)."""
        if not self._inbound_nodes:
            raise AttributeError("Layer " + self.name + " has no inbound nodes.")
        return _node_value(self._inbound_nodes[0].output_tensors)

    # -- TF's node accessors: shapes and masks of the calls on Keras tensors ---------------
    @property
    def inbound_nodes(self):
        """TF's (deprecated) list of the layer's Nodes, one per call on Keras tensors."""
        return self._inbound_nodes

    @property
    def outbound_nodes(self):
        """TF's (deprecated) list of the Nodes of the calls on this layer's outputs."""
        return self._outbound_nodes

    def _tf_nodes(self):
        """TF's inbound nodes as (input tensors, output tensors), in call order."""
        return [(n.input_tensors, n.output_tensors) for n in self._inbound_nodes]

    def _node_attribute(self, node_index, which, what):
        """TF's _get_node_attribute_at_index: `which` 0 (inputs) or 1 (outputs) of node
        `node_index`, "shapes" of them when `what` names shapes."""
        nodes = self._tf_nodes()
        if not nodes:
            raise RuntimeError("The layer has never been called and thus has no defined "
                               + what + ".")
        if not len(nodes) > node_index:
            raise ValueError("Asked to get " + what + " at node " + str(node_index) +
                             ", but the layer has only " + str(len(nodes)) +
                             " inbound nodes.")
        values = nodes[node_index][which]
        if what.endswith("shape"):
            values = _map_structure(backend.int_shape, values)
        if isinstance(values, list) and len(values) == 1:
            return values[0]
        return values

    def _one_shape(self, which, what):
        nodes = self._tf_nodes()
        if not nodes:
            raise AttributeError("The layer has never been called and thus has no defined "
                                 + what + " shape.")
        shapes = [_map_structure(backend.int_shape, n[which]) for n in nodes]
        if len({str(s) for s in shapes}) == 1:
            return shapes[0]
        if which == 0:
            raise AttributeError('The layer "' + str(self.name) + ' has multiple inbound '
                                 'nodes, with different input shapes. Hence the notion of '
                                 '"input shape" is ill-defined for the layer. Use '
                                 '`get_input_shape_at(node_index)` instead.')
        raise AttributeError('The layer "%s" has multiple inbound nodes, with different '
                             'output shapes. Hence the notion of "output shape" is '
                             'ill-defined for the layer. Use `get_output_shape_at(node_index)` '
                             'instead.' % self.name)

    @property
    def input_shape(self):
        """The input shape(s) of the layer's calls (AttributeError if never called or if
        its calls' input shapes differ)."""
        return self._one_shape(0, "input")

    @property
    def output_shape(self):
        """The output shape(s) of the layer's calls (AttributeError as input_shape)."""
        return self._one_shape(1, "output")

    @property
    def input_mask(self):
        """The Keras mask(s) of the layer's input (None where a tensor carries none)."""
        return _masks_of(self.input)

    @property
    def output_mask(self):
        """The Keras mask(s) of the layer's output."""
        return _masks_of(self.output)

    def get_input_at(self, node_index):
        """The input tensor(s) of call `node_index`."""
        return self._node_attribute(node_index, 0, "input")

    def get_output_at(self, node_index):
        """The output tensor(s) of call `node_index`."""
        return self._node_attribute(node_index, 1, "output")

    def get_input_shape_at(self, node_index):
        """The input shape(s) of call `node_index`."""
        return self._node_attribute(node_index, 0, "input shape")

    def get_output_shape_at(self, node_index):
        """The output shape(s) of call `node_index`."""
        return self._node_attribute(node_index, 1, "output shape")

    def get_input_mask_at(self, node_index):
        """The input mask(s) of call `node_index`."""
        return _masks_of(self.get_input_at(node_index))

    def get_output_mask_at(self, node_index):
        """The output mask(s) of call `node_index`."""
        return _masks_of(self.get_output_at(node_index))

    @property
    def metrics(self):
        """The Metric objects of the layer's add_metric, then those of its sublayers."""
        out = list(getattr(self, "_metrics", ()))
        for layer in getattr(self, "_layers", None) or ():
            out.extend(getattr(layer, "metrics", []))
        return out

    def compute_output_shape(self, input_shape):
        """The output shape for `input_shape` (layers with weights override this)."""
        raise NotImplementedError

    def compute_mask(self, inputs, mask=None):
        """The output mask (masks pass through layers that support masking)."""
        if not self.supports_masking:
            if mask is not None and any(m is not None for m in _flatten(mask)):
                raise TypeError("Layer " + self.name + " does not support masking, but was "
                                "passed an input_mask: " + str(mask))
            return None
        return mask

    # -- weights --------------------------------------------------------------------------
    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, partitioner=None, use_resource=None,
                   synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE, **kwargs):
        """Creates a weight (resource variable for Keras layers), tracks it, and adds its
        regularization loss."""
        if shape is None:
            shape = ()
        for kwarg in kwargs:
            if kwarg not in ("getter", "collections", "experimental_autocast",
                             "caching_device"):
                raise TypeError("Unknown keyword argument:", kwarg)
        getter = kwargs.pop("getter", base_layer_utils.make_variable)
        collections_arg = kwargs.pop("collections", None)
        caching_device = kwargs.pop("caching_device", None)
        autocast = kwargs.pop("experimental_autocast", True)
        if dtype is None:
            dtype = self.dtype or backend.floatx()
        dtype = _dt.as_dtype(dtype)
        if self._dtype is None:
            self._dtype = dtype.base_dtype.name
        initializer = base_layer_utils.get_initializer(initializer)
        regularizer = base_layer_utils.get_regularizer(regularizer)
        constraint = base_layer_utils.get_constraint(constraint)
        if synchronization == VariableSynchronization.ON_READ:
            if trainable:
                raise ValueError(
                    "Synchronization value can be set to VariableSynchronization.ON_READ only "
                    "for non-trainable variables. You have specified trainable=True and "
                    "synchronization=VariableSynchronization.ON_READ.")
            trainable = False
        elif trainable is None:
            trainable = True
        if initializer is None:
            if dtype.is_floating:
                initializer = base_layer_utils.get_initializer("glorot_uniform")
            elif dtype.is_integer or dtype.is_bool:
                initializer = base_layer_utils.get_initializer("zeros")
            else:
                raise ValueError("An initializer for variable %s of type %s is required for "
                                 "layer %s" % (name, dtype.base_dtype, self.name))
        getter_kwargs = {"initializer": initializer, "dtype": dtype, "constraint": constraint,
                         "trainable": trainable, "partitioner": partitioner,
                         "use_resource": use_resource, "collections": collections_arg,
                         "synchronization": synchronization, "aggregation": aggregation,
                         "caching_device": caching_device}
        variable = getter(name=name, shape=shape, **getter_kwargs)
        backend.track_variable(variable)
        if autocast and self._mixed_precision_policy.should_cast_variables:
            variable = AutoCastVariable(variable)   # read as the call's input dtype
        if regularizer is not None:
            name_in_scope = variable.name[:variable.name.find(":")]
            self._handle_weight_regularization(name_in_scope, variable, regularizer)
        if trainable:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        # TF's _add_variable_with_custom_getter: tracked by its name, a restore waiting
        # for it (a checkpoint restored before the layer was built) runs now
        plain = variable._variable if isinstance(variable, AutoCastVariable) else variable
        self.__dict__.setdefault("_self_deps", {})[name] = plain
        dependency_added(self, name, plain)
        return variable

    def add_variable(self, *args, **kwargs):
        """Deprecated alias of add_weight."""
        return self.add_weight(*args, **kwargs)

    def _handle_weight_regularization(self, name, variable, regularizer):
        def _loss_for_variable(v):
            with name_scope(name + "/Regularizer"):
                return regularizer(v)
        self.add_loss(functools.partial(_loss_for_variable, variable))

    def _gather_children_attribute(self, attribute):
        return [x for layer in getattr(self, "_layers", []) for x in getattr(layer, attribute)]

    @property
    def trainable_weights(self):
        if self.trainable:
            return self._trainable_weights + self._gather_children_attribute(
                "trainable_weights")
        return []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return self._non_trainable_weights + self._gather_children_attribute(
                "non_trainable_weights")
        return (self._trainable_weights + self._non_trainable_weights
                + self._gather_children_attribute("weights"))

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    @property
    def variables(self):
        return self.weights

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    def count_params(self):
        """The number of scalars in the layer's weights."""
        if not self.built:
            raise ValueError("You tried to call `count_params` on " + self.name + ", but the "
                             "layer isn't built. You can build it manually via: `" +
                             self.name + ".build(batch_input_shape)`.")
        return int(sum(np.prod(w.shape.as_list()) for w in self.weights))

    def get_weights(self):
        """The weights' current values (numpy arrays), read in keras.backend.get_session()
        (which first initializes the Keras variables not yet initialized), as TF 1.14."""
        return backend.batch_get_value(self.weights)

    def set_weights(self, weights):
        """Assigns numpy arrays to the weights in the default session."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("You called `set_weights(weights)` on layer \"" + self.name +
                             "\" with a  weight list of length " + str(len(weights)) +
                             ", but the layer was expecting " + str(len(params)) +
                             " weights. Provided weights: " + str(weights)[:50] + "...")
        if not params:
            return
        for p, w in zip(params, weights):
            if TensorShape(np.shape(w)) != p.shape:
                raise ValueError("Layer weight shape " + str(p.shape) + " not compatible "
                                 "with provided weight shape " + str(np.shape(w)))
        # TF 1.14: the values are read first (keras.backend.get_session() initializes
        # the Keras variables), then assigned through each variable's assign placeholder
        backend.get_session()
        backend.batch_set_value(list(zip(params, weights)))

    # -- losses and updates ---------------------------------------------------------------
    def add_loss(self, losses, inputs=None):
        """Adds loss tensors (or zero-argument callables that make them) to the layer."""
        def _tag_unconditional(loss):
            if callable(loss):
                loss = loss()
            if loss is None:
                return None
            if not isinstance(loss, Tensor):
                loss = convert_to_tensor(loss, dtype=backend.floatx())
            self._unconditional[id(loss)] = inputs is None
            return loss

        for loss in _flatten(losses):
            if callable(loss):
                self._callable_losses.append(functools.partial(_tag_unconditional, loss))
            elif loss is None:
                continue
            elif getattr(self, "_is_graph_network", False) and \
                    not base_layer_utils.is_in_call_context():
                # TF 1.14: a functional model's loss becomes layers of the model (its raw
                # ops, then an AddLoss), which its calls on new inputs make again
                if not isinstance(loss, Tensor):
                    loss = convert_to_tensor(loss, dtype=backend.floatx())
                new_layers = create_keras_history(loss)
                add_loss_layer = AddLoss(unconditional=False)
                add_loss_layer(loss)
                self._insert_layers(new_layers + [add_loss_layer])
            else:
                self._losses.append(_tag_unconditional(loss))

    def add_metric(self, value, aggregation=None, name=None):
        """Adds a metric tensor to the layer (TF 1.14's add_metric, graph mode): with
        aggregation='mean' a Mean metric named `name` (made once per name) averages the
        values over the batches; with aggregation=None `value` must be the result of
        calling a keras Metric, which is tracked. In a call (or on a layer that is not a
        functional model) the metric is the layer's; a functional model's tensor becomes
        layers of the model (its raw ops, then an AddMetric)."""
        if aggregation is not None and aggregation != "mean":
            raise ValueError("We currently support only `mean` sample-wise metric "
                             "aggregation. You provided aggregation=`%s`" % aggregation)
        from_metric_obj = hasattr(value, "_metric_obj")
        is_symbolic = isinstance(value, (Tensor, _variables.Variable))
        if name is None and not from_metric_obj:
            raise ValueError("Please provide a name for your metric like "
                             "`self.add_metric(tf.reduce_sum(inputs), "
                             "name='mean_activation', aggregation='mean')`")
        if base_layer_utils.is_in_call_context():
            if is_symbolic:
                self._symbolic_add_metric(value, aggregation, name)
            else:
                self._eager_add_metric(value, aggregation, name)
            return
        if not is_symbolic:
            raise ValueError("Expected a symbolic Tensor for the metric value, received: "
                             + str(value))
        if not getattr(self, "_is_graph_network", False):
            self._symbolic_add_metric(value, aggregation, name)
            return
        if from_metric_obj:
            raise ValueError("Using the result of calling a `Metric` object when calling "
                             "`add_metric` on a Functional Model is not supported. Please "
                             "pass the Tensor to monitor directly.")
        new_layers = create_keras_history(value)
        add_metric_layer = AddMetric(aggregation, name)
        add_metric_layer(value)
        self._insert_layers(new_layers + [add_metric_layer])

    def _get_existing_metric(self, name=None):
        """The layer's metric named `name` (None if none; ValueError if several)."""
        match = [m for m in self._metrics if m.name == name]
        if not match:
            return None
        if len(match) > 1:
            raise ValueError("Please provide different names for the metrics you have "
                             "added. We found {} metrics with the name: \"{}\"".format(
                                 len(match), name))
        return match[0]

    def _symbolic_add_metric(self, value, aggregation=None, name=None):
        """A tensor's metric: the existing one of that name (updated again with
        aggregation='mean'), the Metric that made `value`, or a new Mean of it."""
        match = self._get_existing_metric(name)
        if aggregation is None:
            if match:
                result_tensor, metric_obj = value, match
            elif hasattr(value, "_metric_obj"):
                result_tensor, metric_obj = value, value._metric_obj
                self._metrics.append(metric_obj)
            else:
                raise ValueError(
                    "We do not support adding an aggregated metric result tensor that is "
                    "not the output of a `tf.keras.metrics.Metric` metric instance. Without "
                    "having access to the metric instance we cannot reset the state of a "
                    "metric after every epoch during training. You can create a "
                    "`tf.keras.metrics.Metric` instance and pass the result here or pass an "
                    "un-aggregated result with `aggregation` parameter set as `mean`. For "
                    "example: `self.add_metric(tf.reduce_sum(inputs), "
                    "name='mean_activation', aggregation='mean')`")
        elif match:
            result_tensor, metric_obj = match(value), match
        else:
            metric_obj = _mean_metric(name)
            result_tensor = metric_obj(value)
            self._metrics.append(metric_obj)
        self._metrics_tensors[metric_obj.name] = result_tensor

    def _eager_add_metric(self, value, aggregation=None, name=None):
        """TF 1.14's path for a value that is not a tensor in a call: the metric of that
        name updated (or a new Mean made and updated), no result tensor recorded."""
        metric_obj = getattr(value, "_metric_obj", None)
        if metric_obj:
            name = metric_obj.name
        match = self._get_existing_metric(name)
        if match:
            if not metric_obj:
                match(value)
            return
        if not metric_obj:
            metric_obj = _mean_metric(name)
            metric_obj(value)
        self._metrics.append(metric_obj)

    @property
    def losses(self):
        """The layer's losses; regularization losses are rebuilt on each access (as TF)."""
        collected = list(self._losses)
        for regularizer in self._callable_losses:
            loss_tensor = regularizer()
            if loss_tensor is not None:
                collected.append(loss_tensor)
        return collected + self._gather_children_attribute("losses")

    def add_update(self, updates, inputs=None):
        """Adds update ops (or zero-argument callables that make them)."""
        def process_update(x):
            if callable(x):
                return process_update(x())
            if isinstance(x, Operation):
                update = x
            elif hasattr(x, "op"):
                update = x.op
            else:
                update = convert_to_tensor(x)
            self._unconditional[id(update)] = inputs is None
            return update

        if not isinstance(updates, (list, tuple)):
            updates = [updates]
        self._updates += [process_update(x) for x in updates]

    @property
    def updates(self):
        if not self.trainable and not self.stateful:
            return []
        return list(self._updates) + self._gather_children_attribute("updates")

    def get_updates_for(self, inputs):
        """The updates that depend on `inputs` (None: the unconditional ones): as TF, the
        conditional updates reachable in the graph from `inputs`."""
        if inputs is None:
            return [u for u in self.updates if self._is_unconditional(u)]
        updates = [u for u in self.updates if not self._is_unconditional(u)]
        reachable = _reachable_from(_flatten(inputs), updates)
        return [u for u in updates if u in reachable]

    def get_losses_for(self, inputs):
        """The losses that depend on `inputs` (None: the unconditional ones): as TF, the
        conditional losses reachable in the graph from `inputs`."""
        if inputs is None:
            return [x for x in self.losses if self._is_unconditional(x)]
        losses = [x for x in self.losses if not self._is_unconditional(x)]
        reachable = _reachable_from(_flatten(inputs), losses)
        return [x for x in losses if x in reachable]

    def _is_unconditional(self, x):
        """Whether x was added with inputs=None, by this layer or any nested in it (TF tags
        the op itself: `_unconditional_update` / `_unconditional_loss`)."""
        stack = [self]
        while stack:
            layer = stack.pop()
            if id(x) in layer._unconditional:
                return layer._unconditional[id(x)]
            stack.extend(getattr(layer, "_layers", []))
        return True

    # -- calling --------------------------------------------------------------------------
    def __call__(self, inputs, *args, **kwargs):
        """Builds the layer on its first call, then its ops, in name_scope(layer.name)."""
        def _convert_non_tensor(x):
            if isinstance(x, (np.ndarray, float, int)):
                return convert_to_tensor(x)
            return x
        inputs = _map_structure(_convert_non_tensor, inputs)
        flat_inputs = _flatten(inputs)
        if all(isinstance(x, Tensor) or hasattr(x, "op") for x in flat_inputs) and \
                base_layer_utils.needs_keras_history(inputs):
            # TF 1.14: raw TF ops between a keras.Input and this call become layers
            create_keras_history(inputs)
        with base_layer_utils.call_context():
            return self._call_in_context(inputs, flat_inputs, args, kwargs)

    def _call_in_context(self, inputs, flat_inputs, args, kwargs):
        assert_input_compatibility(self.input_spec, inputs, self.name)
        input_masks = [_get_mask(t) for t in flat_inputs]
        previous_mask = None
        if any(m is not None for m in input_masks):
            previous_mask = input_masks if isinstance(inputs, (list, tuple)) else \
                input_masks[0]
        call_kwargs = kwargs
        if previous_mask is not None and "mask" not in kwargs and \
                "mask" in _fn_args(self.call):
            call_kwargs = dict(kwargs, mask=previous_mask)
        with name_scope(self._name_scope()) as scope:
            self._maybe_build(inputs)
            # TF 1.14: AutoCastVariables read as the first input's float dtype under a
            # casting policy, uncast in a layer without one
            read_dtype = None
            if self._mixed_precision_policy.should_cast_variables and flat_inputs and \
                    getattr(flat_inputs[0], "dtype", None) is not None and \
                    flat_inputs[0].dtype.is_floating:
                read_dtype = flat_inputs[0].dtype.base_dtype
            with get_default_graph()._enable_auto_casting_variables(read_dtype):
                outputs = self.call(inputs, *args, **call_kwargs)
            if outputs is None:
                raise ValueError("A layer's `call` method should return a Tensor or a list of "
                                 "Tensors, not None (layer: " + self.name + ").")
            keras_call = bool(flat_inputs) and all(
                isinstance(t, Tensor) and t in KERAS_HISTORY for t in flat_inputs)
            if keras_call:
                outputs = self._copy_returned_inputs(flat_inputs, outputs)
            self._handle_activity_regularization(inputs, outputs)
        flat_out = _flatten(outputs)
        if flat_out and all(isinstance(t, Tensor) and KERAS_MASK.get(t) is not None
                            for t in flat_out):
            pass   # TF's mask_already_computed: the call set them (Masking)
        elif previous_mask is not None:
            self._set_masks(inputs, outputs, previous_mask, scope)
        elif type(self).compute_mask is not Layer.compute_mask:
            # a mask made here (Embedding) is built right away, in this layer's scope, as
            # TF 1.14's _set_mask_metadata builds it (its ops count for the seeds of later
            # random ops)
            self._set_masks(inputs, outputs, None, scope)
        if keras_call:
            # a node, as TF 1.14 records one only when every input is a Keras tensor
            self._add_inbound_node(inputs, outputs, kwargs, args)
        if hasattr(self, "_set_called_inputs") and not self.inputs:
            # TF 1.14: a model without inputs (subclassed, or a Sequential called on a
            # tensor) takes the tensors it is called on as its inputs
            self._set_called_inputs(inputs, outputs)
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None
        return outputs

    def _copy_returned_inputs(self, flat_inputs, outputs):
        """TF 1.14's _set_connectivity_metadata_: an input the call returns as it is becomes
        an Identity in name_scope(layer.name), so that the input keeps its Keras history."""
        input_ids = {id(t) for t in flat_inputs}
        if not any(id(x) in input_ids for x in _flatten(outputs)):
            return outputs

        def copy(x):
            if id(x) not in input_ids:
                return x
            with name_scope(self.name):
                return array_ops.identity(x)
        return _map_structure(copy, outputs)

    def _add_inbound_node(self, input_tensors, output_tensors, arguments=None, args=()):
        """Records a call on Keras tensors: a Node, and the Keras history of its outputs."""
        arguments = dict(arguments or {})
        node_index = len(self._inbound_nodes)
        Node(self, _map_structure(lambda t: KERAS_HISTORY[t][0], input_tensors),
             _map_structure(lambda t: KERAS_HISTORY[t][1], input_tensors),
             _map_structure(lambda t: KERAS_HISTORY[t][2], input_tensors), input_tensors,
             output_tensors, arguments, call=(input_tensors, output_tensors, args, arguments))
        for i, t in enumerate(_flatten(output_tensors)):
            if isinstance(t, Tensor):
                KERAS_HISTORY[t] = (self, node_index, i)

    def _set_masks(self, inputs, outputs, previous_mask, scope):
        with name_scope(scope):
            output_masks = self.compute_mask(inputs, previous_mask)
        flat_outputs = _flatten(outputs)
        flat_masks = output_masks if isinstance(output_masks, (list, tuple)) else \
            [output_masks] * len(flat_outputs)
        for t, m in zip(flat_outputs, flat_masks):
            if isinstance(t, Tensor) and m is not None:
                KERAS_MASK[t] = m

    def apply(self, inputs, *args, **kwargs):
        """Deprecated alias of __call__."""
        return self.__call__(inputs, *args, **kwargs)

    def _maybe_build(self, inputs):
        if self.built:
            return
        assert_input_compatibility(self.input_spec, inputs, self.name)
        input_list = _flatten(inputs)
        if input_list and self._dtype is None:
            dtype = getattr(input_list[0], "dtype", None)
            if dtype is not None:
                self._dtype = dtype.base_dtype.name
        input_shapes = None
        if all(hasattr(x, "shape") for x in input_list):
            input_shapes = _map_structure(lambda x: x.shape, inputs)
        # TF 1.14 calls build only where a class overrides Layer's: a build marked
        # `_is_default` (Sequential's, as TF's @base_layer.default) is skipped
        if not getattr(self.build, "_is_default", False):
            self.build(input_shapes)
        self.built = True

    def _handle_activity_regularization(self, inputs, outputs):
        if self._activity_regularizer:
            with name_scope("ActivityRegularizer"):
                for output in _flatten(outputs):
                    activity_loss = self._activity_regularizer(output)
                    batch_size = math_ops.cast(array_ops.shape(output)[0], activity_loss.dtype)
                    self.add_loss(activity_loss / batch_size, inputs=inputs)

    # -- config ---------------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable}
        if hasattr(self, "_batch_input_shape"):
            config["batch_input_shape"] = self._batch_input_shape
        config["dtype"] = self.dtype
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


_TF_OP_LAYER_NAME_PREFIX = "tf_op_layer_"


class TensorFlowOpLayer(Layer):
    """A raw TF op applied to Keras tensors, as a layer of the functional API (made by
    `create_keras_history`, named `tf_op_layer_<op name>`). Each call makes a new op of
    the same type and attrs on the tensors it is given, its other inputs being the
    `constants` ({input index: value}) found when the layer was made.

    Args:
      node_def: the op's NodeDef, serialized (bytes) or a NodeDef proto; or (flowgrad's
        way, without protocol buffers) the Operation itself.
      constants: {input index: NumPy value} of the op's inputs that are not Keras tensors.
      name: the op's name (the layer's is the prefix and it).
      trainable, dtype: as Layer's (no effect: the layer has no weights).
    """

    def __init__(self, node_def, constants=None, name=None, trainable=True, dtype=None):
        super().__init__(name=_TF_OP_LAYER_NAME_PREFIX + name, trainable=trainable,
                         dtype=dtype)
        self._node_def = None
        if isinstance(node_def, Operation):
            self._source_op = node_def
            self._op_type, self._op_name = node_def.type, node_def.name
            self._op_attrs = dict(node_def._attrs)
        else:
            if isinstance(node_def, bytes):
                node_def = pb().node_def_pb2.NodeDef.FromString(node_def)
            self._source_op, self._node_def = None, node_def
            self._op_type, self._op_name = node_def.op, node_def.name
            self._op_attrs = node_attrs_from_proto(node_def.op, node_def.attr)
        self.constants = constants or {}
        # the layer makes the op it wraps again only when called on new inputs
        self.built = True

    @property
    def node_def(self):
        """The NodeDef proto of the op, named as the op the layer made last."""
        if self._node_def is None:
            self._node_def = node_def_proto(self._source_op)
        self._node_def.name = self._op_name
        return self._node_def

    def call(self, inputs):
        inputs = _flatten(inputs)
        graph = inputs[0].graph
        with graph.as_default():
            for index, constant in self.constants.items():
                inputs.insert(index, convert_to_tensor(constant))
            # as TF 1.14, the name (scoped) is kept for the next call, which scopes it again
            self._op_name = graph.unique_name(self._op_name)
            op = graph._create_op(self._op_type, inputs, dict(self._op_attrs),
                                  name=self._op_name + "/")
        outputs = op.outputs
        return outputs[0] if len(outputs) == 1 else outputs

    def get_config(self):
        config = super().get_config()
        config.update({"node_def": self.node_def.SerializeToString(),
                       "constants": {i: backend.get_value(c)
                                     for i, c in self.constants.items()}})
        return config


class AddLoss(Layer):
    """A functional model's `add_loss` as a layer: adds its input as a loss (conditional on
    the inputs unless `unconditional`) and returns it."""

    def __init__(self, unconditional, **kwargs):
        super().__init__(**kwargs)
        self.unconditional = unconditional

    def call(self, inputs):
        self.add_loss(inputs, inputs=(not self.unconditional))
        return inputs

    def get_config(self):
        config = super().get_config()
        config.update({"unconditional": self.unconditional})
        return config


class AddMetric(Layer):
    """A functional model's `add_metric` as a layer: adds its input as a metric (named
    `metric_name`, aggregated by `aggregation`) and returns it."""

    def __init__(self, aggregation=None, metric_name=None, **kwargs):
        super().__init__(**kwargs)
        self.aggregation = aggregation
        self.metric_name = metric_name

    def call(self, inputs):
        self.add_metric(inputs, self.aggregation, self.metric_name)
        return inputs

    def get_config(self):
        config = super().get_config()
        config.update({"aggregation": self.aggregation, "metric_name": self.metric_name})
        return config


# keras.metrics.Mean, registered by keras/_metrics_base.py when it is imported (with the
# keras package): a Metric is a Layer, so this module cannot import it
MEAN_METRIC = {}


def _mean_metric(name):
    """TF 1.14's create_mean_metric: a keras.metrics.Mean named `name`."""
    return MEAN_METRIC["class"](name=name)


def create_keras_history(tensors):
    """Wraps the raw TF ops that made `tensors` from Keras tensors in TensorFlowOpLayers
    (each op a layer `tf_op_layer_<op name>`, its inputs that do not come from a keras.Input
    evaluated now as its `constants`); returns the layers made."""
    _, created = _create_keras_history_helper(tensors, set(), [])
    return created


def _create_keras_history_helper(tensors, processed_ops, created_layers):
    """create_keras_history, each op's Keras-tensor inputs wrapped first (once an op)."""
    for tensor in _flatten(tensors):
        if base_layer_utils.has_history(tensor):
            continue
        op = tensor.op
        if op in processed_ops:
            continue
        constants, layer_inputs = {}, []
        for i, op_input in enumerate(op.inputs):
            if base_layer_utils.uses_keras_history(op_input):
                layer_inputs.append(op_input)
            else:
                # TF 1.14 evaluates what does not come from a keras.Input (a variable, a
                # placeholder that is fed later fails here) and keeps its value
                constants[i] = backend.function([], op_input)([])
        processed_ops, created_layers = _create_keras_history_helper(
            layer_inputs, processed_ops, created_layers)
        op_layer = TensorFlowOpLayer(op, constants=constants, name=op.name)
        created_layers.append(op_layer)
        op_layer._add_inbound_node(layer_inputs, op.outputs)
        processed_ops.add(op)
    return processed_ops, created_layers


def _map_structure(fn, value):
    """nest.map_structure over the lists, tuples and dicts a layer is called on."""
    if isinstance(value, dict):
        return {k: _map_structure(fn, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        out = [_map_structure(fn, v) for v in value]
        return type(value)(out) if type(value) in (list, tuple) else out
    return fn(value)


def _masks_of(value):
    """TF's `getattr(x, '_keras_mask', None)` over a tensor or a list of them."""
    if isinstance(value, list):
        return [_get_mask(x) for x in value]
    return _get_mask(value)


def _node_value(value):
    """TF's node attribute: the one tensor, or the list of them."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    return values[0] if len(values) == 1 else values


def _reachable_from(inputs, targets):
    """TF's tf_utils.get_reachable_from_inputs: the tensors and ops downstream of `inputs`
    (through consumers, op outputs and control outputs), stopping once every target is."""
    reachable, targets = set(inputs), set(targets)
    queue = list(inputs)
    while queue:
        x = queue.pop()
        if isinstance(x, Operation):
            outs = list(x.outputs) + list(x._control_outputs)
        elif isinstance(x, Tensor):   # (flowgrad's edges: the same ops are reached as
            outs = x._consumers        # through TF's Switches, without a GraphDef export)
        elif hasattr(x, "op"):   # a Variable
            outs = [x.op]
        else:
            continue
        for y in outs:
            if y not in reachable:
                reachable.add(y)
                queue.insert(0, y)
        if targets and targets <= reachable:
            break
    return reachable
