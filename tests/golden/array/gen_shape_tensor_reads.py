"""Shape tensors read by TF 1.14's MakeShapeFromShapeTensor (helper pscan3): when the
shape refiner raises "Invalid value in tensor used for shape" (a value below -1), with no
op context, and when it gives a partial shape. ShapeRefiner::ConstantPartialShape reads the
shape tensor by its source op: a Pack's scalars one by one (a negative one is an unknown
dim, never an error, even when the whole Pack is constant: `stack([2, -5])` reshapes to
(2, ?)); a Concat's parts in turn (a Const, arithmetic, an Identity part evaluated whole
and checked; the first part of unknown rank ends the read, later parts unread); a
StridedSlice reads its input (`constant([-5, 2, 4])[1:]` raises); Shape/ShapeN give their
input's dims. Only when that read leaves the rank unknown does the shape function read the
value whole (then the error carries the op's context: `concat([c[...], [4]])`).
Ops: Reshape, Fill (its own "Fill dimensions must be >= 0" on the whole value), zeros,
ones, Tile, BroadcastTo, random ops, Slice's begin and size (SliceHelper's "Out of bounds
slicing ..."), ScatterNd; int32 and int64 shape tensors; a, b placeholders.
"""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _shape_tensors(tf, a, b, dt):
    c = lambda v: tf.constant(v, dt)  # noqa: E731
    p = lambda *xs: tf.stack(list(xs))  # noqa: E731
    cat = lambda *xs: tf.concat(list(xs), 0)  # noqa: E731
    shp = lambda x: tf.shape(x, out_type=dt)  # noqa: E731
    ph = tf.placeholder
    return [
        ("cat_pack_a3_4", lambda: cat(p(a, c(3)), c([4]))),
        ("cat_pack_am1_4", lambda: cat(p(a, c(-1)), c([4]))),
        ("cat_pack_am5_4", lambda: cat(p(a, c(-5)), c([4]))),
        ("cat_pack_a3_m5", lambda: cat(p(a, c(3)), c([-5]))),
        ("cat_pack_a3_m1", lambda: cat(p(a, c(3)), c([-1]))),
        ("cat_pack_2m5_4", lambda: cat(p(c(2), c(-5)), c([4]))),
        ("cat_pack_23_m5", lambda: cat(p(c(2), c(3)), c([-5]))),
        ("cat_pack_2m1_4", lambda: cat(p(c(2), c(-1)), c([4]))),
        ("pack_am5", lambda: p(a, c(-5))),
        ("pack_2m5", lambda: p(c(2), c(-5))),
        ("pack_am1", lambda: p(a, c(-1))),
        ("cat_pack_a3_bvec", lambda: cat(p(a, c(3)), b)),
        ("cat_m5_pack_a", lambda: cat(c([2, -5]), p(a))),
        ("cat_pack_sub_m5_4", lambda: cat(p(a, c(2) - c(7)), c([4]))),
        ("cat_pack_amul_m5", lambda: cat(p(a * 2, c(3)), c([-5]))),
        ("cat_cat_pack_a_m5_4", lambda: cat(cat(p(a), c([-5])), c([4]))),
        ("cat_cat_pack_2_m5_4", lambda: cat(cat(p(c(2)), c([-5])), c([4]))),
        ("cat_cast_pack_am5_4", lambda: cat(tf.cast(p(a, c(-5)), dt), c([4]))),
        ("cat_arith_m5", lambda: cat(p(a, c(3)), c([-2]) * 2 - c([1]))),
        ("cat_pack_am5_arith", lambda: cat(p(a, c(-5)), c([2]) * 2)),
        ("cat_pack_a3_bm5", lambda: cat(p(a, c(3)), b, c([-5]))),
        ("cat_b_pack_am5", lambda: cat(b, p(a, c(-5)))),
        ("cat_pack_a0_4", lambda: cat(p(a, c(0)), c([4]))),
        ("pack_2m5_arith", lambda: p(c(2), c(-5)) * 1),
        ("ss_const_m5_first", lambda: c([-5, 2, 4])[1:]),
        ("ss_const_m5_last", lambda: c([2, 4, -5])[:2]),
        ("cat_ss_const_m5_pack_a", lambda: cat(c([-5, 2, 4])[1:], p(a))),
        ("ss_pack_am5", lambda: p(a, c(-5), c(3))[:2]),
        ("ss_const_m5_unknown_begin", lambda: c([-5, 2, 4])[a:]),
        ("cat_ss_unknown_begin_m5", lambda: cat(c([2, 4])[a:], c([-5]))),
        ("cat_ellipsis_const_m5_4", lambda: cat(c([2, -5])[...], c([4]))),
        ("cat_ellipsis_const_m5_pack_a", lambda: cat(c([2, -5])[...], p(a))),
        ("cat_shape_unknown_rank_m5", lambda: cat(shp(ph(tf.float32)), c([-5]))),
        ("cat_m5_shape_unknown_rank", lambda: cat(c([-5]), shp(ph(tf.float32)))),
        ("cat_shape_known_rank_m5", lambda: cat(shp(ph(tf.float32, [None, 3])), c([-5]))),
        ("cat_unknown_rank_vec_m5", lambda: cat(tf.placeholder(dt), c([-5]))),
        ("cat_m5_unknown_rank_vec", lambda: cat(c([-5]), tf.placeholder(dt))),
        ("cat_pack_a3_identity_m5", lambda: cat(p(a, c(3)), tf.identity(c([-5])))),
        ("cat_shape_n_m5", lambda: cat(tf.shape_n([ph(tf.float32, [None])], out_type=dt)[0],
                                       c([-5]))),
        ("pack_m1_m1", lambda: p(c(-1), c(-1))),
        ("cat_pack_a_m1_m1", lambda: cat(p(a), c([-1, -1]))),
        ("cat_empty_pack_am5", lambda: cat(tf.zeros([0], dt), p(a, c(-5)))),
    ]


def _ops(tf):
    x3 = lambda: tf.placeholder(tf.float32, [None, None, None])  # noqa: E731
    return [
        ("reshape", lambda s: tf.reshape(tf.placeholder(tf.float32), s)),
        ("fill", lambda s: tf.fill(s, 1.0)),
        ("zeros", lambda s: tf.zeros(s)),
        ("ones", lambda s: tf.ones(s)),
        ("tile", lambda s: tf.tile(tf.placeholder(tf.float32, [None, 2, 3]), s)),
        ("broadcast_to", lambda s: tf.broadcast_to(tf.placeholder(tf.float32, []), s)),
        ("random_uniform", lambda s: tf.random_uniform(s)),
        ("random_normal", lambda s: tf.random_normal(s)),
        ("truncated_normal", lambda s: tf.truncated_normal(s)),
        ("random_uniform_int", lambda s: tf.random_uniform(s, maxval=5, dtype=tf.int32)),
        ("slice_begin", lambda s: tf.slice(x3(), s, [1, 1, 1])),
        ("slice_size", lambda s: tf.slice(x3(), [0, 0, 0], s)),
        ("scatter_nd", lambda s: tf.scatter_nd(tf.placeholder(tf.int32, [None, 1]),
                                               tf.placeholder(tf.float32, None), s)),
        ("empty_like_zeros_like", lambda s: tf.zeros_like(tf.fill(s, 1.0))),
    ]


def _order(tf):
    """Which error comes first when the shape function would fail otherwise too: the
    whole read's "Invalid value" is raised where the shape function reads the shape (after
    its rank checks, before its size checks); a read the refiner checks, before both."""
    c = lambda v: tf.constant(v, tf.int32)  # noqa: E731
    ell = lambda: tf.concat([c([2, -5])[...], c([4])], 0)  # noqa: E731
    return [
        ("reshape_known", lambda: tf.reshape(tf.zeros([7]), ell())),
        ("reshape_known_m1", lambda: tf.reshape(tf.zeros([7]), tf.concat([c([2, -1])[...],
                                                                          c([4])], 0))),
        ("reshape_known_const", lambda: tf.reshape(tf.zeros([7]), c([2, -5, 4]))),
        ("reshape_newaxis", lambda: tf.reshape(tf.zeros([7]), tf.concat(
            [c([2, -5])[tf.newaxis][0], c([4])], 0))),
        ("tile_rank", lambda: tf.tile(tf.zeros([2, 3]), ell())),
        ("broadcast_known", lambda: tf.broadcast_to(tf.zeros([3, 5]), ell())),
        ("slice_begin_rank", lambda: tf.slice(tf.zeros([2, 3]), ell(), c([1, 1, 1]))),
        ("slice_size_known", lambda: tf.slice(tf.zeros([2, 3, 4]), c([0, 0, 0]), ell())),
        ("fill_value_rank", lambda: tf.fill(ell(), tf.zeros([2]))),
        ("zeros_like_known", lambda: tf.zeros_like(tf.fill(ell(), 1.0))),
        ("random_uniform_int_maxval", lambda: tf.random_uniform(
            ell(), maxval=tf.zeros([2], tf.int32), dtype=tf.int32)),
    ]


_INT64_OPS = ("reshape", "fill", "broadcast_to", "random_uniform")


def _names(tf):
    return [n for n, _ in _shape_tensors(tf, None, None, tf.int32)]


def cases(tf):
    """{dtype/shape tensor/op: ["ok", static shape] or [error class, message]}."""
    out = {}
    for dt in (tf.int32, tf.int64):
        for sname in _names(tf):
            for oname, ofn in _ops(tf):
                if dt == tf.int64 and oname not in _INT64_OPS:
                    continue
                with tf.Graph().as_default():
                    a = tf.placeholder(dt, [])
                    b = tf.placeholder(dt, [1])
                    make = dict(_shape_tensors(tf, a, b, dt))[sname]
                    try:
                        out["%s/%s/%s" % (dt.name, sname, oname)] = ["ok", _shape(ofn(make()))]
                    except Exception as e:  # noqa: BLE001 - the error is the case's result
                        out["%s/%s/%s" % (dt.name, sname, oname)] = [type(e).__name__, str(e)]
    for name, fn in _order(tf):
        with tf.Graph().as_default():
            try:
                out["order/" + name] = ["ok", _shape(fn())]
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out["order/" + name] = [type(e).__name__, str(e)]
    return out
