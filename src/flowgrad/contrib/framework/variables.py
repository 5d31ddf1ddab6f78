"""contrib.framework variables: variable/model_variable and the get_variables family
(TF 1.14 contrib/framework/python/ops/variables.py)."""
import functools
import re

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import GraphKeys, add_to_collection, device, get_collection
from ...ops import variable_scope as vs
from ...ops.variables import (Variable, VariableAggregation, VariableSynchronization,
                              is_resource_variable)
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.ops._base import apply
from ...train import training_util
from ...train.checkpoint_management import load_checkpoint
from ...train.saver import Saver
from ... import logging as tf_logging
from ...engine.ops.ordering import group
from ...ops import array_ops
from .arg_scope import add_arg_scope

__all__ = ["variable", "model_variable", "get_variables", "get_model_variables",
           "get_local_variables", "get_trainable_variables", "get_variables_to_restore",
           "get_variables_by_suffix", "get_variables_by_name", "get_unique_variable",
           "get_variable_full_name", "get_global_step", "get_or_create_global_step",
           "create_global_step", "local_variable", "global_variable", "add_model_variable",
           "assign_from_checkpoint_fn", "filter_variables", "assign_from_checkpoint",
           "assign_from_values", "assign_from_values_fn"]

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


def _unique_global_variable(var_name):
    var = get_collection(GraphKeys.GLOBAL_VARIABLES, var_name)
    if not var:
        raise ValueError("Variable %s wasn't found" % var_name)
    if len(var) > 1:
        for v in var:
            if v.op.name == var_name:
                return v
        raise ValueError("Variable %s doesn't uniquely identify a variable" % var_name)
    return var[0]


def assign_from_values(var_names_to_values):
    """(assign_op, feed_dict) writing NumPy values into the named global variables: one
    placeholder "placeholder/<variable>" and one assign per variable, grouped."""
    feed_dict = {}
    assign_ops = []
    for var_name in var_names_to_values:
        var_value = var_names_to_values[var_name]
        var = _unique_global_variable(var_name)
        placeholder_value = array_ops.placeholder(dtype=var.dtype.base_dtype,
                                                  shape=var.get_shape(),
                                                  name="placeholder/" + var.op.name)
        assign_ops.append(var.assign(placeholder_value))
        feed_dict[placeholder_value] = var_value.reshape(var.get_shape())
    return group(*assign_ops), feed_dict


def assign_from_values_fn(var_names_to_values):
    """A function fn(session) running assign_from_values' assignment."""
    assign_op, feed_dict = assign_from_values(var_names_to_values)

    def callback(session):
        return session.run(assign_op, feed_dict)
    return callback


def assign_from_checkpoint(model_path, var_list, ignore_missing_vars=False):
    """(assign_op, feed_dict) writing the checkpoint's values into `var_list` (a list, or
    a {checkpoint name: variable or list of variables} dict) through placeholders; a
    name missing from the checkpoint raises ValueError, or is skipped with a warning
    when `ignore_missing_vars`."""
    grouped_vars = {}
    if isinstance(var_list, (tuple, list)):
        for var in var_list:
            grouped_vars.setdefault(get_variable_full_name(var), []).append(var)
    else:
        for ckpt_name, value in var_list.items():
            grouped_vars[ckpt_name] = list(value) if isinstance(value, (tuple, list)) \
                else [value]
    reader = load_checkpoint(model_path)
    feed_dict = {}
    assign_ops = []
    for ckpt_name in grouped_vars:
        if not reader.has_tensor(ckpt_name):
            log_str = "Checkpoint is missing variable [%s]" % ckpt_name
            if ignore_missing_vars:
                tf_logging.warning(log_str)
                continue
            raise ValueError(log_str)
        ckpt_value = reader.get_tensor(ckpt_name)
        for var in grouped_vars[ckpt_name]:
            placeholder_tensor = array_ops.placeholder(dtype=var.dtype.base_dtype,
                                                       shape=var.get_shape(),
                                                       name="placeholder/" + var.op.name)
            assign_ops.append(var.assign(placeholder_tensor))
            info = getattr(var, "_save_slice_info", None)
            if not info:
                if var.get_shape() != ckpt_value.shape:
                    raise ValueError(
                        "Total size of new array must be unchanged for %s lh_shape: [%s], "
                        "rh_shape: [%s]" % (ckpt_name, str(ckpt_value.shape),
                                            str(var.get_shape())))
                feed_dict[placeholder_tensor] = ckpt_value.reshape(ckpt_value.shape)
            else:
                index = tuple(slice(start, start + size)
                              for start, size in zip(info.var_offset, info.var_shape))
                feed_dict[placeholder_tensor] = ckpt_value[index].reshape(info.var_shape)
    return group(*assign_ops), feed_dict


def assign_from_checkpoint_fn(model_path, var_list, ignore_missing_vars=False,
                              reshape_variables=False):
    """A function fn(session) restoring `var_list` (a list or a {name: variable} dict)
    from the checkpoint `model_path` with a Saver; with `ignore_missing_vars` the
    variables the checkpoint lacks are skipped with a warning (None if none is left)."""
    if not var_list:
        raise ValueError("var_list cannot be empty")
    if ignore_missing_vars:
        reader = load_checkpoint(model_path)
        var_dict = var_list if isinstance(var_list, dict) else {
            var.op.name: var for var in var_list}
        available_vars = {}
        for var in var_dict:
            if reader.has_tensor(var):
                available_vars[var] = var_dict[var]
            else:
                tf_logging.warning("Variable %s missing in checkpoint %s", var, model_path)
        var_list = available_vars
    if not var_list:
        tf_logging.warning("No Variables to restore")
        return None
    saver = Saver(var_list, reshape=reshape_variables)

    def callback(session):
        saver.restore(session, model_path)
    return callback


def zero_initializer(ref, use_locking=True, name="zero_initializer"):
    """Initializes the uninitialized variable `ref` with zeros (TF 1.14's contrib op
    ZeroInitializer, or ZeroVarInitializer for a resource variable); running it on an
    initialized variable raises InvalidArgumentError. Returns the ref (or the handle)."""
    if is_resource_variable(ref):
        return apply("ZeroVarInitializer", [ref.handle],
                     {"dtype": ref.dtype.base_dtype, "shape": ref.shape}, name)
    ref = convert_to_tensor(ref, as_ref=True)
    return apply("ZeroInitializer", [ref], {"T": ref.dtype.base_dtype}, name)
