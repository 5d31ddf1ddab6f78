"""TF 1.14's tf.data.experimental statistics: StatsAggregator's summary of
bytes_produced_stats (exact byte counts per element, as histograms with TF's default
buckets) and latency_stats (the number of values; their microseconds vary), the prefix
option, a pipeline without an aggregator, the ops added, and the aggregator option's type
check. tests/test_data_stats.py runs the same programs in flowgrad."""
from __future__ import absolute_import

from gen_experimental import drain

PROGRAMS = {}


def _err(e):
    return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])


def _summary(tf, blob, exact):
    s = tf.Summary.FromString(blob)
    out = {}
    for v in s.value:
        h = v.histo
        if v.tag in exact:
            out[v.tag] = [h.min, h.max, h.num, h.sum, h.sum_squares, list(h.bucket_limit),
                          list(h.bucket)]
        else:
            out[v.tag] = [h.num]
    return out


def _pipeline(tf, prefix, with_agg=True):
    x = tf.data.experimental
    agg = x.StatsAggregator()
    ds = tf.data.Dataset.from_tensor_slices((["ab", "cdefg", "", "xyz"],
                                             [[1., 2.], [3., 4.], [5., 6.], [7., 8.]],
                                             [True, False, True, True]))
    ds = ds.apply(x.bytes_produced_stats("elem")).apply(x.latency_stats("lat")) \
        .batch(3).apply(x.bytes_produced_stats("batch"))
    if with_agg:
        o = tf.data.Options()
        o.experimental_stats.aggregator = agg
        if prefix is not None:
            o.experimental_stats.prefix = prefix
        ds = ds.with_options(o)
    return ds, agg


def _stats(prefix, with_agg=True):
    def run(tf):
        with tf.Graph().as_default():
            ds, agg = _pipeline(tf, prefix, with_agg)
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            summ = agg.get_summary()
            with tf.Session() as sess:
                before = _summary(tf, sess.run(summ), ())
                sess.run(it.initializer)
                elems = drain(tf, nxt, sess)
                exact = [t for t in ("elem", "batch", "p::elem", "p::batch")]
                return [before, len(elems), _summary(tf, sess.run(summ), exact)]
    return run


def _ops(tf):
    with tf.Graph().as_default() as g:
        ds, _ = _pipeline(tf, "p")
        ds.make_initializable_iterator().get_next()
        return [[op.name, op.type] for op in g.get_operations()]


def _type_check(tf):
    o = tf.data.Options()
    try:
        o.experimental_stats.aggregator = 3
        return "ok"
    except TypeError as e:
        return _err(e).split(" must be ")[0]


def _one_shot(kind):
    """make_one_shot_iterator of a pipeline that captures a stateful resource: TF 1.14
    refuses the aggregator's handle as it refuses a variable (a ValueError, nothing run)."""
    def run(tf):
        with tf.Graph().as_default() as g:
            if kind == "aggregator":
                ds, _ = _pipeline(tf, "p")
            else:
                v = tf.Variable(2.0, name="v")
                ds = tf.data.Dataset.range(3).map(lambda x: tf.cast(x, tf.float32) * v)
            n = len(g.get_operations())
            try:
                ds.make_one_shot_iterator()
                return "ok"
            except ValueError as e:
                return [_err(e), len(g.get_operations()) - n]
    return run


PROGRAMS.update({
    "one_shot/aggregator": _one_shot("aggregator"),
    "one_shot/variable": _one_shot("variable"),
    "no_prefix": _stats(None),
    "prefix": _stats("p"),
    "no_aggregator": _stats(None, with_agg=False),
    "ops": _ops,
    "type_check": _type_check,
})


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
