"""tf.data.experimental's statistics (TF 1.14): StatsAggregator, latency_stats and
bytes_produced_stats, and the aggregator a pipeline's Options attach.

`latency_stats(tag)` records, for each element its input produces, the microseconds its
GetNext took; `bytes_produced_stats(tag)` the element's bytes (TF's Tensor::TotalBytes:
a numeric tensor's buffer, 32 bytes plus the length per string). They record into the
StatsAggregator that `options.experimental_stats.aggregator` attaches when an iterator
is made (tag "<prefix>::<tag>" with a prefix), and do nothing without one.
`StatsAggregator.get_summary()` is a string tensor: a serialized tf.Summary holding one
histogram per tag (TF's default buckets). TF writes the tags in the order of its hash
map; flowgrad writes them sorted.
"""
from __future__ import annotations

import threading
import time

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..engine.framework.proto import pb
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import dataset as _ds
from ..engine.ops._base import apply_op
from ..summary.summary_ops import _histogram_proto
from . import iterator_ops as _iterator_ops
from . import options as _options
from .dataset_ops import DatasetV1, _op, _structure_attrs

__all__ = ["StatsAggregator", "latency_stats", "bytes_produced_stats"]

_STATE_KEY = " tf.data stats aggregators"


class _Aggregator:
    """A session's StatsAggregator: the values recorded per tag."""

    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}

    def add(self, tag, value):
        with self.lock:
            self.values.setdefault(tag, []).append(float(value))

    def summary(self):
        s = pb().summary_pb2.Summary()
        with self.lock:
            items = sorted((k, list(v)) for k, v in self.values.items())
        for tag, vals in items:
            s.value.add(tag=tag, histo=_histogram_proto(np.asarray(vals, dtype=np.float64)))
        return np.array(s.SerializeToString(), dtype=object)


def _handle_bind(node, ctx):
    key = node.attrs.get("shared_name") or node.name

    def handle():
        with ctx.lock:
            st = ctx.variables.setdefault(_STATE_KEY, {})
            agg = st.get(key)
            if agg is None:
                agg = st[key] = _Aggregator()
        return agg
    return handle


def _resource_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


register_op("ExperimentalStatsAggregatorHandle", infer=_resource_infer, bind=_handle_bind,
            grad=None, stateful=True)


def _summary_infer(inputs, attrs):
    return [(_dt.string, TensorShape([]))]


register_op("ExperimentalStatsAggregatorSummary", infer=_summary_infer,
            kernel=lambda iterator: iterator.summary(), grad=None, stateful=True)


class StatsAggregator:
    """A stateful resource that aggregates statistics from one or more iterators (attach
    it with `options.experimental_stats.aggregator`)."""

    def __init__(self):
        self._resource = apply_op("ExperimentalStatsAggregatorHandle", [],
                                  {"container": "", "shared_name": ""}).outputs[0]

    def get_summary(self):
        """A scalar string tensor: the statistics as a serialized tf.Summary."""
        return apply_op("ExperimentalStatsAggregatorSummary", [self._resource], {}) \
            .outputs[0]


_options.StatsOptions.aggregator = _options.create_option(
    name="aggregator", ty=StatsAggregator,
    docstring="Associates the given statistics aggregator with the dataset pipeline.")


# -- the datasets ------------------------------------------------------------------------------
def _total_bytes(a):
    a = np.asarray(a)
    if a.dtype.kind in "OSU":   # TF's Tensor::TotalBytes of a string tensor
        return 32 * a.size + sum(len(x) for x in a.reshape(-1).tolist())
    return a.nbytes


def _stats_dataset(measure):
    def make(args, attrs, fns):
        ds, tag = args[0], np.asarray(args[1]).reshape(()).item()
        tag = tag.decode() if isinstance(tag, bytes) else str(tag)
        sinks = []      # (aggregator, prefix): set by SetStatsAggregatorDataset

        def it():
            src = ds.iterate()
            while True:
                t0 = time.perf_counter()
                try:
                    e = next(src)
                except StopIteration:
                    return
                if sinks:
                    v = measure(e, time.perf_counter() - t0)
                    for agg, prefix in list(sinks):
                        agg.add(f"{prefix}::{tag}" if prefix else tag, v)
                yield e
        dv = _ds.DatasetValue(it)
        dv.src = (make, list(args), dict(attrs, _stats_sinks=sinks), fns)
        return dv
    return make


_latency = _stats_dataset(lambda e, dt: dt * 1e6)
_bytes = _stats_dataset(lambda e, dt: sum(_total_bytes(c) for c in e))


def _attach(dv, agg, prefix, seen):
    if id(dv) in seen or dv.src is None:
        return
    seen.add(id(dv))
    make, args, attrs, _ = dv.src
    if make is _latency or make is _bytes:
        attrs["_stats_sinks"].append((agg, prefix))
    for a in args:
        if isinstance(a, _ds.DatasetValue):
            _attach(a, agg, prefix, seen)


def _set_aggregator(args, attrs, fns):
    ds, agg, tag, _counter_prefix = args
    prefix = np.asarray(tag).reshape(()).item()
    prefix = prefix.decode() if isinstance(prefix, bytes) else str(prefix)
    _attach(ds, agg, prefix, set())
    return ds


_ds.register_dataset_op("ExperimentalLatencyStatsDataset", _latency)
_ds.register_dataset_op("ExperimentalBytesProducedStatsDataset", _bytes)
_ds.register_dataset_op("ExperimentalSetStatsAggregatorDataset", _set_aggregator)


def _stats_transformation(op_type, tag):
    def apply(dataset):
        t = convert_to_tensor(tag, dtype=_dt.string)
        return DatasetV1(_op(op_type, [dataset._variant_tensor, t],
                             _structure_attrs(dataset._structure)), dataset._structure)
    return apply


def latency_stats(tag):
    """Records the latency of producing each element of the input dataset (microseconds)
    in the attached StatsAggregator under `tag`."""
    return _stats_transformation("ExperimentalLatencyStatsDataset", tag)


def bytes_produced_stats(tag):
    """Records the bytes of each element of the input dataset in the attached
    StatsAggregator under `tag`."""
    return _stats_transformation("ExperimentalBytesProducedStatsDataset", tag)


def _set_stats_aggregator_dataset(variant, structure, stats):
    """TF's _SetStatsAggregatorDataset, added last by an iterator's options."""
    with get_default_graph().name_scope("ExperimentalSetStatsAggregatorDataset") as scope:
        tag = constant(stats.prefix, _dt.string, name="tag")
        counter = constant(stats.counter_prefix, _dt.string, name="counter_prefix")
    return apply_op("ExperimentalSetStatsAggregatorDataset",
                    [variant, stats.aggregator._resource, tag, counter],
                    _iterator_ops._flat_attrs(structure), scope).outputs[0]


_iterator_ops._SET_STATS_AGGREGATOR = _set_stats_aggregator_dataset
