"""TF 1.14's cross-device reduction algorithms (tf.distribute.CrossDeviceOps and kin).

A MirroredStrategy takes one as `cross_device_ops`. flowgrad runs a strategy on one
device, where TF reduces a tensor without them (the strategy's own Identity copy); the
classes are built and kept as TF's, and calling their own reduce/broadcast methods raises
NotImplementedError.
"""
from __future__ import annotations


class CrossDeviceOps:
    """Base class of the cross-device reduction and broadcasting algorithms."""

    def __init__(self):
        pass

    def _unsupported(self, method):
        raise NotImplementedError("flowgrad does not implement tf.distribute.%s.%s"
                                  % (type(self).__name__, method))

    def reduce(self, reduce_op, per_replica_value, destinations):
        self._unsupported("reduce")

    def batch_reduce(self, reduce_op, value_destination_pairs):
        self._unsupported("batch_reduce")

    def broadcast(self, tensor, destinations):
        self._unsupported("broadcast")

    def reduce_implementation(self, reduce_op, per_replica_value, destinations):
        raise NotImplementedError("_reduce method must be implemented in descendants.")

    def batch_reduce_implementation(self, reduce_op, value_destination_pairs):
        raise NotImplementedError("_batch_reduce method must be implemented in descendants.")

    def broadcast_implementation(self, tensor, destinations):
        self._unsupported("broadcast_implementation")


class ReductionToOneDevice(CrossDeviceOps):
    """Reduces on one device (`reduce_to_device`, else the first destination), then
    broadcasts; `accumulation_fn` (default tf.math.add_n) sums."""

    def __init__(self, reduce_to_device=None, accumulation_fn=None):
        if accumulation_fn is None:
            from ..ops.math_ops import add_n as accumulation_fn  # lazy: ops load on use
        self.reduce_to_device = reduce_to_device
        self.accumulation_fn = accumulation_fn
        super().__init__()


class AllReduceCrossDeviceOps(CrossDeviceOps):
    """All-reduce of packed values ("nccl" or "hierarchical_copy")."""

    def __init__(self, all_reduce_alg="nccl", num_packs=1, agg_small_grads_max_bytes=0,
                 agg_small_grads_max_group=10):
        self._all_reduce_alg = all_reduce_alg
        self._num_packs = num_packs
        self._agg_small_grads_max_bytes = agg_small_grads_max_bytes
        self._agg_small_grads_max_group = agg_small_grads_max_group
        super().__init__()


class NcclAllReduce(AllReduceCrossDeviceOps):
    """All-reduce with NCCL (GPUs)."""

    def __init__(self, num_packs=1):
        assert num_packs > 0, (
            "NCLL all-reduce requires num_packs > 0, but {} is specified".format(num_packs))
        super().__init__(all_reduce_alg="nccl", num_packs=num_packs)


class HierarchicalCopyAllReduce(AllReduceCrossDeviceOps):
    """All-reduce by hierarchical copies (GPUs)."""

    def __init__(self, num_packs=1):
        super().__init__(all_reduce_alg="hierarchical_copy", num_packs=num_packs)
