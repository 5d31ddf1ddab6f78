"""What Model.fit/evaluate/predict need for data that is not NumPy arrays (TF 1.14
keras/engine/training_generator.py, training_utils.py): tf.data datasets and their
iterators, symbolic tensors, Python generators and keras.utils.Sequence objects.

Every source becomes a `next_batch()` function that returns one batch as NumPy values
(x, y, sample_weight) or None when the data ran out; the training step then feeds it as
it feeds array batches. A dataset's number of batches is read from its ops as TF 1.14's
`cardinality` does (sources, batch, repeat, take, skip, map, shuffle, ...); a filter or
a generator makes it unknown and the loop runs until the iterator ends.
"""
import inspect
import math
import random

import numpy as np

from ...data.dataset_ops import DatasetV1
from ...data.iterator_ops import Iterator
from ...engine.framework.errors import OutOfRangeError
from ...engine.framework.constant_op import const_value
from ...engine.framework.graph import Tensor
from .. import backend as K
from .. import utils as _utils

__all__ = ["INFINITE", "UNKNOWN", "cardinality", "infer_steps_for_dataset", "is_dataset",
           "is_generator_or_sequence", "is_symbolic", "dataset_source", "tensor_source",
           "generator_source", "arrays_generator", "unpack_element"]

INFINITE = -1
UNKNOWN = -2

_SAME = {"MapDataset", "ParallelMapDataset", "PrefetchDataset", "ShuffleDataset",
         "CacheDataset", "CacheDatasetV2", "ModelDataset", "OptimizeDataset",
         "MapAndBatchDataset", "ExperimentalMapAndBatchDataset", "PaddedBatchDataset"}


def _const(t):
    v = const_value(t)
    return None if v is None else v.item()


def _card(tensor, depth=0):
    """The number of elements of the dataset whose variant tensor is `tensor`."""
    if depth > 200:
        return UNKNOWN
    op = tensor.op
    t = op.type
    ins = list(op.inputs)
    if t == "TensorDataset":
        return 1
    if t == "TensorSliceDataset":
        dim = ins[0].shape.as_list()[0] if ins[0].shape.ndims else None
        return UNKNOWN if dim is None else dim
    if t == "RangeDataset":
        start, stop, step = (_const(x) for x in ins[:3])
        if None in (start, stop, step) or step == 0:
            return UNKNOWN
        return max(0, -(-(stop - start) // step))
    if t in ("BatchDataset", "BatchDatasetV2", "PaddedBatchDatasetV2"):
        n = _card(ins[0], depth + 1)
        bs = _const(ins[1])
        drop = _const(ins[-1]) if t != "BatchDataset" else False
        if n < 0 or bs is None or drop is None:
            return n if n == INFINITE else UNKNOWN
        return n // bs if drop else -(-n // bs)
    if t in ("RepeatDataset", "ShuffleAndRepeatDataset"):
        n = _card(ins[0], depth + 1)
        count = _const(ins[1] if t == "RepeatDataset" else ins[-1])
        if count is None:
            return UNKNOWN
        if n == 0 or count == 0:
            return 0
        if count < 0 or n == INFINITE:
            return INFINITE
        return UNKNOWN if n < 0 else n * count
    if t in ("TakeDataset", "SkipDataset"):
        n = _card(ins[0], depth + 1)
        count = _const(ins[1])
        if count is None:
            return UNKNOWN
        if t == "TakeDataset":
            if count < 0:
                return n
            if n == INFINITE:
                return count
            return UNKNOWN if n < 0 else min(n, count)
        if count < 0:
            return 0 if n >= 0 else UNKNOWN
        if n < 0:
            return n
        return max(0, n - count)
    if t == "ConcatenateDataset":
        a, b = _card(ins[0], depth + 1), _card(ins[1], depth + 1)
        if INFINITE in (a, b):
            return INFINITE
        return UNKNOWN if min(a, b) < 0 else a + b
    if t == "ZipDataset":
        ns = [_card(x, depth + 1) for x in ins]
        known = [n for n in ns if n >= 0]
        if known:
            return min(known)
        return INFINITE if all(n == INFINITE for n in ns) else UNKNOWN
    if t in _SAME or t.startswith("Experimental") and t[12:] in _SAME:
        return _card(ins[0], depth + 1)
    return UNKNOWN


def cardinality(dataset):
    """The number of elements of `dataset`; INFINITE (-1) or UNKNOWN (-2)."""
    return _card(dataset._variant_tensor)


def is_dataset(x):
    return isinstance(x, DatasetV1)


def is_symbolic(x):
    flat = list(x.values()) if isinstance(x, dict) else \
        list(x) if isinstance(x, (list, tuple)) else [x]
    return bool(flat) and any(isinstance(a, Tensor) for a in flat)


def is_generator_or_sequence(x):
    return inspect.isgenerator(x) or isinstance(x, _utils.Sequence)


def infer_steps_for_dataset(dataset, steps, epochs=1, steps_name="steps"):
    """TF 1.14's check of `steps` against the dataset's size; the steps to run or None."""
    size = cardinality(dataset)
    if size == INFINITE and steps is None:
        raise ValueError("When passing an infinitely repeating dataset, you must specify the "
                         "`%s` argument." % (steps_name,))
    if size >= 0 and steps is not None and steps * epochs > size:
        if epochs > 1:
            raise ValueError("The dataset you passed contains %s batches, but you passed "
                             "`epochs=%s` and `%s=%s`, which is a total of %s steps. We "
                             "cannot draw that many steps from this dataset. We suggest to "
                             "set `%s=%s`." % (size, epochs, steps_name, steps,
                                                steps * epochs, steps_name, size // epochs))
        raise ValueError("The dataset you passed contains %s batches, but you passed "
                         "`%s=%s`. We cannot draw that many steps from this dataset. We "
                         "suggest to set `%s=%s`." % (size, steps_name, steps, steps_name,
                                                      size))
    if steps is None:
        return size if size >= 0 else None
    return steps


def unpack_element(element, mode):
    """(x, y, sample_weight) of one element of a dataset or generator."""
    if isinstance(element, (list, tuple)) and not isinstance(element, dict):
        if mode == "predict":
            return tuple(element) + (None,) * (3 - len(element))
        if len(element) not in (2, 3):
            raise ValueError("Please provide model inputs as a list or tuple of 2 or 3 "
                             "elements: (input, target) or (input, target, sample_weights) "
                             "Received %s" % (element,))
        return tuple(element) + (None,) * (3 - len(element))
    return element, None, None


class _DatasetSource:
    """Batches from an initializable iterator of a dataset, run in the keras session."""

    def __init__(self, dataset_or_iterator, mode, drop_weights=False):
        self.mode = mode
        self.drop_weights = drop_weights
        if isinstance(dataset_or_iterator, Iterator):
            self.iterator = dataset_or_iterator
            self.reinitializable = False
        else:
            self.iterator = dataset_or_iterator.make_initializable_iterator()
            self.reinitializable = True
            self.reset()
        self.next_element = self.iterator.get_next()

    def reset(self):
        K.get_session().run(self.iterator.initializer)

    def __call__(self):
        try:
            element = K.get_session().run(self.next_element)
        except OutOfRangeError:
            return None
        x, y, w = unpack_element(element, self.mode)
        return x, y, None if self.drop_weights else w


def dataset_source(data, mode, drop_weights=False):
    """Batches of a dataset or iterator. `drop_weights`: TF 1.14's fit/evaluate in graph
    mode feed no sample weights from a dataset's third element (its batches are
    unweighted there; fit_generator weighs them)."""
    return _DatasetSource(data, mode, drop_weights)


def tensor_source(x, y, sample_weight, mode):
    """Batches from symbolic tensors (e.g. an iterator's get_next), run each step."""
    struct = (x, y, sample_weight)

    def flatten(v):
        if v is None:
            return []
        if isinstance(v, dict):
            return [v[k] for k in sorted(v)]
        return list(v) if isinstance(v, (list, tuple)) else [v]

    parts = [flatten(v) for v in struct]
    fetches = [t for p in parts for t in p]

    def pack(v, values):
        if v is None:
            return None
        if isinstance(v, dict):
            return dict(zip(sorted(v), values))
        return list(values) if isinstance(v, (list, tuple)) else values[0]

    def next_batch():
        try:
            values = K.get_session().run(fetches)
        except OutOfRangeError:
            return None
        out, i = [], 0
        for v, p in zip(struct, parts):
            out.append(pack(v, values[i:i + len(p)]))
            i += len(p)
        return tuple(out)
    return next_batch


def _iter_sequence(seq, shuffle, workers):
    """TF 1.14's order of a Sequence's batches: with workers (OrderedEnqueuer) each pass
    is shuffled with Python's `random` when `shuffle` (in place: each pass's order is a
    shuffle of the last one's, as OrderedEnqueuer._run shuffles one list) and ends with
    on_epoch_end(); with workers=0 the batches repeat in order."""
    order = list(range(len(seq)))   # the enqueuer reads len(seq) once
    while True:
        if workers == 0:   # iter_sequence_infinite iterates the Sequence: len each pass
            order = list(range(len(seq)))
        elif shuffle:
            random.shuffle(order)
        for i in order:
            yield seq[i]
        if workers > 0:
            seq.on_epoch_end()


def _enqueued(gen, shuffle, workers, max_queue_size):
    """TF 1.14's enqueuer for use_multiprocessing=True: batches made in worker processes
    (keras/_utils_more.py), and its stop()."""
    if isinstance(gen, _utils.Sequence):
        enq = _utils.OrderedEnqueuer(gen, use_multiprocessing=True, shuffle=shuffle)
    else:
        enq = _utils.GeneratorEnqueuer(gen, use_multiprocessing=True)
    enq.start(workers=workers, max_queue_size=max_queue_size)
    return enq.get(), enq.stop


def generator_source(gen, mode, shuffle=False, workers=1, use_multiprocessing=False,
                     max_queue_size=10):
    """next_batch() over a generator or Sequence, drawn in this thread in the order TF
    1.14's enqueuers deliver them; with `use_multiprocessing` (and workers > 0) from TF's
    enqueuer of worker processes, with `.close()` to stop it and `.restart()` to start a
    new one (TF makes one per fit, evaluate and validation pass, so a Sequence's pass
    starts again at its first batch: `.restart()` for every Sequence)."""
    state = {"it": None, "stop": None}

    def restart():
        close()
        if use_multiprocessing and workers > 0:
            state["it"], state["stop"] = _enqueued(gen, shuffle, workers, max_queue_size)
        else:
            state["it"] = _iter_sequence(gen, shuffle, workers) \
                if isinstance(gen, _utils.Sequence) else gen

    def close():
        if state["stop"] is not None:
            state["stop"]()
            state["stop"] = None

    def next_batch():
        if state["it"] is None:
            restart()
        try:
            out = next(state["it"])
        except StopIteration:
            return None
        if not isinstance(out, tuple):
            if mode == "predict":
                return out, None, None
            raise ValueError("Output of generator should be a tuple `(x, y, sample_weight)` "
                             "or `(x, y)`. Found: " + str(out))
        if len(out) < 1 or len(out) > 3:
            raise ValueError("Output of generator should be a tuple `(x, y, sample_weight)` "
                             "or `(x, y)` or (x,). Found: " + str(out))
        return tuple(out) + (None,) * (3 - len(out))
    next_batch.close = close
    restarts = (use_multiprocessing and workers > 0) or isinstance(gen, _utils.Sequence)
    next_batch.restart = restart if restarts else None
    return next_batch


def arrays_generator(data, batch_size):
    """(generator, steps) over a tuple of arrays in batches of `batch_size` (TF's
    convert_to_generator_like for validation data of fit_generator)."""
    data = tuple(d for d in data if d is not None)
    first = data[0]
    while isinstance(first, (list, tuple)):
        first = first[0]
    if isinstance(first, dict):
        first = next(iter(first.values()))
    num = int(np.asarray(first).shape[0])
    if batch_size is None:
        raise ValueError("You must specify `batch_size`")
    steps = int(math.ceil(num / batch_size))

    def slice_(v, s):
        if isinstance(v, dict):
            return {k: np.asarray(a)[s] for k, a in v.items()}
        if isinstance(v, (list, tuple)):
            return [np.asarray(a)[s] for a in v]
        return np.asarray(v)[s]

    def gen():
        while True:
            for start in range(0, num, batch_size):
                s = slice(start, min(start + batch_size, num))
                yield tuple(slice_(v, s) for v in data)
    return gen(), steps
