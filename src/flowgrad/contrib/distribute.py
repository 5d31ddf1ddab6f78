"""tf.contrib.distribute: TF 1.14's contrib names for the distribution strategies.

Most are tf.distribute's own objects (OneDeviceStrategy, ReplicaContext, CrossDeviceOps,
get_replica_context, ...) or their deprecated aliases (DistributionStrategy,
get_distribution_strategy, has_distribution_strategy). MirroredStrategy is the contrib
class: it takes `num_gpus` (TF: one replica per local GPU, the CPU where there is none)
and treats a dataset's batch as the per-replica batch (the same on one replica). flowgrad
runs a strategy on one device (docs/distributed.md), so `num_gpus` above 1 or several
`devices` raise when the strategy is used, as tf.distribute.MirroredStrategy's do.

Absent (the multi-worker and TPU ones): CollectiveAllReduceStrategy,
ParameterServerStrategy, TPUStrategy, MultiWorkerAllReduce, Monitor and the step_fn
classes, DistributeConfig, run_standard_tensorflow_server, initialize_tpu_system.
"""
from ..distribute import distribute_lib as _lib
from ..distribute.cross_device_ops import (  # noqa: F401 - re-exported
    AllReduceCrossDeviceOps, CrossDeviceOps)
from ..distribute.distribute_lib import (  # noqa: F401 - re-exported
    ReplicaContext, get_loss_reduction, get_replica_context, get_strategy, has_strategy,
    in_cross_replica_context)
from ..distribute.distribute_lib import OneDeviceStrategyV1 as OneDeviceStrategy  # noqa: F401
from ..distribute.distribute_lib import StrategyV1 as DistributionStrategy

get_distribution_strategy = get_strategy
has_distribution_strategy = has_strategy


def get_cross_replica_context():
    """The current strategy in its cross-replica context (inside `strategy.scope()`, not in
    a replica function), else None (also outside every scope)."""
    return get_strategy() if in_cross_replica_context() else None


def require_replica_context(replica_ctx):
    """Raises RuntimeError unless `replica_ctx` is the current replica context."""
    mode = _lib._current_mode()
    if mode.replica_context is replica_ctx:
        return
    if mode.replica_context is None:
        raise RuntimeError("Need to be inside `call_for_each_replica()`")
    if mode.strategy is replica_ctx.strategy:
        raise RuntimeError("Mismatching ReplicaContext.")
    raise RuntimeError("Mismatching tf.distribute.Strategy objects: %s is not %s." %
                       (mode.strategy, replica_ctx.strategy))


class UpdateContext:
    """The context of a strategy's `update()`: the device being updated."""

    def __init__(self, device):
        self._device = device
        self._context = None

    def __enter__(self):
        self._context = _lib._update_context(self._device)
        self._context.__enter__()

    def __exit__(self, exception_type, exception_value, traceback):
        self._context.__exit__(exception_type, exception_value, traceback)


def _all_local_devices(num_gpus):
    """TF's all_local_devices: a replica per GPU, the CPU where there is none (flowgrad
    sees no GPU, so `num_gpus=None` means the CPU)."""
    return tuple("/device:GPU:%d" % i for i in range(num_gpus or 0)) or ("/device:CPU:0",)


class _MirroredExtended(_lib.MirroredExtended):
    """The contrib MirroredStrategy's extended: devices from `num_gpus_per_worker`."""

    def __init__(self, container_strategy, devices=None, num_gpus_per_worker=None,
                 cross_device_ops=None, auto_shard_dataset=False):
        if devices is None:
            devices = _all_local_devices(num_gpus_per_worker)
        elif num_gpus_per_worker is not None:
            raise ValueError("Must only specify one of `devices` and `num_gpus_per_worker`.")
        super().__init__(container_strategy, devices, cross_device_ops)
        self._auto_shard_dataset = auto_shard_dataset


class MirroredStrategy(DistributionStrategy):
    """Synchronous training on mirrored variables, contrib's version
    (tf.contrib.distribute.MirroredStrategy): `num_gpus` or `devices`, a dataset batched
    by the per-replica batch size."""

    def __init__(self, devices=None, num_gpus=None, num_gpus_per_worker=None,
                 cross_device_ops=None, auto_shard_dataset=False, cross_tower_ops=None):
        if cross_device_ops and cross_tower_ops:
            raise AssertionError   # TF: assert not (cross_device_ops and cross_tower_ops)
        if num_gpus is not None and num_gpus_per_worker is not None:
            raise ValueError(
                "You cannot specify both `num_gpus` and `num_gpus_per_worker`.")
        if num_gpus is None:
            num_gpus = num_gpus_per_worker
        super().__init__(_MirroredExtended(self, devices, num_gpus,
                                           cross_device_ops or cross_tower_ops,
                                           auto_shard_dataset))
