"""GNN message passing in TF 1.14: node features transformed by a matmul, gathered along
edges and aggregated with tf.unsorted_segment_* / tf.math.segment_*; the gradients' op
names (MatMul's gradient densifying the gather's IndexedSlices as MatMul/a, the
SegmentMean and SegmentMax gradients), values and the aggregation errors.
tests/test_psparse_gnn.py runs cases() on flowgrad."""
import numpy as np

N, F = 5, 3
SRC = [0, 1, 2, 3, 4, 0, 2, 1]
DST = [1, 2, 3, 4, 0, 2, 0, 1]
SORTED = [0, 0, 1, 1, 1, 2, 4, 4]


def _aggregate(tf, kind, msg):
    if kind.startswith("seg_"):
        return getattr(tf.math, "segment_" + kind[4:])(msg, tf.constant(SORTED))
    fn = {"sum": tf.unsorted_segment_sum, "mean": tf.unsorted_segment_mean,
          "max": tf.unsorted_segment_max, "min": tf.math.unsorted_segment_min,
          "prod": tf.math.unsorted_segment_prod,
          "sqrtn": tf.math.unsorted_segment_sqrt_n}[kind]
    return fn(msg, tf.constant(DST), N)


def _layer(tf, kind):
    rng = np.random.RandomState(3)
    x = tf.constant(rng.randn(N, F).astype(np.float32))
    w = tf.Variable(rng.randn(F, F).astype(np.float32), name="W")
    msg = tf.gather(tf.matmul(x, w), tf.constant(SRC))
    agg = _aggregate(tf, kind, msg)
    grads = tf.gradients(tf.reduce_sum(agg * agg), [w, x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([agg] + grads)
    return {"ops": [op.name for op in tf.get_default_graph().get_operations()],
            "shape": str(agg.shape), "values": values}


def _error(tf, ids, num=None):
    msg = tf.constant(np.arange(16, dtype=np.float32).reshape(8, 2))
    try:
        out = tf.math.segment_sum(msg, tf.constant(ids)) if num is None else \
            tf.unsorted_segment_sum(msg, tf.constant(ids), num)
        with tf.Session() as sess:
            return sess.run(out)
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return [type(e).__name__, str(e).split("\n")[0]]


CASES = {k: (lambda kind: lambda tf: _layer(tf, kind))(k)
         for k in ("sum", "mean", "max", "min", "prod", "sqrtn",
                   "seg_sum", "seg_mean", "seg_max", "seg_min")}
CASES.update({
    "err_unsorted_ids": lambda tf: _error(tf, [1, 0, 0, 0, 0, 0, 0, 0]),
    "err_out_of_range": lambda tf: _error(tf, [0, 1, 2, 3, 4, 5, 6, 9], N),
    "err_ids_shape": lambda tf: _error(tf, [0, 1], N),
})


def cases(tf):
    out = {}
    for name, build in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = build(tf)
    return out
