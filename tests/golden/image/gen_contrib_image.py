"""TF 1.14 goldens for tf.contrib.image's projective transforms: transform / rotate /
translate values over image dtypes and ranks, both interpolations, perspective transforms,
half-pixel shifts (rounding), output shapes, the transform helpers, gradients (first and
second order), every op's name, and TF's errors. Output: contrib_image.json, read by
tests/test_contrib_image.py.
"""
import numpy as np

_rng = np.random.RandomState(3)
IMG = _rng.uniform(0, 10, size=(2, 5, 6, 3)).astype(np.float32)
PERSPECTIVE = [[1.1, 0.2, -0.5, -0.1, 0.9, 0.7, 0.02, -0.03],
               [0.8, -0.3, 1.2, 0.25, 1.05, -0.4, -0.01, 0.04]]


def _ops(tf):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def _run(tf, fetches):
    with tf.Session() as s:
        return s.run(fetches)


def values(tf):
    CI = tf.contrib.image
    outs = []
    for dt in (tf.uint8, tf.int32, tf.int64, tf.float16, tf.float32, tf.float64):
        x = tf.cast(tf.constant(IMG * 20 if dt == tf.uint8 else IMG - 5), dt)
        outs += [CI.transform(x, PERSPECTIVE), CI.transform(x, PERSPECTIVE, "BILINEAR")]
    x = tf.constant(IMG)
    outs += [CI.rotate(x, [0.5, -2.0]), CI.rotate(x[0], 1.0, interpolation="BILINEAR"),
             CI.rotate(x[0, :, :, 0], np.pi / 2),
             CI.translate(x, [0.5, -1.5]), CI.translate(x, [[2.5, 0.5], [-0.5, 1.0]],
                                                        "BILINEAR"),
             CI.transform(x, PERSPECTIVE[0], output_shape=[7, 4]),
             CI.transform(x, [1.0, 0, 0, 0, 1.0, 0, 0.5, 0.5], "BILINEAR"),
             CI.transform(x, [1.0, 0, 0, 0, 1.0, 0, -0.25, 0]),
             CI.angles_to_projective_transforms([0.3, 1.2], 5.0, 6.0),
             CI.translations_to_projective_transforms([[1.0, 2.0], [3.0, -4.0]]),
             CI.compose_transforms(PERSPECTIVE[0], [1.0, 0, 2.0, 0, 1.0, -1.0, 0, 0],
                                   PERSPECTIVE[1]),
             CI.flat_transforms_to_matrices(PERSPECTIVE),
             CI.matrices_to_flat_transforms(tf.constant(np.arange(1.0, 10.0).reshape(3, 3),
                                                        tf.float32))]
    return [[t.name for t in outs], [t.shape.as_list() for t in outs], _run(tf, outs)]


def dynamic(tf):
    p = tf.placeholder(tf.float32, [None, None, None, 3])
    angles = tf.placeholder(tf.float32, [None])
    out = [tf.contrib.image.rotate(p, angles, "BILINEAR"),
           tf.contrib.image.transform(p, PERSPECTIVE, output_shape=tf.constant([3, 8]))]
    with tf.Session() as s:
        vals = s.run(out, {p: IMG, angles: [0.2, 0.7]})
    return [[t.shape.as_list() for t in out], vals]


def gradients(tf):
    x = tf.constant(IMG[:, :, :, :2].astype(np.float64))
    w = tf.constant(_rng.randn(2, 5, 6, 2))
    ys = [tf.contrib.image.transform(x, PERSPECTIVE, "BILINEAR"),
          tf.contrib.image.rotate(x, [0.4, 0.9], "NEAREST"),
          tf.contrib.image.transform(x, PERSPECTIVE[1], "BILINEAR", output_shape=[4, 7])]
    n0 = len(tf.get_default_graph().get_operations())
    gs = [tf.gradients(tf.reduce_sum(y * y), x)[0] for y in ys]
    ops = [op for op in _ops(tf)[n0:] if "ImageProjectiveTransformV2_grad" in op[0]]
    ggs = [tf.gradients(tf.reduce_sum(g * w), x)[0] for g in gs]
    return [ops, _run(tf, gs + ggs)]


def ops(tf):
    x = tf.constant(IMG)
    tf.contrib.image.rotate(x, [0.5, -2.0], "BILINEAR", name="rot")
    tf.contrib.image.translate(x[0], [1.0, 2.0])
    tf.contrib.image.compose_transforms(PERSPECTIVE[0], PERSPECTIVE[1])
    tf.contrib.image.transform(x[0, :, :, 0], PERSPECTIVE[0], output_shape=[3, 3])
    later = tf.random_uniform([2], seed=1)
    return [_ops(tf), _run(tf, later)]


def connected(tf):
    """connected_components over dtypes, ranks and shapes, with the raw op's ids."""
    rng = np.random.RandomState(0)
    outs = []
    for shape, dt in (((3, 7, 9), tf.int64), ((2, 16, 5), tf.int32), ((1, 13), tf.uint8),
                      ((11, 1), tf.float32), ((4, 6, 6), tf.float64), ((17, 19), tf.int16),
                      ((2, 5, 5), tf.bool)):
        x = tf.constant(rng.randint(0, 3, size=shape) * (1 if dt != tf.bool else 0.5))
        outs.append(tf.contrib.image.connected_components(tf.cast(x, dt)))
    outs.append(tf.contrib.image.connected_components(
        tf.constant([["a", "", "a"], ["a", "b", "b"]])))
    outs.append(tf.contrib.image.connected_components(tf.zeros([2, 3, 3])))
    outs.append(tf.contrib.image.connected_components(tf.ones([1, 4, 4], tf.int8)))
    ph = tf.placeholder(tf.int32, [None, None])
    dyn = tf.contrib.image.connected_components(ph)
    raw = [o for o in tf.get_default_graph().get_operations()
           if o.type == "ImageConnectedComponents"]
    with tf.Session() as s:
        vals = s.run(outs + [o.outputs[0] for o in raw[:-1]])
        vals.append(s.run(dyn, {ph: rng.randint(0, 2, size=(6, 7))}))
    return [[t.name for t in outs + [dyn]], [t.shape.as_list() for t in outs + [dyn]], vals,
            [op for op in _ops(tf) if op[0].startswith("connected_components/")]]


def warps(tf):
    """dense_image_warp, interpolate_spline (orders 1-5, regularization), sparse_image_warp
    (with and without boundary points): values, first gradients, op names and types."""
    rng = np.random.RandomState(1)
    im = tf.constant(IMG[:, :, :, :2].astype(np.float64))
    flow = tf.constant(rng.uniform(-1.5, 1.5, size=(2, 5, 6, 2)))
    n0 = len(tf.get_default_graph().get_operations())
    dense = tf.contrib.image.dense_image_warp(im, flow)
    dense_ops = _ops(tf)[n0:]
    tp = tf.constant(rng.uniform(0, 4, size=(2, 6, 2)))
    tv = tf.constant(rng.randn(2, 6, 3))
    qp = tf.constant(rng.uniform(0, 4, size=(2, 4, 2)))
    n1 = len(tf.get_default_graph().get_operations())
    splines = [tf.contrib.image.interpolate_spline(tp, tv, qp, 2)]
    spline_ops = _ops(tf)[n1:]
    splines += [tf.contrib.image.interpolate_spline(tp, tv, qp, order, reg)
                for order, reg in ((1, 0.0), (3, 0.1), (4, 0.0), (5, 0.01))]
    # four control points: with fewer than d + 2 TF's linear system is singular
    src = tf.constant([[[1.0, 1.0], [3.0, 4.0], [0.5, 3.0], [3.5, 0.5]],
                       [[2.0, 2.0], [0.5, 3.5], [3.0, 1.0], [1.0, 0.5]]], tf.float64)
    dst = tf.constant([[[1.5, 1.0], [3.0, 3.0], [0.5, 3.5], [3.0, 1.0]],
                       [[2.5, 1.0], [1.0, 3.0], [3.0, 1.5], [1.0, 1.0]]], tf.float64)
    n2 = len(tf.get_default_graph().get_operations())
    warped, flows = tf.contrib.image.sparse_image_warp(im, src, dst)
    sparse_ops = _ops(tf)[n2:]
    warped_b, flows_b = tf.contrib.image.sparse_image_warp(im, src, dst, 1, 0.01,
                                                           num_boundary_points=2)
    grads = tf.gradients(tf.reduce_sum(dense * dense), [im, flow]) + \
        tf.gradients(tf.reduce_sum(splines[0]), [tp, tv, qp]) + \
        tf.gradients(tf.reduce_sum(warped_b), [im, dst])
    return [[t.name for t in [dense, warped, flows, warped_b, flows_b] + splines],
            dense_ops, spline_ops, sparse_ops,
            _run(tf, [dense, warped, flows, warped_b, flows_b] + splines + grads)]


def bipartite(tf):
    """bipartite_match on small integer distances (many ties), NaN and inf entries, every
    num_valid_rows and top_k kind; names and static shapes."""
    rng = np.random.RandomState(4)
    outs = []
    for i in range(30):
        r, c = rng.randint(1, 7), rng.randint(1, 7)
        d = rng.randint(0, 4, size=(r, c)).astype(np.float32)
        if i % 5 == 0:
            d[rng.rand(r, c) < 0.2] = np.nan
        if i % 7 == 0:
            d[rng.rand(r, c) < 0.2] = np.inf
        outs.append(tf.contrib.image.bipartite_match(
            tf.constant(d), float(rng.randint(-1, r + 1)), top_k=int(rng.randint(-1, 4))))
    dyn = tf.contrib.image.bipartite_match(tf.placeholder(tf.float32, [None, 4]), 2.0,
                                           name="m")
    return [[t.name for o in outs + [dyn] for t in o],
            [t.shape.as_list() for t in dyn], _run(tf, [list(o) for o in outs]),
            [[o.name, o.type] for o in tf.get_default_graph().get_operations()[:6]]]


def _error(fn, run=False):
    def case(tf):
        try:
            out = fn(tf)
            if run:
                with tf.Session() as s:
                    s.run(out)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return [type(e).__name__, str(e).split("\n")[0]] if run else e
        return "no error"
    return case


CI = lambda tf: tf.contrib.image  # noqa: E731
CASES = {
    "values": values, "dynamic": dynamic, "gradients": gradients, "ops": ops,
    "connected": connected, "warps": warps, "bipartite": bipartite,
    "error/bipartite_rows": _error(lambda tf: CI(tf).bipartite_match(tf.constant([[1.0]]),
                                                                     3.0), run=True),
    "error/spline_d": _error(lambda tf: CI(tf).interpolate_spline(
        tf.placeholder(tf.float32, [1, 3, None]), tf.zeros([1, 3, 1]), tf.zeros([1, 2, 2]), 2)),
    "error/connected_rank": _error(lambda tf: CI(tf).connected_components(tf.zeros([1, 2, 2, 1]))),
    "error/dtype": _error(lambda tf: CI(tf).transform(tf.constant([[True]]), PERSPECTIVE[0])),
    "error/rank": _error(lambda tf: CI(tf).transform(tf.zeros([1, 2, 2, 1, 1]),
                                                     PERSPECTIVE[0])),
    "error/transforms_rank": _error(lambda tf: CI(tf).transform(tf.zeros([2, 2]),
                                                                [[[1.0] * 8]])),
    "error/output_shape": _error(lambda tf: CI(tf).transform(tf.zeros([2, 2]), PERSPECTIVE[0],
                                                             output_shape=[1, 2, 3])),
    "error/num_transforms": _error(lambda tf: CI(tf).transform(
        tf.zeros([3, 2, 2, 1]), PERSPECTIVE), run=True),
    "error/angles_rank": _error(lambda tf: CI(tf).rotate(tf.zeros([2, 2]), [[1.0]])),
    "error/translations_rank": _error(lambda tf: CI(tf).translate(tf.zeros([2, 2]), 1.0)),
    "error/flat_rank": _error(lambda tf: CI(tf).flat_transforms_to_matrices(
        tf.zeros([1, 1, 8]))),
    "error/matrices_rank": _error(lambda tf: CI(tf).matrices_to_flat_transforms(
        tf.zeros([9]))),
}


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
