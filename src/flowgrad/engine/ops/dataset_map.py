"""tf.data's shuffles (TF's ShuffleDatasetBase with Philox draws), the function
transformations (map, parallel map, map_and_batch, filter, flat_map, interleave) and
TF 1.14's default static optimization (shuffle_and_repeat fusion)."""
from __future__ import annotations

import threading
from collections import deque

import numpy as np

from ..framework import errors
from ..framework import fpenv
from . import _fused
from .dataset_batch import _batch, _repeat, _vectorizer
from .dataset_core import (DatasetValue, _fresh_seeds, _Samples, _scalar, _without_gather,
                           register_dataset_op, seed_value)


def _shuffle_iter(ds, buffer_size, seed, seed2, count):
    """TF's shuffle buffer over `ds` (see _ShuffleIter)."""
    return _ShuffleIter(ds, buffer_size, seed, seed2, count)


class _ShuffleIter:
    """TF's shuffle buffer: fill to `buffer_size` (over up to 3 epochs when repeating),
    then each output is a uniform pick from the oldest epoch's slice of the buffer. An
    input element's error leaves it usable (the fill goes on at the next call), as TF's."""

    def __init__(self, ds, buffer_size, seed, seed2, count):
        self.ds, self.size, self.count = ds, buffer_size, count
        self.rand = _Samples(seed, seed2)
        self.buf = [None] * buffer_size
        self.slices = deque([[0, 0]])
        self.num = 0
        self.epoch = 0
        self.src = ds.iterate()
        self.first = True
        self.done = False

    def __iter__(self):
        return self

    def _fill(self):
        """Reads input until the buffer is full, the input ends, or 3 epochs are held;
        False if an endless repeat of an empty dataset."""
        size, slices, count = self.size, self.slices, self.count
        while self.src is not None and self.num < size:
            el = None
            end = True
            while count == -1 or self.epoch < count:
                el = next(self.src, None)
                if el is not None:
                    end = False
                    self.first = False
                    break
                if self.first and count == -1:
                    return False
                self.epoch += 1
                n = slices[-1][1]
                slices.append([n, n])
                self.src = self.ds.iterate()
            if not end:
                self.buf[slices[-1][1] % size] = el
                self.num += 1
                slices[-1][1] += 1
            else:
                self.src = None
            if len(slices) > 3:
                break
        return True

    def __next__(self):
        if self.done or not self._fill() or self.num == 0:
            self.done = True
            raise StopIteration
        size, slices, buf = self.size, self.slices, self.buf
        while slices and slices[0][0] == slices[0][1]:
            slices.popleft()
        s = slices[0]
        idx = (s[0] + self.rand() % (s[1] - s[0])) % size
        j = s[0] % size
        out = buf[idx]
        buf[idx] = buf[j]
        buf[j] = None
        s[0] += 1
        self.num -= 1
        return out


def _resolved_seeds(make, args, attrs, fns, **kw):
    """An unseeded op (seed = seed2 = 0) made with fresh random seeds, recorded in its
    `src` (so fusion and restored iterators use the same ones), or None if seeded."""
    if int(_scalar(args[2])) != 0 or int(_scalar(args[3])) != 0:
        return None
    seed, seed2 = _fresh_seeds(0, 0)
    resolved = list(args[:2]) + [seed_value(seed), seed_value(seed2)] + list(args[4:])
    out = make(resolved, attrs, fns, **kw)
    out.src = (make, resolved, attrs, fns)
    return out


def _shuffle(args, attrs, fns, gather=True):
    out = _resolved_seeds(_shuffle, args, attrs, fns, gather=gather)
    if out is not None:
        return out
    ds, size = args[0], int(_scalar(args[1]))
    if not gather:
        ds = _without_gather(ds)
    seed, seed2 = _fresh_seeds(int(_scalar(args[2])), int(_scalar(args[3])))
    if size <= 0:
        raise errors.InvalidArgumentError(None, None, "buffer_size must be greater than zero.")
    if ds.gather is not None:
        out = _shuffle([ds] + list(args[1:2]) + [np.int64(seed), np.int64(seed2)], attrs,
                       fns, gather=False)
        out.gather = (ds.gather[0], _shuffle([ds.gather[1], args[1], np.int64(seed),
                                               np.int64(seed2)], attrs, fns, gather=False))
        return out
    if not attrs.get("reshuffle_each_iteration", True):
        return DatasetValue(lambda: _shuffle_iter(ds, size, seed, seed2, 1))
    # TF 1.14's ReshufflingDataset: each iterator made from this dataset value (each epoch
    # of a repeat) draws its two seeds from a generator keyed by the dataset's seeds.
    gen = _Samples(seed, seed2)
    lock = threading.Lock()

    def it():
        with lock:
            s1, s2 = gen(), gen()
        return _shuffle_iter(ds, size, s1, s2, 1)
    return DatasetValue(it)


def _shuffle_and_repeat(args, attrs, fns):
    out = _resolved_seeds(_shuffle_and_repeat, args, attrs, fns)
    if out is not None:
        return out
    ds, size = args[0], int(_scalar(args[1]))
    seed, seed2 = _fresh_seeds(int(_scalar(args[2])), int(_scalar(args[3])))
    count = int(_scalar(args[4]))
    if size <= 0:
        raise errors.InvalidArgumentError(None, None, "buffer_size must be greater than zero.")
    if count == 0:
        return DatasetValue(lambda: iter(()))
    dv = DatasetValue(lambda: _shuffle_iter(ds, size, seed, seed2, count))
    if ds.gather is not None:
        idx = ds.gather[1]
        dv.gather = (ds.gather[0], DatasetValue(
            lambda: _shuffle_iter(idx, size, seed, seed2, count)))
    return dv


# -- functions: map, filter, flat_map, interleave ------------------------------------------
def _map(args, attrs, fns):
    n_caps = attrs["n_captures"]
    if len(args) > 1 + n_caps and not _parallel_calls_ok(int(_scalar(args[1 + n_caps]))):
        # ParallelMapDataset's (and MapAndBatch's) check
        raise _invalid("num_parallel_calls must be greater than zero.")
    out = _map_elements(args, attrs, fns)
    out.mapped = True
    if args[0].span_batches is not None:
        vdense = _fused.parse_example_vectorizer(fns[0].info)
        if vdense is not None:
            fn, caps = fns[0], args[1:1 + attrs["n_captures"]]
            groups = args[0].span_batches
            return DatasetValue(lambda: _fused.parsed_span_batches(
                groups, vdense, lambda e: tuple(fn(e, caps))))
    vparse = _fused.parse_vectorizer(fns[0].info)
    if vparse is not None and out.vmap is None:
        fn, caps = fns[0], args[1:1 + attrs["n_captures"]]
        out.vbatch = (args[0], vparse, lambda e: tuple(fn(e, caps)))
    return out


def _map_elements(args, attrs, fns):
    ds = args[0]
    caps = args[1:1 + attrs["n_captures"]]
    parallel = int(_scalar(args[1 + attrs["n_captures"]])) if attrs.get("parallel") else 0
    fn = fns[0]

    def call(e):
        return tuple(fn(e, caps))

    vec = _vectorizer(fn.info) if ds.gather is not None else None
    if vec is not None:
        out = _map_elements([_without_gather(ds)] + list(args[1:]), attrs, fns)
        out.vmap = (ds.gather, lambda comps, n: vec(comps, caps, n))
        return out
    if parallel <= 1:
        return DatasetValue(lambda: _MapIter(ds.iterate(), call))
    from ..framework.threads import inter_op_threads  # lazy: keeps threads out of the import
    workers = max(1, min(parallel, inter_op_threads(_config(fn))))
    if workers == 1:
        return DatasetValue(lambda: _MapIter(ds.iterate(), call))
    return DatasetValue(lambda: _ParallelMapIter(ds.iterate(), call, parallel, workers))


def _config(fn):
    s = fn.ctx.session
    return getattr(s, "_config", None) if s is not None else None


class _MapIter:
    """map's iterator: an error in one element leaves it usable (for ignore_errors)."""

    __slots__ = ("src", "call")

    def __init__(self, src, call):
        self.src = src
        self.call = call

    def __iter__(self):
        return self

    def __next__(self):
        return self.call(next(self.src))


class _ParallelMapIter:
    """Up to `parallel` elements in flight on a thread pool; results in input order."""

    def __init__(self, src, call, parallel, workers):
        from concurrent.futures import ThreadPoolExecutor  # lazy: only parallel maps need it
        self.src = src
        self.call = call
        self.pool = ThreadPoolExecutor(max_workers=workers,
                                       initializer=fpenv.flush_this_thread)
        self.pending = deque()
        self.parallel = parallel
        self.done = False

    def __iter__(self):
        return self

    def _fill(self):
        while not self.done and len(self.pending) < self.parallel:
            try:
                e = next(self.src)
            except StopIteration:
                self.done = True
                break
            self.pending.append(self.pool.submit(self.call, e))

    def __next__(self):
        self._fill()
        if not self.pending:
            self.pool.shutdown(wait=False)
            raise StopIteration
        f = self.pending.popleft()
        return f.result()

    def __del__(self):
        try:
            self.pool.shutdown(wait=False)
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _map_and_batch(args, attrs, fns):
    n_caps = attrs["n_captures"]
    ds = args[0]
    caps = args[1:1 + n_caps]
    n, parallel, drop = (_scalar(a) for a in args[1 + n_caps:4 + n_caps])
    n, parallel, drop = int(n), int(parallel), bool(drop)
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "batch_size must be greater than zero.")
    mapped = _map([ds] + list(caps) + [np.int64(parallel)],
                  {"n_captures": n_caps, "parallel": True}, fns)
    return _batch([mapped, np.int64(n), np.bool_(drop)], attrs, fns)


class _FilterIter:
    """filter's iterator: the input elements whose predicate holds; an error (of an
    element or of the predicate) leaves it usable, as TF's."""

    __slots__ = ("src", "pred")

    def __init__(self, src, pred):
        self.src, self.pred = src, pred

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            e = next(self.src)
            if bool(np.asarray(self.pred(e)[0])):
                return e


def _filter(args, attrs, fns):
    ds = args[0]
    caps = args[1:]
    fn = fns[0]

    return DatasetValue(lambda: _FilterIter(ds.iterate(), lambda e: fn(e, caps)))


def _flat_map(args, attrs, fns):
    ds = args[0]
    caps = args[1:]
    fn = fns[0]

    def flat(src):
        for e in src:
            yield from fn(e, caps)[0].iterate()
    dv = DatasetValue(lambda: flat(ds.iterate()))   # the input's iterator made now, as TF's
    if _fused.is_string_scalar(attrs):   # file datasets: batch takes their record lists
        dv.records = lambda: _fused.flat_records(ds.iterate(), lambda e: fn(e, caps)[0])
        dv.spans = lambda: _fused.flat_spans(ds.iterate(), lambda e: fn(e, caps)[0])
    return dv


def _interleave(args, attrs, fns):
    n_caps = attrs["n_captures"]
    ds = args[0]
    caps = args[1:1 + n_caps]
    cycle = int(_scalar(args[1 + n_caps]))
    block = int(_scalar(args[2 + n_caps]))
    fn = fns[0]
    _check_interleave(args[1 + n_caps:])

    def interleave(src):
        slots = [None] * cycle
        exhausted = False
        active = 0
        i = 0
        while True:
            if slots[i] is None and not exhausted:
                e = next(src, None)
                if e is None:
                    exhausted = True
                else:
                    slots[i] = fn(e, caps)[0].iterate()
                    active += 1
            if slots[i] is not None:
                for _ in range(block):
                    v = next(slots[i], None)
                    if v is None:
                        slots[i] = None
                        active -= 1
                        break
                    yield v
            if exhausted and active == 0:
                return
            i = (i + 1) % cycle
    return DatasetValue(lambda: interleave(ds.iterate()))   # input iterator made now


def optimize(dv):
    """TF 1.14's default static optimizations that change results: shuffle (reshuffling
    each iteration) followed by repeat becomes one ShuffleAndRepeatDataset, whose random
    stream runs on across epochs (shuffle_and_repeat_fusion). The others (map_and_batch
    fusion, no-op elimination) give the same elements and are left out."""
    src = dv.src
    if src is None:
        return dv
    make, args, attrs, fns = src
    new = [optimize(a) if isinstance(a, DatasetValue) else a for a in args]
    if make is _repeat and new[0].src is not None and new[0].src[0] is _shuffle and \
            new[0].src[2].get("reshuffle_each_iteration", True):
        sargs = new[0].src[1]
        fused = _shuffle_and_repeat([sargs[0], sargs[1], sargs[2], sargs[3], args[1]], {}, ())
        fused.src = (_shuffle_and_repeat, [sargs[0], sargs[1], sargs[2], sargs[3], args[1]],
                     {}, ())
        return fused
    if any(n is not a for n, a in zip(new, args)):
        out = make(new, attrs, fns)
        if out.src is None:
            out.src = (make, new, attrs, fns)
        return out
    return dv


def _optimize(args, attrs, fns):
    """OptimizeDataset: the static optimizations listed in args[1] that change results
    (shuffle_and_repeat_fusion); the rest give the same elements here."""
    names = {n.decode() if isinstance(n, bytes) else str(n)
             for n in np.asarray(args[1], dtype=object).reshape(-1).tolist()}
    return optimize(args[0]) if "shuffle_and_repeat_fusion" in names else args[0]



def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _parallel_calls_ok(n):
    return n > 0 or n == -1     # (-1: AUTOTUNE)


def _check_interleave(rest):
    """TF 1.14's argument checks of the interleave ops, told apart by their scalars:
    InterleaveDataset (cycle, block), ParallelInterleaveDatasetV2 (+ num_parallel_calls; no
    AUTOTUNE cycle_length), ExperimentalParallelInterleaveDataset (+ sloppy, buffer_output_
    elements, prefetch_input_elements)."""
    cycle, block = int(_scalar(rest[0])), int(_scalar(rest[1]))
    if len(rest) == 2:
        if cycle <= 0:
            raise _invalid("cycle_length must be greater than zero.")
        if block <= 0:
            raise _invalid("block_length must be greater than zero.")
        return
    if cycle <= 0:
        raise _invalid("`cycle_length` must be > 0")
    if block <= 0:
        raise _invalid("`block_length` must be > 0")
    if len(rest) == 3:
        calls = int(_scalar(rest[2]))
        if not _parallel_calls_ok(calls):
            raise _invalid("num_parallel_calls must be greater than zero.")
        if calls > cycle:
            raise _invalid("num_parallel_calls must less than or equal to cycle_length.")
        return
    if int(_scalar(rest[3])) <= 0:
        raise _invalid("`buffer_output_elements` must be > 0")
    if int(_scalar(rest[4])) < 0:
        raise _invalid("`prefetch_input_elements` must be >= 0")


for _t, _m in (("ShuffleDataset", _shuffle), ("ShuffleAndRepeatDataset", _shuffle_and_repeat),
               ("MapDataset", _map), ("ParallelMapDataset", _map),
               ("ExperimentalMapAndBatchDataset", _map_and_batch), ("FilterDataset", _filter),
               ("FlatMapDataset", _flat_map), ("InterleaveDataset", _interleave),
               ("ParallelInterleaveDatasetV2", _interleave),
               ("ExperimentalParallelInterleaveDataset", _interleave),
               ("OptimizeDataset", _optimize)):
    register_dataset_op(_t, _m)
