"""`horovod.tensorflow` (Horovod 0.18's API for TF 1.14) on flowgrad.

    import horovod.tensorflow as hvd
    hvd.init()
    opt = hvd.DistributedOptimizer(tf.train.AdamOptimizer(0.001 * hvd.size()))
    hooks = [hvd.BroadcastGlobalVariablesHook(0)]

`init()` reads the rank, size and local rank that `flowgrad launch` gives each process
(FLOWGRAD_HVD_RANK/SIZE/LOCAL_RANK/LOCAL_SIZE) and connects the ranks through Ray (the
`distributed` extra); a process started any other way is rank 0 of 1, as Horovod is
without a launcher. The ops are Horovod's (HorovodAllreduce, HorovodAllgather,
HorovodBroadcast, engine/ops/collective.py) with Horovod's gradients; the collectives
run when the session runs them, a ring all-reduce over Ray's object store between
processes (distribute/collective.py, distribute/horovod_ray.py).
"""
from __future__ import annotations

import contextlib
import os

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops import collective as _collective
from ..engine.ops.cast import cast
from ..engine.ops.ordering import group
from ..ops import state_ops, variables
from ..train.optimizer import Optimizer
from ..train.session_run_hook import SessionRunHook

__all__ = ["init", "shutdown", "is_initialized", "size", "local_size", "rank", "local_rank",
           "mpi_threads_supported", "mpi_enabled", "mpi_built", "gloo_enabled", "gloo_built",
           "nccl_built", "ddl_built", "mlsl_built", "allreduce", "allgather", "broadcast",
           "broadcast_global_variables", "broadcast_variables",
           "BroadcastGlobalVariablesHook", "DistributedOptimizer", "Compression"]

_STATE = {"initialized": False}


def _env_int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def init(comm=None):
    """Starts this process's part of the job: rank, size and local rank from `flowgrad
    launch` (one process started otherwise is rank 0 of 1)."""
    if comm is not None:
        raise NotImplementedError("hvd.init(comm=...): MPI communicators are not supported "
                                  "(flowgrad's ranks talk through Ray; start them with "
                                  "`flowgrad launch -np N`)")
    if _STATE["initialized"]:
        return
    size_ = _env_int("FLOWGRAD_HVD_SIZE", 1)
    if size_ > 1:
        from ..distribute import horovod_ray  # lazy: Ray (an extra) only for a real job
        backend = horovod_ray.connect(_env_int("FLOWGRAD_HVD_RANK", 0), size_,
                                      _env_int("FLOWGRAD_HVD_LOCAL_RANK", 0),
                                      _env_int("FLOWGRAD_HVD_LOCAL_SIZE", size_))
    else:
        backend = _collective.LocalBackend()
    _collective.set_backend(backend)
    _STATE["initialized"] = True


def shutdown():
    """Ends this process's part of the job (hvd.init() may start it again)."""
    if _STATE["initialized"]:
        _collective.set_backend(_collective.LocalBackend()).shutdown()
        _STATE["initialized"] = False


def is_initialized():
    return _STATE["initialized"]


def _backend():
    if not _STATE["initialized"]:
        raise ValueError("Horovod has not been initialized; use hvd.init().")
    return _collective.get_backend()


def size():
    """The number of processes of the job."""
    return _backend().size


def local_size():
    """The number of processes of the job on this machine."""
    return _backend().local_size


def rank():
    """This process's rank, 0 .. size()-1."""
    return _backend().rank


def local_rank():
    """This process's rank among the job's processes on this machine."""
    return _backend().local_rank


def mpi_threads_supported():
    _backend()
    return False


def mpi_enabled():
    return False


def mpi_built():
    return False


def gloo_enabled():
    return False


def gloo_built():
    return False


def nccl_built():
    return False


def ddl_built():
    return False


def mlsl_built():
    return False


class _NoneCompressor:
    """No compression."""

    @staticmethod
    def compress(tensor):
        return tensor, None

    @staticmethod
    def decompress(tensor, ctx):
        return tensor


class _FP16Compressor:
    """Floating-point tensors travel as float16 and come back in their own dtype."""

    @staticmethod
    def compress(tensor):
        tensor_compressed = tensor
        if tensor.dtype.is_floating:
            tensor_compressed = cast(tensor, _dt.float16)
        return tensor_compressed, tensor.dtype

    @staticmethod
    def decompress(tensor, ctx):
        tensor_decompressed = tensor
        if ctx is not None and ctx.is_floating:
            tensor_decompressed = cast(tensor, ctx)
        return tensor_decompressed


class Compression:
    """How allreduce compresses tensors on the wire: `Compression.none`, `.fp16`."""

    none = _NoneCompressor
    fp16 = _FP16Compressor


def _device(device):
    return get_default_graph().device(device) if device else contextlib.nullcontext()


def allreduce(tensor, average=True, device_dense="", device_sparse="",
              compression=Compression.none):
    """The sum (average=True: the mean) of `tensor` over all ranks. An IndexedSlices is
    allgathered (values and indices; values divided by size() when averaging)."""
    if isinstance(tensor, IndexedSlices):
        with _device(device_sparse):
            values = allgather(tensor.values)
            indices = allgather(tensor.indices)
            new_values = (values / size()) if average else values
        return IndexedSlices(new_values, indices, dense_shape=tensor.dense_shape)
    tensor = convert_to_tensor(tensor)
    with _device(device_dense):
        horovod_size = cast(size(), dtype=tensor.dtype)
        tensor_compressed, ctx = compression.compress(tensor)
        summed_tensor_compressed = _collective.allreduce_sum(tensor_compressed)
        summed_tensor = compression.decompress(summed_tensor_compressed, ctx)
        new_tensor = (summed_tensor / horovod_size) if average else summed_tensor
    return new_tensor


def allgather(tensor, name=None):
    """`tensor` of every rank concatenated along dimension 0, in rank order (the first
    dimension may differ between ranks)."""
    _backend()
    return _collective.allgather(convert_to_tensor(tensor), name)


def broadcast(tensor, root_rank, name=None):
    """Rank `root_rank`'s value of `tensor` on every rank."""
    _backend()
    return _collective.broadcast(convert_to_tensor(tensor), root_rank, name)


def broadcast_variables(variables_, root_rank):
    """One op assigning rank `root_rank`'s values to `variables_` on every rank."""
    return group(*[state_ops.assign(var, broadcast(var, root_rank))
                   for var in variables_])


def broadcast_global_variables(root_rank):
    """One op assigning rank `root_rank`'s values to every global variable."""
    return broadcast_variables(variables.global_variables(), root_rank)


class BroadcastGlobalVariablesHook(SessionRunHook):
    """Broadcasts rank `root_rank`'s global variables to every rank once the session is
    created (so all ranks start from the same initial or restored weights)."""

    def __init__(self, root_rank, device=""):
        super().__init__()
        self.root_rank = root_rank
        self.bcast_op = None
        self.device = device

    def begin(self):
        if not self.bcast_op or self.bcast_op.graph != get_default_graph():
            with _device(self.device):
                self.bcast_op = broadcast_global_variables(self.root_rank)

    def after_create_session(self, session, coord):
        session.run(self.bcast_op)


class _DistributedOptimizer(Optimizer):
    """Averages the gradients of `optimizer` over the ranks before they are applied."""

    def __init__(self, optimizer, name=None, use_locking=False, device_dense="",
                 device_sparse="", compression=Compression.none, sparse_as_dense=False):
        if name is None:
            name = f"Distributed{type(optimizer).__name__}"
        super().__init__(name=name, use_locking=use_locking)
        self._optimizer = optimizer
        self._device_dense, self._device_sparse = device_dense, device_sparse
        self._compression = compression
        self._sparse_as_dense = sparse_as_dense

    def _allreduce_grads(self, grads):
        """Sparse gradients allgathered one by one (as Horovod); the dense ones of each
        dtype summed in one HorovodGroupedAllreduce (tensor fusion), then averaged."""
        with name_scope(self._name + "_Allreduce"):
            if self._sparse_as_dense:
                grads = [convert_to_tensor(g) if isinstance(g, IndexedSlices) else g
                         for g in grads]
            out = list(grads)
            groups = {}
            for i, g in enumerate(grads):
                if isinstance(g, IndexedSlices):
                    out[i] = allreduce(g, device_sparse=self._device_sparse)
                elif g is not None:
                    groups.setdefault(g.dtype.base_dtype, []).append(i)
            with _device(self._device_dense):
                for dtype, idx in groups.items():
                    packed = [self._compression.compress(grads[i]) for i in idx]
                    summed = _collective.grouped_allreduce_sum([t for t, _ in packed])
                    horovod_size = cast(size(), dtype=dtype)
                    for i, s, (_, ctx) in zip(idx, summed, packed):
                        out[i] = self._compression.decompress(s, ctx) / horovod_size
            return out

    def compute_gradients(self, *args, **kwargs):
        """The wrapped optimizer's gradients, averaged over all ranks (when size() > 1)."""
        gradients = self._optimizer.compute_gradients(*args, **kwargs)
        if size() > 1:
            grads, vars_ = zip(*gradients)
            return list(zip(self._allreduce_grads(grads), vars_))
        return gradients

    def apply_gradients(self, *args, **kwargs):
        return self._optimizer.apply_gradients(*args, **kwargs)

    def get_slot(self, *args, **kwargs):
        return self._optimizer.get_slot(*args, **kwargs)

    def get_slot_names(self, *args, **kwargs):
        return self._optimizer.get_slot_names(*args, **kwargs)

    def variables(self, *args, **kwargs):
        return self._optimizer.variables(*args, **kwargs)


def DistributedOptimizer(optimizer, name=None, use_locking=False, device_dense="",  # noqa: N802
                         device_sparse="", compression=Compression.none,
                         sparse_as_dense=False):
    """Wraps a tf.train optimizer so that its gradients are averaged over all ranks
    (an allreduce per gradient; IndexedSlices are allgathered unless sparse_as_dense)."""
    if not isinstance(optimizer, Optimizer):
        raise NotImplementedError(
            "hvd.DistributedOptimizer: only tf.train optimizers are supported (Keras "
            "optimizers need horovod.tensorflow.keras, which flowgrad does not implement)")
    return _DistributedOptimizer(optimizer, name, use_locking, device_dense, device_sparse,
                                 compression, sparse_as_dense)
