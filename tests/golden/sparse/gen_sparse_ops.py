"""TF 1.14 goldens for the SparseTensor functions (tf.sparse_tensor_to_dense,
tf.sparse_to_dense, tf.sparse_reorder, tf.sparse_reduce_sum,
tf.sparse_tensor_dense_matmul): values, first- and second-order gradients, TF's errors
and messages, and the ops each call creates. Output: sparse_ops.json, read by
tests/test_sparse_ops.py, which runs these same case functions with flowgrad
(CASES: name -> function(tf) -> value).
"""
import numpy as np

_rng = np.random.RandomState(13)
VALS = _rng.randn(4)
DENSE = _rng.randn(5, 3)
IND = [[0, 1], [1, 3], [2, 0], [3, 4]]
UNSORTED = [[3, 4], [0, 1], [2, 0], [1, 3]]


def _err(e):
    return e


def _run(tf, fetches):
    with tf.Session() as s:
        try:
            return s.run(fetches)
        except Exception as e:  # noqa: BLE001 - TF's error is the golden
            return _err(e)


def _build(tf, fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return _err(e)


def _ops(tf):
    return [(op.type, op.name) for op in tf.get_default_graph().get_operations()]


def _grads(tf, build, shapes):
    """Outputs, gradients and second-order gradients of build(*xs) w.r.t. its inputs."""
    xs = [tf.constant(v) for v in shapes]
    y = build(*xs)
    u = tf.constant(np.linspace(-1.0, 1.5, int(np.prod(y.shape.as_list()))).reshape(
        y.shape.as_list()))
    g1 = tf.gradients(y, xs, grad_ys=u)
    live = [g for g in g1 if g is not None]
    w = [tf.constant(np.cos(np.arange(int(np.prod(g.shape.as_list()))))
                     .reshape(g.shape.as_list())) for g in live]
    g2 = tf.gradients(live, xs, grad_ys=w)
    out = _run(tf, {"y": y, "g1": [g for g in g1 if g is not None],
                    "g2": [g for g in g2 if g is not None]})
    if isinstance(out, dict):
        out["g1_none"] = [g is None for g in g1]
        out["g2_none"] = [g is None for g in g2]
    return out


def _sp(tf, vals, shape, ind=None):
    return tf.SparseTensor(IND if ind is None else ind, vals, shape)


CASES = {}


def _case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


# -- values --------------------------------------------------------------------------------
@_case("to_dense/value")
def _(tf):
    d = tf.sparse_tensor_to_dense(_sp(tf, VALS, [4, 5]), default_value=-1.5)
    return {"v": _run(tf, d), "shape": str(d.shape), "ops": _ops(tf)}


@_case("to_dense/int_unknown_shape")
def _(tf):
    shape = tf.placeholder_with_default(np.array([4, 6], np.int64), [2])
    d = tf.sparse.to_dense(tf.SparseTensor(IND, [1, 2, 3, 4], shape))
    return {"v": _run(tf, d), "shape": str(d.shape)}


@_case("to_dense/out_of_order")
def _(tf):
    return _run(tf, tf.sparse_tensor_to_dense(_sp(tf, VALS, [4, 5], UNSORTED)))


@_case("to_dense/out_of_order_unvalidated")
def _(tf):
    return _run(tf, tf.sparse_tensor_to_dense(_sp(tf, VALS, [4, 5], UNSORTED),
                                              validate_indices=False))


@_case("to_dense/repeated")
def _(tf):
    return _run(tf, tf.sparse_tensor_to_dense(
        _sp(tf, [1., 2.], [4, 5], [[1, 1], [1, 1]])))


@_case("to_dense/out_of_bounds")
def _(tf):
    return _run(tf, tf.sparse_tensor_to_dense(
        _sp(tf, [1., 2.], [4, 5], [[1, 1], [1, 5]])))


@_case("to_dense/not_sparse")
def _(tf):
    return _build(tf, lambda: tf.sparse_tensor_to_dense(tf.constant([1.0])))


@_case("to_dense/value_input")
def _(tf):
    v = tf.SparseTensorValue(np.array(IND, np.int64), VALS, np.array([4, 5], np.int64))
    return _run(tf, tf.sparse_tensor_to_dense(v))


@_case("sparse_to_dense/vector")
def _(tf):
    d = tf.sparse_to_dense([0, 2, 5], [7], [1.0, 2.0, 3.0], default_value=0.5)
    return {"v": _run(tf, d), "ops": _ops(tf)}


@_case("sparse_to_dense/scalar_value")
def _(tf):
    return _run(tf, tf.sparse_to_dense([[0, 1], [2, 2]], [3, 3], 4))


@_case("sparse_to_dense/scalar_index")
def _(tf):
    return _run(tf, tf.sparse_to_dense(2, [4], 9.0))


@_case("sparse_to_dense/bad_values")
def _(tf):
    return _run(tf, tf.sparse_to_dense([0, 2], [4], [1.0, 2.0, 3.0]))


@_case("reorder/value")
def _(tf):
    r = tf.sparse_reorder(_sp(tf, VALS, [4, 5], UNSORTED))
    out = _run(tf, r)
    return {"indices": out.indices, "values": out.values, "dense_shape": out.dense_shape,
            "ops": _ops(tf), "shapes": [str(r.indices.shape), str(r.values.shape)]}


@_case("reorder/grad")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_reorder(_sp(tf, v, [4, 5], UNSORTED)).values,
                  [VALS])


@_case("reduce_sum/all")
def _(tf):
    r = tf.sparse_reduce_sum(_sp(tf, VALS, [4, 5]))
    return {"v": _run(tf, r), "ops": _ops(tf), "shape": str(r.shape)}


@_case("reduce_sum/axes")
def _(tf):
    sp = _sp(tf, VALS, [4, 5])
    ts = [tf.sparse_reduce_sum(sp, 0), tf.sparse_reduce_sum(sp, axis=1, keepdims=True),
          tf.sparse_reduce_sum(sp, [-1, 0]), tf.sparse_reduce_sum(sp, reduction_axes=1),
          tf.sparse.reduce_sum(sp, 1, keep_dims=True)]
    return {"v": _run(tf, ts), "shapes": [str(t.shape) for t in ts]}


@_case("reduce_sum/duplicates")
def _(tf):
    return _run(tf, tf.sparse_reduce_sum(
        _sp(tf, [1., 2., 3.], [2, 2], [[1, 1], [0, 0], [1, 1]]), 1))


@_case("reduce_sum/bad_axis")
def _(tf):
    return _run(tf, tf.sparse_reduce_sum(_sp(tf, VALS, [4, 5]), 2))


@_case("reduce_sum/grad_axis1")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_reduce_sum(_sp(tf, v, [4, 5]), 1), [VALS])


@_case("reduce_sum/grad_keepdims0")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_reduce_sum(_sp(tf, v, [4, 5]), 0, keepdims=True),
                  [VALS])


@_case("to_dense/grad")
def _(tf):
    return _grads(tf, lambda v, d: tf.sparse_to_dense(
        [[0, 1], [1, 3], [2, 0], [3, 4]], [4, 5], v, d), [VALS, np.float64(0.25)])


for _aa in (False, True):
    for _ab in (False, True):
        def _mm(tf, aa=_aa, ab=_ab):
            shape = [5, 4] if aa else [4, 5]
            ind = [[i[1], i[0]] for i in IND] if aa else IND
            b = DENSE.T if ab else DENSE
            return _grads(tf, lambda v, bb: tf.sparse_tensor_dense_matmul(
                tf.SparseTensor(ind, v, shape), bb, adjoint_a=aa, adjoint_b=ab), [VALS, b])
        CASES["matmul/grad_a%d_b%d" % (_aa, _ab)] = _mm


@_case("matmul/ops")
def _(tf):
    m = tf.sparse_tensor_dense_matmul(_sp(tf, VALS, [4, 5]), DENSE)
    return {"ops": _ops(tf), "shape": str(m.shape)}


@_case("matmul/shape_mismatch")
def _(tf):
    return _build(tf, lambda: tf.sparse_tensor_dense_matmul(_sp(tf, VALS, [4, 5]),
                                                            DENSE[:4]))


@_case("matmul/index_out_of_bounds")
def _(tf):
    return _run(tf, tf.sparse_tensor_dense_matmul(
        tf.SparseTensor([[0, 0], [4, 1]], VALS[:2], [4, 5]), DENSE))


@_case("matmul/col_out_of_bounds")
def _(tf):
    return _run(tf, tf.sparse_tensor_dense_matmul(
        tf.SparseTensor([[0, 0], [1, 7]], VALS[:2], [4, 5]), DENSE))


@_case("matmul/unknown_shape")
def _(tf):
    shape = tf.placeholder_with_default(np.array([4, 5], np.int64), [2])
    m = tf.sparse_tensor_dense_matmul(tf.SparseTensor(IND, VALS, shape), DENSE)
    return {"v": _run(tf, m), "shape": str(m.shape)}


@_case("cwise/operators")
def _(tf):
    sp = _sp(tf, VALS, [4, 5])
    d = tf.constant(DENSE[:4, :1] + 2.0)
    ts = [sp * d, sp / d, sp * 2.0, sp / DENSE[0, 0],
          tf.SparseTensor(IND, [3, 4, -5, 6], [4, 5]) / tf.constant(2)]
    vals = _run(tf, [t.values for t in ts])
    return {"v": vals, "ops": _ops(tf), "types": [type(t).__name__ for t in ts]}


@_case("cwise/grads_mul")
def _(tf):
    return _grads(tf, lambda v, d: (_sp(tf, v, [4, 5]) * d).values, [VALS, DENSE[:4, :1]])


@_case("cwise/grads_div_rank1")
def _(tf):
    return _grads(tf, lambda v, d: (_sp(tf, v, [4, 5]) / d).values,
                  [VALS, np.linspace(1, 2, 5)])


@_case("cwise/bad_broadcast")
def _(tf):
    return _run(tf, (_sp(tf, VALS, [4, 5]) * tf.ones([3, 5], tf.float64)).values)


@_case("placeholder/feeds")
def _(tf):
    sp = tf.sparse_placeholder(tf.float64)
    sp3 = tf.sparse.placeholder(tf.int32, shape=[None, 5], name="sp3")
    sp4 = tf.sparse_placeholder(tf.float32, shape=tf.constant([2, 3], tf.int64))
    d = tf.sparse_tensor_to_dense(sp)
    r = tf.sparse_reduce_sum(sp3, 1)
    ops = [(o.type, o.name, [str(t.shape) for t in o.outputs])
           for o in tf.get_default_graph().get_operations()]
    with tf.Session() as s:
        v = tf.SparseTensorValue([[0, 1], [1, 0]], [1.5, 2.5], [2, 3])
        out = [s.run(d, {sp: v}), s.run(d, {sp: ([[0, 0]], [7.0], [1, 2])}),
               s.run(r, {sp3: ([[0, 4], [1, 2]], [3, 4], [2, 5])})]
        fetched = s.run(sp, {sp: v})
        out.append([type(fetched).__name__, list(fetched)])
    return {"out": out, "ops": ops,
            "shapes": [str(sp.shape), str(sp3.shape), str(sp4.shape)]}


@_case("segment/values_and_errors")
def _(tf):
    d = tf.constant(DENSE[:4])
    out = [_run(tf, tf.sparse_segment_sum(d, [0, 2, 3], [0, 0, 2])),
           _run(tf, tf.sparse_segment_mean(d, [0, 2, 3], [0, 0, 2])),
           _run(tf, tf.sparse_segment_sqrt_n(d, [0, 2, 3], [0, 0, 2])),
           _run(tf, tf.sparse_segment_sum(d, [0, 2, 3], [1, 0, 2])),
           _run(tf, tf.sparse_segment_sum(d, [0, 7, 3], [0, 0, 2])),
           _build(tf, lambda: tf.sparse_segment_sum(d, [0, 2], [0, 0, 2]))]
    return {"out": out, "ops": _ops(tf)}


def _emb(tf, combiner, weighted, max_norm=None):
    params = tf.constant(DENSE)
    ind = [[0, 0], [0, 1], [1, 0], [3, 0], [3, 2]]
    ids = tf.SparseTensor(ind, tf.constant([1, 3, 1, 4, 1], tf.int64), [4, 3])
    w = tf.SparseTensor(ind, tf.constant([1., 2., .5, -1., 3.], tf.float64), [4, 3]) \
        if weighted else None
    y = tf.nn.embedding_lookup_sparse(params, ids, w, combiner=combiner, max_norm=max_norm)
    ops = _ops(tf)
    g = tf.gradients(y, params, grad_ys=tf.constant(np.cos(np.arange(12.)).reshape(4, 3)))[0]
    out = _run(tf, {"y": y, "g": tf.convert_to_tensor(g)})
    out["ops"] = ops
    out["shape"] = str(y.shape)
    return out


for _c in ("sum", "mean", "sqrtn"):
    for _w in (False, True):
        CASES["embedding_lookup_sparse/%s_%s" % (_c, "weighted" if _w else "unweighted")] = \
            lambda tf, c=_c, w=_w: _emb(tf, c, w)
CASES["embedding_lookup_sparse/max_norm"] = lambda tf: _emb(tf, "mean", True, 1.5)
CASES["embedding_lookup_sparse/bad_combiner"] = lambda tf: _build(tf, lambda: _emb(
    tf, "max", False))
CASES["embedding_lookup_sparse/not_sparse"] = lambda tf: _build(
    tf, lambda: tf.nn.embedding_lookup_sparse(tf.constant(DENSE), tf.constant([1]), None))


def _ctc_inputs():
    rng = np.random.RandomState(3)
    x = rng.randn(5, 3, 4).astype(np.float32)
    x[1, 0] = x[0, 0]
    x[2, 0, 3] = 9
    return x


@_case("ctc_greedy_decoder/values")
def _(tf):
    x = _ctc_inputs()
    dec, lp = tf.nn.ctc_greedy_decoder(tf.constant(x), [5, 3, 0])
    dec2, lp2 = tf.nn.ctc_greedy_decoder(tf.constant(x), tf.constant([5, 3, 0]),
                                         merge_repeated=False)
    out = _run(tf, [dec[0], lp, dec2[0], lp2])
    return {"out": [list(out[0]), out[1], list(out[2]), out[3]], "ops": _ops(tf),
            "shapes": [str(dec[0].indices.shape), str(dec[0].values.shape),
                       str(dec[0].dense_shape.shape), str(lp.shape)]}


@_case("ctc_greedy_decoder/errors")
def _(tf):
    x = tf.constant(_ctc_inputs())
    return [_run(tf, tf.nn.ctc_greedy_decoder(x, [5, 6, 1])[1]),
            _build(tf, lambda: tf.nn.ctc_greedy_decoder(x, [5, 3])),
            _build(tf, lambda: tf.nn.ctc_greedy_decoder(tf.cast(x, tf.float64), [5, 3, 0]))]


@_case("cast_sparse")
def _(tf):
    """tf.cast of a SparseTensor casts its values (a SparseTensor back; the decoder's int64
    ids cast for tf.edit_distance), of the same dtype the values themselves."""
    sp = _sp(tf, VALS, [4, 5])
    ts = [tf.cast(sp, tf.int32), tf.cast(sp, tf.float64, name="same"),
          tf.dtypes.cast(tf.cast(sp, tf.float32), tf.float16)]
    ops = _ops(tf)
    out = _run(tf, ts)
    return {"out": [list(v) for v in out], "ops": ops,
            "types": [(type(t).__name__, t.dtype.name, str(t.shape)) for t in ts]}


@_case("retain_transpose")
def _(tf):
    sp = _sp(tf, VALS, [4, 5])
    sp3 = tf.SparseTensor([[0, 1, 2], [1, 0, 1], [1, 2, 0]], [1., 2., 3.], [2, 3, 4])
    ts = [tf.sparse_retain(sp, [True, False, True, True]), tf.sparse_transpose(sp),
          tf.sparse_transpose(sp3, [2, 0, 1]), tf.sparse.transpose(sp3),
          tf.sparse.retain(sp3, tf.constant([False, True, True]))]
    ops = _ops(tf)
    out = _run(tf, ts)
    return {"out": [list(v) for v in out], "ops": ops,
            "shapes": [str(t.shape) for t in ts]}


@_case("transpose_grad")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_transpose(_sp(tf, v, [4, 5])).values, [VALS])


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
