"""tf.contrib.opt.ElasticAverageOptimizer and ElasticAverageCustomGetter (TF 1.14's contrib
elastic_average_optimizer.py, elastic averaging SGD): each worker trains local copies of the
trainable variables with an extra elastic loss rho * sum(l2_loss(v - local center)); every
`communication_period` local steps the local center takes the global center's value and
both the variable and the global center move by moving_rate * (variable - center). In one
process it runs as TF's does."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import (GraphKeys, add_to_collection, colocate_with,
                                       control_dependencies, device, get_default_graph)
from ...engine.ops.control_flow import cond
from ...engine.ops.losses import l2_loss
from ...engine.ops.ordering import group, no_op
from ...ops import math_ops, state_ops, variables
from ...ops.data_flow_ops import FIFOQueue
from ...train import saver
from ...train.optimizer import Optimizer
from . import _worker_centers as _wc

__all__ = ["ElasticAverageCustomGetter", "ElasticAverageOptimizer"]

LOCAL_VARIABLE_NAME = "local_center_variable"
GLOBAL_VARIABLE_NAME = _wc.GLOBAL_VARIABLE_NAME


class ElasticAverageCustomGetter:
    """A variable_scope custom getter: a trainable variable becomes a local variable on
    `worker_device`, a global center variable "global_center_variable/<name>" and a local
    center "local_center_variable/<name>" on `worker_device` (all made by the same
    getter); other variables in LOCAL_VARIABLES go on `worker_device`."""

    def __init__(self, worker_device):
        self._worker_device = worker_device
        self._local_map = {}
        self._global_map = {}

    def __call__(self, getter, name, trainable, collections, *args, **kwargs):
        if trainable:
            local_var, global_center_variable, local_center_variable = _wc.local_and_centers(
                getter, self._worker_device, name, LOCAL_VARIABLE_NAME, args, kwargs)
            if global_center_variable is not None:
                _wc.map_parts(kwargs["partitioner"] is not None, local_var,
                              [(self._local_map, local_center_variable),
                               (self._global_map, global_center_variable)])
            return local_var
        return _wc.other_variable(getter, self._worker_device, name, trainable, collections,
                                  args, kwargs)


class ElasticAverageOptimizer(Optimizer):
    """Wraps `opt` for elastic averaging across `num_worker` workers (the variables made
    under `ea_custom_getter`). moving_rate defaults to BETA / communication_period /
    num_worker, rho to moving_rate / the wrapped optimizer's learning rate."""

    BETA = 0.9

    def __init__(self, opt, num_worker, ea_custom_getter, communication_period=10,
                 moving_rate=None, rho=None, use_locking=True, synchronous=False,
                 name="ElasticAverageOptimizer"):
        super().__init__(use_locking, name)
        self._opt = opt
        self._num_worker = num_worker
        self._period = communication_period
        self._local_map = ea_custom_getter._local_map
        self._global_map = ea_custom_getter._global_map
        self._synchronous = synchronous
        self._moving_rate = (self.BETA / communication_period / num_worker
                             if moving_rate is None else moving_rate)
        self._rho = self._moving_rate / self._opt._learning_rate if rho is None else rho
        self._local_step = _wc.local_step_variable()
        self._opt._prepare()

    def compute_gradients(self, loss, var_list=None, gate_gradients=Optimizer.GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None, checkpoints=None):
        """The wrapped optimizer's gradients of loss + rho * sum(l2_loss(v - local
        center)) (`checkpoints`: flowgrad's, passed on as Optimizer.minimize passes it)."""
        if not var_list:
            var_list = variables.trainable_variables()
        elastic_difference = [math_ops.subtract(v, lv) for v, lv in zip(
            variables.trainable_variables(), [self._local_map[var] for var in var_list])]
        distance_loss = self._rho * math_ops.add_n([l2_loss(ed) for ed in elastic_difference])
        total_loss = loss + distance_loss
        return self._opt.compute_gradients(total_loss, var_list, gate_gradients,
                                           aggregation_method, colocate_gradients_with_ops,
                                           grad_loss, checkpoints=checkpoints)

    def _update_global_variables(self, grads_and_vars, global_step):
        local_vars = [v for g, v in grads_and_vars if g is not None]
        global_center_vars = [self._global_map[var] for var in local_vars]
        local_center_vars = [self._local_map[var] for var in local_vars]
        local_center_vars_update = [lvar.assign(var)
                                    for lvar, var in zip(local_center_vars, global_center_vars)]
        update_ops, differences = [], []
        with control_dependencies(local_center_vars_update):
            for v, lv in zip(local_vars, local_center_vars):
                with device(v.device):
                    differences.append(math_ops.subtract(v, lv))
            for lvar, diff in zip(local_vars, differences):
                with device(lvar.device):
                    update_ops.append(state_ops.assign_sub(
                        lvar, math_ops.multiply(self._moving_rate, diff)))
            for var, diff in zip(global_center_vars, differences):
                with device(var.device):
                    update_ops.append(state_ops.assign_add(
                        var, math_ops.multiply(self._moving_rate, diff)))
            if global_step:
                with colocate_with(global_step):
                    update_ops.append(state_ops.assign_add(global_step, 1))
        return group(*update_ops)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Applies the gradients to the local variables (the wrapped optimizer's new
        variables move to LOCAL_VARIABLES) and, every `communication_period` local steps,
        moves the variables and the global centers toward each other."""
        global_old = {n.op.name for n in variables.global_variables()}
        apply_updates = self._opt.apply_gradients(grads_and_vars)
        global_new = {n.op.name for n in variables.global_variables()}
        with control_dependencies([apply_updates]):
            local_update = _wc.local_step_update(self._local_step)
        opt_vars = global_new - global_old
        ref = get_default_graph().get_collection_ref(GraphKeys.GLOBAL_VARIABLES)
        idx = 0
        for _ in range(len(ref)):
            var = ref[idx]
            if var.op.name in opt_vars:
                add_to_collection(GraphKeys.LOCAL_VARIABLES, var)
                del ref[idx]
            else:
                idx += 1
        with control_dependencies([local_update]):
            condition = _wc.local_step_condition(self._local_step, self._period)
            return cond(condition,
                        lambda: self._update_global_variables(grads_and_vars, global_step),
                        no_op)

    def get_init_op(self, task_index):
        """The op setting each trainable variable and its local center to the global
        center (synchronous: then a barrier of per-worker FIFOQueues)."""
        local_vars = variables.trainable_variables()
        global_center_vars = [self._global_map[var] for var in local_vars]
        local_center_vars = [self._local_map[var] for var in local_vars]
        if not (local_vars and global_center_vars and local_center_vars):
            raise ValueError("The lists of local_variables, global_center_variables, "
                             "local_center_variables should not be empty  ")
        init_ops = []
        for lvar, gc_var, lc_var in zip(local_vars, global_center_vars, local_center_vars):
            init_ops.append(state_ops.assign(lvar, gc_var))
            init_ops.append(state_ops.assign(lc_var, gc_var))
        init_op = group(*init_ops)
        if self._synchronous == False:  # noqa: E712  (TF's comparison)
            return init_op
        sync_queues = [FIFOQueue(self._num_worker, [_dt.bool_], shapes=[[]],
                                 shared_name=f"variable_init_sync_queue{i}")
                       for i in range(self._num_worker)]
        queue_ops = []
        token = constant(False)
        with control_dependencies([init_op]):
            for i, q in enumerate(sync_queues):
                queue_ops.append(no_op() if i == task_index else q.enqueue(token))
        queue_ops.append(sync_queues[task_index].dequeue_many(len(sync_queues) - 1))
        return group(*queue_ops)

    def make_session_run_hook(self, is_chief, task_index):
        return _ElasticAverageOptimizerHook(is_chief, lambda: self.get_init_op(task_index))

    def swapping_saver(self, var_list=None, name="swapping_saver", **kwargs):
        """A Saver that saves (and restores) each trainable variable's global center
        under the variable's own name."""
        if not self._global_map:
            raise RuntimeError("global_center_variable is empty, please make sure this is "
                               "called after model created and ElasticAverageCustomGetter "
                               "is used when declaring you model")
        if var_list is None:
            var_list = variables.trainable_variables()
        if not isinstance(var_list, dict):
            var_list = saver._op_list_to_dict(var_list)
        swapped_var_list = {}
        for key, var in var_list.items():
            tensor = var
            if not isinstance(var, list):
                for tvar in variables.trainable_variables():
                    if tvar.op.name == var.op.name:
                        tensor = self._global_map.get(tvar, var)
                        break
            else:
                tensor = [self._global_map.get(lvar, lvar) for lvar in var]
            swapped_var_list[key] = tensor
        return saver.Saver(swapped_var_list, name=name, **kwargs)


class _ElasticAverageOptimizerHook(_wc.InitOpHook):
    """Runs the optimizer's init op once the session exists."""
