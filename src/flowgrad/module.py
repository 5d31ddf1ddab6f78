"""`tf.Module` (TF 1.14's tensorflow/python/module/module.py): a named container of
variables, other modules and the functions that use them.

A module finds its variables and submodules by reflection over its attributes
(`vars(self)` in attribute-name order; each value flattened as tf.nest flattens it, so
variables in lists, dicts, tuples and namedtuples count; submodules are walked breadth
first after the module's own attributes). Its name scope is opened once, in the
constructor, on the graph that is the default then: `with self.name_scope:` re-enters
exactly that scope, so variables made under it are named `<module scope>/<name>`.

Lists and dicts assigned to a module's attributes are kept as they are (TF wraps them in
its trackable `ListWrapper` / `_DictWrapper`, which flattening does not see): a module
flattens to TF's leaves, paths and order, and tf.train.Checkpoint saves it as TF does
(attributes in assignment order, list items by index, dict items by key; values in
tuples are not tracked, as in TF 1.14).
"""
from __future__ import annotations

import collections
import functools
import re

from .engine.framework.graph import name_scope as _name_scope
from .util_nest import flatten_with_tuple_paths
from .ops.variables import Variable
from .train.checkpointable import Checkpoint, dependency_added

__all__ = ["Module"]

_CAMEL_TO_SNAKE_R = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
_VALID_IDENTIFIER = re.compile(r"^[a-zA-Z_]([a-zA-Z0-9_])*$")


def valid_identifier(name):
    return bool(_VALID_IDENTIFIER.match(name))


def camel_to_snake(value):
    return _CAMEL_TO_SNAKE_R.sub(r"_\1", value).lower()


class _ModuleNameScope:
    """What `Module.name_scope` returns: TF's name_scope of the module's full scope name
    (`.name` is that name; entering it re-enters the scope and gives the name)."""

    def __init__(self, scope_name):
        self._name = scope_name
        self._stack = []

    @property
    def name(self):
        return self._name

    def __enter__(self):
        scope = _name_scope(self._name)
        self._stack.append(scope)
        return scope.__enter__()

    def __exit__(self, *exc):
        return self._stack.pop().__exit__(*exc)


def _tracked(value):
    """Whether TF 1.14's AutoTrackable tracks `value` when it is assigned to an attribute
    (a trackable object, or a list / dict it wraps into a trackable data structure)."""
    return (isinstance(value, (Variable, Module, Checkpoint))
            or type(value) in (list, dict, collections.OrderedDict))


class Module:
    """Base neural network module class: a named container for `tf.Variable`s, other
    `tf.Module`s and functions which apply to user input.

    >>> class Dense(tf.Module):
    ...     def __init__(self, n_in, n_out, name=None):
    ...         super(Dense, self).__init__(name=name)
    ...         with self.name_scope:
    ...             self.w = tf.Variable(tf.ones([n_in, n_out]), name="w")
    ...             self.b = tf.Variable(tf.zeros([n_out]), name="b")
    ...     @tf.Module.with_name_scope
    ...     def __call__(self, x):
    ...         return tf.nn.relu(tf.matmul(x, self.w) + self.b)
    >>> d = Dense(3, 2)
    >>> [v.name for v in d.variables]
    ['dense/b:0', 'dense/w:0']
    >>> d(tf.ones([1, 3])).op.name
    'dense/Relu'
    """

    # AutoTrackable's bookkeeping attributes that reference dependencies reachable
    # through other attributes (TF skips them when flattening).
    _TF_MODULE_IGNORED_PROPERTIES = frozenset((
        "_self_unconditional_checkpoint_dependencies",
        "_self_unconditional_dependency_names",
    ))

    def __init__(self, name=None):
        if name is None:
            name = camel_to_snake(type(self).__name__)
        elif not valid_identifier(name):
            raise ValueError(
                "%r is not a valid module name. Module names must be valid Python "
                "identifiers (e.g. a valid class name)." % name)
        self._name = name
        with _name_scope(name) as scope_name:
            self._scope_name = scope_name

    def __setattr__(self, name, value):
        # TF's AutoTrackable starts its dependency bookkeeping when the first trackable
        # value is assigned; those attributes are in vars(self) (and so in _flatten()).
        if _tracked(value) and "_self_update_uid" not in self.__dict__:
            self.__dict__.update(
                _self_setattr_tracking=True, _self_unconditional_checkpoint_dependencies=[],
                _self_unconditional_dependency_names={},
                _self_unconditional_deferred_dependencies={}, _self_update_uid=-1,
                _self_name_based_restores=set())
        new = name not in self.__dict__
        object.__setattr__(self, name, value)
        if new and _tracked(value) and not name.startswith("_self_"):
            dependency_added(self, name, value)   # TF's deferred restores of `name`

    def _tracked_children(self):
        """[(attribute, value)] of the values TF 1.14's AutoTrackable tracks (variables,
        modules, Checkpoints, lists, dicts), in assignment order: a tf.train.Checkpoint's
        object graph below this module."""
        return [(k, v) for k, v in vars(self).items()
                if _tracked(v) and not k.startswith("_self_")]

    @property
    def name(self):
        """The module's name as passed or derived from its class in the constructor (not
        `self.name_scope.name`, which includes its parents' scopes)."""
        return self._name

    @property
    def name_scope(self):
        """A name scope that re-enters this module's scope (`with self.name_scope:`)."""
        return _ModuleNameScope(self._scope_name)

    @property
    def variables(self):
        """This module's variables (by attribute name), then its submodules' (breadth
        first)."""
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self):
        """This module's trainable variables, ordered as `variables`."""
        return tuple(self._flatten(predicate=_is_trainable_variable))

    @property
    def submodules(self):
        """Every module reachable through this one's attributes (breadth first)."""
        return tuple(self._flatten(predicate=_is_module))

    def _flatten(self, recursive=True, predicate=None, attribute_traversal_key=None,
                 with_path=False):
        """The leaves of this module's attributes (sorted by name, or by
        `attribute_traversal_key`), then, if `recursive`, of its submodules; only those
        `predicate` accepts. With `with_path`, (path, leaf) pairs, and a leaf reachable
        twice is given twice."""
        if predicate is None:
            predicate = lambda _: True  # noqa: E731 - TF's default
        return _flatten_module(self, recursive=recursive, predicate=predicate,
                               attributes_to_ignore=self._TF_MODULE_IGNORED_PROPERTIES,
                               attribute_traversal_key=attribute_traversal_key,
                               with_path=with_path)

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: `method` runs inside the module's name scope."""
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return method_with_name_scope


def _is_variable(obj):
    return isinstance(obj, Variable)


def _is_trainable_variable(obj):
    return _is_variable(obj) and getattr(obj, "trainable", False)


def _is_module(obj):
    return isinstance(obj, Module)


def _flatten_module(module, recursive, predicate, attribute_traversal_key,
                    attributes_to_ignore, with_path, module_path=(), seen=None):
    """TF's walk: the module's attributes first, then each submodule's, each leaf once
    (by identity) unless `with_path`."""
    if seen is None:
        seen = {id(module)}
    module_dict = vars(module)
    submodules = []
    for key in sorted(module_dict, key=attribute_traversal_key):
        if key in attributes_to_ignore:
            continue
        for leaf_path, leaf in flatten_with_tuple_paths(module_dict[key]):
            leaf_path = (key,) + leaf_path
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (module_path + leaf_path, leaf) if with_path else leaf
            if recursive and _is_module(leaf):
                submodules.append((module_path + leaf_path, leaf))
    for submodule_path, submodule in submodules:
        yield from _flatten_module(
            submodule, recursive=recursive, predicate=predicate,
            attribute_traversal_key=attribute_traversal_key,
            attributes_to_ignore=submodule._TF_MODULE_IGNORED_PROPERTIES,
            with_path=with_path, module_path=submodule_path, seen=seen)
