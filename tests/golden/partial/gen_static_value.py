"""TF 1.14's tf.get_static_value / tensor_util.constant_value (partial=False and True) over
the ops it folds (Const, Shape, Size, Rank, Range, Cast, ConcatV2, Pack, Fill, Equal,
NotEqual) and ones it does not; whether the folded tensor can still be fed; and
tf.gather with batch_dims and an axis that is a tensor, or on params of unknown rank
(TF 1.14's own Python errors there)."""
import numpy as np


def _err(e):
    return type(e).__name__ + ": " + str(e).split("\n")[0]


def static_values(tf):
    out = []
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.int32, [], name="p")
        x = tf.placeholder(tf.float32, [2, None], name="x")
        k = tf.zeros([2, 3])
        ts = [tf.constant([[1, 2]]), tf.shape(k), tf.shape(x), tf.size(k), tf.size(x),
              tf.rank(x), tf.rank(tf.placeholder(tf.float32)), tf.range(1, 7, 2),
              tf.cast(tf.constant([1.5, 2.5]), tf.int32), tf.concat([[1, 2], tf.shape(k)], 0),
              tf.concat([[1], tf.shape(x)], 0), tf.stack([1, p, 3]), tf.stack([1, 2, 3]),
              tf.stack([[1, 2], [3, 4]], axis=1), tf.stack([tf.stack([1, p]), [3, 4]]),
              tf.fill([2, 2], 7), tf.fill(tf.shape(k), 1.5), tf.equal(tf.constant([1, 2]), 1),
              tf.not_equal(tf.constant([1, 2]), tf.constant([1, 3])), tf.cast(tf.shape(k),
                                                                              tf.float32),
              tf.stack([tf.shape(x)[0], 4]), p + 1, tf.cast(tf.stack([1, 2]), tf.int64)]
        for t in ts:
            row = []
            for partial in (False, True):
                v = tf.get_static_value(t, partial=partial)
                row.append(None if v is None else [v.dtype.name if v.dtype != object else
                                                   "object", v.shape, v.tolist()])
            row.append(g.is_feedable(t))
            out.append(row)
        out.append([tf.get_static_value(3), tf.get_static_value([1, 2]),
                    tf.get_static_value(np.float32(2.5))])
    return out


def gathers(tf):
    pv = np.arange(24).reshape(2, 3, 4)
    i = [[0, 2], [1, 1]]
    cases = [
        lambda: tf.gather(tf.constant(pv), i, axis=tf.constant(2), batch_dims=1),
        lambda: tf.gather(tf.constant(pv), i, axis=tf.constant(1), batch_dims=1),
        lambda: tf.gather(tf.constant(pv), i, axis=np.int64(2), batch_dims=1),
        lambda: tf.gather(tf.placeholder(tf.int32), i, axis=-1, batch_dims=1),
        lambda: tf.gather(tf.placeholder(tf.int32), i, axis=2, batch_dims=1),
        lambda: tf.gather(tf.placeholder(tf.int32), i, axis=1, batch_dims=1),
        lambda: tf.gather(tf.placeholder(tf.int32), i, batch_dims=1),
        lambda: tf.gather(tf.constant(pv), i, axis=-1, batch_dims=1),
        lambda: tf.gather(tf.constant(pv), i, axis=2, batch_dims=-1),
        lambda: tf.gather(tf.constant(pv), i, axis=2, batch_dims=2),
        lambda: tf.gather(tf.constant(pv), i, axis=0, batch_dims=1),
        lambda: tf.gather(tf.constant(pv[0, 0]), [[0]], axis=1, batch_dims=1),
    ]
    out = []
    for c in cases:
        with tf.Graph().as_default():
            try:
                y = c()
                feed = {}
                for op in y.graph.get_operations():
                    if op.type == "Placeholder":
                        feed[op.outputs[0]] = pv
                with tf.Session() as s:
                    out.append([y.shape.as_list() if y.shape.ndims is not None else None,
                                s.run(y, feed)])
            except (ValueError, TypeError, NameError) as e:
                out.append(_err(e))
    return out


def cases(tf):
    return {"static_values": static_values(tf), "gathers": gathers(tf)}
