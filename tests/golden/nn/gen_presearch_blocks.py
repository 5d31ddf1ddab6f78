"""Research-model building blocks of TF1 programs (capsule routing's softmax over another
axis than the last, spatial transformers' bilinear sampler, pointer networks' masked
softmax, segment / bincount / searchsorted helpers): their ops (names and types), seeded
values and gradients, and the errors TF 1.14 raises. Read by tests/test_presearch_blocks.py.
"""
import numpy as np


def _ops(graph, start=0):
    return [(op.name, op.type) for op in graph.get_operations()[start:]]


def _outcome(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001 - any error is an outcome to compare
        return e


def softmax_axis(tf):
    """tf.nn.softmax / log_softmax along another axis than the last: TF transposes by a
    permutation it computes in the graph (Rank, Sub, Range, ConcatV2), both ways; a
    negative axis adds an Add and a FloorMod; the result keeps the static shape."""
    out = {}
    rs = np.random.RandomState(0)
    calls = [("axis1", lambda tf, x: tf.nn.softmax(x, axis=1)),
             ("axis_neg2", lambda tf, x: tf.nn.softmax(x, axis=-2, name="sm")),
             ("log_axis0", lambda tf, x: tf.nn.log_softmax(x, axis=0)),
             ("dim_neg3", lambda tf, x: tf.nn.softmax(x, dim=-3)),
             ("last", lambda tf, x: tf.nn.softmax(x, axis=2)),
             ("math_last", lambda tf, x: tf.math.softmax(x, axis=-1))]
    for key, call in calls:
        g = tf.Graph()
        with g.as_default(), tf.Session() as sess:
            x = tf.constant(rs.randn(2, 3, 4).astype(np.float32))
            n0 = len(g.get_operations())
            y = call(tf, x)
            n1 = len(g.get_operations())
            dx = tf.gradients(tf.reduce_sum(y * x), x)[0]
            out[key] = {"ops": _ops(g, n0)[:n1 - n0], "shape": str(y.shape),
                        "values": sess.run([y, dx])}
    g = tf.Graph()
    with g.as_default(), tf.Session() as sess:
        p = tf.placeholder(tf.float32, [None, 3, None])
        y = tf.nn.softmax(p, axis=1)
        out["placeholder"] = {"shape": str(y.shape),
                              "value": sess.run(y, {p: rs.randn(2, 3, 2).astype(np.float32)})}
        # a Tensor axis: TF's where(axis < 0, axis + rank, axis) and FloorMod in the graph
        c = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
        a = tf.placeholder(tf.int32, [])
        n0 = len(g.get_operations())
        y = tf.nn.softmax(c, axis=a)
        out["tensor_axis"] = {"ops": _ops(g, n0), "values": sess.run(y, {a: 0}),
                              "const": sess.run(tf.nn.softmax(c, axis=tf.constant(-2)))}
        unknown = tf.placeholder(tf.float32)
        out["unknown_rank"] = [_outcome(lambda: tf.nn.softmax(unknown, axis=1)),
                               str(tf.nn.softmax(unknown))]
        x = tf.zeros([2, 3])
        out["errors"] = [_outcome(f) for f in [
            lambda: tf.nn.softmax(x, axis=tf.constant(5)),
            lambda: tf.nn.softmax(x, axis=2), lambda: tf.nn.softmax(x, axis=-3),
            lambda: tf.nn.softmax(x, axis=1, dim=1), lambda: tf.nn.log_softmax(x, 0, dim=0),
            lambda: tf.nn.softmax(tf.constant([1, 2]), axis=0),
            lambda: tf.nn.l2_normalize(x, axis=1, dim=1),
            lambda: tf.expand_dims(x, axis=1, dim=1),
            lambda: tf.nn.softmax_cross_entropy_with_logits_v2(labels=x, logits=x, axis=1,
                                                               dim=1),
            lambda: tf.contrib.losses.cosine_distance(x, x, axis=1, dim=1)]]
    return out


def bilinear_sampler(tf):
    """A spatial transformer: affine grid (meshgrid of linspaces, a batched matmul) and
    bilinear sampling with gather_nd of clipped floor indices; the values, the gradients
    w.r.t. the image and theta, and the gradient ops (GatherNd's reads the params' Shape)."""
    rs = np.random.RandomState(0)
    g = tf.Graph()
    with g.as_default(), tf.Session() as sess:
        img = tf.constant(rs.rand(2, 5, 6, 3).astype(np.float32))
        theta = tf.constant(np.array([[1.1, 0.2, 0.1, -0.1, 0.9, 0.05],
                                      [0.8, -0.3, 0., 0.3, 0.8, -0.1]], np.float32))
        h, w = 4, 5
        x_t, y_t = tf.meshgrid(tf.linspace(-1.0, 1.0, w), tf.linspace(-1.0, 1.0, h))
        grid = tf.stack([tf.reshape(x_t, [-1]), tf.reshape(y_t, [-1]),
                         tf.ones_like(tf.reshape(x_t, [-1]))])
        grid = tf.tile(tf.expand_dims(grid, 0), tf.stack([2, 1, 1]))
        bg = tf.matmul(tf.reshape(theta, [-1, 2, 3]), grid)
        xs = tf.reshape(bg[:, 0, :], [2, h, w])
        ys = tf.reshape(bg[:, 1, :], [2, h, w])
        max_y, max_x = tf.cast(5 - 1, "int32"), tf.cast(6 - 1, "int32")
        x = 0.5 * ((xs + 1.0) * tf.cast(max_x - 1, "float32"))
        y = 0.5 * ((ys + 1.0) * tf.cast(max_y - 1, "float32"))
        x0 = tf.cast(tf.floor(x), "int32")
        y0 = tf.cast(tf.floor(y), "int32")
        x1, y1 = x0 + 1, y0 + 1
        x0, x1 = tf.clip_by_value(x0, 0, max_x), tf.clip_by_value(x1, 0, max_x)
        y0, y1 = tf.clip_by_value(y0, 0, max_y), tf.clip_by_value(y1, 0, max_y)

        def pixel(xi, yi):
            b = tf.tile(tf.reshape(tf.range(0, 2), (2, 1, 1)), (1, h, w))
            return tf.gather_nd(img, tf.stack([b, yi, xi], 3))

        x0f, x1f, y0f, y1f = [tf.cast(t, "float32") for t in (x0, x1, y0, y1)]
        wa = tf.expand_dims((x1f - x) * (y1f - y), 3)
        wb = tf.expand_dims((x1f - x) * (y - y0f), 3)
        wc = tf.expand_dims((x - x0f) * (y1f - y), 3)
        wd = tf.expand_dims((x - x0f) * (y - y0f), 3)
        out = tf.add_n([wa * pixel(x0, y0), wb * pixel(x0, y1), wc * pixel(x1, y0),
                        wd * pixel(x1, y1)])
        n0 = len(g.get_operations())
        grads = tf.gradients(tf.reduce_sum(out * out), [img, theta])
        return {"values": sess.run([x_t, y_t, out] + grads),
                "grad_ops": [o for o in _ops(g, n0) if "GatherNd" in o[0]]}


def helpers(tf):
    """Segment sums, bincount, searchsorted and their errors (op lists included: TF builds
    searchsorted's reshapes before it checks `side`)."""
    rs = np.random.RandomState(1)
    out = {}
    g = tf.Graph()
    with g.as_default(), tf.Session() as sess:
        data = tf.constant(rs.randn(6, 2).astype(np.float32))
        useg = tf.constant([2, 0, 2, 4, 1, 0])
        sums = [tf.unsorted_segment_sum(data, useg, 5), tf.unsorted_segment_max(data, useg, 5),
                tf.unsorted_segment_mean(data, useg, 5),
                tf.unsorted_segment_sqrt_n(data, useg, 5),
                tf.math.segment_mean(data, [0, 0, 1, 3, 3, 3])]
        out["segments"] = sess.run(sums + tf.gradients(tf.add_n(
            [tf.reduce_sum(s) for s in sums[1:4]]), data))
        ints = tf.constant([1, 3, 3, 0, 7, 3])
        out["bincount"] = sess.run([tf.bincount(ints), tf.bincount(ints, minlength=10,
                                                                   maxlength=5)])
        # the size's Max of an empty array is int32's lowest: TF's shape refiner knows 0
        empty = tf.bincount(tf.constant([], tf.int32))
        out["bincount_empty"] = [str(empty.shape), sess.run(empty)]
        try:
            sess.run(tf.bincount(tf.constant([1, -1])))
        except tf.errors.InvalidArgumentError as e:
            out["bincount_negative"] = e.message.split("\n")[0]
        n0 = len(g.get_operations())
        out["searchsorted_side"] = _outcome(lambda: tf.searchsorted(
            tf.constant([[0., 1, 2, 3]]), tf.constant([[1., 3]]), side="middle"))
        out["searchsorted_ops"] = _ops(g, n0)
    return out


def argument_errors(tf):
    """Build-time errors of the helpers' arguments, as TF words them (deprecated argument
    pairs without a period, op-def parameter names, allowed-type lists)."""
    g = tf.Graph()
    with g.as_default():
        x = tf.zeros([2, 8, 4, 4])
        calls = [
            lambda: tf.nn.moments(x, [0], keep_dims=True, keepdims=True),
            lambda: tf.nn.weighted_moments(x, [0], 1.0, keep_dims=True, keepdims=True),
            lambda: tf.nn.sufficient_statistics(x, [0], keep_dims=True, keepdims=True),
            lambda: tf.roll(x, 1.5, 0), lambda: tf.roll(x, 1, 0.5),
            lambda: tf.roll(x, [1, 2], [0]),
            lambda: tf.linspace(0, 1, 5), lambda: tf.linspace(0., 1., 2.5),
            lambda: tf.contrib.layers.group_norm(x, groups=3, channels_axis=1,
                                                 reduction_axes=(2, 3)),
            lambda: tf.contrib.layers.instance_norm(x, data_format="NCWH"),
            lambda: tf.contrib.layers.layer_norm(x, begin_norm_axis=5),
            lambda: tf.norm(x, ord=0.5), lambda: tf.norm(x, axis=[0, 1, 2]),
            lambda: tf.meshgrid(tf.range(3), indexing="xx")]
        out = [_outcome(f) for f in calls]
        return [r if isinstance(r, Exception) else str(r) for r in out]


def cases(tf):
    return {"softmax_axis": softmax_axis(tf), "bilinear_sampler": bilinear_sampler(tf),
            "helpers": helpers(tf), "argument_errors": argument_errors(tf)}
