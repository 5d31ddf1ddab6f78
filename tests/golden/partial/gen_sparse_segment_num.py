"""TF 1.14's tf.sparse_segment_sum/mean/sqrt_n (and tf.sparse.segment_*) with num_segments:
the *WithNumSegments ops (names, inputs, attrs, static shapes), values with missing and
trailing empty segments, gradients, and the errors (graph-time and run-time)."""
import numpy as np

C = np.array([[1., 2, 3, 4], [-1, -2, -3, -4], [5, 6, 7, 8]], "float32")


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0].split(" [[")[0].split(
        " used by node")[0].split(" with these attrs")[0].split(
        " and with computed input tensors")[0].rstrip(".")


def _run(tf, build, feed=None):
    with tf.Graph().as_default():
        try:
            out = build(tf)
        except (TypeError, ValueError) as e:
            return _err(e)
        with tf.Session() as s:
            try:
                return s.run(out, feed and {k(tf): v for k, v in feed.items()})
            except tf.errors.OpError as e:
                return _err(e)


def graph(tf):
    with tf.Graph().as_default():
        c = tf.constant(C)
        ns = tf.placeholder(tf.int32, name="ns")
        outs = [tf.sparse_segment_sum(c, [0, 1], [0, 2], num_segments=4),
                tf.sparse_segment_mean(c, [0, 1, 2], [0, 0, 2], num_segments=4),
                tf.sparse_segment_sqrt_n(c, [0, 1, 2], [1, 1, 2], num_segments=5, name="q"),
                tf.sparse_segment_sum(c, [0, 1], [0, 2], num_segments=ns),
                tf.sparse.segment_mean(c, [0, 1], [0, 2], "m", 3),
                tf.sparse.segment_sqrt_n(c, [0, 1], [0, 2], num_segments=tf.constant(3, tf.int64)),
                tf.sparse_segment_sum(tf.placeholder(tf.float32, [None, 2, None]), [0, 1], [0, 1],
                                      num_segments=3),
                tf.sparse_segment_sum(tf.placeholder(tf.float64), [0, 1], [0, 1],
                                      num_segments=3)]
        desc = [[o.op.name, o.op.type, [i.name for i in o.op.inputs],
                 [i.dtype.name for i in o.op.inputs],
                 o.shape.as_list() if o.shape.ndims is not None else None, o.dtype.name]
                for o in outs]
        with tf.Session() as s:
            return desc + s.run(outs[:6], {ns: 3})


def values(tf):
    d = np.random.RandomState(0).uniform(-1, 1, [5, 2, 3]).astype("float64")
    return [
        _run(tf, lambda tf: [f(tf.constant(d), [4, 0, 1, 1, 3], [0, 0, 2, 2, 5], num_segments=7)
                             for f in (tf.sparse_segment_sum, tf.sparse_segment_mean,
                                       tf.sparse_segment_sqrt_n)]),
        _run(tf, lambda tf: tf.sparse_segment_sum(tf.constant(C), tf.zeros([0], tf.int32),
                                                  tf.zeros([0], tf.int32), num_segments=2)),
        _run(tf, lambda tf: tf.sparse_segment_mean(tf.constant(C), [2], [0], num_segments=0)),
        _run(tf, lambda tf: tf.sparse_segment_sum(tf.constant(C), tf.zeros([0], tf.int32),
                                                  tf.zeros([0], tf.int32), num_segments=0)),
    ]


def grads(tf):
    with tf.Graph().as_default():
        c = tf.constant(C)
        w = tf.constant(np.arange(20, dtype="float32").reshape(5, 4))
        gs = []
        for f in (tf.sparse_segment_sum, tf.sparse_segment_mean, tf.sparse_segment_sqrt_n):
            y = f(c, [0, 1, 2, 2], [0, 0, 2, 4], num_segments=5)
            g = tf.gradients(y * w, c)[0]
            gs.append(g)
        names = [g.op.name for g in gs]
        with tf.Session() as s:
            return [names, s.run(gs)]


def errors(tf):
    c = lambda tf: tf.constant(C)  # noqa: E731
    ns = lambda tf: tf.get_default_graph().get_tensor_by_name("ns:0")  # noqa: E731
    ssum = lambda tf, i, g, n: tf.sparse_segment_sum(c(tf), i, g, num_segments=n)  # noqa: E731
    return [
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 5], 4)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [1, 0], 4)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, -1], 4)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [-1, 0], 4)),
        _run(tf, lambda tf: ssum(tf, [0, 3], [0, 1], 4)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], 0)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], -1)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], [2])),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], 3.0)),
        _run(tf, lambda tf: ssum(tf, [0, 1], tf.constant([0, 1], tf.int64), 3)),
        _run(tf, lambda tf: ssum(tf, [0, 1, 2], [0, 1], 3)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], tf.placeholder(tf.int32, name="ns")),
             {ns: -1}),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], tf.placeholder(tf.int32, name="ns")),
             {ns: 1}),
        _run(tf, lambda tf: tf.sparse_segment_mean(tf.constant([1, 2, 3]), [0, 1], [0, 1],
                                                   num_segments=3)),
        _run(tf, lambda tf: tf.sparse_segment_sum(tf.constant([1, 2, 3]), [0, 1], [0, 1],
                                                  num_segments=3)),
        _run(tf, lambda tf: ssum(tf, tf.constant([0, 1], tf.int64), [0, 1], 3)),
        _run(tf, lambda tf: ssum(tf, [0, 1], [0, 1], tf.constant(3, tf.int64))),
        _run(tf, lambda tf: tf.sparse_segment_sum(tf.constant(3.), [0], [0], num_segments=3)),
    ]


def cases(tf):
    return {"graph": graph(tf), "values": values(tf), "grads": grads(tf), "errors": errors(tf)}
