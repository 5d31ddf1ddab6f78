"""tf.layers.Layer: a Keras layer whose variables come from `get_variable` (TF 1.14
python/layers/base.py).

The layer owns a variable scope (`dense`, `dense_1`, ... made unique by
variable_scope's default_name, or the `name` / `_scope` given), creates reference
variables there with get_variable (so `reuse` and enclosing scopes apply), adds
regularization losses to REGULARIZATION_LOSSES and its updates to UPDATE_OPS.
"""
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import GraphKeys, get_collection_ref, name_scope
from ..keras import backend
from ..keras.engine import base_layer
from ..keras.engine.base_layer_utils import (VariableAggregation, VariableSynchronization,
                                             to_snake_case)
from ..keras.engine.input_spec import InputSpec
from ..ops import variable_scope as vs
from ..ops import variables as tf_variables

__all__ = ["Layer", "InputSpec"]


class Layer(base_layer.Layer):
    """Base class of tf.layers layers (reference variables through get_variable).

    Args:
      trainable: whether the variables go to TRAINABLE_VARIABLES.
      name: the layer's name and the base of its variable scope.
      dtype: the layer's dtype.
    """

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        self._use_resource_variables = False
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        self._trainable_weights = []
        self.built = False
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._keras_style = False
        self._call_has_scope_arg = "scope" in base_layer._fn_args(self.call)
        if scope:
            with vs.variable_scope(scope) as captured_scope:
                self._scope = captured_scope
        else:
            self._scope = None
        self._current_scope = None

    @property
    def graph(self):
        """Deprecated: tf.layers layers no longer track their graph (always None)."""
        return None

    def _init_set_name(self, name):
        if isinstance(name, vs.VariableScope):
            base_name = name.name
            self._name, _ = self._make_unique_name()
        else:
            base_name = name
            self._name = name
        if not name:
            self._name, base_name = self._make_unique_name()
        self._base_name = base_name

    def _make_unique_name(self, name_uid_map=None, avoid_names=None, namespace="",
                          zero_based=False):
        base_name = to_snake_case(self.__class__.__name__)
        name = backend.unique_object_name(base_name, name_uid_map=name_uid_map,
                                          avoid_names=avoid_names, namespace=namespace,
                                          zero_based=zero_based)
        return name, base_name

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError('No name available for layer scope because the layer "' +
                             self._name + '" has not been used yet. The scope name ' +
                             " is determined the first time the layer instance is " +
                             "called. You must therefore call the layer before " +
                             "querying `scope_name`.")
        return self._scope.name

    def add_loss(self, losses, inputs=None):
        """Adds losses; in graph mode they also go to REGULARIZATION_LOSSES."""
        n_losses = len(self._losses)
        n_callable = len(self._callable_losses)
        super().add_loss(losses, inputs=inputs)
        new_losses = self._losses[n_losses:]
        for regularizer in self._callable_losses[n_callable:]:
            loss_tensor = regularizer()
            if loss_tensor is not None:
                new_losses.append(loss_tensor)
        _add_elements_to_collection(new_losses, GraphKeys.REGULARIZATION_LOSSES)

    def _name_scope(self):
        return self._current_scope.original_name_scope

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with vs.variable_scope(scope if scope is not None
                                       else self._base_name) as captured_scope:
                    self._scope = captured_scope
            else:
                with vs.variable_scope(scope, default_name=self._base_name) as captured_scope:
                    self._scope = captured_scope

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, use_resource=None,
                   synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE, partitioner=None, **kwargs):
        """Gets or creates the variable `<layer scope>/name` with get_variable."""
        for kwarg in kwargs:
            if kwarg != "experimental_autocast":
                raise TypeError("Unknown keyword argument:", kwarg)
        if synchronization == VariableSynchronization.ON_READ:
            if trainable:
                raise ValueError(
                    "Synchronization value can be set to VariableSynchronization.ON_READ only "
                    "for non-trainable variables. You have specified trainable=True and "
                    "synchronization=VariableSynchronization.ON_READ.")
            trainable = False
        elif trainable is None:
            trainable = True
        existing_variables = set(tf_variables.global_variables())
        if dtype is None:
            dtype = self.dtype or _dt.float32
        self._set_scope(None)
        reuse = self.built or self._reuse
        prev_len_trainable = len(self._trainable_weights)
        with vs.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with name_scope(self._name_scope()):
                use_resource = (use_resource or self._use_resource_variables
                                or scope.use_resource)
                if initializer is None:
                    initializer = scope.initializer
                variable = super().add_weight(
                    name, shape, dtype=_dt.as_dtype(dtype), initializer=initializer,
                    trainable=trainable and self.trainable, constraint=constraint,
                    partitioner=partitioner, use_resource=use_resource,
                    synchronization=synchronization, aggregation=aggregation,
                    getter=_get_variable, **kwargs)
                if regularizer and variable not in existing_variables:
                    self._handle_weight_regularization(name, variable, regularizer)
                if (trainable and self.trainable
                        and variable not in tf_variables.trainable_variables()):
                    # a custom getter or the scope made it non-trainable
                    extra = self._trainable_weights[prev_len_trainable:]
                    self._trainable_weights = self._trainable_weights[:prev_len_trainable]
                    self._non_trainable_weights += extra
        return variable

    def __call__(self, inputs, *args, **kwargs):
        """Calls the layer in its variable scope (reused after the first call); its
        updates go to UPDATE_OPS."""
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        if self.built:
            if not hasattr(self, "_always_reuse_variable_scope"):
                self._always_reuse_variable_scope = vs.variable_scope(
                    self._scope, reuse=True, auxiliary_name_scope=False)
            scope_context_manager = self._always_reuse_variable_scope
        else:
            scope_context_manager = vs.variable_scope(self._scope, reuse=self._reuse,
                                                      auxiliary_name_scope=False)
        with scope_context_manager as scope:
            self._current_scope = scope
            if self._call_has_scope_arg:
                kwargs["scope"] = scope
            outputs = super().__call__(inputs, *args, **kwargs)
        _add_elements_to_collection(self.updates, GraphKeys.UPDATE_OPS)
        return outputs


def _get_variable(name, shape=None, dtype=None, initializer=None, trainable=None,
                  collections=None, caching_device=None, partitioner=None,
                  use_resource=None, constraint=None, synchronization=None, aggregation=None):
    return vs.get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                           trainable=trainable, collections=collections,
                           caching_device=caching_device, partitioner=partitioner,
                           use_resource=use_resource, constraint=constraint)


def _add_elements_to_collection(elements, collection_list):
    if not isinstance(collection_list, (list, tuple)):
        collection_list = [collection_list]
    for name in collection_list:
        collection = get_collection_ref(name)
        present = set(collection)
        for element in base_layer._flatten(elements):
            if element not in present:
                collection.append(element)
                present.add(element)
