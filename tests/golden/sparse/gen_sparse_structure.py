"""TF 1.14 goldens for the SparseTensor restructuring functions: sparse_add (sparse +
sparse, sparse + dense), sparse_concat, sparse_reshape, sparse_slice, sparse_split,
sparse_reduce_max(_sparse), sparse_reduce_sum_sparse, sparse_fill_empty_rows,
sparse_to_indicator, sparse_merge, sparse_maximum/minimum, sparse_softmax,
sparse_reset_shape, tf.sparse.expand_dims/eye: values, gradients where TF has them (first
and second order), TF's errors and messages, the ops created. Output: sparse_structure.json,
read by tests/test_sparse_structure.py, which runs these same case functions with flowgrad.
"""
import numpy as np

_rng = np.random.RandomState(29)
VALS = _rng.randn(5)
IND = [[0, 1], [1, 0], [1, 3], [2, 2], [3, 0]]
SHAPE = [4, 4]
IND3 = [[0, 0, 1], [0, 2, 0], [1, 1, 1], [1, 2, 0], [2, 0, 1], [2, 2, 1]]
VALS3 = _rng.randn(6)

CASES = {}


def _case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def _run(tf, fetches):
    with tf.Session() as s:
        try:
            return s.run(fetches)
        except Exception as e:  # noqa: BLE001 - TF's error is the golden
            return e


def _try(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return e


def _sp(tf, ind=None, vals=None, shape=None, dtype=np.float64):
    return tf.SparseTensor(np.array(IND if ind is None else ind, np.int64),
                           np.asarray(VALS if vals is None else vals, dtype),
                           np.array(SHAPE if shape is None else shape, np.int64))


def _dyn(tf, ind, vals, shape):
    """A SparseTensor of unknown static shape (errors come from the kernels)."""
    ind = np.array(ind, np.int64)
    shape = np.array(shape, np.int64)
    return tf.SparseTensor(tf.placeholder_with_default(ind, [None, None]),
                           tf.constant(np.asarray(vals, np.float64)),
                           tf.placeholder_with_default(shape, [None]))


def _st(sp):
    return {"indices": sp.indices, "values": sp.values, "dense_shape": sp.dense_shape}


def _grads(tf, build, xs_np, second=True):
    """Values and first/second-order gradients of the float outputs of build(*xs)."""
    xs = [tf.constant(v) for v in xs_np]
    ys = build(*xs)
    ys = ys if isinstance(ys, list) else [ys]
    us = [tf.reshape(tf.cos(tf.cast(tf.range(tf.size(y)), tf.float64) + 0.3 * k), tf.shape(y))
          for k, y in enumerate(ys)]
    g1 = tf.gradients(ys, xs, grad_ys=us)
    out = {"y": ys, "g1": [g if g is not None else "none" for g in g1]}
    if second:
        live = [g for g in g1 if g is not None]
        ws = [tf.reshape(tf.sin(tf.cast(tf.range(tf.size(g)), tf.float64) + 0.7), tf.shape(g))
              for g in live]
        g2 = _try(lambda: tf.gradients(live, xs, grad_ys=ws))
        if isinstance(g2, Exception):
            out["g2"] = repr(g2)[:60]
        else:
            out["g2"] = [g if g is not None else "none" for g in g2]
    return _run(tf, out)


# -- sparse_add -------------------------------------------------------------------------------
@_case("add/values")
def _(tf):
    b = _sp(tf, [[0, 1], [0, 2], [1, 3], [3, 3]], [-VALS[0], 2.0, 0.05 - VALS[2], 1.5])
    return _run(tf, [_st(tf.sparse_add(_sp(tf), b)), _st(tf.sparse_add(_sp(tf), b, 0.1)),
                     _st(tf.sparse.add(_sp(tf), b, threshold=0.2))])


@_case("add/grads")
def _(tf):
    return _grads(tf, lambda a, b: tf.sparse_add(
        tf.SparseTensor(IND, a, SHAPE),
        tf.SparseTensor([[0, 1], [0, 2], [3, 0], [3, 3]], b, SHAPE)).values,
        [VALS, _rng.randn(4)])


@_case("add/dense")
def _(tf):
    return _grads(tf, lambda a, d: tf.sparse_add(d, tf.SparseTensor(IND, a, SHAPE)),
                  [VALS, _rng.randn(4, 4)])


@_case("add/err_shapes_static")
def _(tf):
    return _try(lambda: tf.sparse_add(_sp(tf), _sp(tf, [[0, 1]], [1.0], [4, 5])))


@_case("add/err_shapes")
def _(tf):
    return _run(tf, _st(tf.sparse_add(_dyn(tf, IND, VALS, SHAPE), _sp(tf, [[0, 1]], [1.0],
                                                                      [4, 5]))))


@_case("add/err_ranks")
def _(tf):
    return _run(tf, _st(tf.sparse_add(_dyn(tf, IND, VALS, SHAPE), _dyn(tf, [[0, 1, 0]], [1.0],
                                                                       [4, 4, 1]))))


@_case("add/err_dense_only")
def _(tf):
    return _try(lambda: tf.sparse_add(tf.ones([2]), tf.ones([2])))


@_case("add/thresh_keyword")
def _(tf):
    b = _sp(tf, [[0, 1]], [-VALS[0] + 0.01])
    return _run(tf, _st(tf.sparse_add(_sp(tf), b, thresh=0.5)))


# -- sparse_concat ----------------------------------------------------------------------------
@_case("concat/axis1")
def _(tf):
    b = _sp(tf, [[0, 0], [2, 1], [3, 2]], [1.0, 2.0, 3.0], [4, 3])
    out = tf.sparse_concat(1, [_sp(tf), b])
    return {"v": _run(tf, _st(out)), "shape": str(out.dense_shape.shape),
            "ops": [o.type for o in tf.get_default_graph().get_operations()]}


@_case("concat/axis0_three")
def _(tf):
    b = _sp(tf, [[0, 0], [1, 3]], [1.0, 2.0], [2, 4])
    return _run(tf, _st(tf.sparse_concat(0, [_sp(tf), b, _sp(tf)])))


@_case("concat/neg_axis_3d")
def _(tf):
    a = _sp(tf, IND3, VALS3, [3, 3, 2])
    return _run(tf, _st(tf.sparse_concat(-1, [a, a])))


@_case("concat/expand")
def _(tf):
    b = _sp(tf, [[0, 0], [5, 1]], [1.0, 2.0], [6, 2])
    return _run(tf, _st(tf.sparse_concat(1, [_sp(tf), b], expand_nonconcat_dim=True)))


@_case("concat/single")
def _(tf):
    return _run(tf, _st(tf.sparse_concat(0, [_sp(tf)])))


@_case("concat/err_shapes")
def _(tf):
    return _run(tf, _st(tf.sparse_concat(0, [_sp(tf), _sp(tf, [[0, 0]], [1.0], [2, 3])])))


@_case("concat/err_rank")
def _(tf):
    return _try(lambda: tf.sparse_concat(0, [_sp(tf), _sp(tf, IND3, VALS3, [3, 3, 2])]))


@_case("concat/not_differentiable")
def _(tf):
    v = tf.constant(VALS)
    out = tf.sparse_concat(1, [tf.SparseTensor(IND, v, SHAPE), tf.SparseTensor(IND, v, SHAPE)])
    return [g is None for g in tf.gradients(out.values, [v])]


# -- sparse_reshape ---------------------------------------------------------------------------
@_case("reshape/values")
def _(tf):
    a = _sp(tf, IND3, VALS3, [3, 3, 2])
    r1 = tf.sparse_reshape(a, [9, 2])
    r2 = tf.sparse_reshape(a, [-1, 3])
    r3 = tf.sparse.reshape(_sp(tf), [16])
    return {"v": _run(tf, [_st(r1), _st(r2), _st(r3)]),
            "shapes": [str(r.dense_shape.shape) for r in (r1, r2, r3)]}


@_case("reshape/grads")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_reshape(tf.SparseTensor(IND, v, SHAPE), [2, 8]).values,
                  [VALS])


@_case("reshape/err_static_size")
def _(tf):
    return _try(lambda: tf.sparse_reshape(_sp(tf), [3, 5]))


@_case("reshape/err_static_two_implied")
def _(tf):
    return _try(lambda: tf.sparse_reshape(_sp(tf), [-1, -1]))


@_case("reshape/err_size")
def _(tf):
    return _run(tf, _st(tf.sparse_reshape(_dyn(tf, IND, VALS, SHAPE), [3, 5])))


@_case("reshape/err_multiple")
def _(tf):
    return _run(tf, _st(tf.sparse_reshape(_dyn(tf, IND, VALS, SHAPE), [-1, 3])))


@_case("reshape/err_two_implied")
def _(tf):
    return _run(tf, _st(tf.sparse_reshape(_dyn(tf, IND, VALS, SHAPE), [-1, 2, -1])))


# -- sparse_slice -----------------------------------------------------------------------------
@_case("slice/values")
def _(tf):
    return _run(tf, [_st(tf.sparse_slice(_sp(tf), [1, 0], [2, 4])),
                     _st(tf.sparse_slice(_sp(tf), [1, 1], [5, 5])),
                     _st(tf.sparse.slice(_sp(tf, IND3, VALS3, [3, 3, 2]), [0, 1, 1], [2, 2, 1]))])


@_case("slice/grads")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_slice(tf.SparseTensor(IND, v, SHAPE), [1, 0],
                                                [2, 4]).values, [VALS])


@_case("slice/err_start_length")
def _(tf):
    return _run(tf, _st(tf.sparse_slice(_sp(tf), [1, 0, 0], [2, 4])))


# -- sparse_split -----------------------------------------------------------------------------
@_case("split/values")
def _(tf):
    out = tf.sparse_split(sp_input=_sp(tf, IND3, VALS3, [3, 3, 2]), num_split=2, axis=1)
    out2 = tf.sparse.split(sp_input=_sp(tf), num_split=3, axis=0)
    return _run(tf, [_st(s) for s in out + out2])


@_case("split/err_num")
def _(tf):
    return _run(tf, [_st(s) for s in tf.sparse_split(sp_input=_sp(tf), num_split=5, axis=1)])


@_case("split/err_axis")
def _(tf):
    return _run(tf, [_st(s) for s in tf.sparse_split(sp_input=_sp(tf), num_split=1, axis=2)])


@_case("split/err_neg_axis")
def _(tf):
    return _run(tf, [_st(s) for s in tf.sparse_split(sp_input=_sp(tf), num_split=1, axis=-1)])


@_case("split/err_positional")
def _(tf):
    return _try(lambda: tf.sparse_split(_sp(tf), 2, 1))


@_case("split/err_missing")
def _(tf):
    return _try(lambda: tf.sparse_split(sp_input=_sp(tf), axis=1))


@_case("split/no_gradient")
def _(tf):
    v = tf.constant(VALS)
    out = tf.sparse_split(sp_input=tf.SparseTensor(IND, v, SHAPE), num_split=2, axis=1)
    return _try(lambda: tf.gradients(out[0].values, v))


# -- reductions -------------------------------------------------------------------------------
@_case("reduce_max/values")
def _(tf):
    a = _sp(tf, [[0, 1], [1, 0], [1, 3], [3, 0]], -np.abs(VALS[:4]), [5, 4])
    b = _sp(tf, IND3, VALS3, [3, 3, 2])
    return _run(tf, [tf.sparse_reduce_max(a), tf.sparse_reduce_max(a, 1),
                     tf.sparse_reduce_max(a, 0, keepdims=True),
                     tf.sparse_reduce_max(b, [0, 2]), tf.sparse.reduce_max(b, -1)])


@_case("reduce_max/int")
def _(tf):
    a = tf.SparseTensor([[0, 1], [1, 0], [1, 3]], [-3, -1, -2], [3, 4])
    return _run(tf, [tf.sparse_reduce_max(a, 1), tf.sparse_reduce_max(a, reduction_axes=0)])


@_case("reduce_max/shapes")
def _(tf):
    a = _sp(tf)
    return [str(tf.sparse_reduce_max(a, 1).shape), str(tf.sparse_reduce_max(a).shape),
            str(tf.sparse_reduce_max(a, 1, keepdims=True).shape)]


@_case("reduce_max/err_axis")
def _(tf):
    return _run(tf, tf.sparse_reduce_max(_dyn(tf, IND, VALS, SHAPE), 2))


@_case("reduce_max/no_gradient")
def _(tf):
    v = tf.constant(VALS)
    return _try(lambda: tf.gradients(tf.sparse_reduce_max(tf.SparseTensor(IND, v, SHAPE)), v))


@_case("reduce_sparse/values")
def _(tf):
    b = _sp(tf, IND3, VALS3, [3, 3, 2])
    return _run(tf, [_st(tf.sparse_reduce_sum_sparse(b, 1)),
                     _st(tf.sparse_reduce_sum_sparse(b, [0, 2], keepdims=True)),
                     _st(tf.sparse_reduce_max_sparse(b, 2)),
                     _st(tf.sparse.reduce_max_sparse(_sp(tf), 0)),
                     _st(tf.sparse.reduce_sum_sparse(_sp(tf)))])


@_case("reduce_sparse/sum_order")
def _(tf):
    # float32 groups of 9..21 entries (whole AVX packets and a tail), values of mixed
    # magnitudes: TF adds each group as Eigen's v.sum(), after reordering by the kept then
    # the reduced dims (so an unordered input sums as a canonical one); bits as int32
    rng = np.random.RandomState(31)
    ind = np.array([(i, j) for i in range(21) for j in range(9) if (i * 7 + j * 3) % 5],
                   np.int64)
    v = (rng.randn(len(ind)) * 10.0 ** rng.randint(-3, 4, len(ind))).astype(np.float32)
    sp = tf.SparseTensor(ind, v, [21, 9])
    rev = tf.SparseTensor(ind[::-1].copy(), v[::-1].copy(), [21, 9])
    got = _run(tf, [tf.sparse.reduce_sum_sparse(sp, 0).values,
                    tf.sparse.reduce_sum_sparse(sp, 1).values,
                    tf.sparse.reduce_sum_sparse(sp).values,
                    tf.sparse.reduce_sum_sparse(rev, 0, keepdims=True).values,
                    tf.sparse.reduce_sum_sparse(tf.sparse.reshape(sp, [7, 3, 9]), [0, 2]).values,
                    tf.sparse.reduce_sum(sp, 0)])
    return [np.asarray(g).view(np.int32) for g in got]


@_case("reduce_sparse/no_gradient")
def _(tf):
    v = tf.constant(VALS)
    return _try(lambda: tf.gradients(
        tf.sparse_reduce_sum_sparse(tf.SparseTensor(IND, v, SHAPE), 1).values, v))


# -- sparse_fill_empty_rows -------------------------------------------------------------------
_FILL_IND = [[1, 1], [3, 2], [3, 0], [5, 1]]


@_case("fill/values")
def _(tf):
    sp, empty = tf.sparse_fill_empty_rows(_sp(tf, _FILL_IND, VALS[:4], [7, 3]), -1.0)
    sp2, empty2 = tf.sparse.fill_empty_rows(_sp(tf, np.zeros((0, 2), np.int64), np.zeros(0), [2, 3]), 4.0)
    return _run(tf, [_st(sp), empty, _st(sp2), empty2])


@_case("fill/grads")
def _(tf):
    return _grads(tf, lambda v, d: tf.sparse_fill_empty_rows(
        tf.SparseTensor(_FILL_IND, v, [7, 3]), d)[0].values, [VALS[:4], np.float64(2.5)])


@_case("fill/static_shapes")
def _(tf):
    # the empty-row indicator's length is the dense shape's first dim where TF's shape
    # refiner knows it (a constant, a Shape of a known dim), else unknown
    i = tf.placeholder(tf.int64, [None, 2])
    v = tf.placeholder(tf.float32, [None])
    x = tf.placeholder(tf.float32, [3, None])
    out = []
    for shape in ([4, 5], tf.shape(x, out_type=tf.int64), tf.placeholder(tf.int64, [2]),
                  tf.placeholder(tf.int64, [None])):
        sp, empty = tf.sparse.fill_empty_rows(tf.SparseTensor(i, v, shape), 0.0)
        out.append([str(sp.indices.shape), str(sp.values.shape), str(empty.shape)])
    return out


@_case("sparse_tensor/mismatched_dims")
def _(tf):
    # the constructor merges index rows with values and index columns with dense dims
    out = []
    for args in [([[0, 0]], [1.0, 2.0], [2, 2]), ([[0, 0, 0]], [1.0], [2, 2]),
                 ([[0, 0]], [1.0], [2, 2, 2])]:
        try:
            tf.SparseTensor(*args)
            out.append("ok")
        except ValueError as e:
            out.append(str(e))
    return out


@_case("fill/err_index")
def _(tf):
    return _run(tf, tf.sparse_fill_empty_rows(_sp(tf, [[0, 1], [9, 2]], [1.0, 2.0], [7, 3]),
                                              -1.0)[1])


# -- merge / indicator ------------------------------------------------------------------------
@_case("indicator")
def _(tf):
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [2, 1]], [3, 1, 0, 3], [4, 2])
    ids64 = tf.SparseTensor([[0, 0], [1, 2]], np.array([2, 4], np.int64), [2, 3])
    return _run(tf, [tf.sparse_to_indicator(ids, 5), tf.sparse.to_indicator(ids64, 6)])


@_case("merge")
def _(tf):
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], [3, 1, 0], [3, 2])
    vals = _sp(tf, [[0, 0], [0, 1], [2, 0]], [0.5, 0.25, 2.0], [3, 2])
    ids2 = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], [1, 0, 2], [3, 2])
    return _run(tf, [_st(tf.sparse_merge(ids, vals, 4)),
                     _st(tf.sparse_merge([ids, ids2], vals, [4, 3])),
                     _st(tf.sparse.merge(ids, vals, 4, already_sorted=True))])


@_case("merge/err_vocab")
def _(tf):
    ids = tf.SparseTensor([[0, 0]], [3], [3, 2])
    return [_try(lambda: tf.sparse_merge(ids, ids, 4.0)),
            _try(lambda: tf.sparse_merge([ids], ids, [4, 5]))]


# -- minimum / maximum ------------------------------------------------------------------------
@_case("minmax/values")
def _(tf):
    b = _sp(tf, [[0, 1], [0, 2], [2, 2], [3, 3]], [-1.0, 5.0, -2.9, 0.5])
    return _run(tf, [_st(tf.sparse_maximum(_sp(tf), b)), _st(tf.sparse_minimum(_sp(tf), b)),
                     _st(tf.sparse.maximum(b, _sp(tf)))])


@_case("minmax/err_shapes")
def _(tf):
    return _run(tf, _st(tf.sparse_minimum(_sp(tf), _sp(tf, [[0, 1]], [1.0], [4, 5]))))


@_case("minmax/gradient_error")
def _(tf):
    v = tf.constant(VALS)
    a = tf.SparseTensor(IND, v, SHAPE)
    return [_try(lambda: tf.gradients(tf.sparse_minimum(a, a).values, v)),
            _try(lambda: tf.gradients(tf.sparse_maximum(a, a).values, v))]


# -- softmax ----------------------------------------------------------------------------------
_SM_IND = [[0, 1], [0, 2], [1, 0], [2, 0], [2, 1], [2, 3]]


@_case("softmax/values")
def _(tf):
    return _run(tf, [_st(tf.sparse_softmax(_sp(tf, _SM_IND, _rng.randn(6), [3, 4]))),
                     _st(tf.sparse.softmax(_sp(tf, IND3, VALS3, [3, 3, 2])))])


@_case("softmax/grads")
def _(tf):
    return _grads(tf, lambda v: tf.sparse_softmax(tf.SparseTensor(_SM_IND, v, [3, 4])).values,
                  [VALS3], second=False)


@_case("softmax/second_order_error")
def _(tf):
    v = tf.constant(VALS3)
    y = tf.sparse_softmax(tf.SparseTensor(_SM_IND, v, [3, 4])).values
    g = tf.gradients(y, v, grad_ys=tf.constant(np.arange(6.0)))[0]
    return _try(lambda: tf.gradients(g, v))


@_case("softmax/err_rank")
def _(tf):
    return _run(tf, tf.sparse_softmax(_dyn(tf, [[0], [2]], [1.0, 2.0], [3])).values)


# -- reset_shape / expand_dims / eye ----------------------------------------------------------
@_case("reset_shape")
def _(tf):
    return _run(tf, [_st(tf.sparse_reset_shape(_sp(tf))),
                     _st(tf.sparse_reset_shape(_sp(tf), [5, 6])),
                     _st(tf.sparse.reset_shape(_sp(tf, [[0, 0], [1, 2]], [1.0, 2.0], [7, 7])))])


@_case("reset_shape/err_smaller")
def _(tf):
    return _try(lambda: tf.sparse_reset_shape(_sp(tf), [3, 6]))


@_case("reset_shape/dynamic")
def _(tf):
    # shapes unknown at graph-build time: TF checks rank and size when run (two asserts)
    sp = _dyn(tf, IND, VALS, SHAPE)
    new = tf.placeholder_with_default(np.array([6, 4], np.int64), [None])
    r = tf.sparse_reset_shape(sp, new)
    r32 = tf.sparse.reset_shape(_sp(tf), tf.placeholder_with_default([4, 9], [2]))
    # (the control inputs of the two with_dependencies only: flowgrad's NoOp in a cond's
    # branch lacks TF's control input on the branch's pivot)
    ops = [(o.type, o.name, [i.name for i in o.control_inputs]
            if o.name.startswith("control_dependency") else [])
           for o in tf.get_default_graph().get_operations()]
    return {"ops": ops, "v": _run(tf, [_st(r), _st(r32)]),
            "smaller": _run(tf, tf.sparse_reset_shape(sp, tf.placeholder_with_default(
                np.array([4, 3], np.int64), [None])).dense_shape),
            "rank": _run(tf, tf.sparse_reset_shape(sp, tf.placeholder_with_default(
                np.array([4, 4, 1], np.int64), [None])).dense_shape)}


@_case("expand_dims")
def _(tf):
    return _run(tf, [_st(tf.sparse.expand_dims(_sp(tf), 1)),
                     _st(tf.sparse.expand_dims(_sp(tf))),
                     _st(tf.sparse.expand_dims(_sp(tf), -3))])


@_case("eye")
def _(tf):
    return _run(tf, [_st(tf.sparse.eye(3)), _st(tf.sparse.eye(2, 4, dtype=tf.int32))])


@_case("mask")
def _(tf):
    a = tf.IndexedSlices(tf.constant(np.arange(12.0).reshape(4, 3)),
                         tf.constant([12, 26, 37, 45]), tf.constant([50, 3]))
    m = tf.sparse_mask(a, [12, 45])
    b = tf.IndexedSlices(tf.constant(np.arange(12.0).reshape(4, 3)), tf.constant([1, 2, 3, 4]))
    m2 = tf.sparse.mask(b, tf.constant([3]))
    return {"ops": [(o.type, o.name) for o in tf.get_default_graph().get_operations()],
            "v": _run(tf, [m.values, m.indices, m.dense_shape, m2.values, m2.indices]),
            "none_shape": m2.dense_shape is None}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
