"""`tf.test.Benchmark` (TF 1.14's platform/benchmark.py: TensorFlowBenchmark).

`report_benchmark` names the entry "<Class>.<outermost benchmark method>" and, without
TEST_REPORT_FILE_PREFIX, prints TF's BenchmarkEntries text proto; with it, writes the
serialized BenchmarkEntries (tensorflow/core/util/test_log.proto, encoded here: flowgrad
has no compiled test_log_pb2) to <prefix><name with "/" as "__">. `run_op_benchmark`
times Session.run and returns TF's dict (iters, wall_time, extras, name, throughput).
"""
from __future__ import annotations

import inspect
import math
import numbers
import os
import struct
import time

from .. import gfile
from .. import logging
from ..client import timeline
from ..engine.framework.config import ConfigProto, RewriterConfig, RunMetadata, RunOptions
from ..engine.framework.errors import c_escape as _escape

__all__ = ["Benchmark", "GLOBAL_BENCHMARK_REGISTRY", "TensorFlowBenchmark", "benchmark_config"]

GLOBAL_BENCHMARK_REGISTRY = set()
TEST_REPORTER_TEST_ENV = "TEST_REPORT_FILE_PREFIX"
OVERRIDE_GLOBAL_THREADPOOL = "TF_OVERRIDE_GLOBAL_THREADPOOL"


# ---------------------------------------------------------------------------------------
# BenchmarkEntries: text format and wire format (proto3: zero scalars are not written)
# ---------------------------------------------------------------------------------------
def _double(v) -> str:
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


def _text(entry) -> str:
    lines = ["entry {"]
    add = lines.append
    if entry["name"]:
        add('  name: "%s"' % _escape(entry["name"]))
    if entry.get("iters"):
        add("  iters: %d" % entry["iters"])
    for key in ("cpu_time", "wall_time", "throughput"):
        if entry.get(key):
            add("  %s: %s" % (key, _double(entry[key])))
    for k in sorted(entry["extras"]):
        kind, v = entry["extras"][k]
        add("  extras {")
        add('    key: "%s"' % _escape(k))
        add("    value {")
        add("      double_value: %s" % _double(v) if kind == "double" else
            '      string_value: "%s"' % _escape(v))
        add("    }")
        add("  }")
    for m in entry["metrics"]:
        add("  metrics {")
        if m["name"]:
            add('    name: "%s"' % _escape(m["name"]))
        if m["value"]:
            add("    value: %s" % _double(m["value"]))
        for key in ("min_value", "max_value"):
            if key in m:
                add("    %s {" % key)
                if m[key]:
                    add("      value: %s" % _double(m[key]))
                add("    }")
        add("  }")
    add("}")
    return "\n".join(lines) + "\n"


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field(number: int, wire: int, payload: bytes) -> bytes:
    head = _varint(number << 3 | wire)
    if wire == 2:
        return head + _varint(len(payload)) + payload
    return head + payload


def _str(number, s) -> bytes:
    return _field(number, 2, s.encode("utf-8")) if s else b""


def _dbl(number, v, always=False) -> bytes:
    v = float(v)
    return _field(number, 1, struct.pack("<d", v)) if (v or always) else b""


def _wire(entry) -> bytes:
    body = _str(1, entry["name"])
    if entry.get("iters"):
        body += _field(2, 0, _varint(int(entry["iters"])))
    for number, key in ((3, "cpu_time"), (4, "wall_time"), (5, "throughput")):
        if entry.get(key):
            body += _dbl(number, entry[key])
    for k in sorted(entry["extras"]):
        kind, v = entry["extras"][k]
        value = _dbl(1, v, always=True) if kind == "double" else \
            _field(2, 2, str(v).encode("utf-8"))
        body += _field(6, 2, _str(1, k) + _field(2, 2, value))
    for m in entry["metrics"]:
        sub = _str(1, m["name"]) + (_dbl(2, m["value"]) if m["value"] else b"")
        for number, key in ((3, "min_value"), (4, "max_value")):
            if key in m:
                sub += _field(number, 2, _dbl(1, m[key]))
        body += _field(7, 2, sub)
    return _field(1, 2, body)


def _global_report_benchmark(name, iters=None, cpu_time=None, wall_time=None,
                             throughput=None, extras=None, metrics=None):
    logging.info("Benchmark [%s] iters: %d, wall_time: %g, cpu_time: %g,"
                 "throughput: %g, extras: %s, metrics: %s", name,
                 iters if iters is not None else -1,
                 wall_time if wall_time is not None else -1,
                 cpu_time if cpu_time is not None else -1,
                 throughput if throughput is not None else -1,
                 str(extras) if extras else "None", str(metrics) if metrics else "None")
    entry = {"name": name, "iters": iters, "cpu_time": cpu_time, "wall_time": wall_time,
             "throughput": throughput, "extras": {}, "metrics": []}
    if extras is not None:
        if not isinstance(extras, dict):
            raise TypeError("extras must be a dict")
        for k, v in extras.items():
            entry["extras"][k] = ("double", float(v)) if isinstance(v, numbers.Number) \
                else ("string", str(v))
    if metrics is not None:
        if not isinstance(metrics, list):
            raise TypeError("metrics must be a list")
        for metric in metrics:
            if "name" not in metric:
                raise TypeError("metric must has a 'name' field")
            if "value" not in metric:
                raise TypeError("metric must has a 'value' field")
            m = {"name": metric["name"], "value": float(metric["value"])}
            for key in ("min_value", "max_value"):
                if key in metric:
                    m[key] = float(metric[key])
            entry["metrics"].append(m)
    prefix = os.environ.get(TEST_REPORTER_TEST_ENV, None)
    if prefix is None:
        print(_text(entry))
        return
    output_path = "%s%s" % (prefix, name.replace("/", "__"))
    if gfile.Exists(output_path):
        raise IOError("File already exists: %s" % output_path)
    with gfile.GFile(output_path, "wb") as out:
        out.write(_wire(entry))


# ---------------------------------------------------------------------------------------
# The classes
# ---------------------------------------------------------------------------------------
class _BenchmarkRegistrar(type):
    """Registers every concrete Benchmark subclass in GLOBAL_BENCHMARK_REGISTRY."""

    def __new__(mcs, clsname, base, attrs):
        newclass = super().__new__(mcs, clsname, base, attrs)
        if not newclass.is_abstract():
            GLOBAL_BENCHMARK_REGISTRY.add(newclass)
        return newclass


class Benchmark(metaclass=_BenchmarkRegistrar):
    """Helpers for running benchmarks (methods named benchmark* are the benchmarks)."""

    @classmethod
    def is_abstract(cls):
        return len(cls.mro()) <= 2

    def _get_name(self, overwrite_name=None):
        """"<class>.<method>" of the outermost Benchmark method on the stack."""
        calling, name = None, None
        for frame in inspect.stack()[::-1]:
            f_self = frame[0].f_locals.get("self", None)
            if isinstance(f_self, Benchmark):
                calling, name = f_self, frame[3]
                break
        if calling is None:
            raise ValueError("Unable to determine calling Benchmark class.")
        return "%s.%s" % (type(calling).__name__, overwrite_name or name)

    def report_benchmark(self, iters=None, cpu_time=None, wall_time=None, throughput=None,
                         extras=None, name=None, metrics=None):
        """Reports a benchmark entry (printed, or written under TEST_REPORT_FILE_PREFIX)."""
        name = self._get_name(overwrite_name=name)
        _global_report_benchmark(name=name, iters=iters, cpu_time=cpu_time,
                                 wall_time=wall_time, throughput=throughput, extras=extras,
                                 metrics=metrics)


def benchmark_config():
    """A ConfigProto with the dependency optimizer off (tf.test.benchmark_config)."""
    config = ConfigProto()
    config.graph_options.rewrite_options.dependency_optimization = RewriterConfig.OFF
    return config


def _median(x):
    if not x:
        return -1
    s = sorted(x)
    n = len(x)
    return (s[n // 2] + s[(n - 1) // 2]) / 2.0


class TensorFlowBenchmark(Benchmark):
    """tf.test.Benchmark: Benchmark with run_op_benchmark."""

    def __init__(self):
        os.environ[OVERRIDE_GLOBAL_THREADPOOL] = "1"
        super().__init__()

    @classmethod
    def is_abstract(cls):
        return len(cls.mro()) <= 3

    def run_op_benchmark(self, sess, op_or_tensor, feed_dict=None, burn_iters=2, min_iters=10,
                         store_trace=False, store_memory_usage=True, name=None, extras=None,
                         mbs=0):
        """Times `sess.run(op_or_tensor)` (median of min_iters runs after burn_iters), reports
        it and returns {"iters", "wall_time", "extras", "name", "throughput"} (extras gain
        "full_trace_chrome_format" with store_trace)."""
        for _ in range(burn_iters):
            sess.run(op_or_tensor, feed_dict=feed_dict)
        deltas = [None] * min_iters
        for i in range(min_iters):
            start = time.time()
            sess.run(op_or_tensor, feed_dict=feed_dict)
            deltas[i] = time.time() - start
        extras = extras if extras is not None else {}
        unreported = {}
        if store_trace or store_memory_usage:
            run_metadata = RunMetadata()
            sess.run(op_or_tensor, feed_dict=feed_dict,
                     options=RunOptions(trace_level=RunOptions.FULL_TRACE),
                     run_metadata=run_metadata)
            tl = timeline.Timeline(run_metadata.step_stats)
            if store_trace:
                unreported["full_trace_chrome_format"] = tl.generate_chrome_trace_format()
            if store_memory_usage:
                analysis = tl.analyze_step_stats(show_memory=True)
                for k, v in analysis.allocator_maximums.items():
                    extras["allocator_maximum_num_bytes_%s" % k] = v.num_bytes
        median = _median(deltas)
        values = {"iters": min_iters, "wall_time": median, "extras": extras, "name": name,
                  "throughput": mbs / median}
        self.report_benchmark(**values)
        values["extras"].update(unreported)
        return values
