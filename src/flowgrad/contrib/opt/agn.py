"""tf.contrib.opt.AGNOptimizer and AGNCustomGetter (TF 1.14's contrib agn_optimizer.py,
accumulated gradient normalization): each worker trains local copies of the trainable
variables and sums its gradients into grad variables; every `communication_period` local
steps the summed gradients, divided by the period, are applied by the wrapped optimizer to
the global center variables, which the local variables then copy (the grad variables
restart at zero). In one process it runs as TF's does."""
from ...engine.framework.graph import GraphKeys, colocate_with, control_dependencies
from ...engine.ops.control_flow import cond
from ...engine.ops.ordering import group, no_op
from ...ops import array_ops, state_ops, variables
from ...train.optimizer import Optimizer
from . import _worker_centers as _wc

__all__ = ["AGNCustomGetter", "AGNOptimizer"]

GLOBAL_VARIABLE_NAME = _wc.GLOBAL_VARIABLE_NAME
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
        local_var, global_center_variable, grad_variable = _wc.local_and_centers(
            getter, self._worker_device, name, GRAD_VARIABLE_NAME, args, kwargs)
        if global_center_variable is not None:
            _wc.map_parts(kwargs["partitioner"] is not None, local_var,
                          [(self._grad_map, grad_variable),
                           (self._global_map, global_center_variable)])
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
        self._local_step = _wc.local_step_variable()
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
        local_update = _wc.local_step_update(self._local_step)
        with control_dependencies([local_update]):
            condition = _wc.local_step_condition(self._local_step, self._period)
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
        return _AGNOptimizerHook(is_chief, lambda: self.get_init_op(task_index))


class _AGNOptimizerHook(_wc.InitOpHook):
    """Runs the optimizer's init op once the session exists."""
