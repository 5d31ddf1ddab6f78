"""contrib.framework variables: variable/model_variable and the get_variables family
(TF 1.14 contrib/framework/python/ops/variables.py)."""
import functools
import re

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import GraphKeys, add_to_collection, device, get_collection
from ...ops import variable_scope as vs
from ...ops.variables import Variable, VariableAggregation, VariableSynchronization
from ...train import training_util
from ...train.saver import Saver
from .arg_scope import add_arg_scope

__all__ = ["variable", "model_variable", "get_variables", "get_model_variables",
           "get_local_variables", "get_trainable_variables", "get_variables_to_restore",
           "get_variables_by_suffix", "get_variables_by_name", "get_unique_variable",
           "get_variable_full_name", "get_global_step", "get_or_create_global_step",
           "create_global_step", "local_variable", "global_variable", "add_model_variable",
           "assign_from_checkpoint_fn", "filter_variables"]

get_global_step = training_util.get_global_step
get_or_create_global_step = training_util.get_or_create_global_step
create_global_step = training_util.create_global_step


@add_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None,
             custom_getter=None, use_resource=None,
             synchronization=VariableSynchronization.AUTO,
             aggregation=VariableAggregation.NONE):
    """get_variable with `device` and de-duplicated `collections` (default GLOBAL)."""
    collections = list(collections if collections is not None
                       else [GraphKeys.GLOBAL_VARIABLES])
    collections = list(dict.fromkeys(collections))
    getter = vs.get_variable
    if custom_getter is not None:
        getter = functools.partial(custom_getter, reuse=vs.get_variable_scope().reuse)
    with _device(device or ""):
        return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                      regularizer=regularizer, trainable=trainable, collections=collections,
                      caching_device=caching_device, partitioner=partitioner,
                      use_resource=use_resource, synchronization=synchronization,
                      aggregation=aggregation)


_device = device


@add_arg_scope
def model_variable(name, shape=None, dtype=_dt.float32, initializer=None, regularizer=None,
                   trainable=True, collections=None, caching_device=None, device=None,
                   partitioner=None, custom_getter=None, use_resource=None,
                   synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE):
    """A variable also in MODEL_VARIABLES (what slim saves and restores)."""
    collections = list(collections or [])
    collections += [GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype,
                    initializer=initializer, regularizer=regularizer, trainable=trainable,
                    collections=collections, caching_device=caching_device, device=device,
                    partitioner=partitioner, custom_getter=custom_getter,
                    use_resource=use_resource, synchronization=synchronization,
                    aggregation=aggregation)


def local_variable(initial_value, validate_shape=True, name=None, use_resource=None):
    """A variable in LOCAL_VARIABLES, not trained."""
    return Variable(initial_value, trainable=False, collections=[GraphKeys.LOCAL_VARIABLES],
                    validate_shape=validate_shape, name=name, use_resource=use_resource)


def global_variable(initial_value, validate_shape=True, name=None, use_resource=None):
    """A variable in GLOBAL_VARIABLES, not trained."""
    return Variable(initial_value, trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES],
                    validate_shape=validate_shape, name=name, use_resource=use_resource)


def add_model_variable(var):
    """Adds `var` to MODEL_VARIABLES (once)."""
    if var not in get_collection(GraphKeys.MODEL_VARIABLES):
        add_to_collection(GraphKeys.MODEL_VARIABLES, var)


def get_variables(scope=None, suffix=None, collection=GraphKeys.GLOBAL_VARIABLES):
    """The variables of `collection` whose names start with `scope` (a string or a
    VariableScope) and end with `suffix`."""
    if isinstance(scope, vs.VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    """get_variables over MODEL_VARIABLES."""
    return get_variables(scope, suffix, GraphKeys.MODEL_VARIABLES)


def get_local_variables(scope=None, suffix=None):
    """get_variables over LOCAL_VARIABLES."""
    return get_variables(scope, suffix, GraphKeys.LOCAL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
    """get_variables over TRAINABLE_VARIABLES."""
    return get_variables(scope, suffix, GraphKeys.TRAINABLE_VARIABLES)


def get_variables_to_restore(include=None, exclude=None):
    """The global variables under the `include` scopes minus those under `exclude`."""
    if include is None:
        vars_to_include = get_variables()
    else:
        if not isinstance(include, (list, tuple)):
            raise TypeError("include is provided but is not a list or a tuple.")
        vars_to_include = [v for scope in include for v in get_variables(scope)]
    vars_to_exclude = set()
    if exclude is not None:
        if not isinstance(exclude, (list, tuple)):
            raise TypeError("exclude is provided but is not a list or a tuple.")
        for scope in exclude:
            vars_to_exclude |= set(get_variables(scope))
    return [v for v in vars_to_include if v not in vars_to_exclude]


def get_variables_by_suffix(suffix, scope=None):
    """The global variables whose names end with `suffix`."""
    return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name, scope=None):
    """The global variables whose last name component is `given_name`."""
    suffix = "/" + given_name + ":|^" + given_name + ":"
    return get_variables(scope=scope, suffix=suffix)


def get_unique_variable(var_op_name):
    """The one global variable named `var_op_name`."""
    candidates = get_variables(scope=var_op_name)
    if not candidates:
        raise ValueError("Couldn't find variable %s" % var_op_name)
    for candidate in candidates:
        if candidate.op.name == var_op_name:
            return candidate
    raise ValueError("Variable %s does not uniquely identify a variable" % var_op_name)


def get_variable_full_name(var):
    """The variable's op name."""
    return var.op.name


def filter_variables(var_list, include_patterns=None, exclude_patterns=None,
                     reg_search=True):
    """The variables whose names match an include pattern and no exclude pattern."""
    def match(name, patterns):
        find = re.search if reg_search else re.match
        return any(find(p, name) for p in patterns)
    out = []
    for v in var_list:
        if include_patterns is not None and not match(v.op.name, include_patterns):
            continue
        if exclude_patterns is not None and match(v.op.name, exclude_patterns):
            continue
        out.append(v)
    return out


def assign_from_checkpoint_fn(model_path, var_list, ignore_missing_vars=False,
                              reshape_variables=False):
    """A function fn(session) restoring `var_list` (a list or a {name: variable} dict)
    from the checkpoint `model_path` with a Saver."""
    if not var_list:
        raise ValueError("var_list cannot be empty")
    if reshape_variables:
        raise NotImplementedError("assign_from_checkpoint_fn: reshape_variables=True is not "
                                  "implemented")
    if ignore_missing_vars:
        raise NotImplementedError("assign_from_checkpoint_fn: ignore_missing_vars=True is not "
                                  "implemented")
    saver = Saver(var_list, reshape=reshape_variables)

    def callback(session):
        saver.restore(session, model_path)
    return callback
