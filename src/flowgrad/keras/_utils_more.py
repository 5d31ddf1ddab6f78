"""tf.keras.utils beyond the array helpers (TF 1.14 keras/utils): the enqueuers that feed
a Sequence or a generator from worker threads, HDF5Matrix (h5py, the `h5` extra),
get_source_inputs, plot_model/model_to_dot (pydot, the `plot` extra), multi_gpu_model
(raises as TF 1.14 does on a machine without GPUs) and convert_all_kernels_in_model."""
import gc
import itertools
import multiprocessing
import multiprocessing.pool
import queue
import os
import random
import signal
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import backend as K
from .engine.base_layer import KERAS_HISTORY, _flatten

__all__ = ["SequenceEnqueuer", "OrderedEnqueuer", "GeneratorEnqueuer", "HDF5Matrix",
           "get_source_inputs", "model_to_dot", "plot_model", "multi_gpu_model",
           "convert_all_kernels_in_model", "convert_kernel"]


# -- enqueuers -----------------------------------------------------------------------------
# With use_multiprocessing=True the batches are made in worker processes, as TF 1.14's
# enqueuers make them: a multiprocessing Pool of forked workers that inherit the shared
# sequences (`_SHARED_SEQUENCES`, so a generator is never pickled), one pool per pass for a
# Sequence (its on_epoch_end runs here, between passes), one for a generator (each worker
# runs its own copy of it: with several workers the data repeats, as TF warns).
_SHARED_SEQUENCES = {}
_uids = itertools.count()


def _init_worker(seqs, random_seed=None):
    global _SHARED_SEQUENCES
    _SHARED_SEQUENCES = seqs
    proc = multiprocessing.current_process()
    proc.name = "Keras_worker_{}".format(proc.name)
    if random_seed is not None:
        np.random.seed(random_seed + proc.ident)


def _get_index(uid, i):
    return _SHARED_SEQUENCES[uid][i]


def _next_sample(uid):
    return next(_SHARED_SEQUENCES[uid])


_DATA_POOLS = weakref.WeakSet()   # the enqueuers' pools (terminate_keras_multiprocessing_pools)
_WORKERS = weakref.WeakSet()      # and their worker processes


def _fork_pool(workers, random_seed=None):
    # fork (TF 1.14's default on Linux): the workers inherit the sequences and generators
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(max(1, workers), initializer=_init_worker,
                    initargs=(_SHARED_SEQUENCES, random_seed))
    _DATA_POOLS.add(pool)
    for proc in getattr(pool, "_pool", ()):   # (replacement workers are not tracked)
        _WORKERS.add(proc)
    return pool


def terminate_keras_multiprocessing_pools(grace_period=0.1, use_sigkill=False):
    """Ends the enqueuers' pools and their worker processes (TF 1.14's order: the pools,
    then each live worker by terminate(), SIGTERM and, with `use_sigkill`, SIGKILL,
    waiting `grace_period` seconds after each pass) and returns the problems met, as
    human-readable strings (empty: every pool and worker ended)."""
    errors = []
    gc.collect()
    pools = list(_DATA_POOLS)
    for pool in pools:
        pool.close()
        pool.terminate()
    if pools:
        time.sleep(grace_period)
    del pools
    passes = [".terminate", "SIGTERM"] + (["SIGKILL"] if use_sigkill else []) + ["log"]
    for step in passes:
        hit = False
        for proc in list(_WORKERS):
            if not proc.is_alive():
                continue
            try:
                if step == ".terminate":
                    proc.terminate()
                    proc.join(timeout=grace_period)
                    hit = True
                elif step in ("SIGTERM", "SIGKILL"):
                    os.kill(proc.pid, signal.SIGKILL if step == "SIGKILL" else signal.SIGTERM)
                    hit = True
                else:
                    errors.append("worker still alive: {}, pid={}, hash={}".format(
                        proc.name, proc.pid, hash(proc)))
            except OSError:   # it ended meanwhile
                pass
        if hit:
            time.sleep(grace_period)
    gc.collect()
    for pool in _DATA_POOLS:
        errors.append("pool still exists: {}, hash={}".format(pool, hash(pool)))
    return errors


class SequenceEnqueuer(object):
    """Base class of the enqueuers: start() workers (threads, or processes with
    `use_multiprocessing`) that fill a queue of at most `max_queue_size` batches, get()
    yields them, stop() ends the workers."""

    def __init__(self, sequence, use_multiprocessing=False):
        self.sequence = sequence
        self.use_multiprocessing = use_multiprocessing
        self.uid = next(_uids)
        self.workers = 0
        self.executor = None
        self.queue = None
        self.run_thread = None
        self.stop_signal = None

    def is_running(self):
        """Whether the workers are started and not stopped."""
        return self.stop_signal is not None and not self.stop_signal.is_set()

    def start(self, workers=1, max_queue_size=10):
        """Starts `workers` threads (or processes) filling a queue of at most
        `max_queue_size` batches."""
        self.workers = workers
        self.queue = queue.Queue(max_queue_size)
        self.stop_signal = threading.Event()
        if not self.use_multiprocessing:
            self.executor = ThreadPoolExecutor(max(1, workers))
        self.run_thread = threading.Thread(target=self._run, daemon=True)
        self.run_thread.start()

    def _send_sequence(self):
        _SHARED_SEQUENCES[self.uid] = self.sequence

    def stop(self, timeout=None):
        """Stops the workers and waits up to `timeout` seconds for them."""
        if self.stop_signal is None:
            return
        self.stop_signal.set()
        with self.queue.mutex:
            self.queue.queue.clear()
            self.queue.unfinished_tasks = 0
            self.queue.not_full.notify()
        self.run_thread.join(timeout)
        if self.executor is not None:
            self.executor.shutdown(wait=False)
        _SHARED_SEQUENCES.pop(self.uid, None)

    def _put(self, future):
        while not self.stop_signal.is_set():
            try:
                self.queue.put(future, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self):
        raise NotImplementedError

    def get(self):
        """Yields the batches (a generator)."""
        raise NotImplementedError


def _result(item):
    """A queued batch: a thread's Future or a pool's AsyncResult."""
    return item.get() if isinstance(item, multiprocessing.pool.AsyncResult) else item.result()


class OrderedEnqueuer(SequenceEnqueuer):
    """Feeds a keras.utils.Sequence in its order (shuffled each pass when `shuffle`),
    calling its on_epoch_end() after each pass."""

    def __init__(self, sequence, use_multiprocessing=False, shuffle=False):
        super(OrderedEnqueuer, self).__init__(sequence, use_multiprocessing)
        self.shuffle = shuffle

    def _wait_queue(self):
        while self.queue.unfinished_tasks and not self.stop_signal.is_set():
            self.stop_signal.wait(0.01)

    def _run(self):
        indices = list(range(len(self.sequence)))
        if self.use_multiprocessing:
            self._send_sequence()
        while True:
            if self.shuffle:
                random.shuffle(indices)
            if self.use_multiprocessing:
                pool = _fork_pool(self.workers)
                try:
                    for i in indices:
                        if self.stop_signal.is_set() or \
                                not self._put(pool.apply_async(_get_index, (self.uid, i))):
                            return
                    self._wait_queue()   # the pass's batches taken before its pool closes
                finally:
                    pool.terminate()
                if self.stop_signal.is_set():
                    return
                self.sequence.on_epoch_end()
                self._send_sequence()
                continue
            futures = []
            for i in indices:
                if self.stop_signal.is_set():
                    return
                future = self.executor.submit(self.sequence.__getitem__, i)
                futures.append(future)
                if not self._put(future):
                    return
            for future in futures:
                try:
                    future.result()
                except Exception:  # noqa: BLE001 - get() raises it to the caller
                    pass
            if self.stop_signal.is_set():
                return
            self.sequence.on_epoch_end()

    def get(self):
        while self.is_running():
            try:
                future = self.queue.get(timeout=0.1)
            except queue.Empty:
                continue
            try:
                inputs = _result(future)
            except Exception:
                self.stop()
                raise
            self.queue.task_done()
            if inputs is not None:
                yield inputs


class GeneratorEnqueuer(SequenceEnqueuer):
    """Feeds a Python generator from worker threads (calls to next() are serialized) or,
    with `use_multiprocessing`, worker processes that each run a copy of it (seeded
    `random_seed` + the worker's pid when given); a finite generator ends get() after
    its last item."""

    def __init__(self, sequence, use_multiprocessing=False, random_seed=None):
        super(GeneratorEnqueuer, self).__init__(sequence, use_multiprocessing)
        self.random_seed = random_seed
        self._lock = threading.Lock()
        self._pool = None

    def _next(self):
        with self._lock:
            return next(self.sequence)

    def _run(self):
        if self.use_multiprocessing:
            self._send_sequence()
            pool = self._pool = _fork_pool(self.workers, self.random_seed)
            while not self.stop_signal.is_set():
                if not self._put(pool.apply_async(_next_sample, (self.uid,))):
                    return
            return
        while not self.stop_signal.is_set():
            future = self.executor.submit(self._next)
            if not self._put(future):
                return
            try:
                future.result()
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - get() raises it to the caller
                return

    def stop(self, timeout=None):
        super(GeneratorEnqueuer, self).stop(timeout)
        pool = self._pool
        if pool is not None:
            pool.terminate()
            self._pool = None

    def _last_ones(self):
        # a finite generator ended in a worker: the batches already asked for that it made
        last = []
        while True:
            try:
                last.append(self.queue.get_nowait())
            except queue.Empty:
                break
        for f in last:
            f.wait()
        return [f.get() for f in last if f.successful()]

    def get(self):
        while self.is_running() or not self.queue.empty():
            try:
                future = self.queue.get(timeout=0.1)
            except queue.Empty:
                if self.run_thread is not None and not self.run_thread.is_alive() and \
                        not self.use_multiprocessing:
                    return
                continue
            try:
                inputs = _result(future)
            except StopIteration:
                if self.use_multiprocessing:
                    for inputs in self._last_ones():
                        if inputs is not None:
                            yield inputs
                return
            except Exception:
                self.stop()
                raise
            self.queue.task_done()
            if inputs is not None:
                yield inputs


# -- HDF5Matrix ----------------------------------------------------------------------------
class HDF5Matrix(object):
    """A dataset of an HDF5 file used like a NumPy array (rows start..end, an optional
    `normalizer` applied to what is read). The file is opened read-only; it needs h5py
    (the `h5` extra)."""

    refs = {}

    def __init__(self, datapath, dataset, start=0, end=None, normalizer=None):
        from .saving import h5py_module  # lazy: h5py is an optional extra
        try:
            h5py = h5py_module()
        except ImportError:
            raise ImportError("The use of HDF5Matrix requires HDF5 and h5py installed "
                              "(pip install 'flowgrad[h5]').") from None
        if datapath not in self.refs:
            self.refs[datapath] = h5py.File(datapath, "r")
        f = self.refs[datapath]
        self.data = f[dataset]
        self.start = start
        self.end = self.data.shape[0] if end is None else end
        self.normalizer = normalizer

    def __len__(self):
        return self.end - self.start

    def __getitem__(self, key):
        if isinstance(key, slice):
            start = 0 if key.start is None else key.start
            stop = self.shape[0] if key.stop is None else key.stop
            if stop + self.start > self.end:
                raise IndexError
            idx = slice(start + self.start, stop + self.start)
        elif isinstance(key, (int, np.integer)):
            if key + self.start >= self.end:
                raise IndexError
            idx = key + self.start
        elif isinstance(key, np.ndarray):
            if np.max(key) + self.start >= self.end:
                raise IndexError
            idx = (self.start + key).tolist()
        else:
            if max(key) + self.start >= self.end:
                raise IndexError
            idx = [x + self.start for x in key]
        value = self.data[idx]
        return self.normalizer(value) if self.normalizer is not None else value

    @property
    def shape(self):
        """(rows, ...) of the selected part."""
        return (self.end - self.start,) + self.data.shape[1:]

    @property
    def dtype(self):
        """The dataset's dtype."""
        return self.data.dtype

    @property
    def ndim(self):
        """The dataset's rank."""
        return self.data.ndim

    @property
    def size(self):
        """The number of elements of the selected part."""
        return np.prod(self.shape)


# -- layer graph utilities -----------------------------------------------------------------
def get_source_inputs(tensor, layer=None, node_index=None):
    """The input tensors (of Input layers) `tensor` is computed from, through the Keras
    layer graph."""
    if tensor not in KERAS_HISTORY:
        return tensor
    if layer is None or node_index:
        layer, node_index, _ = KERAS_HISTORY[tensor]
    if not layer._inbound_nodes:
        return [tensor]
    node_inputs = layer._inbound_nodes[node_index][0]
    inbound = [t for t in _flatten(node_inputs) if t in KERAS_HISTORY]
    if not inbound:
        return list(_flatten(node_inputs)) or [tensor]
    out = []
    for t in inbound:
        src, src_index, _ = KERAS_HISTORY[t]
        for x in get_source_inputs(t, src, src_index):
            if not any(x is y for y in out):
                out.append(x)
    return out


_PYDOT_ERROR = ("Failed to import pydot. You must install pydot and graphviz for "
                "`pydotprint` to work.")


def _pydot():
    try:
        import pydot  # lazy: optional dependency (the `plot` extra)
        pydot.Dot.create(pydot.Dot())
    except Exception:  # noqa: BLE001 - TF turns every failure into this ImportError
        raise ImportError(_PYDOT_ERROR + " (pip install 'flowgrad[plot]' and graphviz's "
                          "`dot`)") from None
    return pydot


def _shape_label(tensors):
    shapes = [tuple(t.shape.as_list()) if t.shape.ndims is not None else None
              for t in tensors]
    if len(shapes) == 1:
        return str(shapes[0])
    return ", ".join(str(s) for s in shapes)


def model_to_dot(model, show_shapes=False, show_layer_names=True, rankdir="TB"):
    """A pydot.Dot of the model's layers (one record node per layer, edges along the
    layer calls)."""
    pydot = _pydot()
    dot = pydot.Dot()
    dot.set("rankdir", rankdir)
    dot.set("concentrate", True)
    dot.set_node_defaults(shape="record")
    if type(model).__name__ == "Sequential" and not model.built:
        model.build()
    layers = list(getattr(model, "_layers", None) or model.layers)
    for layer in layers:
        class_name = layer.__class__.__name__
        label = "%s: %s" % (layer.name, class_name) if show_layer_names else class_name
        if show_shapes:
            nodes = layer._inbound_nodes
            ins = [t for n in nodes[:1] for t in _flatten(n[0])] if nodes else []
            outs = [t for n in nodes[:1] for t in _flatten(n[1])] if nodes else []
            in_label = _shape_label(ins) if ins else "multiple"
            if class_name == "InputLayer":
                in_label = _shape_label(outs)
            out_label = _shape_label(outs) if outs else "multiple"
            label = "%s\n|{input:|output:}|{{%s}|{%s}}" % (label, in_label, out_label)
        dot.add_node(pydot.Node(str(id(layer)), label=label))
    ids = {id(layer) for layer in layers}
    for layer in layers:
        for node in layer._inbound_nodes:
            for t in _flatten(node[0]):
                if t in KERAS_HISTORY:
                    src = KERAS_HISTORY[t][0]
                    if id(src) in ids:
                        dot.add_edge(pydot.Edge(str(id(src)), str(id(layer))))
    return dot


def plot_model(model, to_file="model.png", show_shapes=False, show_layer_names=True,
               rankdir="TB"):
    """Writes the model's layer graph as an image (its format from the file's extension);
    needs pydot and graphviz (ImportError otherwise, as TF 1.14)."""
    dot = model_to_dot(model, show_shapes, show_layer_names, rankdir)
    _, ext = (to_file.rsplit(".", 1) + [""])[:2] if "." in to_file else (to_file, "")
    dot.write(to_file, format=ext or "png")
    return dot


# -- multi-GPU and kernels -----------------------------------------------------------------
def multi_gpu_model(model, gpus, cpu_merge=True, cpu_relocation=False):
    """TF 1.14's data-parallel replication over GPUs: flowgrad has no GPU devices, so
    this raises TF's ValueError about the missing devices (or the one for gpus < 2)."""
    if isinstance(gpus, (list, tuple)):
        if len(gpus) <= 1:
            raise ValueError("For multi-gpu usage to be effective, call `multi_gpu_model` "
                             "with `len(gpus) >= 2`. Received: `gpus=%s`" % (gpus,))
        ids = gpus
    else:
        if gpus <= 1:
            raise ValueError("For multi-gpu usage to be effective, call `multi_gpu_model` "
                             "with `gpus >= 2`. Received: `gpus=%s`" % (gpus,))
        ids = range(gpus)
    target = ["/cpu:0"] + ["/gpu:%d" % i for i in ids]
    available = ["/" + d.name.lower().split("device:")[1]
                 for d in K.get_session().list_devices()]
    missing = [d for d in target if d not in available]
    if missing:
        raise ValueError("To call `multi_gpu_model` with `gpus=%s`, we expect the following "
                         "devices to be available: %s. However this machine only has: %s. "
                         "Try reducing `gpus`." % (gpus, target, available))
    raise NotImplementedError("flowgrad does not implement multi_gpu_model on GPU devices")


def convert_kernel(kernel):
    """A convolution kernel flipped on its spatial axes (Theano <-> TensorFlow)."""
    kernel = np.asarray(kernel)
    index = [slice(None, None, -1)] * kernel.ndim
    index[-2:] = (slice(None, None), slice(None, None))
    return np.copy(kernel[tuple(index)])


def convert_all_kernels_in_model(model):
    """Flips the kernels of the model's Conv1D/2D/3D/2DTranspose layers in place."""
    conv = {"Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose"}
    assign = [(layer.kernel, convert_kernel(K.get_value(layer.kernel)))
              for layer in model.layers if layer.__class__.__name__ in conv]
    K.batch_set_value(assign)
