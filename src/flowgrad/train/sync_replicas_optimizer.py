"""`tf.train.SyncReplicasOptimizer` (TF 1.14): synchronous data parallelism on ps tasks.

Each replica applies its gradients to a ConditionalAccumulator per variable (on the
variable's device), tagged with its local step; a gradient older than the accumulator's
global step is dropped. The chief's queue runner takes `replicas_to_aggregate` gradients
from every accumulator (their mean), applies them with the wrapped optimizer, which
advances the global step, and puts `max(total_num_replicas, replicas_to_aggregate)`
tokens (the new global step) in the token queue; a replica's train op ends by taking a
token, which becomes its local step. So each global step aggregates exactly
`replicas_to_aggregate` fresh gradients.
"""
from __future__ import annotations

from .. import logging
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.graph_keys import GraphKeys
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.framework.graph import Tensor
from ..engine.ops.construction import fill
from ..engine.ops.ordering import group, no_op
from ..ops import state_ops, variables
from ..ops.data_flow_ops import ConditionalAccumulator, FIFOQueue, SparseConditionalAccumulator
from .optimizer import Optimizer
from .queue_runner import QueueRunner
from .session_manager import _ready
from .session_run_hook import SessionRunHook

__all__ = ["SyncReplicasOptimizer"]


class SyncReplicasOptimizer(Optimizer):
    """Aggregates `replicas_to_aggregate` replicas' gradients per step before applying them
    with `opt` (see the module docstring)."""

    def __init__(self, opt, replicas_to_aggregate, total_num_replicas=None,
                 variable_averages=None, variables_to_average=None, use_locking=False,
                 name="sync_replicas"):
        if total_num_replicas is None:
            total_num_replicas = replicas_to_aggregate
        super().__init__(use_locking, name)
        logging.info("SyncReplicasV2: replicas_to_aggregate=%s; total_num_replicas=%s",
                     replicas_to_aggregate, total_num_replicas)
        self._opt = opt
        self._replicas_to_aggregate = replicas_to_aggregate
        self._gradients_applied = False
        self._variable_averages = variable_averages
        self._variables_to_average = variables_to_average
        self._total_num_replicas = total_num_replicas
        self._tokens_per_step = max(total_num_replicas, replicas_to_aggregate)
        self._global_step = None
        self._sync_token_queue = None
        self._chief_queue_runner = None
        self._accumulator_list = []

    def compute_gradients(self, *args, **kwargs):
        """The wrapped optimizer's gradients."""
        return self._opt.compute_gradients(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Builds the replica's train op (apply to the accumulators, then take a token)
        and the chief's ops: aggregation, update, tokens, and their initialization."""
        if not grads_and_vars:
            raise ValueError("Must supply at least one variable")
        if global_step is None:
            raise ValueError("Global step is required to check staleness")
        self._global_step = global_step
        train_ops, aggregated_grad, var_list = [], [], []
        g = get_default_graph()
        local_anchor = no_op()
        # colocated with an op of this worker, the local step stays off the ps tasks
        with g.colocate_with(local_anchor):
            self._local_step = variables.VariableV1(
                initial_value=0, trainable=False, collections=[GraphKeys.LOCAL_VARIABLES],
                dtype=global_step.dtype.base_dtype, name="sync_rep_local_step")
        self.local_step_init_op = state_ops.assign(self._local_step, global_step)
        chief_init_ops = [self.local_step_init_op]
        self.ready_for_local_init_op = variables.report_uninitialized_variables(
            variables.global_variables())

        with name_scope(None, self._name):
            for grad, var in grads_and_vars:
                var_list.append(var)
                with g.device(var.device):
                    if grad is None:
                        aggregated_grad.append(None)
                        continue
                    if isinstance(grad, Tensor):
                        grad_accum = ConditionalAccumulator(
                            grad.dtype, shape=var.get_shape(),
                            shared_name=var.name + "/grad_accum")
                        train_ops.append(grad_accum.apply_grad(grad,
                                                               local_step=self._local_step))
                        aggregated_grad.append(grad_accum.take_grad(
                            self._replicas_to_aggregate))
                    elif isinstance(grad, IndexedSlices):
                        grad_accum = SparseConditionalAccumulator(
                            grad.dtype, shape=(), shared_name=var.name + "/grad_accum")
                        train_ops.append(grad_accum.apply_indexed_slices_grad(
                            grad, local_step=self._local_step))
                        aggregated_grad.append(grad_accum.take_indexed_slices_grad(
                            self._replicas_to_aggregate))
                    else:
                        raise ValueError("Unknown grad type!")
                    self._accumulator_list.append((grad_accum, var.device))
            aggregated_grads_and_vars = list(zip(aggregated_grad, var_list))

            with g.device(global_step.device), name_scope(""):
                update_op = self._opt.apply_gradients(aggregated_grads_and_vars, global_step)
            with g.device(global_step.device), name_scope(""):
                sync_token_queue = FIFOQueue(-1, global_step.dtype.base_dtype, shapes=(),
                                             name="sync_token_q", shared_name="sync_token_q")
                self._sync_token_queue = sync_token_queue
                # the chief's queue runner runs on a queue of its own: closing the token
                # queue on a ps task would not reopen it
                dummy_queue = FIFOQueue(1, _dt.int32, shapes=(), name="dummy_queue",
                                        shared_name="dummy_queue")
            with g.device(global_step.device), name_scope(""):
                with g.control_dependencies(train_ops):
                    token = sync_token_queue.dequeue()
                train_op = state_ops.assign(self._local_step, token)
                with g.control_dependencies([update_op]):
                    tokens = fill([self._tokens_per_step], global_step)
                    sync_op = sync_token_queue.enqueue_many((tokens,))
                if self._variable_averages is not None:
                    with g.control_dependencies([sync_op]), name_scope(""):
                        sync_op = self._variable_averages.apply(self._variables_to_average)
                self._chief_queue_runner = QueueRunner(dummy_queue, [sync_op])
            for accum, dev in self._accumulator_list:
                with g.device(dev):
                    chief_init_ops.append(accum.set_global_step(global_step,
                                                                name="SetGlobalStep"))
            self.chief_init_op = group(*chief_init_ops)
            self._gradients_applied = True
            return train_op

    def get_chief_queue_runner(self):
        """The QueueRunner the chief runs: aggregate, apply, put the next tokens."""
        if self._gradients_applied is False:
            raise ValueError("Should be called after apply_gradients().")
        return self._chief_queue_runner

    def get_slot(self, *args, **kwargs):
        return self._opt.get_slot(*args, **kwargs)

    def variables(self):
        return self._opt.variables()

    def get_slot_names(self, *args, **kwargs):
        return self._opt.get_slot_names(*args, **kwargs)

    def get_init_tokens_op(self, num_tokens=-1):
        """The op the chief runs once: `num_tokens` tokens (default replicas_to_aggregate)
        so that the replicas can start."""
        if self._gradients_applied is False:
            raise ValueError("get_init_tokens_op() should be called after apply_gradients().")
        tokens_needed = self._replicas_to_aggregate - self._total_num_replicas
        if num_tokens == -1:
            num_tokens = self._replicas_to_aggregate
        elif num_tokens < tokens_needed:
            raise ValueError("Too few tokens to finish the first step: %d (given) vs %d "
                             "(needed)" % (num_tokens, tokens_needed))
        g = get_default_graph()
        if num_tokens > 0:
            with g.device(self._global_step.device), name_scope(""):
                tokens = fill([num_tokens], self._global_step)
                return self._sync_token_queue.enqueue_many((tokens,))
        return no_op(name="no_init_tokens")

    def make_session_run_hook(self, is_chief, num_tokens=-1):
        """A hook running the replica's (or chief's) initialization and the chief's queue
        runner, for MonitoredTrainingSession."""
        return _SyncReplicasOptimizerHook(self, is_chief, num_tokens)


class _SyncReplicasOptimizerHook(SessionRunHook):
    def __init__(self, sync_optimizer, is_chief, num_tokens):
        self._sync_optimizer = sync_optimizer
        self._is_chief = is_chief
        self._num_tokens = num_tokens

    def begin(self):
        opt = self._sync_optimizer
        if opt._gradients_applied is False:
            raise ValueError("SyncReplicasOptimizer.apply_gradient should be called before "
                             "using the hook.")
        self._ready_for_local_init_op = opt.ready_for_local_init_op
        if self._is_chief:
            self._local_init_op = opt.chief_init_op
            self._q_runner = opt.get_chief_queue_runner()
            self._init_tokens_op = opt.get_init_tokens_op(self._num_tokens)
        else:
            self._local_init_op = opt.local_step_init_op
            self._q_runner = None
            self._init_tokens_op = None

    def after_create_session(self, session, coord):
        ok, msg = _ready(self._ready_for_local_init_op, session,
                         "Model is not ready for SyncReplicasOptimizer local init.")
        if not ok:
            raise RuntimeError("Init operations did not make model ready for "
                               "SyncReplicasOptimizer local_init. Init op: %s, error: %s"
                               % (self._local_init_op.name, msg))
        session.run(self._local_init_op)
        if self._init_tokens_op is not None:
            session.run(self._init_tokens_op)
        if self._q_runner is not None:
            self._q_runner.create_threads(session, coord=coord, daemon=True, start=True)
