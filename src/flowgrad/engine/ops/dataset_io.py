"""tf.data's buffering and file transformations: prefetch (a producer thread), cache
(memory and TF's cache files), shard, window, ignore_errors, directed interleave,
from_generator, and the TFRecord / text line / fixed-length file datasets."""
from __future__ import annotations

import itertools
import queue
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import fpenv
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import _records
from .dataset_core import DatasetValue, _passthrough, _scalar, register_dataset_op


_STOP = object()
_ERROR = object()   # an element's OpError: raised, the iterator staying usable


def _produce(src, q, stop):
    """The prefetch thread: fills `q` until the source ends, an error other than an
    element's OpError (handed over in order, the source going on as TF's), or `stop`.
    NumPy's floating-point warnings are off, as in a session's run (the error state is
    per thread): TF's kernels give NaN and inf silently; denormals flushed (fpenv)."""
    fpenv.flush_this_thread()
    with np.errstate(all="ignore"):
        _produce_quietly(src, q, stop)


def _produce_quietly(src, q, stop):
    try:
        while True:
            try:
                item = (next(src), None)
            except StopIteration:
                break
            except errors.OpError as exc:
                item = (_ERROR, exc)
            while not stop.is_set():
                try:
                    q.put(item, timeout=0.05)
                    break
                except queue.Full:
                    continue
            if stop.is_set():
                return
        q.put((_STOP, None))
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer
        q.put((_STOP, exc))


class _PrefetchIter:
    """A producer thread fills a bounded queue; errors are handed over in order. The
    thread holds no reference to this object: when the iterator is dropped (re-initialized,
    session closed) `__del__` stops the thread."""

    def __init__(self, src, size):
        self.q = queue.Queue(maxsize=max(1, size))
        self.stop = threading.Event()
        self.finished = False
        self.thread = threading.Thread(target=_produce, args=(src, self.q, self.stop),
                                       daemon=True, name="flowgrad-prefetch")
        self.thread.start()

    def __iter__(self):
        return self

    def __next__(self):
        if self.finished:
            raise StopIteration
        e, exc = self.q.get()
        if e is _ERROR:
            raise exc
        if e is _STOP:
            self.finished = True
            if exc is not None:
                raise exc
            raise StopIteration
        return e

    def __del__(self):
        self.stop.set()


def _prefetch(args, attrs, fns):
    ds, size = args[0], int(_scalar(args[1]))
    if size < -1:
        raise errors.InvalidArgumentError(
            None, None, "buffer_size must be >= 0 or set buffer_size to be -1 for auto-tuning")
    if size == 0:
        return ds
    if size < 0:
        size = 2    # AUTOTUNE
    return DatasetValue(lambda: _PrefetchIter(ds.iterate(), size))


# Set by flowgrad.data (data/_cache_file.py): reads and writes cache files in TF's format.
CACHE_FILES = None


def _cache(args, attrs, fns):
    ds, filename = args[0], _scalar(args[1])
    filename = filename.decode() if isinstance(filename, bytes) else str(filename)
    types, shapes = attrs["output_types"], attrs["output_shapes"]
    store = {}
    lock = threading.Lock()

    def it():
        with lock:
            done = store.get("elems")
        if done is not None:
            yield from done
            return
        if filename:
            if CACHE_FILES is None:
                raise errors.UnimplementedError(None, None, "file caches need flowgrad.data")
            if CACHE_FILES.exists(filename):
                elems = CACHE_FILES.read(filename, types, shapes)
                with lock:
                    store["elems"] = elems
                yield from elems
                return
        elems = []
        for e in ds.iterate():
            elems.append(e)
            yield e
        with lock:
            store["elems"] = elems
        if filename:
            CACHE_FILES.write(filename, elems, types)
    return DatasetValue(it)


def _shard(args, attrs, fns):
    ds, num, index = args[0], int(_scalar(args[1])), int(_scalar(args[2]))
    if num <= 0:
        raise errors.InvalidArgumentError(None, None, "Number of shards must be greater than "
                                          f"zero (currently num_shards = {num}).")
    if index < 0 or index >= num:
        raise errors.InvalidArgumentError(None, None, "Index must be between 0 and "
                                          f"{num - 1} (currently index = {index}).")
    return DatasetValue(lambda: itertools.islice(ds.iterate(), index, None, num))


def _check_window(size, shift, stride):
    """TF 1.14's WindowDataset / SlideDataset checks, one message each."""
    for what, v in (("size", size), ("shift", shift), ("stride", stride)):
        if v <= 0:
            raise _invalid(f"Window {what} must be greater than zero.")


def _window(args, attrs, fns):
    ds = args[0]
    size, shift, stride = (int(_scalar(a)) for a in args[1:4])
    drop = bool(_scalar(args[4]))
    _check_window(size, shift, stride)
    need = (size - 1) * stride + 1

    def it():
        src = ds.iterate()
        buf = []
        exhausted = False
        while True:
            while len(buf) < need and not exhausted:
                e = next(src, None)
                if e is None:
                    exhausted = True
                else:
                    buf.append(e)
            if not buf:
                return
            win = buf[:need:stride]
            if len(win) < size and drop:
                return
            yield tuple(DatasetValue(lambda k=k, w=win: iter([(e[k],) for e in w]))
                        for k in range(len(win[0])))
            if shift >= len(buf):
                for _ in range(shift - len(buf)):
                    if exhausted or next(src, None) is None:
                        exhausted = True
                        break
                buf = []
            else:
                del buf[:shift]
    return DatasetValue(it)


def _ignore_errors(args, attrs, fns):
    ds = args[0]

    def it():
        src = ds.iterate()
        while True:
            try:
                yield next(src)
            except StopIteration:
                return
            except errors.OpError:
                continue
    return DatasetValue(it)


def _choose(args, attrs, fns):
    selector, datasets = args[0], args[1:]

    def it():
        its = [d.iterate() for d in datasets]
        done = [False] * len(its)
        for (i,) in selector.iterate():
            i = int(i)
            if i < 0 or i >= len(its):
                raise errors.InvalidArgumentError(
                    None, None, "Selector index out of range: " + str(i))
            if done[i]:
                continue
            e = next(its[i], None)
            if e is None:
                done[i] = True
                if all(done):
                    return
                continue
            yield e
    return DatasetValue(it)


def _generator(args, attrs, fns):
    # TF 1.14's GeneratorDataset: init_func(its args) gives an iterator id, next_func(id)
    # an element each until it raises OutOfRangeError, then finalize_func(id)
    init, nxt, fin = fns
    k = len(attrs["Tinit_func_args"])
    j = k + len(attrs["Tnext_func_args"])
    n = len(init.info.args)

    def elements():
        iterator_id = init(args[:n], args[n:k])
        while True:
            try:
                out = nxt(iterator_id, args[k:j])
            except errors.OutOfRangeError:
                break
            yield tuple(out)
        fin(iterator_id, args[j:])
    return DatasetValue(elements)


# -- readers --------------------------------------------------------------------------------
def _filenames(a):
    return [f.decode() if isinstance(f, bytes) else str(f) for f in np.asarray(a).reshape(-1)]


def _reader(per_file, chunked=None, spans=None, check=None):
    def make(args, attrs, fns):
        files = _filenames(args[0])
        rest = [_scalar(a) for a in args[1:]]
        if check is not None:
            check(*rest)

        def it():
            recs = itertools.chain.from_iterable(chunks()) if chunked is not None else \
                (rec for f in files for rec in per_file(f, *rest))
            for rec in recs:
                a = np.empty((), dtype=object)
                a[()] = rec
                yield (a,)

        def chunks():   # read ahead on a thread of its own (CRCs beside the consumer)
            return _PrefetchIter((c for f in files for c in chunked(f, *rest)), 1)
        dv = DatasetValue(it)
        if chunked is not None:
            dv.records = chunks
        if spans is not None:
            dv.spans = lambda: _PrefetchIter((c for f in files for c in spans(f, *rest)), 1)
        return dv
    return make


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


_NO_BUFFERING = "`buffer_size` must be >= 0 (0 == no buffering)"


def _check_tfrecord(compression, buffer_size):
    """TFRecordDataset's argument check when made (its compression is checked on read)."""
    if int(buffer_size) < 0:
        raise _invalid(_NO_BUFFERING)


def _check_text(compression, buffer_size):
    """TextLineDataset's argument checks when made."""
    if _comp(compression) not in ("", "ZLIB", "GZIP"):
        raise _invalid("Unsupported compression_type.")
    if int(buffer_size) < 0:
        raise _invalid(_NO_BUFFERING)


def _check_fixed(header, record, footer, buffer_size=0, compression=b""):
    """FixedLengthRecordDataset's argument checks when made."""
    if int(header) < 0:
        raise _invalid("`header_bytes` must be >= 0")
    if int(record) <= 0:
        raise _invalid("`record_bytes` must be > 0")
    if int(footer) < 0:
        raise _invalid("`footer_bytes` must be >= 0")
    if int(buffer_size) < 0:
        raise _invalid(_NO_BUFFERING)


def _comp(c):
    c = c.decode() if isinstance(c, bytes) else c
    return c


def _tfrecord_file(path, compression=b"", buffer_size=0):
    return _records.iter_tfrecords(path, _comp(compression))


def _tfrecord_chunks(path, compression=b"", buffer_size=0):
    return _records.iter_tfrecord_chunks(path, _comp(compression))


def _tfrecord_spans(path, compression=b"", buffer_size=0):
    return _records.iter_tfrecord_spans(path, _comp(compression))


def _text_file(path, compression=b"", buffer_size=0):
    return _records.iter_lines(path, _comp(compression))


def _fixed_file(path, header, record, footer, buffer_size=0, compression=b""):
    return _records.iter_fixed_length(path, int(record), int(header), int(footer),
                                      _comp(compression))



for _t, _m in (("PrefetchDataset", _prefetch), ("CacheDataset", _cache),
               ("ShardDataset", _shard), ("WindowDataset", _window),
               ("ExperimentalIgnoreErrorsDataset", _ignore_errors),
               ("ExperimentalDirectedInterleaveDataset", _choose),
               ("ModelDataset", _passthrough),
               # tf.data.Options' thread settings: flowgrad's map threads come from its
               # own budget (engine/framework/threads.py); the elements are the same
               ("ExperimentalMaxIntraOpParallelismDataset", _passthrough),
               ("ExperimentalPrivateThreadPoolDataset", _passthrough),
               ("GeneratorDataset", _generator),
               ("TFRecordDataset", _reader(_tfrecord_file, _tfrecord_chunks, _tfrecord_spans,
                                           _check_tfrecord)),
               ("TextLineDataset", _reader(_text_file, check=_check_text)),
               ("FixedLengthRecordDatasetV2", _reader(_fixed_file, check=_check_fixed))):
    register_dataset_op(_t, _m)


def _matching_files_infer(inputs, attrs):
    return [(_dt.string, TensorShape([None]))]


def _matching_files_kernel(pattern):
    import glob  # lazy: only list_files needs it
    pats = [p.decode() if isinstance(p, bytes) else str(p) for p in np.asarray(pattern).reshape(-1)]
    names = sorted({f for p in pats for f in glob.glob(p)})
    return np.array([n.encode() for n in names], dtype=object).reshape(-1)


register_op("MatchingFiles", infer=_matching_files_infer, kernel=_matching_files_kernel,
            grad=None, stateful=True)

