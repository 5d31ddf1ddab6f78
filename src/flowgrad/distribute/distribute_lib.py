"""TF 1.14's `tf.distribute` core: strategies, their contexts, ReduceOp, InputContext.

A strategy's `scope()` puts the default graph in its cross-replica context: variables made
inside are made by the strategy (resource variables on its device; a MirroredVariable for
MirroredStrategy), `experimental_run_v2(fn)` calls `fn` in a replica context on the
strategy's device, and `reduce` combines the per-replica results. flowgrad runs one
replica (what TF does on a CPU-only machine: `OneDeviceStrategy("/cpu:0")`,
`MirroredStrategy()` over /cpu:0); a strategy over several devices can be built, as in TF,
but running anything on it raises NotImplementedError.

Outside every scope the default strategy (`_DefaultDistributionStrategy`) is in effect,
with its default replica context: `get_replica_context()` is never None there.
"""
from __future__ import annotations

import contextlib
import enum

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.device_spec import DeviceSpec
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.autodiff.custom_gradient import custom_gradient
from ..engine.ops.cast import cast
from ..engine.ops.comparison import logical_and
from ..engine.ops.construction import placeholder, zeros
from ..engine.ops.ctc import prevent_gradient
from ..engine.ops.ordering import group as _group
from ..engine.ops.shape import identity, shape as _shape
from .. import logging
from ..ops import math_ops
from ..ops.io_extras import init_scope
from ..ops.variable_scope import get_variable_scope, variable_scope
from ..ops.variables import ResourceVariable, Variable, variable_creator_scope
from ..ops import _nest as nest


# -- ReduceOp, InputReplicationMode, InputContext ------------------------------------------

class ReduceOp(enum.Enum):
    """How values are combined across replicas: `SUM` or `MEAN` (tf.distribute.ReduceOp)."""

    SUM = "SUM"
    MEAN = "MEAN"

    @staticmethod
    def from_variable_aggregation(aggregation):
        """The ReduceOp of a tf.VariableAggregation: SUM or MEAN."""
        mapping = {"SUM": ReduceOp.SUM, "MEAN": ReduceOp.MEAN}
        name = getattr(aggregation, "name", None)
        if name not in mapping:
            raise ValueError("Could not convert from `tf.VariableAggregation` %s to"
                             "`tf.distribute.ReduceOp` type" % aggregation)
        return mapping[name]


class InputReplicationMode(enum.Enum):
    """How an input function is replicated: once per worker (PER_WORKER)."""

    PER_WORKER = "PER_WORKER"


class InputContext:
    """What an input function is told about the input pipelines (tf.distribute.InputContext)."""

    def __init__(self, num_input_pipelines=1, input_pipeline_id=0, num_replicas_in_sync=1):
        self._num_input_pipelines = num_input_pipelines
        self._input_pipeline_id = input_pipeline_id
        self._num_replicas_in_sync = num_replicas_in_sync

    num_replicas_in_sync = property(lambda self: self._num_replicas_in_sync)
    input_pipeline_id = property(lambda self: self._input_pipeline_id)
    num_input_pipelines = property(lambda self: self._num_input_pipelines)

    def get_per_replica_batch_size(self, global_batch_size):
        """`global_batch_size` // num_replicas_in_sync (it must divide evenly)."""
        if global_batch_size % self._num_replicas_in_sync != 0:
            raise ValueError("The `global_batch_size` %r is not divisible by "
                             "`num_replicas_in_sync` %r " %
                             (global_batch_size, self._num_replicas_in_sync))
        return global_batch_size // self._num_replicas_in_sync


def _canonical_device(device):
    """TF's device_util.canonicalize: "/cpu:0" -> "/replica:0/task:0/device:CPU:0"."""
    spec = DeviceSpec.from_string(device)
    base = DeviceSpec(replica=0, task=0, device_type="CPU", device_index=0)
    return base.make_merged_spec(spec).to_string()


# -- the per-graph context stack -------------------------------------------------------------

class _Mode:
    """One entry of a graph's strategy stack: the strategy and which context is current."""

    def __init__(self, strategy, cross_replica=None, replica=None):
        self.strategy = strategy
        self.cross_replica_context = cross_replica
        self.replica_context = replica


def _stack():
    graph = get_default_graph()
    stack = getattr(graph, "_distribution_strategy_stack", None)
    if stack is None:
        stack = graph._distribution_strategy_stack = []
    return stack


@contextlib.contextmanager
def _entered(mode):
    stack = _stack()
    stack.append(mode)
    try:
        yield
    finally:
        stack.remove(mode)


def _current_mode():
    stack = _stack()
    if stack:
        return stack[-1]
    default = _get_default_strategy()
    return _Mode(default, replica=_get_default_replica_context())


def get_replica_context():
    """The current ReplicaContext: the default one outside every strategy scope, None in a
    strategy's cross-replica context (tf.distribute.get_replica_context)."""
    return _current_mode().replica_context


def in_cross_replica_context():
    """Whether the graph is in a strategy's cross-replica context."""
    return _current_mode().cross_replica_context is not None


def get_strategy():
    """The current tf.distribute.Strategy: the default strategy outside every scope."""
    return _current_mode().strategy


def has_strategy():
    """Whether a strategy other than the default one is current."""
    return get_strategy() is not _get_default_strategy()


def experimental_set_strategy(strategy):
    """Makes `strategy` current in the default graph outside any scope (None: undo)."""
    graph = get_default_graph()
    old = getattr(graph, "_global_distribute_strategy_scope", None)
    if old is not None:
        old.__exit__(None, None, None)
        graph._global_distribute_strategy_scope = None
    if has_strategy():
        raise RuntimeError("Must not be called inside a `tf.distribute.Strategy` scope.")
    if strategy is not None:
        scope = strategy.scope()
        scope.__enter__()
        graph._global_distribute_strategy_scope = scope


def get_loss_reduction():
    """The ReduceOp of the last loss reduction: SUM outside an Estimator's distributed
    training, else MEAN unless the last tf.losses reduction was SUM."""
    if not get_strategy()._scale_loss_for_estimator:
        return ReduceOp.SUM
    last = getattr(get_default_graph(), "_last_loss_reduction", None)
    if last == "weighted_sum":
        return ReduceOp.SUM
    return ReduceOp.MEAN


def _require_cross_replica_or_default_context(extended):
    """TF's check: in `extended`'s strategy's cross-replica context, or outside every scope."""
    stack = _stack()
    if not stack:
        return
    mode = stack[-1]
    strategy = extended._container_strategy()
    if mode.cross_replica_context is strategy:
        return
    if mode.strategy is not strategy:
        if mode.strategy is _get_default_strategy():
            raise RuntimeError('Need to be inside "with strategy.scope()" for %s' % (strategy,))
        raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s" %
                           (mode.strategy, strategy))
    raise RuntimeError("Method requires being in cross-replica context, use "
                       "get_replica_context().merge_call()")


def _distributed_getter(getter, *args, **kwargs):
    """A strategy scope's custom getter: no partitioned variables (TF 1.14 logs "Partitioned
    variables are disabled when using current tf.distribute.Strategy." and drops the
    partitioner)."""
    if kwargs.pop("partitioner", None) is not None:
        logging.log_first_n(logging.WARN, "Partitioned variables are disabled when using "
                            "current tf.distribute.Strategy.", 1)
    return getter(*args, **kwargs)


def _require_strategy_scope(extended):
    """TF's _require_strategy_scope_extended: `extended`'s strategy must be current."""
    strategy = extended._container_strategy()
    current = get_strategy()
    if current is strategy:
        return
    if current is _get_default_strategy():
        raise RuntimeError('Need to be inside "with strategy.scope()" for %s' % (strategy,))
    raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s" %
                       (current, strategy))


@contextlib.contextmanager
def _update_context(device):
    """TF's UpdateContext: inside a strategy's update, the device being updated (a
    MirroredVariable assigned there updates that copy directly)."""
    graph = get_default_graph()
    old = getattr(graph, "_distribute_update_device", None)
    graph._distribute_update_device = device
    try:
        yield
    finally:
        graph._distribute_update_device = old


def _get_update_device():
    return getattr(get_default_graph(), "_distribute_update_device", None)


class _ScopeContext:
    """The context manager `Strategy.scope()` returns (TF's _CurrentDistributionContext):
    entered where the strategy is already current, it only checks that the graph is in
    its cross-replica context."""

    def __init__(self, strategy, creator, getter=None):
        self._strategy = strategy
        self._creator = creator
        self._getter = getter
        self._stack = None
        self._same_scope_again_count = 0

    def __enter__(self):
        if has_strategy():
            _require_cross_replica_or_default_context(self._strategy.extended)
            self._same_scope_again_count += 1
            return self._strategy
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(_entered(_Mode(self._strategy, cross_replica=self._strategy)))
        if self._getter is not None:
            self._stack.enter_context(variable_scope(get_variable_scope(),
                                                     custom_getter=self._getter))
        self._stack.enter_context(variable_creator_scope(self._creator))
        return self._strategy

    def __exit__(self, *exc):
        if self._same_scope_again_count > 0:
            self._same_scope_again_count -= 1
            return None
        stack, self._stack = self._stack, None
        return stack.__exit__(*exc)


# -- ReplicaContext -----------------------------------------------------------------------------

class ReplicaContext:
    """The context `fn` runs in under `experimental_run_v2`: its replica id, the strategy,
    `merge_call` (back to the cross-replica context) and `all_reduce`."""

    def __init__(self, strategy, replica_id_in_sync_group):
        self._strategy = strategy
        self._replica_id_in_sync_group = replica_id_in_sync_group
        self._stack = None

    def __enter__(self):
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(_entered(_Mode(self._strategy, replica=self)))

    def __exit__(self, *exc):
        stack, self._stack = self._stack, None
        return stack.__exit__(*exc)

    def merge_call(self, merge_fn, args=(), kwargs=None):
        """Calls `merge_fn(strategy, *args, **kwargs)` in the cross-replica context."""
        kwargs = kwargs or {}
        with _entered(_Mode(self._strategy, cross_replica=self._strategy)):
            return merge_fn(self._strategy, *args, **kwargs)

    @property
    def num_replicas_in_sync(self):
        return self._strategy.num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        return self._replica_id_in_sync_group

    @property
    def strategy(self):
        return self._strategy

    @property
    def devices(self):
        """The device the graph places ops on now, as a 1-tuple ('' outside tf.device)."""
        graph = get_default_graph()
        if any(callable(d) for d in graph._device_stack):
            raise NotImplementedError("flowgrad's ReplicaContext.devices does not implement "
                                      "a device function in the device stack")
        return (graph._current_device(None),)

    def all_reduce(self, reduce_op, value):
        """Reduces `value` (a nest of tensors) across the replicas, as TF 1.14: for SUM or
        MEAN through a custom gradient (an IdentityN over the results and the inputs; the
        gradient all-reduces the output gradients, inside the replica context), for any
        other `reduce_op` (TF compares without converting strings) through
        PreventGradient ops."""
        def batch_all_reduce(strategy, *value_flat):
            return strategy.extended.batch_reduce_to(
                reduce_op, [(v, _batch_reduce_destination(v)) for v in value_flat])

        if reduce_op in (ReduceOp.SUM, ReduceOp.MEAN):
            @custom_gradient
            def grad_wrapper(*xs):
                ys = self.merge_call(batch_all_reduce, args=xs)
                return ys, lambda *dy_s: self.all_reduce(reduce_op, dy_s)
            return nest.pack_sequence_as(value, grad_wrapper(*nest.flatten(value)))
        reduced = nest.pack_sequence_as(
            value, self.merge_call(batch_all_reduce, args=nest.flatten(value)))
        return nest.map_structure(prevent_gradient, reduced)


def _batch_reduce_destination(x):
    """Where a value is all-reduced to: its own device (TF's _batch_reduce_destination)."""
    if isinstance(x, Tensor):
        return x.device
    return x


class _OneDeviceReplicaContext(ReplicaContext):
    pass


class MirroredReplicaContext(ReplicaContext):
    """MirroredStrategy's replica context: merge_fn runs where call_for_each_replica was
    called (TF runs it in the main thread: the replica's name scope, without its device)."""

    _outer_device_stack = None

    def merge_call(self, merge_fn, args=(), kwargs=None):
        graph = get_default_graph()
        if self._outer_device_stack is None:
            return super().merge_call(merge_fn, args, kwargs)
        saved = graph._device_stack
        graph._device_stack = list(self._outer_device_stack)
        try:
            return super().merge_call(merge_fn, args, kwargs)
        finally:
            graph._device_stack = saved


# -- Strategy, StrategyExtended -------------------------------------------------------------------

class StrategyV1:
    """A way to distribute a computation (tf.distribute.Strategy, TF 1.x's StrategyV1)."""

    def __init__(self, extended):
        self._extended = extended
        self._scale_loss_for_estimator = False

    @property
    def extended(self):
        return self._extended

    @property
    def num_replicas_in_sync(self):
        return self._extended._num_replicas_in_sync

    def scope(self):
        """A context manager: variables made inside are made by this strategy."""
        return self._extended._scope(self)

    def experimental_run_v2(self, fn, args=(), kwargs=None):
        """Calls `fn(*args, **kwargs)` in each replica's context; the per-replica results."""
        return self._extended.call_for_each_replica(fn, args=args, kwargs=kwargs)

    def experimental_run(self, fn, input_iterator=None):
        """`experimental_run_v2(fn, (input_iterator.get_next(),))` (no inputs without one)."""
        _require_cross_replica_or_default_context(self._extended)
        args = (input_iterator.get_next(),) if input_iterator is not None else ()
        return self.experimental_run_v2(fn, args=args)

    def reduce(self, reduce_op, value, axis=None):
        """Combines a per-replica value across replicas (and along `axis` if given)."""
        _require_cross_replica_or_default_context(self._extended)
        if isinstance(reduce_op, str):
            reduce_op = ReduceOp(reduce_op.upper())
        if axis is None:
            return self._extended._reduce(reduce_op, value)
        if reduce_op == ReduceOp.SUM:
            value = self.experimental_run_v2(lambda v: math_ops.reduce_sum(v, axis=axis),
                                             args=(value,))
            return self._extended._reduce(reduce_op, value)
        if reduce_op != ReduceOp.MEAN:
            raise TypeError("Expected `reduce_op` to be a `tf.distribute.ReduceOp`, "
                            "not: %r" % (reduce_op,))
        if not isinstance(axis, int):
            raise TypeError("Expected `axis` to be an integer not: %r" % (axis,))

        def mean_reduce_helper(v, axis=axis):
            numer = math_ops.reduce_sum(v, axis=axis)
            rank = v.shape.ndims
            if rank is not None:
                if axis < 0:
                    if axis + rank < 0:
                        raise ValueError("`axis` = %r out of range for `value` with rank %d"
                                         % (axis, rank))
                    axis += rank
                elif axis >= rank:
                    raise ValueError("`axis` = %r out of range for `value` with rank %d"
                                     % (axis, rank))
                dim = v.shape.as_list()[axis]
                if dim is not None:
                    return numer, dim
            elif axis < 0:
                raise NotImplementedError("flowgrad's Strategy.reduce does not implement a "
                                          "negative `axis` on a value of unknown rank")
            return numer, _shape(v, out_type=_dt.int64)[axis]

        numer, denom = self.experimental_run_v2(mean_reduce_helper, args=(value,))
        numer = self._extended._reduce(ReduceOp.SUM, numer)
        denom = self._extended._reduce(ReduceOp.SUM, denom)
        return numer / cast(denom, numer.dtype)

    def experimental_local_results(self, value):
        """The per-replica values of `value`, as a tuple (one replica: `(value,)`)."""
        return self._extended._local_results(value)

    def unwrap(self, value):
        """The same as experimental_local_results (TF 1.x)."""
        return self._extended._local_results(value)

    def group(self, value, name=None):
        """A grouping of the per-replica values (TF 1.x)."""
        return self._extended._group(value, name)

    def make_dataset_iterator(self, dataset):
        """An iterator over `dataset` giving each replica's inputs."""
        return self._extended._make_dataset_iterator(dataset)

    def make_input_fn_iterator(self, input_fn,
                               replication_mode=InputReplicationMode.PER_WORKER):
        """An iterator over the dataset `input_fn(InputContext)` returns."""
        if replication_mode != InputReplicationMode.PER_WORKER:
            raise ValueError("Input replication mode not supported: %r" % replication_mode)
        return self._extended._make_input_fn_iterator(input_fn, replication_mode)

    def experimental_distribute_dataset(self, dataset):
        """`dataset` split over the replicas (a DistributedDatasetV1)."""
        return self._extended._experimental_distribute_dataset(dataset)

    def experimental_make_numpy_dataset(self, numpy_input, session=None):
        """A dataset of the slices of `numpy_input` (a nest of arrays), held in variables
        on the input device that `session` fills."""
        return self._extended.experimental_make_numpy_dataset(numpy_input, session=session)

    def colocate_vars_with(self, colocate_with_variable):
        return self._extended.colocate_vars_with(colocate_with_variable)

    def configure(self, session_config=None, cluster_spec=None, task_type=None, task_id=None):
        """Accepts a single-machine configuration; a cluster raises NotImplementedError."""
        if cluster_spec is not None or task_type is not None or task_id is not None:
            raise NotImplementedError("flowgrad's tf.distribute strategies do not implement "
                                      "configure(cluster_spec, task_type, task_id)")

    def update_config_proto(self, config_proto):
        """A copy of `config_proto` with what the strategy needs."""
        return self._extended._update_config_proto(config_proto)


class StrategyExtendedV1:
    """A strategy's less common methods (tf.distribute.StrategyExtended)."""

    def __init__(self, container_strategy):
        self._container_strategy_weakref = container_strategy
        self._default_device = None
        self._require_static_shapes = False

    def _container_strategy(self):
        return self._container_strategy_weakref

    # -- contexts
    def _scope(self, strategy):
        def creator(next_creator, **kwargs):
            return self._create_variable(next_creator, **kwargs)
        return _ScopeContext(strategy, creator, _distributed_getter)

    def _create_variable(self, next_creator, **kwargs):
        raise NotImplementedError("must be implemented in descendants")

    def variable_created_in_scope(self, v):
        return getattr(v, "_distribute_strategy", None) is self._container_strategy()

    def colocate_vars_with(self, colocate_with_variable):
        """A scope: variables made inside are placed with `colocate_with_variable`."""
        def create_colocated_variable(next_creator, **kwargs):
            _require_strategy_scope(self)
            kwargs["use_resource"] = True
            kwargs["colocate_with"] = colocate_with_variable
            return next_creator(**kwargs)
        _require_strategy_scope(self)
        self._validate_colocate_with_variable(colocate_with_variable)
        return variable_creator_scope(create_colocated_variable)

    def _validate_colocate_with_variable(self, colocate_with_variable):
        pass

    # -- replicas
    def call_for_each_replica(self, fn, args=(), kwargs=None):
        """Calls `fn(*args, **kwargs)` in each replica's context."""
        _require_cross_replica_or_default_context(self)
        with self._container_strategy().scope():
            return self._call_for_each_replica(fn, args or (), kwargs or {})

    def _call_for_each_replica(self, fn, args, kwargs):
        self._check_one_replica("call_for_each_replica")
        replica_id = self._make_replica_id()
        with self._replica_device(), self._replica_context_class(
                self._container_strategy(), replica_id):
            return fn(*args, **kwargs)

    def _make_replica_id(self):
        return constant(0, _dt.int32)

    @contextlib.contextmanager
    def _replica_device(self):
        with get_default_graph().device(self.worker_devices[0]):
            yield

    def _check_one_replica(self, what):
        if self._num_replicas_in_sync != 1:
            raise NotImplementedError(
                "flowgrad runs a tf.distribute strategy on one device; %s over %d devices "
                "(%s) is not implemented" % (what, self._num_replicas_in_sync,
                                             ", ".join(self.worker_devices)))

    def experimental_run_steps_on_iterator(self, fn, iterator, iterations=1,
                                           initial_loop_values=None):
        raise NotImplementedError("flowgrad does not implement tf.distribute.StrategyExtended."
                                  "experimental_run_steps_on_iterator")

    # -- reductions
    def reduce_to(self, reduce_op, value, destinations):
        """Combines `value` across replicas onto `destinations`."""
        _require_cross_replica_or_default_context(self)
        if isinstance(reduce_op, str):
            reduce_op = ReduceOp(reduce_op.upper())
        return self._reduce_to(reduce_op, value, destinations)

    def batch_reduce_to(self, reduce_op, value_destination_pairs):
        """reduce_to for each (value, destinations) pair."""
        _require_cross_replica_or_default_context(self)
        if isinstance(reduce_op, str):
            reduce_op = ReduceOp(reduce_op.upper())
        return [self._reduce_to(reduce_op, t, destinations=v)
                for t, v in value_destination_pairs]

    def _reduce(self, reduce_op, value):
        graph = get_default_graph()
        current = ("" if any(callable(d) for d in graph._device_stack)
                   else graph._current_device(None))
        return self._local_results(
            self._reduce_to(reduce_op, value, current or "/device:CPU:0"))[0]

    def broadcast_to(self, tensor, destinations):
        """`tensor` copied to `destinations`."""
        _require_cross_replica_or_default_context(self)
        return self._broadcast_to(tensor, destinations)

    # -- updates
    def update(self, var, fn, args=(), kwargs=None, group=True):
        """Calls `fn(var, *args, **kwargs)` on the variable's device."""
        _require_cross_replica_or_default_context(self)
        return self._update(var, fn, tuple(args), kwargs or {}, group)

    def update_non_slot(self, colocate_with, fn, args=(), kwargs=None, group=True):
        """Calls `fn(*args, **kwargs)` on the devices of `colocate_with`."""
        _require_cross_replica_or_default_context(self)
        return self._update_non_slot(colocate_with, fn, tuple(args), kwargs or {}, group)

    def _update(self, var, fn, args, kwargs, group):
        with get_default_graph().colocate_with(var.op):
            return self._grouped(fn(var, *args, **kwargs), group)

    def _update_non_slot(self, colocate_with, fn, args, kwargs, group):
        with get_default_graph().device(self.worker_devices[0]):
            return self._grouped(fn(*args, **kwargs), group)

    def _grouped(self, result, group):
        if group:
            return result
        return nest.map_structure(self._local_results, result)

    def read_var(self, v):
        """The variable's value (a tensor read of it)."""
        return identity(v)

    def value_container(self, value):
        return value

    def _local_results(self, value):
        return (value,)

    def _group(self, value, name=None):
        flat = nest.flatten(self._local_results(value))
        if len(flat) != 1 or name is not None:
            return _group(*flat, name=name)
        return flat[0].op if hasattr(flat[0], "op") else flat[0]

    # -- inputs
    def experimental_make_numpy_dataset(self, numpy_input, session=None):
        _require_cross_replica_or_default_context(self)
        return self._experimental_make_numpy_dataset(numpy_input, session=session)

    def _experimental_make_numpy_dataset(self, numpy_input, session):
        return _one_host_numpy_dataset(numpy_input, _SingleDevice(self._input_device),
                                       session, self)

    @property
    def _input_device(self):
        """The host device the input pipelines run on (TF's input worker: /cpu:0)."""
        return _canonical_device("/device:CPU:0")

    def _make_dataset_iterator(self, dataset):
        self._check_one_replica("make_dataset_iterator")
        return DatasetIterator(dataset, self._input_device)

    def _make_input_fn_iterator(self, input_fn, replication_mode):
        self._check_one_replica("make_input_fn_iterator")
        ctx = InputContext(num_input_pipelines=1, input_pipeline_id=0,
                           num_replicas_in_sync=self._num_replicas_in_sync)
        with get_default_graph().device(self._input_device):
            dataset = input_fn(ctx)
        return InputFunctionIterator(dataset, self._input_device)

    def _experimental_distribute_dataset(self, dataset):
        self._check_one_replica("experimental_distribute_dataset")
        return DistributedDatasetV1(dataset, self._input_device)

    def _update_config_proto(self, config_proto):
        out = type(config_proto)()
        out.CopyFrom(config_proto)
        return out

    # -- properties
    @property
    def _num_replicas_in_sync(self):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def experimental_require_static_shapes(self):
        return self._require_static_shapes

    @property
    def worker_devices(self):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def parameter_devices(self):
        raise NotImplementedError("must be implemented in descendants")

    def non_slot_devices(self, var_list):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def experimental_between_graph(self):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def experimental_should_init(self):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def should_checkpoint(self):
        raise NotImplementedError("must be implemented in descendants")

    @property
    def should_save_summary(self):
        raise NotImplementedError("must be implemented in descendants")


# -- the default strategy -----------------------------------------------------------------------

class _DefaultDistributionExtended(StrategyExtendedV1):

    def _scope(self, strategy):
        if has_strategy():
            raise RuntimeError("Must not nest tf.distribute.Strategy scopes.")

        def creator(next_creator, **kwargs):
            return next_creator(**kwargs)
        return _ScopeContext(strategy, creator)

    def variable_created_in_scope(self, v):
        return getattr(v, "_distribute_strategy", None) is None

    def colocate_vars_with(self, colocate_with_variable):
        return get_default_graph().colocate_with(colocate_with_variable.op)

    def _call_for_each_replica(self, fn, args, kwargs):
        with ReplicaContext(self._container_strategy(), self._make_replica_id()):
            return fn(*args, **kwargs)

    def _reduce_to(self, reduce_op, value, destinations):
        return value

    def _broadcast_to(self, tensor, destinations):
        if destinations is None:
            return tensor
        raise NotImplementedError("flowgrad's default tf.distribute strategy does not "
                                  "implement broadcast_to with destinations")

    def _update(self, var, fn, args, kwargs, group):
        return self._update_non_slot(var, fn, (var,) + tuple(args), kwargs, group)

    def _update_non_slot(self, colocate_with, fn, args, kwargs, group):
        with _update_context(colocate_with):
            return self._grouped(fn(*args, **kwargs), group)

    def read_var(self, v):
        return identity(v)

    def _make_dataset_iterator(self, dataset):
        return _DefaultInputIterator(dataset)

    def _experimental_make_numpy_dataset(self, numpy_input, session):
        return _numpy_dataset(numpy_input, session, None)

    def _make_input_fn_iterator(self, input_fn, replication_mode):
        return _DefaultInputIterator(input_fn(InputContext()))

    def _experimental_distribute_dataset(self, dataset):
        return dataset

    @property
    def _num_replicas_in_sync(self):
        return 1

    @property
    def worker_devices(self):
        raise RuntimeError("worker_devices() method unsupported by default "
                           "tf.distribute.Strategy.")

    @property
    def parameter_devices(self):
        raise RuntimeError("parameter_devices() method unsupported by default "
                           "tf.distribute.Strategy.")

    def non_slot_devices(self, var_list):
        return min(var_list, key=lambda x: x.name)


class _DefaultDistributionStrategy(StrategyV1):
    """The strategy in effect outside every strategy scope."""

    def __init__(self):
        super().__init__(_DefaultDistributionExtended(self))


_DEFAULT = {}


def _get_default_strategy():
    if "strategy" not in _DEFAULT:
        _DEFAULT["strategy"] = _DefaultDistributionStrategy()
    return _DEFAULT["strategy"]


def _get_default_replica_context():
    if "replica" not in _DEFAULT:
        _DEFAULT["replica"] = ReplicaContext(_get_default_strategy(), 0)
    return _DEFAULT["replica"]


# -- inputs ---------------------------------------------------------------------------------------

class _SingleDevice:
    """A `colocate_with` for a variable on one device, not mirrored (TF's SingleDevice)."""

    def __init__(self, device):
        self.device = device


# TF's init_var_from_numpy builds 11 ops: the start, end and slice placeholders, a read of
# the variable, the strided slice (stack, stack_1, stack_2, Cast, StridedSlice), its
# ResourceStridedSliceAssign and a read of the result
_TF_NUMPY_INIT_OPS = 11


def _init_var_from_numpy(input_var, numpy_input, session):
    """Fills `input_var` with `numpy_input` through `session` (TF's init_var_from_numpy).
    TF writes 64 MiB slices through a sliced assignment (ResourceStridedSliceAssign):
    flowgrad feeds the whole array to one assignment named as TF's
    (`strided_slice/_assign`), takes the names TF's other ops take and counts them (later
    graph-seeded random ops get TF's seeds)."""
    with init_scope():
        if session is None:
            raise AssertionError()
        session.run(input_var.initializer)
        graph = get_default_graph()
        n0 = graph._last_id
        placeholder(_dt.int64, ())
        placeholder(_dt.int64, ())
        value = placeholder(input_var.dtype)
        graph.unique_name("ReadVariableOp")
        with name_scope("strided_slice") as scope:
            # "<scope>/_assign/": the exact name (a name ending in "/" is not uniquified)
            assign = input_var.assign(value, read_value=False, name=scope + "_assign/")
        graph.unique_name("ReadVariableOp")
        graph._last_id = n0 + _TF_NUMPY_INIT_OPS
        session.run(assign, feed_dict={value: numpy_input})


def _numpy_dataset(numpy_input, session, colocate_with, extended=None):
    """TF's one_host_numpy_dataset (`extended`: the strategy whose variable creator takes
    `colocate_with`; outside its scope TF's default creator ignores it, and the
    variables are tf.Variable's default kind) or, without `extended`, the default
    strategy's (resource variables)."""
    from ..data.dataset_ops import Dataset  # lazy: tf.data loads on first use
    flat = nest.flatten(numpy_input)

    def create_colocated_variable(next_creator, **kwargs):
        if get_strategy().extended is extended:
            kwargs["colocate_with"] = colocate_with
        return next_creator(**kwargs)
    with contextlib.ExitStack() as stack:
        if extended is not None:
            stack.enter_context(variable_creator_scope(create_colocated_variable))
        vars_flat = tuple(Variable(zeros(np.shape(i), _dt.as_dtype(np.asarray(i).dtype)),
                                   trainable=False,
                                   use_resource=True if extended is None else None)
                          for i in flat)
    for v, i in zip(vars_flat, flat):
        _init_var_from_numpy(v, i, session)
    return Dataset.from_tensor_slices(nest.pack_sequence_as(numpy_input, vars_flat))


def _one_host_numpy_dataset(numpy_input, colocate_with, session, extended):
    return _numpy_dataset(numpy_input, session, colocate_with, extended)


class _DefaultInputIterator:
    """The default strategy's iterator: the dataset's own (initializable) iterator."""

    def __init__(self, dataset):
        self._iterator = dataset.make_initializable_iterator()

    def get_next(self):
        return self._iterator.get_next()

    def initialize(self):
        return [self._iterator.initializer]

    @property
    def initializer(self):
        return self._iterator.initializer


class DatasetIterator:
    """A strategy's iterator over a dataset (one replica: the dataset's iterator on the
    strategy's device). TF builds a MultiDeviceIterator with a prefetching pipeline; flowgrad
    builds an initializable iterator (the same elements, fewer ops)."""

    def __init__(self, dataset, device):
        self._device = device
        with get_default_graph().device(device):
            self._iterator = dataset.make_initializable_iterator()

    def get_next(self, name=None):
        with get_default_graph().device(self._device):
            return self._iterator.get_next(name=name)

    def next(self, name=None):
        return self.get_next(name=name)

    def get_iterator(self, worker):
        return self._iterator if worker == self._device else None

    def initialize(self):
        return [self._iterator.initializer]

    @property
    def initializer(self):
        return self._iterator.initializer

    output_classes = property(lambda self: self._iterator.output_classes)
    output_shapes = property(lambda self: self._iterator.output_shapes)
    output_types = property(lambda self: self._iterator.output_types)


class InputFunctionIterator(DatasetIterator):
    """A strategy's iterator over the dataset an input function returns."""


class DistributedIteratorV1(DatasetIterator):
    """The iterator of a DistributedDatasetV1."""


class DistributedDatasetV1:
    """A dataset split over a strategy's replicas (one replica: the dataset itself)."""

    def __init__(self, dataset, device):
        self._dataset = dataset
        self._device = device

    def make_initializable_iterator(self):
        return DistributedIteratorV1(self._dataset, self._device)

    def make_one_shot_iterator(self):
        return DistributedIteratorV1(self._dataset, self._device)

    def reduce(self, initial_state, reduce_func):
        raise NotImplementedError("flowgrad does not implement DistributedDatasetV1.reduce")

    def __iter__(self):
        raise RuntimeError("__iter__() is only supported inside of tf.function or when "
                           "eager execution is enabled.")


def _validate_destinations(destinations):
    """TF's cross_device_ops.validate_destinations: a variable or a device string."""
    if not isinstance(destinations, (ResourceVariable, str)):
        raise ValueError("destinations must be one of a `DistributedValues` object,"
                         " a tf.Variable object, or a device string.")
    if isinstance(destinations, str) and not destinations:
        raise ValueError("destinations can not be empty")


def _destination_device(destinations):
    """The device a value is copied to: a variable's, or the device string's (canonical)."""
    if isinstance(destinations, str):
        return _canonical_device(destinations)
    return destinations.device


# -- OneDeviceStrategy ----------------------------------------------------------------------------

def _strip_creator_kwargs(kwargs):
    kw = dict(kwargs)
    for key in ("use_resource", "expected_shape"):
        kw.pop(key, None)
    if kw.get("distribute_strategy") is not None:
        raise NotImplementedError("flowgrad's strategies do not implement a variable's "
                                  "distribute_strategy argument")
    kw.pop("distribute_strategy", None)
    return kw


class OneDeviceExtended(StrategyExtendedV1):

    def __init__(self, container_strategy, device):
        super().__init__(container_strategy)
        self._device = _canonical_device(device)
        # TF's: the device's host, /device:CPU:0
        self._host_input_device = self._device[:self._device.find("/device:")] + \
            "/device:CPU:0"

    @property
    def _input_device(self):
        return self._host_input_device

    _replica_context_class = _OneDeviceReplicaContext

    def _create_variable(self, next_creator, **kwargs):
        colocate = kwargs.pop("colocate_with", None)
        kw = _strip_creator_kwargs(kwargs)
        graph = get_default_graph()
        if isinstance(colocate, _SingleDevice):
            ctx = graph.device(colocate.device)
        elif colocate is not None:
            ctx = graph.colocate_with(colocate.op)
        else:
            ctx = graph.device(self._device)
        with ctx:
            v = ResourceVariable(**kw)
        v._distribute_strategy = self._container_strategy()
        return v

    def _make_replica_id(self):
        with get_default_graph().device(self._device):
            return constant(0, _dt.int32)

    def _reduce_to(self, reduce_op, value, destinations):
        return value

    def _broadcast_to(self, tensor, destinations):
        return tensor

    def _update(self, var, fn, args, kwargs, group):
        return self._update_non_slot(var, fn, (var,) + tuple(args), kwargs, group)

    def _update_non_slot(self, colocate_with, fn, args, kwargs, group):
        with get_default_graph().device(self._device), _update_context(self._device):
            return self._grouped(fn(*args, **kwargs), group)

    @property
    def _num_replicas_in_sync(self):
        return 1

    @property
    def worker_devices(self):
        return (self._device,)

    @property
    def parameter_devices(self):
        return (self._device,)

    def non_slot_devices(self, var_list):
        return (self._device,)

    experimental_should_init = property(lambda self: True)
    should_checkpoint = property(lambda self: True)
    should_save_summary = property(lambda self: True)


class OneDeviceStrategyV1(StrategyV1):
    """A strategy placing variables and computation on one device
    (tf.distribute.OneDeviceStrategy)."""

    def __init__(self, device):
        super().__init__(OneDeviceExtended(self, device))


# -- MirroredStrategy -----------------------------------------------------------------------------

_AGGREGATION_ERROR = (
    "You must specify an aggregation method to update a "
    "{variable_type} in Replica Context. You can do so by passing "
    "an explicit value for argument `aggregation` to tf.Variable(..)."
    "e.g. `tf.Variable(..., aggregation=tf.VariableAggregation.SUM)`"
    "`tf.VariableAggregation` lists the possible aggregation methods."
    "This is required because {variable_type} should always be "
    "kept in sync. When updating them or assigning to them in a "
    "replica context, we automatically try to aggregate the values "
    "before updating the variable. For this aggregation, we need to "
    "know the aggregation method. "
    "Another alternative is to not try to update such "
    "{variable_type} in replica context, but in cross replica "
    "context. You can enter cross replica context by calling "
    "`tf.distribute.get_replica_context().merge_call(merge_fn, ..)`."
    "Inside `merge_fn`, you can then update the {variable_type} "
    "using `tf.distribute.StrategyExtended.update()`.")


@contextlib.contextmanager
def _enter_or_assert_strategy(strategy):
    """TF's: outside every strategy scope, enter `strategy`'s; inside, it must be it."""
    if not has_strategy():
        with strategy.scope():
            yield
    else:
        current = get_strategy()
        if current is not strategy:
            raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s"
                               % (current, strategy))
        yield


def _apply_aggregation(strategy, value, aggregation, destinations):
    if aggregation.name == "ONLY_FIRST_REPLICA":
        return strategy.extended.broadcast_to(
            strategy.experimental_local_results(value)[0], destinations=destinations)
    reduce_op = ReduceOp.from_variable_aggregation(aggregation)
    return strategy.extended.reduce_to(reduce_op, value, destinations)


class DistributedVariable(ResourceVariable):
    """What TF's distributed variables share (values.DistributedVariable): the devices of
    their copies (flowgrad: one), their strategy, reads through the strategy's read_var."""

    @property
    def devices(self):
        return (self.device,)

    @property
    def distribute_strategy(self):
        return self._distribute_strategy

    def read_value(self):
        return self._distribute_strategy.extended.read_var(self)


class MirroredVariable(DistributedVariable):
    """A variable mirrored on a MirroredStrategy's devices (flowgrad: one device, a
    resource variable on it). Its initializer groups the copies' initializers; assigning
    goes through the strategy's `update` (in a replica context only with an aggregation,
    the value reduced across replicas first); read_value is the strategy's read_var."""

    @property
    def initializer(self):
        return _group(super().initializer)

    def get(self, device=None):
        """This copy's value: in the cross-replica context an Identity of it (TF's
        _get_cross_replica), elsewhere the variable itself."""
        if device is not None and _canonical_device(device) != self.device:
            raise ValueError("Device %s not found in %s (current device %s)"
                             % (device, (self.device,), ""))
        if in_cross_replica_context():
            return identity(self)
        return self

    def is_initialized(self, name=None):
        """Whether every copy is initialized: a LogicalAnd of the first and the last
        copies' VarIsInitializedOp (TF's, also for one copy)."""
        first = ResourceVariable.is_initialized(self)
        last = ResourceVariable.is_initialized(self)
        return logical_and(first, last, name=name)

    def _assign_func(self, f, *args, **kwargs):
        with _enter_or_assert_strategy(self._distribute_strategy):
            if in_cross_replica_context():
                if _get_update_device() is not None:
                    return f(self, *args, **kwargs)
                return self._distribute_strategy.extended.update(self, f, args=args,
                                                                 kwargs=kwargs)
            context = get_replica_context()
            if context is None or context.strategy is not self._distribute_strategy:
                raise RuntimeError("Replica-local variables may only be assigned in a "
                                   "replica context.")
            if self.aggregation.name == "NONE":
                raise ValueError(_AGGREGATION_ERROR.format(variable_type="MirroredVariable"))

            def merge_fn(strategy, value, *other_args, **other_kwargs):
                v = _apply_aggregation(strategy, value, self.aggregation, self)
                return strategy.extended.update(self, f, args=(v,) + other_args,
                                                kwargs=other_kwargs)
            return context.merge_call(merge_fn, args=args, kwargs=kwargs)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._assign_func(lambda var, *a, **kw: ResourceVariable.assign(var, *a, **kw),
                                 value, use_locking=use_locking, name=name,
                                 read_value=read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign_func(
            lambda var, *a, **kw: ResourceVariable.assign_add(var, *a, **kw),
            delta, use_locking=use_locking, name=name, read_value=read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._assign_func(
            lambda var, *a, **kw: ResourceVariable.assign_sub(var, *a, **kw),
            delta, use_locking=use_locking, name=name, read_value=read_value)


class SyncOnReadVariable(DistributedVariable):
    """A MirroredStrategy variable made with synchronization=ON_READ: each replica updates
    its own copy, a cross-replica read aggregates them (flowgrad: one device, one copy:
    a resource variable on it)."""


class MirroredExtended(StrategyExtendedV1):

    def __init__(self, container_strategy, devices=None, cross_device_ops=None):
        super().__init__(container_strategy)
        if devices is None:
            devices = ("/device:CPU:0",)
        devices = tuple(_canonical_device(d) for d in devices)
        if not devices:
            raise ValueError("Got an empty `devices` list. Please make sure the `devices` "
                             "you pass in is not empty.")
        if len(set(devices)) != len(devices):
            raise AssertionError("No duplicates allowed in `devices` argument: %s" %
                                 (devices,))
        self._devices = devices
        self._cross_device_ops = cross_device_ops
        self._inferred_cross_device_ops = None

    _replica_context_class = MirroredReplicaContext

    def _call_for_each_replica(self, fn, args, kwargs):
        self._check_one_replica("call_for_each_replica")
        replica_id = self._make_replica_id()
        outer = list(get_default_graph()._device_stack)
        context = MirroredReplicaContext(self._container_strategy(), replica_id)
        context._outer_device_stack = outer
        with self._replica_device(), context:
            return fn(*args, **kwargs)

    def _make_replica_id(self):
        return constant(0, _dt.int32)

    def _experimental_make_numpy_dataset(self, numpy_input, session):
        self._check_one_replica("experimental_make_numpy_dataset")
        return _one_host_numpy_dataset(numpy_input, _SingleDevice("/cpu:0"), session, self)

    def _validate_colocate_with_variable(self, colocate_with_variable):
        if not (isinstance(colocate_with_variable, DistributedVariable)
                and colocate_with_variable._distribute_strategy is self._container_strategy()):
            raise ValueError("`colocate_vars_with` must only be passed a variable created "
                             "in this tf.distribute.Strategy.scope(), not: %r"
                             % (colocate_with_variable,))

    def _create_variable(self, next_creator, **kwargs):
        self._check_one_replica("creating a variable")
        colocate = kwargs.pop("colocate_with", None)
        kw = _strip_creator_kwargs(kwargs)
        graph = get_default_graph()
        if isinstance(colocate, _SingleDevice):
            with graph.device(colocate.device):   # a plain variable there, not mirrored
                return ResourceVariable(**kw)
        ctx = (graph.colocate_with(colocate.op) if colocate is not None
               else graph.device(self._devices[0]))
        on_read = getattr(kw.get("synchronization"), "name", None) == "ON_READ"
        with ctx:
            v = (SyncOnReadVariable if on_read else MirroredVariable)(**kw)
        v._distribute_strategy = self._container_strategy()
        return v

    def _reduce_to(self, reduce_op, value, destinations):
        self._check_one_replica("reduce_to")
        if not isinstance(value, (Tensor, Variable)) and value == 0:
            return 0
        if reduce_op == ReduceOp.MEAN:
            return value
        _validate_destinations(destinations)
        with get_default_graph().device(_destination_device(destinations)):
            return identity(value)

    def _broadcast_to(self, tensor, destinations):
        self._check_one_replica("broadcast_to")
        if isinstance(tensor, (float, int)):
            return tensor   # TF's fast path for Python constants
        _validate_destinations(destinations)
        with get_default_graph().device(_destination_device(destinations)):
            return identity(tensor)

    def _update(self, var, fn, args, kwargs, group):
        if not isinstance(var, MirroredVariable):
            raise AssertionError()   # TF asserts a DistributedVariable
        self._check_one_replica("update")
        with get_default_graph().device(var.device), _update_context(var.device), \
                name_scope("update_0"):
            return self._grouped(fn(var, *args, **kwargs), group)

    def _update_non_slot(self, colocate_with, fn, args, kwargs, group):
        if not isinstance(colocate_with, tuple):
            raise AssertionError()   # TF asserts the tuple non_slot_devices gives
        self._check_one_replica("update_non_slot")
        with get_default_graph().device(colocate_with[0]), \
                _update_context(colocate_with[0]), name_scope("update_0"):
            return self._grouped(fn(*args, **kwargs), group)

    def read_var(self, v):
        """A SyncOnReadVariable's aggregate, a MirroredVariable's value (an Identity of
        `get()`); anything else is refused as TF asserts."""
        if isinstance(v, SyncOnReadVariable):
            return identity(v)
        if not isinstance(v, MirroredVariable):
            raise AssertionError()
        return identity(v.get())

    @property
    def _num_replicas_in_sync(self):
        return len(self._devices)

    @property
    def worker_devices(self):
        return self._devices

    @property
    def worker_devices_by_replica(self):
        return [[d] for d in self._devices]

    @property
    def parameter_devices(self):
        return self._devices

    def non_slot_devices(self, var_list):
        return (self._devices[0],) if len(self._devices) == 1 else self._devices

    def _update_config_proto(self, config_proto):
        out = super()._update_config_proto(config_proto)
        out.isolate_session_state = True
        return out

    experimental_should_init = property(lambda self: True)
    should_checkpoint = property(lambda self: True)
    should_save_summary = property(lambda self: True)
    experimental_between_graph = property(lambda self: False)


class MirroredStrategyV1(StrategyV1):
    """Synchronous training mirroring the variables on several devices
    (tf.distribute.MirroredStrategy; flowgrad runs it on one device)."""

    def __init__(self, devices=None, cross_device_ops=None):
        super().__init__(MirroredExtended(self, devices, cross_device_ops))
