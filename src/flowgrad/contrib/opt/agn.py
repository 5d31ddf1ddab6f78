"""tf.contrib.opt.AGNOptimizer and AGNCustomGetter (TF 1.14's contrib agn_optimizer.py,
accumulated gradient normalization): each worker trains local copies of the trainable
variables and sums its gradients into grad variables; every `communication_period` local
steps the summed gradients, divided by the period, are applied by the wrapped optimizer to
the global center variables, which the local variables then copy (the grad variables
restart at zero). In one process it runs as TF's does."""
from ...engine.framework.graph import GraphKeys, colocate_with, control_dependencies, device
from ...engine.ops import comparison
from ...engine.ops.control_flow import cond
from ...engine.ops.ordering import group, no_op
from ...ops import array_ops, math_ops, state_ops, variables
from ...ops import variable_scope as vs
from ...train.optimizer import Optimizer
from ...train.session_run_hook import SessionRunHook

__all__ = ["AGNCustomGetter", "AGNOptimizer"]

GLOBAL_VARIABLE_NAME = "global_center_variable"
GRAD_VARIABLE_NAME = "grad_variable"


class AGNCustomGetter:
    """A variable_scope custom getter: a trainable variable becomes a local variable on
    `worker_device` plus a global center variable "global_center_variable/<name>" and a
    local gradient accumulator "grad_variable/<name>" (both made by the same getter)."""

    def __init__(self, worker_device):
        self._worker_device = worker_device
        self._global_map = {}
        self._grad_map = {}

    def __call__(self, getter, name, trainable, collections, *args, **kwargs):
        if not trainable:
            return getter(name, trainable=trainable, collections=collections, *args, **kwargs)
        with device(self._worker_device):
            local_var = getter(name, trainable=True, collections=[GraphKeys.LOCAL_VARIABLES],
                               *args, **kwargs)
        if kwargs["reuse"] is True:
            return local_var
        global_center_variable = getter(
            name=f"{GLOBAL_VARIABLE_NAME}/{name}", trainable=False,
            collections=[GraphKeys.GLOBAL_VARIABLES], *args, **kwargs)
        with device(self._worker_device):
            grad_variable = getter(name=f"{GRAD_VARIABLE_NAME}/{name}", trainable=False,
                                   collections=[GraphKeys.LOCAL_VARIABLES], *args, **kwargs)
        if kwargs["partitioner"] is None:
            self._grad_map[local_var] = grad_variable
            self._global_map[local_var] = global_center_variable
        else:
            for lv, gv, cv in zip(list(local_var), list(grad_variable),
                                  list(global_center_variable)):
                self._grad_map[lv] = gv
                self._global_map[lv] = cv
        return local_var


def _local_slots_creator(next_creator, collections, **kwargs):
    """Variables the wrapped optimizer makes (its slots) go to LOCAL_VARIABLES instead of
    GLOBAL_VARIABLES."""
    if not collections:
        collections = [GraphKeys.LOCAL_VARIABLES]
    elif GraphKeys.GLOBAL_VARIABLES in collections:
        collections = list(collections)
        collections.append(GraphKeys.LOCAL_VARIABLES)
        collections.remove(GraphKeys.GLOBAL_VARIABLES)
    return next_creator(collections=collections, **kwargs)


class AGNOptimizer(Optimizer):
    """Wraps `optimizer` for accumulated gradient normalization across `num_worker`
    workers, communicating every `communication_period` local steps (the variables made
    under `custom_getter`, an AGNCustomGetter)."""

    def __init__(self, optimizer, num_worker, custom_getter, communication_period=10,
                 use_locking=True, name="AGNOptimizer"):
        super().__init__(use_locking, name)
        self._opt = optimizer
        self._num_worker = num_worker
        self._period = communication_period
        self._global_map = custom_getter._global_map
        self._grad_map = custom_getter._grad_map
        self._local_step = vs.get_variable(initializer=0, trainable=False,
                                           collections=[GraphKeys.LOCAL_VARIABLES],
                                           name="local_step")
        self._opt._prepare()

    def _update_global_variables(self, local_vars, grad_vars, global_center_vars,
                                 global_step):
        global_norm = [state_ops.assign(g, g / self._period) for g in grad_vars]
        with control_dependencies(global_norm):
            apply_global_op = self._opt.apply_gradients(zip(grad_vars, global_center_vars))
        with control_dependencies([apply_global_op]):
            update_ops = []
            if global_step:
                with colocate_with(global_step):
                    update_ops.append(state_ops.assign_add(global_step, 1))
            for lvar in local_vars:
                update_ops.append(state_ops.assign(lvar, self._global_map[lvar].read_value()))
            for grad_var in grad_vars:
                update_ops.append(state_ops.assign(grad_var, array_ops.zeros_like(grad_var)))
            return group(*update_ops)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Applies the gradients to the local variables and adds them to the grad
        variables; every `communication_period` local steps, updates the centers."""
        local_vars = [v for g, v in grads_and_vars if g is not None]
        grads = [g for g, v in grads_and_vars if g is not None]
        with variables.variable_creator_scope(_local_slots_creator):
            local_update_op = self._opt.apply_gradients(grads_and_vars)
        update_ops = [local_update_op]
        grad_vars = [self._grad_map[var] for var in local_vars]
        for g, grad_var in zip(grads, grad_vars):
            update_ops.append(state_ops.assign_add(grad_var, g))
        global_center_vars = [self._global_map[var] for var in local_vars]
        local_update = state_ops.assign_add(self._local_step, 1, name="local_step_update").op
        with control_dependencies([local_update]):
            condition = comparison.equal(math_ops.mod(self._local_step, self._period), 0)
        with control_dependencies(update_ops):
            return cond(condition,
                        lambda: self._update_global_variables(
                            local_vars, grad_vars, global_center_vars, global_step),
                        no_op)

    def get_init_op(self, task_index):
        """The op setting each trainable variable to its center and the grad variables to
        zero."""
        local_vars = variables.trainable_variables()
        global_center_vars = [self._global_map[var] for var in local_vars]
        grad_vars = [self._grad_map[var] for var in local_vars]
        if not (local_vars and global_center_vars and grad_vars):
            raise ValueError("The lists of local_variables, global_center_variables,"
                             "grad_center_variables should not be empty")
        init_ops = [state_ops.assign(lvar, gc_var)
                    for lvar, gc_var in zip(local_vars, global_center_vars)]
        init_ops += [state_ops.assign(g, array_ops.zeros_like(g)) for g in grad_vars]
        return group(*init_ops)

    def make_session_run_hook(self, is_chief, task_index):
        return _AGNOptimizerHook(self, is_chief, task_index)


class _AGNOptimizerHook(SessionRunHook):
    """Runs the optimizer's init op once the session exists."""

    def __init__(self, agn_optimizer, is_chief, task_index):
        self._agn_optimizer = agn_optimizer
        self._is_chief = is_chief
        self._task_index = task_index

    def begin(self):
        self._local_init_op = variables.local_variables_initializer()
        self._global_init_op = None
        if self._is_chief:
            self._global_init_op = variables.global_variables_initializer()
        self._variable_init_op = self._agn_optimizer.get_init_op(self._task_index)

    def after_create_session(self, session, coord):
        session.run(self._variable_init_op)
