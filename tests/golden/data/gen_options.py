"""TF 1.14's tf.data.Options and its parts (OptimizationOptions, MapVectorizationOptions,
ThreadingOptions, StatsOptions, DistributeOptions): defaults, type checks, merging,
Dataset.with_options / options() through a pipeline, the ops an iterator adds for them
(names, types, the optimization list and attrs), and the element order of a seeded
shuffle + repeat with shuffle_and_repeat_fusion on and off. tests/test_data_options.py
runs the same programs in flowgrad."""
from __future__ import absolute_import

import re

import numpy as np

from gen_experimental import drain

PROGRAMS = {}


def _err(e):
    """The error's class and first line, classes named without their module path."""
    text = str(getattr(e, "message", e)).split("\n")[0]
    return "%s: %s" % (type(e).__name__, re.sub(r"<class '(?:\w+\.)*(\w+)'>", r"\1", text))


def _text(x):
    return x.decode() if isinstance(x, bytes) else x


def _values(o, names):
    out = []
    for n in names:
        v = getattr(o, n)
        out.append([n, v if v is None or isinstance(v, (bool, int, str)) else type(v).__name__])
    return out


_OPT = ["apply_default_optimizations", "autotune", "autotune_cpu_budget", "filter_fusion",
        "filter_with_random_uniform_fusion", "hoist_random_uniform", "map_and_batch_fusion",
        "map_and_filter_fusion", "map_fusion", "map_parallelization", "map_vectorization",
        "noop_elimination", "parallel_batch", "shuffle_and_repeat_fusion"]


def _defaults(tf):
    o = tf.data.Options()
    x = tf.data.experimental
    return [_values(o, ["experimental_deterministic", "experimental_distribute",
                        "experimental_optimization", "experimental_slack",
                        "experimental_stats", "experimental_threading"]),
            _values(o.experimental_optimization, _OPT),
            _values(o.experimental_optimization.map_vectorization,
                    ["enabled", "use_choose_fastest"]),
            _values(o.experimental_threading, ["max_intra_op_parallelism",
                                               "private_threadpool_size"]),
            _values(o.experimental_stats, ["aggregator", "prefix", "counter_prefix",
                                           "latency_all_edges"]),
            _values(o.experimental_distribute, ["auto_shard", "num_devices"]),
            o._static_optimizations(), o._static_optimization_configs(),
            o == tf.data.Options(), x.OptimizationOptions() == x.OptimizationOptions(),
            x.ThreadingOptions() == x.StatsOptions()]


def _errors(tf):
    out = []
    o = tf.data.Options()
    for set_it in (lambda: setattr(o, "experimental_deterministic", 3),
                   lambda: setattr(o, "nope", True),
                   lambda: setattr(o.experimental_threading, "private_threadpool_size", 2.0),
                   lambda: setattr(o, "experimental_optimization", 1),
                   lambda: setattr(o.experimental_stats, "prefix", 5),
                   lambda: tf.data.Options().merge(tf.data.experimental.ThreadingOptions())):
        try:
            set_it()
            out.append("ok")
        except (TypeError, AttributeError, ValueError) as e:
            out.append(_err(e))
    a, b = tf.data.Options(), tf.data.Options()
    a.experimental_optimization.map_fusion = True
    b.experimental_optimization.map_fusion = False
    try:
        a.merge(b)
    except ValueError as e:
        out.append(_err(e))
    return out


def _merging(tf):
    a, b = tf.data.Options(), tf.data.Options()
    a.experimental_optimization.map_fusion = True
    a.experimental_threading.private_threadpool_size = 3
    b.experimental_deterministic = False
    b.experimental_optimization.map_fusion = True
    b.experimental_optimization.map_vectorization.enabled = True
    c = a.merge(b)
    e = tf.data.Options()
    e.experimental_stats.latency_all_edges = True
    e.experimental_slack = True
    return [e._static_optimizations(), e._static_optimization_configs(),c.experimental_optimization.map_fusion, c.experimental_deterministic,
            c.experimental_threading.private_threadpool_size,
            c.experimental_optimization.map_vectorization.enabled,
            c._static_optimizations(), c._static_optimization_configs(), c == b.merge(a),
            a.experimental_deterministic]


def _pipeline(tf):
    with tf.Graph().as_default():
        a, b = tf.data.Options(), tf.data.Options()
        a.experimental_optimization.map_fusion = True
        b.experimental_slack = True
        b.experimental_distribute.num_devices = 2
        d1 = tf.data.Dataset.range(4).with_options(a)
        d2 = tf.data.Dataset.range(4).with_options(b).map(lambda x: x + 1)
        z = tf.data.Dataset.zip((d1, d2)).batch(2)
        out = [z.options()._static_optimizations(), z.options()._static_optimization_configs(),
               d1.options() == a, tf.data.Dataset.range(2).options() == tf.data.Options()]
        c = tf.data.Options()
        c.experimental_optimization.map_fusion = False
        try:
            z.with_options(c)
        except ValueError as e:
            out.append(_err(e))
        twice = d1.with_options(b)
        out.append(twice.options()._static_optimizations())
        return out


def _ops(configure):
    def run(tf):
        with tf.Graph().as_default() as g:
            o = tf.data.Options()
            configure(tf, o)
            ds = tf.data.Dataset.range(5).with_options(o)
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            out = []
            for op in g.get_operations():
                row = [op.name, op.type]
                if op.type == "Const" and op.name.startswith("optimizations"):
                    v = op.get_attr("value")
                    v = v if isinstance(v, np.ndarray) else tf.make_ndarray(v)
                    row.append([_text(x) for x in v.tolist()])
                for attr in ("optimization_configs", "cpu_budget"):
                    if op.type in ("OptimizeDataset", "ModelDataset"):
                        try:
                            v = op.get_attr(attr)
                            row.append([_text(x) for x in v] if isinstance(v, list) else v)
                        except ValueError:
                            pass
                out.append(row)
            with tf.Session() as sess:
                sess.run(it.initializer)
                out.append(drain(tf, nxt, sess))
            return out
    return run


def _opt(**kw):
    def configure(tf, o):
        for k, v in kw.items():
            parts = k.split("__")
            target = o
            for p in parts[:-1]:
                target = getattr(target, p)
            setattr(target, parts[-1], v)
    return configure


PROGRAMS.update({
    "defaults": _defaults,
    "errors": _errors,
    "merging": _merging,
    "pipeline_options": _pipeline,
    "ops_default": _ops(_opt()),
    "ops_threading": _ops(_opt(experimental_threading__max_intra_op_parallelism=1,
                               experimental_threading__private_threadpool_size=2)),
    "ops_no_autotune_sloppy": _ops(_opt(experimental_optimization__autotune=False,
                                        experimental_deterministic=False)),
    "ops_budget_vectorize": _ops(_opt(
        experimental_optimization__autotune_cpu_budget=3,
        experimental_optimization__map_vectorization__enabled=True,
        experimental_optimization__map_vectorization__use_choose_fastest=True)),
    "ops_no_defaults": _ops(_opt(experimental_optimization__apply_default_optimizations=False,
                                 experimental_optimization__map_fusion=True)),
    "ops_slack": _ops(_opt(experimental_slack=True)),
})


def _shuffle_repeat(fusion, one_shot):
    def run(tf):
        with tf.Graph().as_default():
            ds = tf.data.Dataset.range(6).shuffle(4, seed=7).repeat(3)
            if fusion is not None:
                o = tf.data.Options()
                o.experimental_optimization.shuffle_and_repeat_fusion = fusion
                ds = ds.with_options(o)
            if one_shot:
                nxt = ds.make_one_shot_iterator().get_next()
                init = None
            else:
                it = ds.make_initializable_iterator()
                nxt, init = it.get_next(), it.initializer
            with tf.Session() as sess:
                if init is not None:
                    sess.run(init)
                return drain(tf, nxt, sess)
    return run


def _no_defaults(one_shot):
    def run(tf):
        with tf.Graph().as_default():
            o = tf.data.Options()
            o.experimental_optimization.apply_default_optimizations = False
            ds = tf.data.Dataset.range(5).shuffle(5, seed=2).repeat(2).with_options(o)
            if one_shot:
                nxt = ds.make_one_shot_iterator().get_next()
                with tf.Session() as sess:
                    return drain(tf, nxt, sess)
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            with tf.Session() as sess:
                sess.run(it.initializer)
                return drain(tf, nxt, sess)
    return run


PROGRAMS.update({
    "shuffle_repeat_default_one_shot": _shuffle_repeat(None, True),
    "shuffle_repeat_default_initializable": _shuffle_repeat(None, False),
    "shuffle_repeat_fused_one_shot": _shuffle_repeat(True, True),
    "shuffle_repeat_unfused_one_shot": _shuffle_repeat(False, True),
    "shuffle_repeat_unfused_initializable": _shuffle_repeat(False, False),
    "no_default_optimizations_one_shot": _no_defaults(True),
    "no_default_optimizations_initializable": _no_defaults(False),
})


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
