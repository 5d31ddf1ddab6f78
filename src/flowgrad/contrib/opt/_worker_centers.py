"""What tf.contrib.opt's AGN, ElasticAverage and ModelAverage optimizers share (TF 1.14's
three files repeat it): the custom getter's local variable + global center variable (+ a
second per-variable companion), the "local_step" counter and its every-N-steps condition,
and the session hook that builds the init ops."""
from ...engine.framework.graph import GraphKeys, device
from ...engine.ops import comparison
from ...ops import math_ops, state_ops, variables
from ...ops import variable_scope as vs
from ...train.session_run_hook import SessionRunHook

GLOBAL_VARIABLE_NAME = "global_center_variable"


def local_and_centers(getter, worker_device, name, companion_prefix, args, kwargs):
    """The trainable variable `name` as a LOCAL_VARIABLES variable on `worker_device`, then
    (unless kwargs["reuse"] is True: (local, None, None)) its global center
    "global_center_variable/<name>" (GLOBAL_VARIABLES) and its companion
    "<companion_prefix>/<name>" (LOCAL_VARIABLES, on `worker_device`), in TF's order."""
    with device(worker_device):
        local_var = getter(name, trainable=True, collections=[GraphKeys.LOCAL_VARIABLES],
                           *args, **kwargs)
    if kwargs["reuse"] is True:
        return local_var, None, None
    global_center_variable = getter(
        name=f"{GLOBAL_VARIABLE_NAME}/{name}", trainable=False,
        collections=[GraphKeys.GLOBAL_VARIABLES], *args, **kwargs)
    with device(worker_device):
        companion = getter(name=f"{companion_prefix}/{name}", trainable=False,
                           collections=[GraphKeys.LOCAL_VARIABLES], *args, **kwargs)
    return local_var, global_center_variable, companion


def map_parts(partitioned, local_var, maps_and_vars):
    """maps_and_vars [(dict, variable)]: each dict maps local_var to its variable (a
    partitioned variable: part by part)."""
    if not partitioned:
        for mapping, var in maps_and_vars:
            mapping[local_var] = var
        return
    local_parts = list(local_var)
    for mapping, var in maps_and_vars:
        for lv, part in zip(local_parts, list(var)):
            mapping[lv] = part


def other_variable(getter, worker_device, name, trainable, collections, args, kwargs):
    """A variable that is not trainable: as asked, on `worker_device` when it is in
    LOCAL_VARIABLES (ElasticAverage's and ModelAverage's getters)."""
    kwargs["trainable"] = trainable
    kwargs["collections"] = collections
    if GraphKeys.LOCAL_VARIABLES in collections:
        with device(worker_device):
            return getter(name, *args, **kwargs)
    return getter(name, *args, **kwargs)


def local_step_variable():
    """The optimizer's "local_step" counter (an int32 0 in LOCAL_VARIABLES)."""
    return vs.get_variable(initializer=0, trainable=False,
                           collections=[GraphKeys.LOCAL_VARIABLES], name="local_step")


def local_step_condition(local_step, period):
    """local_step % period == 0 (the caller opens the control_dependencies on the
    local_step increment: as TF's, the cond built in that same block)."""
    return comparison.equal(math_ops.mod(local_step, period), 0)


def local_step_update(local_step):
    return state_ops.assign_add(local_step, 1, name="local_step_update").op


class InitOpHook(SessionRunHook):
    """begin() builds the local / (chief) global initializers and the optimizer's init op
    (`init_op_fn()`); after_create_session runs the init op (AGN's and ElasticAverage's
    hooks; ModelAverage's runs nothing: `run_init` False)."""

    _run_init = True

    def __init__(self, is_chief, init_op_fn):
        self._is_chief = is_chief
        self._init_op_fn = init_op_fn

    def begin(self):
        self._local_init_op = variables.local_variables_initializer()
        self._global_init_op = None
        if self._is_chief:
            self._global_init_op = variables.global_variables_initializer()
        self._variable_init_op = self._init_op_fn()

    def after_create_session(self, session, coord):
        if self._run_init:
            session.run(self._variable_init_op)
