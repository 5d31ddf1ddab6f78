"""tf.data's graph ops: dataset ops with variant outputs, iterators with resource outputs.

A dataset op (TensorSliceDataset, MapDataset, BatchDatasetV2, ...) computes a
`DatasetValue`: a description of a sequence of elements (tuples of NumPy arrays,
one per flat component) that can make any number of independent Python
iterators. It costs nothing until an iterator pulls from it.

Iterators are per-session resources, as in TF: `IteratorV2` (and
`OneShotIterator`, `IteratorFromStringHandleV2`) return the session's
`IteratorResource` for the op; `MakeIterator` points it at a dataset and
`IteratorGetNext` pulls one element, raising OutOfRangeError("End of sequence")
at the end and FailedPreconditionError before initialization.

Functions (map, filter, flat_map, interleave, ...) are traced once into a
`FuncGraph`, a graph nested in the user's: tensors it uses from outside become
its placeholders ("captures") and inputs of the dataset op, as TF's
`other_arguments`. Binding the dataset op compiles the function into a
sub-plan of the same session (one per worker thread for parallel maps).
"""
from __future__ import annotations

import itertools
import queue
import threading
import weakref
from collections import deque

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import const_value, constant
from ..framework.graph import Graph, Tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ..optimize import optimize_program
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import lower
from . import _fused, _records
from .philox import words as _philox_words

__all__ = ["DatasetValue", "FuncGraph", "FunctionInfo", "IteratorResource", "END_OF_SEQUENCE",
           "register_dataset_op", "set_functions", "set_one_shot_dataset", "seed_generator"]

END_OF_SEQUENCE = "End of sequence"
_NOT_INITIALIZED = ("GetNext() failed because the iterator has not been initialized. Ensure "
                    "that you have run the initializer operation for this iterator before "
                    "getting the next element.")


# ---------------------------------------------------------------------------------------
# Function graphs
# ---------------------------------------------------------------------------------------
class FuncGraph(Graph):
    """A graph nested in `outer`: tensors of an enclosing graph become placeholders here.

    `captures` maps each outer tensor to its placeholder, in capture order; the
    op that runs the function takes the outer tensors as inputs.
    """

    def __init__(self, outer, name="fn"):
        super().__init__()
        self._outer_graph = outer
        self.name = name
        self.captures = {}
        self.seed = outer.seed if hasattr(outer, "seed") else None

    def capture(self, t):
        if t._op._graph is self:
            return t
        ph = self.captures.get(t)
        if ph is None:
            outer = self._outer_graph
            if isinstance(outer, FuncGraph) and t._op._graph is not outer:
                outer.capture(t)
            base = t.dtype.base_dtype
            ph = Graph._create_op(self, "Placeholder", [], {"dtype": base, "shape": t.shape},
                                  None)._outputs[0]
            self.captures[t] = ph
        return ph

    def _create_op(self, op_type, inputs, attrs, name=None, ctrl=None):
        if any(isinstance(t, Tensor) and t._op._graph is not self for t in inputs):
            inputs = [self.capture(t) if isinstance(t, Tensor) else t for t in inputs]
        if op_type in ("RealDiv", "Div") and len(inputs) == 2:
            recip = self._reciprocal(inputs[1])
            if recip is not None:
                # TF optimizes tf.data functions with Grappler's aggressive constant
                # folding, which turns x / c into x * (1 / c): the same numbers here
                op_type, inputs = "Mul", [inputs[0], recip]
        return super()._create_op(op_type, inputs, attrs, name, ctrl)

    def _reciprocal(self, t):
        if not isinstance(t, Tensor) or not t.dtype.base_dtype.is_floating:
            return None
        v = const_value(t)
        if v is None:
            return None
        one = np.ones((), dtype=v.dtype)
        with np.errstate(all="ignore"):
            r = one / v
        return constant(r, dtype=t.dtype.base_dtype, name="reciprocal")


class FunctionInfo:
    """A traced function: its graph, argument placeholders, outputs and captures."""

    def __init__(self, graph, args, outputs):
        self.graph = graph
        self.args = list(args)
        self.outputs = list(outputs)
        caps = getattr(graph, "captures", {})
        self.outer_captures = list(caps)
        self.inner_captures = [caps[t] for t in self.outer_captures]


class _FnRunner:
    """Runs a FunctionInfo in a session: `fn(args, captures) -> list of output values`.

    One compiled sub-plan per thread (a plan's buffers are not shared between
    concurrent calls); interpreted on its first call, compiled from the second.
    """

    def __init__(self, info, ctx):
        self.info = info
        self.ctx = ctx
        self._local = threading.local()
        options = ctx.session._config_options if ctx.session is not None else {}
        self._options = options

    def _plan(self):
        st = self._local.__dict__
        comp = st.get("comp")
        if comp is None:
            info = self.info
            prog = optimize_program(lower(info.graph, info.outputs, [],
                                          info.args + info.inner_captures), self._options)
            comp = st["comp"] = CompiledProgram(prog, self.ctx, inplace=False)
            st["calls"] = 0
        return comp, st

    def __call__(self, args, captures):
        comp, st = self._plan()
        feeds = list(args) + list(captures)
        try:
            if comp.fn is not None:
                out = comp.fn(feeds)
            else:
                st["calls"] += 1
                out = comp.interpret(feeds) if st["calls"] == 1 else comp.compile()(feeds)
        except Exception as e:  # noqa: BLE001 - mapped to the failing function op
            raise comp.translate_error(e) from None
        return list(out)


# ---------------------------------------------------------------------------------------
# Runtime datasets
# ---------------------------------------------------------------------------------------
class DatasetValue:
    """A dataset's value: `iterate()` returns a fresh Python iterator of element tuples.

    `src` is (make, args, attrs, fns), how the op made it, so `optimize` can remake it.
    """

    __slots__ = ("iterate", "src", "gather", "vmap", "records", "vbatch")

    def __init__(self, iterate):
        self.iterate = iterate
        self.src = None
        # (components, index dataset): the elements are `c[i]` for the indices the index
        # dataset yields (slices of a tensor, maybe shuffled/repeated), so a batch is one
        # gather per component instead of a stack of element copies
        self.gather = None
        # for a map over such a dataset whose function vectorizes exactly:
        # (input gather, fn(batch components, batch size) -> output components)
        self.vmap = None
        # a file dataset of strings: () -> iterator of lists of records (batch takes them
        # whole); a map that batches as one call: (input dataset, fn(list of input
        # strings) -> batch components or None, per-element call) (engine/ops/_fused.py)
        self.records = None
        self.vbatch = None

    def __iter__(self):
        return self.iterate()


def _scalar(a):
    return np.asarray(a).reshape(()).item()


def _elem(x):
    """A component value as an owned array (never a view of the dataset's source)."""
    return np.array(x, copy=True)


def _tensor_slice(comps, attrs, fns):
    comps = [np.asarray(c) for c in comps]
    n = comps[0].shape[0] if comps and comps[0].ndim else 0
    for c in comps:
        if c.ndim == 0 or c.shape[0] != n:
            raise errors.InvalidArgumentError(None, None, "All components must have the same "
                                              "size in the 0th dimension")

    def it():
        for i in range(n):
            yield tuple([c[i] for c in comps])   # views: IteratorGetNext copies them out
    dv = DatasetValue(it)
    dv.gather = (comps, DatasetValue(lambda: iter(range(n))))
    return dv


def _tensors(comps, attrs, fns):
    comps = [np.asarray(c) for c in comps]
    return DatasetValue(lambda: iter([tuple(np.array(c, copy=True) for c in comps)]))


def _range(args, attrs, fns):
    start, stop, step = (int(_scalar(a)) for a in args)
    if step == 0:
        raise errors.InvalidArgumentError(None, None, "step must be a non-zero integer.")
    return DatasetValue(lambda: (
        (np.array(i, dtype=np.int64),) for i in range(start, stop, step)))


def _zip(args, attrs, fns):
    def it():
        its = [d.iterate() for d in args]
        while True:
            parts = []
            for i in its:
                try:
                    parts.append(next(i))
                except StopIteration:
                    return
            yield tuple(itertools.chain.from_iterable(parts))
    return DatasetValue(it)


def _concatenate(args, attrs, fns):
    a, b = args
    return DatasetValue(lambda: itertools.chain(a.iterate(), b.iterate()))


def _repeat(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))

    def it():
        n = 0
        while count < 0 or n < count:
            empty = True
            for e in ds.iterate():
                empty = False
                yield e
            if empty:
                return
            n += 1
    dv = DatasetValue(it)
    if ds.gather is not None:
        dv.gather = (ds.gather[0], _repeat([ds.gather[1], args[1]], attrs, fns))
    return dv


def _take(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))
    return DatasetValue(lambda: ds.iterate() if count < 0 else
                        itertools.islice(ds.iterate(), count))


def _skip(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))

    def it():
        i = ds.iterate()
        if count < 0:
            for _ in i:
                pass
            return
        yield from itertools.islice(i, count, None)
    return DatasetValue(it)


def _batch_components(elems, first_index=0):
    out = []
    for k in range(len(elems[0])):
        parts = [e[k] for e in elems]
        p0 = parts[0]
        if type(p0) is np.ndarray and p0.dtype == object and p0.ndim == 0 and \
                all(type(p) is np.ndarray and p.ndim == 0 for p in parts):
            col = np.empty(len(parts), dtype=object)
            col[:] = [p[()] for p in parts]
            out.append(col)
            continue
        s0 = np.shape(parts[0])
        for j, p in enumerate(parts[1:], 1):
            if np.shape(p) != s0:
                raise errors.InvalidArgumentError(
                    None, None, "Cannot add tensor to the batch: number of elements does not "
                    f"match. Shapes are: [tensor]: {_shape_str(np.shape(p))}, [batch]: "
                    f"{_shape_str(s0)}")
        out.append(np.stack(parts))
    return tuple(out)


def _shape_str(s):
    return "[" + ",".join(str(d) for d in s) + "]"


def _batch(args, attrs, fns):
    ds, n, drop = args[0], int(_scalar(args[1])), bool(_scalar(args[2]))
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")

    def it():
        src = ds.iterate()
        while True:
            elems = list(itertools.islice(src, n))
            if not elems or (drop and len(elems) < n):
                return
            yield _batch_components(elems)

    if ds.gather is not None or ds.vmap is not None:
        return DatasetValue(lambda: _gather_batches(ds, n, drop))
    if ds.records is not None:
        return DatasetValue(lambda: _fused.record_batches(ds.records, n, drop))
    if ds.vbatch is not None:
        src, vfn, call = ds.vbatch
        return DatasetValue(lambda: _fused.fused_batches(src, n, drop, vfn, call,
                                                         _batch_components))
    return DatasetValue(it)


def _gather_batches(ds, n, drop):
    """Batches of an index-tracked dataset: one gather per component (and, for a map
    whose function vectorizes exactly, one call of it per batch)."""
    if ds.gather is not None:
        (comps, idx), fn = ds.gather, None
    else:
        (comps, idx), fn = ds.vmap
    src = idx.iterate()
    while True:
        chunk = list(itertools.islice(src, n))
        if not chunk or (drop and len(chunk) < n):
            return
        sel = np.fromiter(chunk, dtype=np.int64, count=len(chunk))
        batch = tuple([c[sel] for c in comps])
        yield batch if fn is None else tuple(fn(batch, len(chunk)))


# -- map vectorization: the functions whose per-batch results equal the stacked per-element
# results bit for bit (exact IEEE arithmetic, casts, reshapes), run once per batch.
_VEC_BINARY = frozenset(("Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum"))
_VEC_UNARY = frozenset(("Neg", "Cast", "Identity", "Abs"))


def _vectorizer(info):
    """fn(batch comps, capture values, n) -> output comps, or None if `info` does not
    vectorize exactly (then the map runs per element)."""
    args = {t: k for k, t in enumerate(info.args)}
    caps = {t: k for k, t in enumerate(info.inner_captures)}
    steps = []
    rank = {}           # tensor -> per-element rank if batched, else None
    consts = {}
    for op in info.graph.get_operations():
        out = op._outputs[0] if op._outputs else None
        if op.type == "Placeholder":
            if out in args:
                if out.shape.ndims is None:
                    return None
                rank[out] = out.shape.ndims
            elif out in caps:
                rank[out] = None
            else:
                return None
            continue
        if op.type == "Const":
            consts[out] = const_value(out)
            rank[out] = None
            continue
        ins = op._inputs
        if op.type == "Reshape":
            if ins[1] not in consts or out.shape.ndims is None:
                return None
            rank[out] = out.shape.ndims if rank[ins[0]] is not None else None
        elif op.type in _VEC_UNARY:
            rank[out] = rank[ins[0]]
        elif op.type in _VEC_BINARY:
            ra, rb = rank[ins[0]], rank[ins[1]]
            sa, sb = ins[0].shape.ndims, ins[1].shape.ndims
            if sa is None or sb is None:
                return None
            if ra is not None and rb is not None and ra != rb:
                return None
            if (ra is not None and rb is None and sb > ra) or \
                    (rb is not None and ra is None and sa > rb):
                return None
            rank[out] = ra if ra is not None else rb
        else:
            return None
        if len(op._outputs) != 1 or op._def.kernel is None or op._def.bind is not None:
            return None
        steps.append(op)
    outs = info.outputs

    def run(batch, capvals, n):
        vals = dict(consts)
        for t, k in args.items():
            vals[t] = batch[k]
        for t, k in caps.items():
            vals[t] = np.asarray(capvals[k])
        for op in steps:
            ins = op._inputs
            out = op._outputs[0]
            if op.type == "Reshape":
                x = vals[ins[0]]
                shape = tuple(int(d) for d in np.asarray(vals[ins[1]]).reshape(-1))
                vals[out] = x.reshape((n,) + shape if rank[ins[0]] is not None else shape)
            else:
                vals[out] = op._def.kernel(*[vals[i] for i in ins], **op._attrs)
        res = []
        for t in outs:
            v = vals[t]
            if rank.get(t) is None:
                v = np.broadcast_to(np.asarray(v), (n,) + np.shape(v)).copy()
            res.append(np.asarray(v, dtype=t.dtype.base_dtype.as_numpy_dtype)
                       if t.dtype.base_dtype is not _dt.string else v)
        return res
    return run


def _padded_batch(args, attrs, fns):
    ncomp = attrs["N"]
    ds, n = args[0], int(_scalar(args[1]))
    shapes = [np.asarray(s).reshape(-1) for s in args[2:2 + ncomp]]
    pads = args[2 + ncomp:2 + 2 * ncomp]
    drop = bool(_scalar(args[2 + 2 * ncomp])) if len(args) > 2 + 2 * ncomp else False
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")

    def pad_batch(elems):
        out = []
        for k in range(ncomp):
            parts = [np.asarray(e[k]) for e in elems]
            target = [int(d) for d in shapes[k]]
            dims = []
            for ax, d in enumerate(target):
                m = max(p.shape[ax] for p in parts)
                if d >= 0 and m > d:
                    raise errors.InvalidArgumentError(
                        None, None, "Attempted to pad to a smaller size than the input "
                        "element.")
                dims.append(d if d >= 0 else m)
            res = np.full([len(parts)] + dims, np.asarray(pads[k]).reshape(()),
                          dtype=parts[0].dtype)
            for i, p in enumerate(parts):
                res[(i,) + tuple(slice(0, s) for s in p.shape)] = p
            out.append(res)
        return tuple(out)

    def it():
        src = ds.iterate()
        while True:
            elems = list(itertools.islice(src, n))
            if not elems or (drop and len(elems) < n):
                return
            yield pad_batch(elems)
    return DatasetValue(it)


def _unbatch(args, attrs, fns):
    ds = args[0]

    def it():
        for e in ds.iterate():
            n = np.shape(e[0])[0]
            for i in range(n):
                yield tuple(_elem(c[i]) for c in e)
    return DatasetValue(it)


# -- shuffle: TF's ShuffleDatasetBase iterator with Philox draws ---------------------------
class _Samples:
    """`random::SingleSampleAdapter<PhiloxRandom>(seed, seed2)`: one uint32 per call."""

    __slots__ = ("key", "counter", "buf")

    def __init__(self, seed, seed2):
        self.key = int(seed) & (2 ** 64 - 1)
        self.counter = (int(seed2) & (2 ** 64 - 1)) << 64
        self.buf = []

    def __call__(self):
        if not self.buf:
            self.buf = _philox_words(self.key, self.counter, 256).tolist()[::-1]
            self.counter += 64
        return self.buf.pop()


def seed_generator(seed, seed2):
    return _Samples(seed, seed2)


def _without_gather(ds):
    if ds.gather is None:
        return ds
    out = DatasetValue(ds.iterate)
    out.src = ds.src
    return out


def _fresh_seeds(seed, seed2):
    if seed == 0 and seed2 == 0:
        seed, seed2 = (int.from_bytes(np.random.bytes(8), "little") for _ in range(2))
    return seed, seed2


def _shuffle_iter(ds, buffer_size, seed, seed2, count):
    """TF's shuffle buffer: fill to `buffer_size` (over up to 3 epochs when repeating),
    then each output is a uniform pick from the oldest epoch's slice of the buffer."""
    rand = _Samples(seed, seed2)
    buf = [None] * buffer_size
    slices = deque([[0, 0]])
    num = 0
    epoch = 0
    src = ds.iterate()
    first = True
    while True:
        while src is not None and num < buffer_size:
            el = None
            end = True
            while count == -1 or epoch < count:
                el = next(src, None)
                if el is not None:
                    end = False
                    first = False
                    break
                if first and count == -1:
                    return
                epoch += 1
                n = slices[-1][1]
                slices.append([n, n])
                src = ds.iterate()
            if not end:
                buf[slices[-1][1] % buffer_size] = el
                num += 1
                slices[-1][1] += 1
            else:
                src = None
            if len(slices) > 3:
                break
        if num == 0:
            return
        while slices and slices[0][0] == slices[0][1]:
            slices.popleft()
        s = slices[0]
        idx = (s[0] + rand() % (s[1] - s[0])) % buffer_size
        j = s[0] % buffer_size
        out = buf[idx]
        buf[idx] = buf[j]
        buf[j] = None
        s[0] += 1
        num -= 1
        yield out


def _shuffle(args, attrs, fns, gather=True):
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
    out = _map_elements(args, attrs, fns)
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
        self.pool = ThreadPoolExecutor(max_workers=workers)
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


def _filter(args, attrs, fns):
    ds = args[0]
    caps = args[1:]
    fn = fns[0]

    def it():
        for e in ds.iterate():
            if bool(np.asarray(fn(e, caps)[0])):
                yield e
    return DatasetValue(it)


def _flat_map(args, attrs, fns):
    ds = args[0]
    caps = args[1:]
    fn = fns[0]

    def it():
        for e in ds.iterate():
            yield from fn(e, caps)[0].iterate()
    dv = DatasetValue(it)
    if _fused.is_string_scalar(attrs):   # file datasets: batch takes their record lists
        dv.records = lambda: _fused.flat_records(ds.iterate(), lambda e: fn(e, caps)[0])
    return dv


def _interleave(args, attrs, fns):
    n_caps = attrs["n_captures"]
    ds = args[0]
    caps = args[1:1 + n_caps]
    cycle = int(_scalar(args[1 + n_caps]))
    block = int(_scalar(args[2 + n_caps]))
    fn = fns[0]
    if cycle <= 0:
        cycle = 1
    if block <= 0:
        raise errors.InvalidArgumentError(None, None, "block_length must be greater than zero.")

    def it():
        src = ds.iterate()
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
    return DatasetValue(it)


# -- prefetch, cache, shard, window, ignore_errors, choose ---------------------------------
_STOP = object()


def _produce(src, q, stop):
    """The prefetch thread: fills `q` until the source ends, an error, or `stop`."""
    try:
        for e in src:
            while not stop.is_set():
                try:
                    q.put((e, None), timeout=0.05)
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


def _window(args, attrs, fns):
    ds = args[0]
    size, shift, stride = (int(_scalar(a)) for a in args[1:4])
    drop = bool(_scalar(args[4]))
    if size <= 0 or shift <= 0 or stride <= 0:
        raise errors.InvalidArgumentError(None, None, "Window size, shift and stride must be "
                                          "greater than zero.")
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


def _passthrough(args, attrs, fns):
    return args[0]


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
    return optimize(args[0])


def _generator(args, attrs, fns):
    make = attrs["make"]
    return DatasetValue(make)


# -- readers --------------------------------------------------------------------------------
def _filenames(a):
    return [f.decode() if isinstance(f, bytes) else str(f) for f in np.asarray(a).reshape(-1)]


def _reader(per_file, chunked=None):
    def make(args, attrs, fns):
        files = _filenames(args[0])
        rest = [_scalar(a) for a in args[1:]]

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
        return dv
    return make


def _comp(c):
    c = c.decode() if isinstance(c, bytes) else c
    return c


def _tfrecord_file(path, compression=b"", buffer_size=0):
    return _records.iter_tfrecords(path, _comp(compression))


def _tfrecord_chunks(path, compression=b"", buffer_size=0):
    return _records.iter_tfrecord_chunks(path, _comp(compression))


def _text_file(path, compression=b"", buffer_size=0):
    return _records.iter_lines(path, _comp(compression))


def _fixed_file(path, header, record, footer, buffer_size=0, compression=b""):
    return _records.iter_fixed_length(path, int(record), int(header), int(footer),
                                      _comp(compression))


# -- registration ---------------------------------------------------------------------------
_FUNCTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ONE_SHOT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def set_functions(op, infos):
    """Records the traced functions a dataset op runs (in order)."""
    _FUNCTIONS[op] = list(infos)


def set_one_shot_dataset(op, dataset_tensor):
    _ONE_SHOT[op] = dataset_tensor


def _variant_infer(inputs, attrs):
    return [(_dt.variant, TensorShape([]))]


def register_dataset_op(op_type, make):
    """A dataset op: `make(input values, attrs, function runners) -> DatasetValue`."""
    def bind(node, ctx):
        fns = [_FnRunner(i, ctx) for i in _FUNCTIONS.get(node.op, ())]
        attrs = node.attrs

        def run(*args):
            dv = make(args, attrs, fns)
            if dv.src is None:
                dv.src = (make, args, attrs, fns)
            return dv
        return run
    register_op(op_type, infer=_variant_infer, bind=bind, grad=None, stateful=True)


for _t, _m in (("TensorDataset", _tensors), ("TensorSliceDataset", _tensor_slice),
               ("RangeDataset", _range), ("ZipDataset", _zip),
               ("ConcatenateDataset", _concatenate), ("RepeatDataset", _repeat),
               ("TakeDataset", _take), ("SkipDataset", _skip), ("BatchDatasetV2", _batch),
               ("PaddedBatchDatasetV2", _padded_batch), ("ExperimentalUnbatchDataset", _unbatch),
               ("ShuffleDataset", _shuffle), ("ShuffleAndRepeatDataset", _shuffle_and_repeat),
               ("MapDataset", _map), ("ParallelMapDataset", _map),
               ("ExperimentalMapAndBatchDataset", _map_and_batch), ("FilterDataset", _filter),
               ("FlatMapDataset", _flat_map), ("InterleaveDataset", _interleave),
               ("ParallelInterleaveDatasetV2", _interleave),
               ("ExperimentalParallelInterleaveDataset", _interleave),
               ("PrefetchDataset", _prefetch), ("CacheDataset", _cache),
               ("ShardDataset", _shard), ("WindowDataset", _window),
               ("ExperimentalIgnoreErrorsDataset", _ignore_errors),
               ("ExperimentalDirectedInterleaveDataset", _choose),
               ("OptimizeDataset", _optimize), ("ModelDataset", _passthrough),
               ("GeneratorDataset", _generator),
               ("TFRecordDataset", _reader(_tfrecord_file, _tfrecord_chunks)),
               ("TextLineDataset", _reader(_text_file)),
               ("FixedLengthRecordDatasetV2", _reader(_fixed_file))):
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


# ---------------------------------------------------------------------------------------
# Iterators: per-session resources
# ---------------------------------------------------------------------------------------
class IteratorResource:
    """One iterator of one session: the Python iterator it pulls from, under a lock."""

    def __init__(self, name, types, shapes):
        self.name = name
        self.types = list(types)
        self.shapes = list(shapes)
        self.it = None
        self.lock = threading.Lock()
        self.handle = None

    def reset(self, dataset):
        with self.lock:
            self.it = dataset.iterate()

    def get_next(self, node_types):
        with self.lock:
            it = self.it
            if it is None:
                raise errors.FailedPreconditionError(None, None, _NOT_INITIALIZED)
            try:
                e = next(it)
            except StopIteration:
                raise errors.OutOfRangeError(None, None, END_OF_SEQUENCE) from None
        return e


# The session's tf.data state lives among its variable buffers under a key no op name can
# take: Session.close() clears those, which drops the iterators and stops their threads.
_STATE_KEY = " tf.data iterators"


def _state(ctx):
    st = ctx.variables.get(_STATE_KEY)
    if st is None:
        with ctx.lock:
            st = ctx.variables.setdefault(_STATE_KEY, {"iterators": {}, "handles": {}})
    return st


def _resource(ctx, node, key):
    st = _state(ctx)
    with ctx.lock:
        r = st["iterators"].get(key)
        if r is None:
            r = st["iterators"][key] = IteratorResource(
                key, node.attrs.get("output_types", ()), node.attrs.get("output_shapes", ()))
    return r


def _resource_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


def _iterator_bind(node, ctx):
    key = node.attrs.get("shared_name") or node.name
    return lambda: _resource(ctx, node, key)


register_op("IteratorV2", infer=_resource_infer, bind=_iterator_bind, grad=None, stateful=True)


def _one_shot_bind(node, ctx):
    key = node.attrs.get("shared_name") or node.name
    t = _ONE_SHOT.get(node.op)
    if t is None:
        raise errors.UnimplementedError(None, node.op, f"OneShotIterator '{node.name}' has no "
                                        "dataset function")
    info = FunctionInfo(t.graph, [], [t])
    run_dataset = _FnRunner(info, ctx)
    made = threading.Lock()

    def one_shot():
        r = _resource(ctx, node, key)
        with made:
            if not getattr(r, "one_shot_made", False):
                r.reset(optimize(run_dataset([], [])[0]))
                r.one_shot_made = True
        return r
    return one_shot


register_op("OneShotIterator", infer=_resource_infer, bind=_one_shot_bind, grad=None,
            stateful=True)


def _make_iterator_infer(inputs, attrs):
    return []


def _make_iterator_kernel(dataset, resource):
    resource.reset(dataset)


register_op("MakeIterator", infer=_make_iterator_infer, kernel=_make_iterator_kernel,
            grad=None, stateful=True)


def _get_next_infer(inputs, attrs):
    return [(t, TensorShape(s)) for t, s in zip(attrs["output_types"], attrs["output_shapes"])]


def _get_next_bind(node, ctx):
    n = len(node.attrs["output_types"])
    types = node.attrs["output_types"]

    def get_next(resource):
        e = resource.get_next(types)
        e = tuple([a.copy() if isinstance(a, np.ndarray) and a.base is not None else a
                   for a in e])
        if len(e) != n:
            raise errors.InvalidArgumentError(
                None, None, f"Number of components does not match: expected {n} types but "
                f"got {len(e)}.")
        return e[0] if n == 1 else tuple(e)
    return get_next


register_op("IteratorGetNext", infer=_get_next_infer, bind=_get_next_bind, grad=None,
            stateful=True)


def _string_infer(inputs, attrs):
    return [(_dt.string, TensorShape([]))]


def _to_string_handle_bind(node, ctx):
    def to_handle(resource):
        if resource.handle is None:
            resource.handle = f"flowgrad-iterator:{id(ctx):x}:{resource.name}".encode()
            _state(ctx)["handles"][resource.handle] = resource
        return np.array(resource.handle, dtype=object)
    return to_handle


register_op("IteratorToStringHandle", infer=_string_infer, bind=_to_string_handle_bind,
            grad=None, stateful=True)


def _from_string_handle_bind(node, ctx):
    def from_handle(handle):
        h = np.asarray(handle).reshape(()).item()
        h = h.encode() if isinstance(h, str) else h
        r = _state(ctx)["handles"].get(h)
        if r is None:
            raise errors.InvalidArgumentError(
                None, None, "Could not parse an iterator handle: the string does not name an "
                "iterator of this session.")
        return r
    return from_handle


register_op("IteratorFromStringHandleV2", infer=_resource_infer, bind=_from_string_handle_bind,
            grad=None, stateful=True)
