"""tf.contrib.opt.ModelAverageOptimizer and ModelAverageCustomGetter (TF 1.14's contrib
model_average_optimizer.py): each worker trains local copies of the trainable variables
and, every `interval_steps` local steps, averages them through one ConditionalAccumulator
per variable into global center variables (the chief assigns the mean and bumps the global
step, then releases the other workers through a shared FIFOQueue); the local variables are
then reset to the centers. In one process (num_worker=1) it runs as TF's does."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import (GraphKeys, Tensor, colocate_with, control_dependencies,
                                       device, name_scope)
from ...engine.ops.construction import fill
from ...engine.ops.control_flow import cond
from ...engine.ops.ordering import group, no_op
from ...ops import state_ops, variables
from ...ops.data_flow_ops import ConditionalAccumulator, FIFOQueue
from ...train.optimizer import Optimizer
from . import _worker_centers as _wc

__all__ = ["ModelAverageCustomGetter", "ModelAverageOptimizer"]

GLOBAL_VARIABLE_NAME = _wc.GLOBAL_VARIABLE_NAME


class ModelAverageCustomGetter:
    """A variable_scope custom getter: a trainable variable becomes a local variable on
    `worker_device` plus a global center variable "global_center_variable/<name>" that
    starts at its value; other variables in LOCAL_VARIABLES go on `worker_device`."""

    def __init__(self, worker_device):
        self._worker_device = worker_device
        self._local_2_global = {}

    def __call__(self, getter, name, trainable, collections, *args, **kwargs):
        if trainable:
            with device(self._worker_device):
                local_var = getter(name, trainable=True,
                                   collections=[GraphKeys.LOCAL_VARIABLES], *args, **kwargs)
            global_variable = variables.VariableV1(
                name=f"{GLOBAL_VARIABLE_NAME}/{name}",
                initial_value=local_var.initialized_value(), trainable=False,
                collections=[GraphKeys.GLOBAL_VARIABLES])
            self._local_2_global[local_var] = global_variable
            return local_var
        return _wc.other_variable(getter, self._worker_device, name, trainable, collections,
                                  args, kwargs)


class ModelAverageOptimizer(Optimizer):
    """Wraps `opt` for model averaging across `num_worker` workers every `interval_steps`
    local steps (the variables made under `ma_custom_getter`)."""

    def __init__(self, opt, num_worker, is_chief, ma_custom_getter, interval_steps=100,
                 use_locking=True, name="ModelAverageOptimizer"):
        super().__init__(use_locking, name)
        self._opt = opt
        self._num_worker = num_worker
        self._is_chief = is_chief
        self._local_2_global = ma_custom_getter._local_2_global
        self._interval_steps = interval_steps
        self._accumulator_list = []
        self._chief_init_op = None
        self._local_step = _wc.local_step_variable()
        self._opt._prepare()

    def compute_gradients(self, *args, **kwargs):
        return self._opt.compute_gradients(*args, **kwargs)

    def _local_vars_update(self, var_list):
        if not var_list:
            raise ValueError("The list of local_variables should not be empty")
        update_ops = []
        for lvar in var_list:
            with device(lvar.device):
                update_ops.append(state_ops.assign(lvar,
                                                   self._local_2_global[lvar].read_value()))
        return group(*update_ops)

    def _update_global_variables(self, grads_and_vars, global_step):
        local_vars = [v for g, v in grads_and_vars if g is not None]
        global_vars = [self._local_2_global[v] for v in local_vars]
        with colocate_with(global_step):
            sync_queue = FIFOQueue(-1, [_dt.bool_], shapes=[[]], shared_name="sync_queue")
        train_ops, aggregated_vars = [], []
        with name_scope(None, self._name + "/global"):
            for var, gvar in zip(local_vars, global_vars):
                with device(gvar.device):
                    if not isinstance(var._ref(), Tensor):
                        raise ValueError("Unknown local variable type!")
                    var_accum = ConditionalAccumulator(var.dtype, shape=var.get_shape(),
                                                       shared_name=gvar.name + "/var_accum")
                    train_ops.append(var_accum.apply_grad(var._ref(), local_step=global_step))
                    aggregated_vars.append(var_accum.take_grad(self._num_worker))
                    self._accumulator_list.append((var_accum, gvar.device))
        if self._is_chief:
            update_ops = []
            with control_dependencies(train_ops):
                for avg_var, gvar in zip(aggregated_vars, global_vars):
                    with device(gvar.device):
                        update_ops.append(state_ops.assign(gvar, avg_var))
                with device(global_step.device):
                    update_ops.append(state_ops.assign_add(global_step, 1))
            with control_dependencies(update_ops), device(global_step.device):
                tokens = fill([self._num_worker - 1], constant(False))
                sync_op = sync_queue.enqueue_many(tokens)
        else:
            with control_dependencies(train_ops), device(global_step.device):
                sync_op = sync_queue.dequeue()
        with control_dependencies([sync_op]):
            return self._local_vars_update(local_vars)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Applies the gradients to the local variables, counts the local step and, every
        `interval_steps` of them, averages the local variables into the centers."""
        if not grads_and_vars:
            raise ValueError("Must supply at least one variable")
        if global_step is None:
            raise ValueError("Global step is required")
        apply_updates = self._opt.apply_gradients(grads_and_vars)
        with control_dependencies([apply_updates]):
            local_update = _wc.local_step_update(self._local_step)
        with control_dependencies([local_update]):
            condition = _wc.local_step_condition(self._local_step, self._interval_steps)
            conditional_update = cond(
                condition, lambda: self._update_global_variables(grads_and_vars, global_step),
                no_op)
        chief_init_ops = []
        for accum, dev in self._accumulator_list:
            with device(dev):
                chief_init_ops.append(accum.set_global_step(global_step, name="SetGlobalStep"))
        self._chief_init_op = group(*chief_init_ops)
        return conditional_update

    def get_init_op(self):
        """The op setting every trainable variable to its global center."""
        return self._local_vars_update(variables.trainable_variables())

    def make_session_run_hook(self):
        return _ModelAverageOptimizerHook(self, self._is_chief)


class _ModelAverageOptimizerHook(_wc.InitOpHook):
    """TF 1.14's hook: begin() builds the init ops (and, as TF's, nothing runs them)."""

    _run_init = False

    def __init__(self, ma_optimizer, is_chief):
        super().__init__(is_chief, ma_optimizer.get_init_op)
        self._ma_optimizer = ma_optimizer

    def begin(self):
        if self._is_chief:
            self._chief_init_op = self._ma_optimizer._chief_init_op
        super().begin()
