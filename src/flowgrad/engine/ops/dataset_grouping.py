"""tf.data.experimental's stateful transformations and whole-dataset ops: scan, unique,
take_while, group_by_window, group_by_reducer, sliding windows (contrib), Dataset.reduce
(ReduceDataset), DatasetToTFRecord and the Optional ops (get_next_as_optional).

An op with several functions takes their captured tensors one function after the other
(attr `n_captures_each`), as TF's `*_other_arguments` inputs."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import _records
from .dataset_batch import _batch_components
from .dataset_io import _check_window
from .dataset_core import DatasetValue, _scalar, function_runners, register_dataset_op

__all__ = ["OptionalValue"]


def _split_captures(args, attrs, start=1):
    """The per-function capture lists after the `start` leading inputs, and the rest."""
    out, i = [], start
    for n in attrs["n_captures_each"]:
        out.append(list(args[i:i + n]))
        i += n
    return out, list(args[i:])


def _owned(e):
    return tuple(np.array(c, copy=True) if isinstance(c, np.ndarray) else c for c in e)


# -- scan -----------------------------------------------------------------------------------
def _scan(args, attrs, fns):
    ds = args[0]
    n_state = len(attrs["Tstate"])
    init = list(args[1:1 + n_state])
    (caps,), _ = _split_captures(args, attrs, 1 + n_state)
    fn = fns[0]

    def it():
        state = [np.asarray(s) for s in init]
        for e in ds.iterate():
            out = fn(state + list(e), caps)
            state = [np.asarray(s) for s in out[:n_state]]
            yield tuple(out[n_state:])
    return DatasetValue(it)


# -- unique / take_while ----------------------------------------------------------------------
def _unique(args, attrs, fns):
    ds = args[0]

    def it():
        seen = set()
        for e in ds.iterate():
            # (as an object: a NumPy bytes scalar drops a record's trailing NUL bytes)
            v = np.asarray(e[0], dtype=object).reshape(()).item()
            if v not in seen:
                seen.add(v)
                yield e
    return DatasetValue(it)


def _take_while(args, attrs, fns):
    ds, caps, fn = args[0], list(args[1:]), fns[0]

    def it():
        for e in ds.iterate():
            if not bool(np.asarray(fn(list(e), caps)[0])):
                return
            yield e
    return DatasetValue(it)


# -- group_by_window / group_by_reducer -----------------------------------------------------
def _key(fn, e, caps):
    k = np.asarray(fn(list(e), caps)[0])
    if k.shape != () or k.dtype != np.int64:
        raise errors.InvalidArgumentError(None, None, "key_func must return a single int64 "
                                          "scalar")
    return int(k)


def _window_dataset(elems):
    elems = [_owned(e) for e in elems]
    return DatasetValue(lambda: iter(elems))


def _group_by_window(args, attrs, fns):
    ds = args[0]
    (kcaps, rcaps, wcaps), _ = _split_captures(args, attrs)
    key_fn, reduce_fn, size_fn = fns

    def flush(key, elems):
        out = reduce_fn([np.array(key, dtype=np.int64), _window_dataset(elems)], rcaps)[0]
        yield from out.iterate()

    def it():
        groups, sizes = {}, {}
        for e in ds.iterate():
            key = _key(key_fn, e, kcaps)
            if key not in sizes:
                size = int(np.asarray(size_fn([np.array(key, dtype=np.int64)], wcaps)[0]))
                if size < 1:
                    raise errors.InvalidArgumentError(
                        None, None, f"Window size must be greater than zero, but got {size}.")
                sizes[key] = size
            g = groups.setdefault(key, [])
            g.append(e)
            if len(g) == sizes[key]:
                del groups[key]
                yield from flush(key, g)
        for key in sorted(groups):     # TF's groups are a std::map: by key
            yield from flush(key, groups[key])
    return DatasetValue(it)


def _group_by_reducer(args, attrs, fns):
    ds = args[0]
    (kcaps, icaps, rcaps, fcaps), _ = _split_captures(args, attrs)
    key_fn, init_fn, reduce_fn, final_fn = fns

    def it():
        states = {}
        for e in ds.iterate():
            key = _key(key_fn, e, kcaps)
            if key not in states:
                states[key] = list(init_fn([np.array(key, dtype=np.int64)], icaps))
            states[key] = list(reduce_fn(states[key] + list(e), rcaps))
        for key in sorted(states):     # TF's states are a std::map: by key
            yield tuple(final_fn(states[key], fcaps))
    return DatasetValue(it)


# -- sliding_window_batch (tf.contrib.data) -------------------------------------------------
def _sliding_window(args, attrs, fns):
    ds = args[0]
    size, shift, stride = (int(_scalar(a)) for a in args[1:4])
    _check_window(size, shift, stride)
    need = (size - 1) * stride + 1

    def it():
        src = ds.iterate()
        buf = []
        while True:
            while len(buf) < need:
                e = next(src, None)
                if e is None:
                    return
                buf.append(e)
            yield _batch_components(buf[:need:stride])
            if shift >= len(buf):
                for _ in range(shift - len(buf)):
                    if next(src, None) is None:
                        return
                buf = []
            else:
                del buf[:shift]
    return DatasetValue(it)


for _t, _m in (("ExperimentalScanDataset", _scan), ("ExperimentalUniqueDataset", _unique),
               ("ExperimentalTakeWhileDataset", _take_while),
               ("ExperimentalGroupByWindowDataset", _group_by_window),
               ("ExperimentalGroupByReducerDataset", _group_by_reducer),
               ("ExperimentalSlidingWindowDataset", _sliding_window)):
    register_dataset_op(_t, _m)


# -- ReduceDataset (Dataset.reduce) -----------------------------------------------------------
def _outputs_infer(inputs, attrs):
    return [(t, TensorShape(s)) for t, s in zip(attrs["output_types"], attrs["output_shapes"])]


def _reduce_bind(node, ctx):
    fn = function_runners(node.op, ctx)[0]
    n_state = len(node.attrs["Tstate"])

    def reduce(dataset, *rest):
        state, caps = [np.asarray(s) for s in rest[:n_state]], list(rest[n_state:])
        for e in dataset.iterate():
            state = [np.asarray(s) for s in fn(state + list(e), caps)]
        return state[0] if len(state) == 1 else tuple(state)
    return reduce


register_op("ReduceDataset", infer=_outputs_infer, bind=_reduce_bind, grad=None, stateful=True)


# -- DatasetToTFRecord (tf.data.experimental.TFRecordWriter) ----------------------------------
def _to_tfrecord_kernel(dataset, filename, compression_type):
    path = _scalar(filename)
    path = path.decode() if isinstance(path, bytes) else str(path)
    comp = _scalar(compression_type)
    comp = comp.decode() if isinstance(comp, bytes) else str(comp)
    w = _records.TFRecordWriterRaw(path, comp)
    try:
        for e in dataset.iterate():
            # (as an object: a NumPy bytes scalar drops a record's trailing NUL bytes)
            v = np.asarray(e[0], dtype=object).reshape(()).item()
            w.write(v if isinstance(v, bytes) else str(v).encode())
    finally:
        w.close()


register_op("ExperimentalDatasetToTFRecord", infer=lambda inputs, attrs: [],
            kernel=_to_tfrecord_kernel, grad=None, stateful=True)


# -- Optional ---------------------------------------------------------------------------------
class OptionalValue:
    """An optional's value: a tuple of component values, or None."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


_NO_VALUE = "The given optional does not have a value."


def _variant_infer(inputs, attrs):
    return [(_dt.variant, TensorShape([]))]


register_op("OptionalFromValue", infer=_variant_infer,
            kernel=lambda *components, **kw: OptionalValue(tuple(
                np.array(c, copy=True) for c in components)), grad=None)
register_op("OptionalNone", infer=_variant_infer, kernel=lambda: OptionalValue(None), grad=None)
register_op("OptionalHasValue", infer=lambda inputs, attrs: [(_dt.bool_, TensorShape([]))],
            kernel=lambda optional: np.bool_(optional.value is not None), grad=None)


def _get_value(optional, output_types=None, output_shapes=None):
    if optional.value is None:
        raise errors.InvalidArgumentError(None, None, _NO_VALUE)
    v = optional.value
    return v[0] if len(v) == 1 else tuple(v)


register_op("OptionalGetValue", infer=_outputs_infer, kernel=_get_value, grad=None)


def _next_as_optional_bind(node, ctx):
    def next_as_optional(resource):
        try:
            e = resource.get_next(node.attrs["output_types"])
        except errors.OutOfRangeError:
            return OptionalValue(None)
        return OptionalValue(tuple(np.array(c, copy=True) for c in e))
    return next_as_optional


register_op("IteratorGetNextAsOptional", infer=_variant_infer, bind=_next_as_optional_bind,
            grad=None, stateful=True)
