"""tf.variable_scope and tf.get_variable (TF 1.x variable sharing by name).

Each graph holds one `_VariableScopeStore`: the current VariableScope, the
open-count of every scope name (for `default_name` uniquification) and the
variables `get_variable` created, by full name. Variable names depend only on
the variable scope; ops created inside `variable_scope` get the scope's name
scope, which is uniquified like any name scope ("foo", then "foo_1").
"""
from __future__ import annotations

import collections.abc as _abc   # `collections` is get_variable's argument here

import enum
import functools
import inspect
import traceback

from ..engine.framework import op_traceback as _op_traceback
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, _graph_of, get_default_graph, name_scope
from ..engine.framework.tensor_shape import as_shape
from . import _partitioned_store as _pv_store
from . import init_ops
from . import variables as _variables
from .variables import Variable, VariableAggregation, VariableSynchronization

__all__ = [
    "AUTO_REUSE",
    "VariableScope",
    "get_local_variable",
    "get_variable",
    "get_variable_scope",
    "no_regularizer",
    "variable_op_scope",
    "variable_scope",
]


class _ReuseMode(enum.Enum):
    """Reuse modes of variable_scope (TF's enum: `tf.AUTO_REUSE`)."""

    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE


def no_regularizer(_):
    """Use this to switch off a scope's regularizer for one variable."""
    return


class VariableScope:
    """The defaults that `get_variable` uses inside a `variable_scope` (TF 1.x class)."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, name_scope="",
                 dtype=_dt.float32, use_resource=None, constraint=None):
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._reuse = reuse
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    @property
    def name(self):
        return self._name

    @property
    def original_name_scope(self):
        return self._name_scope

    @property
    def reuse(self):
        return self._reuse

    @property
    def initializer(self):
        return self._initializer

    @property
    def dtype(self):
        return self._dtype

    @property
    def use_resource(self):
        return self._use_resource

    @property
    def regularizer(self):
        return self._regularizer

    @property
    def caching_device(self):
        return self._caching_device

    @property
    def partitioner(self):
        return self._partitioner

    @property
    def custom_getter(self):
        return self._custom_getter

    @property
    def constraint(self):
        return self._constraint

    def reuse_variables(self):
        """From now on, `get_variable` in this scope reuses existing variables."""
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_collection(self, name):
        """The items of collection `name` whose names start with this scope's name."""
        scope = self._name + "/" if self._name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self):
        return self.get_collection(GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self):
        return self.get_collection(GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self):
        return self.get_collection(GraphKeys.LOCAL_VARIABLES)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        """Gets or creates `self.name/name` in `var_store` with this scope's defaults."""
        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        if use_resource is None:
            use_resource = self._use_resource
        full_name = self._name + "/" + name if self._name else name
        # Variable names depend only on the variable scope: reset the name scope.
        with name_scope(None):
            if dtype is not None and initializer is not None and not callable(initializer):
                init_dtype = convert_to_tensor(initializer).dtype.base_dtype
                if init_dtype != _dt.as_dtype(dtype):
                    raise ValueError(f"Initializer type '<dtype: '{init_dtype.name}'>' and "
                                     f"explicit dtype '<dtype: '{_dt.as_dtype(dtype).name}'>' "
                                     "don't match.")   # TF 1.14's DType repr
            if initializer is None:
                initializer = self._initializer
            if constraint is None:
                constraint = self._constraint
            if dtype is None:
                dtype = self._dtype
            return var_store.get_variable(
                full_name, shape=shape, dtype=dtype, initializer=initializer,
                regularizer=regularizer, reuse=reuse, trainable=trainable,
                collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape,
                use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
                synchronization=synchronization, aggregation=aggregation)


class _VariableStore:
    """The variables created by get_variable in one graph, by full name."""

    def __init__(self):
        self._vars = {}
        self._partitioned_vars = {}

    @staticmethod
    def _default_initializer(name, dtype):
        return _default_initializer(name, dtype, init_ops)

    def _get_partitioned_variable(self, name, partitioner, shape=None, dtype=_dt.float32,
                                  **kwargs):
        return _pv_store.get_partitioned(self, name, partitioner=partitioner, shape=shape,
                                         dtype=dtype, **kwargs)

    def get_variable(self, name, shape=None, dtype=_dt.float32, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        if dtype is not None:
            dtype = _dt.as_dtype(dtype).base_dtype
        if custom_getter is not None:
            if not callable(custom_getter):
                raise ValueError(f"Passed a custom_getter which is not callable: "
                                 f"{custom_getter}")
            if trainable is None:   # TF's _get_trainable_value, before the getter sees it
                trainable = synchronization != VariableSynchronization.ON_READ
            kwargs = {}
            if _takes_kwarg(custom_getter, "aggregation"):   # as TF: only getters that take them
                kwargs = {"synchronization": synchronization, "aggregation": aggregation}
            return custom_getter(
                getter=self._true_getter, name=name, shape=shape, dtype=dtype,
                initializer=initializer, regularizer=regularizer, reuse=reuse,
                trainable=trainable, collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape,
                use_resource=use_resource, constraint=constraint, **kwargs)
        return self._true_getter(
            name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
            reuse=reuse, trainable=trainable, collections=collections,
            caching_device=caching_device, partitioner=partitioner,
            validate_shape=validate_shape, constraint=constraint, use_resource=use_resource,
            synchronization=synchronization, aggregation=aggregation)

    def _true_getter(self, name, shape=None, dtype=_dt.float32, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, constraint=None, synchronization=None,
                     aggregation=None):
        """TF's `_true_getter`: a partitioned variable when a partitioner is given (and the
        shape is not a scalar's), else one variable."""
        is_scalar = shape is not None and isinstance(shape, _abc.Sequence) and not shape
        kw = dict(shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                  reuse=reuse, trainable=trainable, collections=collections,
                  caching_device=caching_device, validate_shape=validate_shape,
                  use_resource=use_resource, constraint=constraint,
                  synchronization=synchronization, aggregation=aggregation)
        if partitioner is not None and not is_scalar:
            if not callable(partitioner):
                raise ValueError("Partitioner must be callable, but received: %s"
                                 % partitioner)
            with name_scope(None):
                return _pv_store.get_partitioned(self, name, partitioner=partitioner, **kw)
        if reuse is True and partitioner is None and name in self._partitioned_vars:
            return _pv_store.get_partitioned(self, name, partitioner=None, **kw)
        if "%s/part_0" % name in self._vars:
            raise ValueError("No partitioner was provided, but a partitioned version of the "
                             "variable was found: %s/part_0. Perhaps a variable of the same "
                             "name was already created with partitioning?" % name)
        return self._get_single_variable(
            name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
            reuse=reuse, trainable=trainable, collections=collections,
            caching_device=caching_device, validate_shape=validate_shape,
            constraint=constraint, use_resource=use_resource, synchronization=synchronization,
            aggregation=aggregation)

    def _get_single_variable(self, name, shape=None, dtype=_dt.float32, initializer=None,
                             regularizer=None, reuse=None, trainable=None, collections=None,
                             caching_device=None, validate_shape=True, constraint=None,
                             partitioner=None, use_resource=None, synchronization=None,
                             aggregation=None, partition_info=None, **_):
        initializing_from_value = initializer is not None and not callable(initializer)
        if shape is not None and initializing_from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        dtype = _dt.as_dtype(dtype if dtype is not None else _dt.float32)
        shape = as_shape(shape)
        if name in self._vars:
            found = self._vars[name]
            if reuse is False or reuse is None:
                # the user's frames (not flowgrad's, nor `flowgrad run`'s), innermost 5
                tb = _op_traceback.frames(found._creation_site)[-5:]
                raise ValueError(
                    f"Variable {name} already exists, disallowed. Did you mean to set "
                    "reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n"
                    + "".join(traceback.format_list(tb[::-1])))
            if not shape.is_compatible_with(found.get_shape()):
                raise ValueError(f"Trying to share variable {name}, but specified shape "
                                 f"{shape} and found shape {found.get_shape()}.")
            if not dtype.is_compatible_with(found.dtype):
                raise ValueError(f"Trying to share variable {name}, but specified dtype "
                                 f"{dtype.name} and found dtype {found.dtype.name}.")
            return found
        if reuse is True:
            raise ValueError(f"Variable {name} does not exist, or was not created with "
                             "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                             "VarScope?")
        if initializer is None:
            initializer = _default_initializer(name, dtype, init_ops)
        if initializing_from_value:
            init_val = initializer
            variable_dtype = None
        else:
            if inspect.isclass(initializer):
                initializer = initializer()
            if shape.is_fully_defined():
                dims = shape.as_list()
                def init_val(initializer=initializer, dims=dims, dtype=dtype):
                    if partition_info is not None:
                        return initializer(dims, dtype=dtype, partition_info=partition_info)
                    return initializer(dims, dtype=dtype)
                variable_dtype = dtype.base_dtype
            elif _takes_no_required_args(initializer):
                init_val = initializer
                variable_dtype = None
            else:
                raise ValueError(
                    "The initializer passed is not valid. It should be a callable with no "
                    "arguments and the shape should not be provided or an instance of "
                    "`tf.keras.initializers.*' and `shape` should be fully defined.")
        g = get_default_graph()
        if initializing_from_value:   # (Variable's check; it is made outside the contexts)
            _variables._check_initial_value_context(_variables._cf_made_in(g), init_val,
                                                    name + "/")
        with g.control_dependencies(None):
            v = Variable(initial_value=init_val, name=name, trainable=trainable,
                         collections=collections, caching_device=caching_device,
                         dtype=variable_dtype, validate_shape=validate_shape,
                         constraint=constraint, use_resource=use_resource,
                         synchronization=synchronization, aggregation=aggregation)
        v._creation_site = _op_traceback.capture()
        self._vars[name] = v
        if regularizer:
            with g.colocate_with(v.op), name_scope(name + "/Regularizer/"):
                loss = regularizer(v)
            if loss is not None:
                g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
        return v


def _takes_kwarg(fn, name):
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == name or p.kind is p.VAR_KEYWORD for p in params)


def _takes_no_required_args(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    return all(p.default is not inspect.Parameter.empty or
               p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in sig.parameters.values())


def _default_initializer(name, dtype, init_ops):
    """TF's default: glorot_uniform for floats, zeros for ints, bools and strings."""
    if dtype.is_floating:
        return init_ops.glorot_uniform_initializer()
    if dtype.is_integer or dtype.is_bool or dtype.base_dtype is _dt.string:
        return init_ops.zeros_initializer()
    raise ValueError(f"An initializer for variable {name} of {dtype.base_dtype!r} is required")


class _VariableScopeStore:
    """Per-graph state: the current scope, open counts per scope name, the variables."""

    def __init__(self):
        self.current_scope = VariableScope(False)
        self.variable_scopes_count = {}
        self.var_store = _VariableStore()

    def open_variable_scope(self, scope_name):
        self.variable_scopes_count[scope_name] = self.variable_scopes_count.get(scope_name, 0) + 1

    def close_variable_subscopes(self, scope_name):
        for k in list(self.variable_scopes_count):
            if scope_name is None or k.startswith(scope_name + "/"):
                self.variable_scopes_count[k] = 0

    def variable_scope_count(self, scope_name):
        return self.variable_scopes_count.get(scope_name, 0)


def _store(graph=None):
    g = graph or get_default_graph()
    if g._variable_scope_store is None:
        g._variable_scope_store = _VariableScopeStore()
    return g._variable_scope_store


def get_variable_scope() -> VariableScope:
    """The current VariableScope of the default graph."""
    return _store().current_scope


def _get_unique_variable_scope(prefix):
    store = _store()
    current = store.current_scope
    name = current.name + "/" + prefix if current.name else prefix
    if store.variable_scope_count(name) == 0:
        return prefix
    idx = 1
    while store.variable_scope_count(f"{name}_{idx}") > 0:
        idx += 1
    return f"{prefix}_{idx}"


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO,
                 aggregation=VariableAggregation.NONE):
    """Gets the variable `<scope>/name` or creates it (TF 1.x `tf.get_variable`).

    Args:
      name: the name inside the current variable scope.
      shape: the shape; omit it when `initializer` is a value or a Tensor.
      dtype: defaults to the scope's dtype (float32).
      initializer: an initializer (callable(shape, dtype)), a Tensor or a value.
        Default: the scope's, else glorot_uniform for floats and zeros for
        integers, bools and strings.
      regularizer: callable(variable) -> loss tensor, added to
        GraphKeys.REGULARIZATION_LOSSES.
      trainable, collections, validate_shape, constraint: as in tf.Variable.
    Returns:
      The Variable.
    Raises:
      ValueError: creating a variable that exists without reuse, reusing one that
        does not exist, a shape or dtype that differs from the existing variable's,
        or a missing shape.

    >>> with tf.variable_scope("layer"):
    ...     w = tf.get_variable("w", [3, 4])
    >>> w.name
    'layer/w:0'
    """
    store = _store()
    return store.current_scope.get_variable(
        store.var_store, name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
        use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
        synchronization=synchronization, aggregation=aggregation)


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None,
                       partitioner=None, validate_shape=True, use_resource=None,
                       custom_getter=None, constraint=None,
                       synchronization=VariableSynchronization.AUTO,
                       aggregation=VariableAggregation.NONE):
    """get_variable into GraphKeys.LOCAL_VARIABLES (not trainable)."""
    collections = list(collections or []) + [GraphKeys.LOCAL_VARIABLES]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                        regularizer=regularizer, trainable=False, collections=collections,
                        caching_device=caching_device, partitioner=partitioner,
                        validate_shape=validate_shape, use_resource=use_resource,
                        custom_getter=custom_getter, constraint=constraint,
                        synchronization=synchronization, aggregation=aggregation)


class _PureVariableScope:
    """Switches the current VariableScope (no name scope; variable_scope adds that)."""

    def __init__(self, name_or_scope, reuse, initializer, regularizer, caching_device,
                 partitioner, custom_getter, old_name_scope, dtype, use_resource, constraint):
        self._name_or_scope = name_or_scope
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._old_name_scope = old_name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        self._store = _store()
        self._old = None
        self._new_name = None
        self._old_subscopes = None

    def _apply_overrides(self, scope):
        if self._initializer is not None:
            scope.set_initializer(self._initializer)
        if self._regularizer is not None:
            scope.set_regularizer(self._regularizer)
        if self._caching_device is not None:
            scope.set_caching_device(self._caching_device)
        if self._partitioner is not None:
            scope.set_partitioner(self._partitioner)
        if self._custom_getter is not None:
            scope.set_custom_getter(_compose_getters(self._custom_getter, scope.custom_getter))
        if self._dtype is not None:
            scope.set_dtype(self._dtype)
        if self._use_resource is not None:
            scope.set_use_resource(self._use_resource)
        return scope

    def __enter__(self):
        store = self._store
        self._old = store.current_scope
        nos = self._name_or_scope
        if isinstance(nos, VariableScope):
            self._new_name = nos.name
            scope = VariableScope(
                nos.reuse if not self._reuse else self._reuse, name=nos.name,
                initializer=nos.initializer, regularizer=nos.regularizer,
                caching_device=nos.caching_device, partitioner=nos.partitioner,
                custom_getter=nos.custom_getter, name_scope=nos.original_name_scope,
                dtype=nos.dtype, use_resource=nos.use_resource, constraint=nos.constraint)
            store.open_variable_scope(self._new_name)
            self._old_subscopes = dict(store.variable_scopes_count)
        else:
            old = self._old
            self._new_name = old.name + "/" + nos if old.name else nos
            reuse = self._reuse or old.reuse  # reuse is inherited by sub-scopes
            ns = nos if self._old_name_scope is None else self._old_name_scope
            scope = VariableScope(
                reuse, name=self._new_name, initializer=old.initializer,
                regularizer=old.regularizer, caching_device=old.caching_device,
                partitioner=old.partitioner, custom_getter=old.custom_getter, name_scope=ns,
                dtype=old.dtype, use_resource=old.use_resource, constraint=old.constraint)
            store.open_variable_scope(self._new_name)
        self._apply_overrides(scope)
        store.current_scope = scope
        return scope

    def __exit__(self, *exc):
        store = self._store
        if isinstance(self._name_or_scope, VariableScope):
            store.variable_scopes_count = self._old_subscopes
        else:
            store.close_variable_subscopes(self._new_name)
        store.current_scope = self._old
        return False


def _compose_getters(new_getter, old_getter):
    if old_getter is None:
        return new_getter

    def composed(getter, *args, **kwargs):
        return new_getter(lambda *a, **k: old_getter(getter, *a, **k), *args, **kwargs)
    return composed


class variable_scope:
    """A context manager for variable sharing and op names (TF 1.x `tf.variable_scope`).

    Args:
      name_or_scope: a string or a VariableScope to re-enter.
      default_name: used (made unique: "d", "d_1", ...) when name_or_scope is None.
      values: tensors the scope's ops use (picks their graph).
      initializer, regularizer, caching_device, partitioner, custom_getter, dtype,
        constraint: defaults for get_variable inside the scope.
      reuse: True, tf.AUTO_REUSE or None (inherit); inherited by sub-scopes.
      auxiliary_name_scope: if False, no name scope is opened.
    Raises:
      TypeError: name_or_scope is neither a string nor a VariableScope.
      ValueError: reuse=True without name_or_scope, or neither name given.

    >>> with tf.variable_scope("foo"):
    ...     v = tf.get_variable("v", [1])
    >>> with tf.variable_scope("foo", reuse=True):
    ...     v1 = tf.get_variable("v", [1])
    >>> v1 is v
    True
    """

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope=True):
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._values = values
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._reuse = None if reuse is False else reuse
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        if self._default_name is None and self._name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if not (self._reuse is True or self._reuse is None or self._reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError(f"The auxiliary_name_scope must be `True` or `False`, while get "
                            f"{auxiliary_name_scope}")
        self._auxiliary_name_scope = auxiliary_name_scope
        self._graph_ctx = None
        self._name_ctx = None
        self._pure = None

    def _pure_scope(self, name_or_scope, old_name_scope):
        return _PureVariableScope(
            name_or_scope, self._reuse, self._initializer, self._regularizer,
            self._caching_device, self._partitioner, self._custom_getter, old_name_scope,
            self._dtype, self._use_resource, self._constraint)

    def __enter__(self):
        if self._values:
            g = _graph_of(self._values)
            if g is not get_default_graph():
                self._graph_ctx = g.as_default()
                self._graph_ctx.__enter__()
        try:
            return self._enter_scope()
        except Exception:
            self._exit_all(None, None, None)
            raise

    def _open_name_scope(self, name):
        self._name_ctx = get_default_graph().name_scope(name)
        return self._name_ctx.__enter__()

    def _enter_scope(self):
        nos = self._name_or_scope
        if nos is not None:
            if not isinstance(nos, (VariableScope, str)):
                raise TypeError("VariableScope: name_or_scope must be a string or "
                                "VariableScope.")
            if self._auxiliary_name_scope:
                ns_name = nos if isinstance(nos, str) else nos.name.split("/")[-1]
                # TF: the root scope (name "") opens no name scope: ops stay where they are
                opens = bool(ns_name)
            else:
                current = get_default_graph().get_name_scope()
                ns_name = current + "/" if current else ""
                opens = True
            if opens:
                scope_name = self._open_name_scope(ns_name)
                if isinstance(nos, str):
                    old_name_scope = scope_name
                else:
                    old_name_scope = nos.original_name_scope
            else:
                old_name_scope = nos if isinstance(nos, str) else nos.original_name_scope
            self._pure = self._pure_scope(nos, old_name_scope)
            return self._pure.__enter__()
        if self._reuse:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        scope_name = self._open_name_scope(self._default_name)
        unique = _get_unique_variable_scope(self._default_name)
        self._pure = self._pure_scope(unique, scope_name)
        return self._pure.__enter__()

    def _exit_all(self, *exc):
        if self._pure is not None:
            self._pure.__exit__(*exc)
            self._pure = None
        if self._name_ctx is not None:
            self._name_ctx.__exit__(*exc)
            self._name_ctx = None
        if self._graph_ctx is not None:
            self._graph_ctx.__exit__(*exc)
            self._graph_ctx = None

    def __exit__(self, *exc):
        self._exit_all(*exc)
        return False


def variable_op_scope(values, name_or_scope, default_name=None, initializer=None,
                      regularizer=None, caching_device=None, partitioner=None,
                      custom_getter=None, reuse=None, dtype=None, use_resource=None,
                      constraint=None):
    """Deprecated TF 1.x spelling of `variable_scope(name_or_scope, default_name, values)`."""
    return variable_scope(name_or_scope, default_name=default_name, values=values,
                          initializer=initializer, regularizer=regularizer,
                          caching_device=caching_device, partitioner=partitioner,
                          custom_getter=custom_getter, reuse=reuse, dtype=dtype,
                          use_resource=use_resource, constraint=constraint)


class Template:
    """A function whose variables are created on the first call and shared afterwards.

    Made by `tf.make_template`: each call runs `func` in the same variable scope,
    the first with reuse off (creating variables with get_variable), the later
    ones with reuse=True.
    """

    def __init__(self, name, func, create_scope_now=False, unique_name=None,
                 custom_getter=None):
        self._func = func
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        self._variable_scope = None
        self._variables_created = False
        self._stacktrace = traceback.format_stack()[:-2]
        if create_scope_now:   # TF: a pure variable scope, no name scope until the calls
            with _PureVariableScope(unique_name or _get_unique_variable_scope(name), None, None,
                                    None, None, None, custom_getter, None, None, None,
                                    None) as vs:
                self._variable_scope = vs

    @property
    def name(self):
        return self._name

    @property
    def variable_scope(self):
        return self._variable_scope

    @property
    def variable_scope_name(self):
        """The scope's name with a trailing "/" (so prefixes cannot match partially)."""
        if self._variable_scope is None:
            return None
        name = self._variable_scope.name
        return name if not name or name[-1] == "/" else name + "/"

    def _call(self, args, kwargs):
        graph = get_default_graph()
        if self._variables_created:
            n_trainable = len(graph.get_collection(GraphKeys.TRAINABLE_VARIABLES))
            result = self._func(*args, **kwargs)
            new = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)[n_trainable:]
            if new:
                raise ValueError(
                    "Trainable variable created when calling a template after the first time, "
                    f"perhaps you used tf.Variable when you meant tf.get_variable: {new}"
                    "\n\noriginally defined at:\n" + "".join(self._stacktrace))
            return result
        result = self._func(*args, **kwargs)
        self._variables_created = True
        return result

    def __call__(self, *args, **kwargs):
        if self._variable_scope is not None:
            reuse = True if self._variables_created else None
            with variable_scope(self._variable_scope, reuse=reuse):
                return self._call(args, kwargs)
        with variable_scope(self._unique_name, self._name,
                            custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call(args, kwargs)

    @property
    def trainable_variables(self):
        return self._variable_scope.trainable_variables() if self._variable_scope else []

    @property
    def global_variables(self):
        return self._variable_scope.global_variables() if self._variable_scope else []

    variables = global_variables


def make_template(name_, func_, create_scope_now_=False, unique_name_=None,
                  custom_getter_=None, **kwargs):
    """Wraps `func_` so that all its calls share the variables of the first (TF 1.x).

    Args:
      name_: the base name of the variable scope (made unique).
      func_: builds ops and creates variables with tf.get_variable.
      create_scope_now_: open the scope now instead of at the first call.
      unique_name_: an exact scope name instead of a uniquified name_.
      custom_getter_: a custom getter for the scope.
      **kwargs: bound to func_.
    Returns:
      A Template (callable).
    Raises:
      ValueError: a later call creates a new trainable variable.

    >>> def dense(x):
    ...     w = tf.get_variable("w", [3, 3])
    ...     return tf.matmul(x, w)
    >>> layer = tf.make_template("dense", dense)
    >>> a = layer(tf.ones([1, 3])); b = layer(tf.ones([1, 3]))   # one w
    """
    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)


__all__ += ["make_template"]


def enable_resource_variables():
    """Makes `tf.Variable` and `tf.get_variable` create ResourceVariables by default."""
    _variables._DEFAULT_USE_RESOURCE = True


def disable_resource_variables():
    """Back to TF 1.x's default: reference variables unless `use_resource=True`."""
    _variables._DEFAULT_USE_RESOURCE = False


def resource_variables_enabled():
    """Whether `tf.enable_resource_variables()` is in effect (False by default in TF 1.14)."""
    return _variables._DEFAULT_USE_RESOURCE


__all__ += ["enable_resource_variables", "disable_resource_variables",
            "resource_variables_enabled"]


def create_partitioned_variables(shape, slicing, initializer, dtype=_dt.float32, trainable=True,
                                 collections=None, name=None, reuse=None):
    """The parts (a list of Variables) of a variable of `shape` cut by `slicing`."""
    if len(shape) != len(slicing):
        raise ValueError("The 'shape' and 'slicing' of a partitioned Variable must have the "
                         "length: shape: %s, slicing: %s" % (shape, slicing))
    if len(shape) < 1:
        raise ValueError("A partitioned Variable must have rank at least 1: shape: %s" % shape)
    with variable_scope(name, "PartitionedVariable", reuse=reuse):
        store = _store()
        scope = store.current_scope
        var = store.var_store._get_partitioned_variable(
            scope.name, shape=shape, dtype=dtype, initializer=initializer,
            trainable=trainable, partitioner=lambda **unused: slicing,
            collections=collections, reuse=scope.reuse)
        return list(var)

__all__ += ["create_partitioned_variables"]
