"""tf.data's sources and structural transformations: slices, range, zip, concatenate,
repeat, take, skip, batch (with gathers and exact map vectorization), padded_batch, unbatch."""
from __future__ import annotations

import itertools

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import kernel_for
from ..framework.constant_op import const_value
from . import _fused
from .dataset_core import DatasetValue, _elem, _scalar, register_dataset_op


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
    def zipped(its):
        while True:
            parts = []
            for i in its:
                try:
                    parts.append(next(i))
                except StopIteration:
                    return
            yield tuple(itertools.chain.from_iterable(parts))
    return DatasetValue(lambda: zipped([d.iterate() for d in args]))


def _concatenate(args, attrs, fns):
    a, b = args
    return DatasetValue(lambda: itertools.chain(a.iterate(), b.iterate()))


class _RepeatIter:
    """repeat's iterator: the input's epochs in turn, ending after `count` (or at an empty
    epoch); an element's error leaves it usable, as TF's."""

    def __init__(self, ds, count):
        self.ds, self.count = ds, count
        self.n, self.cur, self.empty, self.done = 0, None, True, False

    def __iter__(self):
        return self

    def __next__(self):
        while not self.done and (self.count < 0 or self.n < self.count):
            if self.cur is None:
                self.cur, self.empty = self.ds.iterate(), True
            try:
                e = next(self.cur)
            except StopIteration:
                self.cur = None
                self.done = self.empty
                self.n += 1
                continue
            self.empty = False
            return e
        raise StopIteration


def _repeat(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))
    dv = DatasetValue(lambda: _RepeatIter(ds, count))
    if ds.gather is not None:
        dv.gather = (ds.gather[0], _repeat([ds.gather[1], args[1]], attrs, fns))
    return dv


def _take(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))
    return DatasetValue(lambda: ds.iterate() if count < 0 else
                        itertools.islice(ds.iterate(), count))


def _skip(args, attrs, fns):
    ds, count = args[0], int(_scalar(args[1]))

    def skipped(i):
        if count < 0:
            for _ in i:
                pass
            return
        yield from itertools.islice(i, count, None)
    return DatasetValue(lambda: skipped(ds.iterate()))


def _batch_components(elems, first_index=0, fused=False):
    """The elements' components stacked. Elements of different shapes fail with
    BatchDataset's message, or (`fused`: a map's batch, TF 1.14's MapAndBatch) with the
    message of that op's copy into the batch."""
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
            if np.shape(p) != s0 and fused:
                raise errors.InvalidArgumentError(
                    None, None, "Cannot add tensor to the batch: number of elements does not "
                    f"match. Shapes are: [tensor]: {_shape_str(np.shape(p))}, [batch]: "
                    f"{_shape_str(s0)}")
            if np.shape(p) != s0:
                raise errors.InvalidArgumentError(
                    None, None, f"Cannot batch tensors with different shapes in component {k}."
                    f" First element had shape {_shape_str(s0)} and element {j} had shape "
                    f"{_shape_str(np.shape(p))}.")
        out.append(np.stack(parts))
    return tuple(out)


def _shape_str(s):
    return "[" + ",".join(str(d) for d in s) + "]"


class _BatchIter:
    """batch's iterator: `n` input elements stacked; an element's error drops the batch
    begun and leaves the iterator usable, as TF's: the next batch starts after the failing
    element, or (`whole`: a batch of a map, which TF 1.14 fuses into MapAndBatch) after
    the `n` elements of the failing batch."""

    def __init__(self, src, n, drop, whole=False):
        self.src, self.n, self.drop, self.whole, self.done = src, n, drop, whole, False

    def __iter__(self):
        return self

    def __next__(self):
        elems, err, taken = [], None, 0
        while not self.done and taken < self.n:
            try:
                e = next(self.src)
            except StopIteration:
                self.done = True
                break
            except errors.OpError as exc:
                if not self.whole:
                    raise
                err = err or exc
                e = None
            taken += 1
            if e is not None:
                elems.append(e)
        if err is not None:
            raise err
        if not elems or (self.drop and len(elems) < self.n):
            self.done = True
            raise StopIteration
        return _batch_components(elems, fused=self.whole)


def _batch(args, attrs, fns):
    ds, n, drop = args[0], int(_scalar(args[1])), bool(_scalar(args[2]))
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")

    def it():
        return _BatchIter(ds.iterate(), n, drop, whole=ds.mapped)

    if ds.gather is not None or ds.vmap is not None:
        return DatasetValue(lambda: _gather_batches(ds, n, drop))
    if ds.records is not None:
        dv = DatasetValue(lambda: _fused.record_batches(ds.records, n, drop))
        if ds.spans is not None:
            dv.span_batches = lambda: _fused.span_groups(ds.spans, n, drop)
        return dv
    if ds.vbatch is not None:
        src, vfn, call = ds.vbatch
        return DatasetValue(lambda: _fused.fused_batches(
            src, n, drop, vfn, call, lambda elems: _batch_components(elems, fused=True)))
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
    recips = {}   # RealDiv by a constant -> 1 / c (Grappler's x * (1 / c), as _FnRunner)
    for op in info.graph._flowgrad_operations():
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
            c = const_value(ins[1]) if op.type == "RealDiv" else None
            if c is not None and const_value(ins[0]) is None:
                if not out.dtype.base_dtype.is_floating:
                    return None
                with np.errstate(all="ignore"):
                    recips[op] = np.reciprocal(np.asarray(c))
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
            elif op in recips:
                vals[out] = np.multiply(vals[ins[0]], recips[op])
            else:
                vals[out] = kernel_for(op._def, op.outputs[0].dtype)(
                    *[vals[i] for i in ins], **op._attrs)
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
    for s in shapes:    # TF's PartialTensorShape of each padded shape
        for d in s:
            if int(d) < -1:
                raise errors.InvalidArgumentError(None, None,
                                                  f"Dimension {int(d)} must be >= -1")
    for k, (pad, dtype) in enumerate(zip(pads, attrs.get("output_types", ()))):
        if dtype.base_dtype is _dt.variant:     # a boxed component (TF 1.14 pads no such)
            raise errors.InvalidArgumentError(
                None, None, f"Mismatched type between padding value {k} and input dataset's "
                f"component {k}: {_dt.as_dtype(np.asarray(pad).dtype).name} vs. variant")

    def pad_batch(elems):
        out = []
        for k in range(ncomp):
            parts = [np.asarray(e[k]) for e in elems]
            target = [int(d) for d in shapes[k]]
            dims = []
            for ax, d in enumerate(target):
                m = max(p.shape[ax] for p in parts)
                if d >= 0 and m > d:
                    raise errors.DataLossError(     # (TF 1.14's class for it)
                        None, None, "Attempted to pad to a smaller size than the input "
                        "element.")
                dims.append(d if d >= 0 else m)
            # strings batch as objects: a NumPy bytes dtype would cut them to the first
            # element's length
            dt = object if parts[0].dtype.kind in "SUO" else parts[0].dtype
            res = np.full([len(parts)] + dims, np.asarray(pads[k]).reshape(()), dtype=dt)
            for i, p in enumerate(parts):
                p = p.astype(dt)
                res[(i,) + tuple(slice(0, s) for s in p.shape)] = p if p.ndim else p[()]
            out.append(res)
        return tuple(out)

    def padded(src):
        while True:
            elems = list(itertools.islice(src, n))
            if not elems or (drop and len(elems) < n):
                return
            yield pad_batch(elems)
    return DatasetValue(lambda: padded(ds.iterate()))


def _unbatch(args, attrs, fns):
    ds = args[0]

    def unbatched(src):
        for e in src:
            n = np.shape(e[0])[0]
            for i in range(n):
                yield tuple(_elem(c[i]) for c in e)
    return DatasetValue(lambda: unbatched(ds.iterate()))



for _t, _m in (("TensorDataset", _tensors), ("TensorSliceDataset", _tensor_slice),
               ("RangeDataset", _range), ("ZipDataset", _zip),
               ("ConcatenateDataset", _concatenate), ("RepeatDataset", _repeat),
               ("TakeDataset", _take), ("SkipDataset", _skip), ("BatchDatasetV2", _batch),
               ("PaddedBatchDatasetV2", _padded_batch),
               ("ExperimentalUnbatchDataset", _unbatch)):
    register_dataset_op(_t, _m)
