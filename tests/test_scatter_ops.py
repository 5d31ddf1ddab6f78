"""Scatter ops on variables: NumPy reference over shapes/dtypes, TF 1.14 cases, errors."""
import numpy as np
import pytest

import flowgrad as tf

UFUNC = {"scatter_add": np.add, "scatter_sub": np.subtract, "scatter_mul": np.multiply,
         "scatter_min": np.minimum, "scatter_max": np.maximum}
# (ref shape, indices) — indices with duplicates, 2-D indices, empty indices, size-1 dims.
CASES = [((5,), [0, 3, 3]), ((4, 3), [1, 1, 2, 0]), ((3, 1, 2), [[0, 2], [2, 2]]),
         ((3, 2), np.zeros([0], np.int32)), ((1,), [0, 0, 0]), ((6, 0), [1, 5])]
DTYPES = [np.float32, np.float64, np.int32, np.int64]


def _run(fn, ref0, idx, upd, dtype):
    v = tf.Variable(ref0, name="v")
    out = getattr(tf, fn)(v, tf.constant(np.asarray(idx, np.int32)), tf.constant(upd))
    with tf.Session() as sess:
        sess.run(v.initializer)
        got = sess.run(out)
        return got, sess.run(v)


@pytest.mark.parametrize("fn", sorted(UFUNC) + ["scatter_update"])
@pytest.mark.parametrize("shape,idx", CASES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_scatter_matches_numpy(fn, shape, idx, dtype):
    rng = np.random.RandomState(0)
    ref0 = (rng.randn(*shape) * 4).astype(dtype)
    idx = np.asarray(idx, np.int32)
    upd = (rng.randn(*(idx.shape + shape[1:])) * 4 + 1).astype(dtype)
    want = ref0.copy()
    if fn == "scatter_update":
        want[idx] = upd
    else:
        UFUNC[fn].at(want, idx, upd)
    got, after = _run(fn, ref0, idx, upd, dtype)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(after, want)
    assert got.dtype == dtype


def test_tf_cases():
    base = np.arange(6, dtype=np.float32).reshape(3, 2)
    cases = [  # values from TF 1.14
        ("scatter_add", [0, 0, 2], [[1., 1.], [2., 2.], [3., 3.]],
         [[3., 4.], [2., 3.], [7., 8.]]),
        ("scatter_update", [0, 0], [[1., 1.], [2., 2.]], [[2., 2.], [2., 3.], [4., 5.]]),
        ("scatter_add", [0, 2], 1.0, [[1., 2.], [2., 3.], [5., 6.]]),
        ("scatter_add", [[0, 1], [1, 2]], np.ones((2, 2, 2), np.float32),
         [[1., 2.], [4., 5.], [5., 6.]]),
        ("scatter_mul", [1, 1], [[2., 2.], [3., 3.]], [[0., 1.], [12., 18.], [4., 5.]]),
        ("scatter_div", [1], [[2., 4.]], [[0., 1.], [1., 0.75], [4., 5.]]),
        ("scatter_max", [1, 2], [[9., 0.], [0., 9.]], [[0., 1.], [9., 3.], [4., 9.]]),
        ("scatter_min", [1, 2], [[9., 0.], [0., 9.]], [[0., 1.], [2., 0.], [0., 5.]]),
    ]
    for fn, idx, upd, want in cases:
        tf.reset_default_graph()
        v = tf.Variable(base, name="v")
        op = getattr(tf, fn)(v, idx, upd)
        with tf.Session() as sess:
            sess.run(v.initializer)
            np.testing.assert_array_equal(sess.run(op), want, err_msg=fn)


def test_integer_div_truncates_and_duplicates_apply_in_order():
    v = tf.Variable([-7, 7, 100], name="v")
    op = tf.scatter_div(v, [0, 1, 2, 2], [2, -2, 3, 3])
    with tf.Session() as sess:
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(op), [-3, -3, 11])


def test_scatter_name_dtype_and_float64_updates_converted():
    v = tf.Variable(np.zeros((3, 2), np.float32), name="v")
    op = tf.scatter_add(v, [0], np.ones((1, 2), np.float64))
    assert op.name == "ScatterAdd:0" and op.dtype.base_dtype == tf.float32
    assert op.op.type == "ScatterAdd"


def test_scatter_errors():
    v = tf.Variable(np.zeros((3, 2), np.float32), name="v")
    n = len(tf.get_default_graph().get_operations())
    with pytest.raises(ValueError, match=r"Dimension 0 in both shapes must be equal, but are 3 "
                                         r"and 2. Shapes are \[3,2\] and \[2,2\]. for "
                                         r"'ScatterAdd' \(op: 'ScatterAdd'\)"):
        tf.scatter_add(v, [0, 1], np.ones((3, 2), np.float32))
    with pytest.raises(ValueError, match="Shapes must be equal rank, but are 1 and 2"):
        tf.scatter_add(v, [0, 1], np.ones((2,), np.float32))
    with pytest.raises(TypeError, match="Value passed to parameter 'indices' has DataType "
                                        "float32 not in list of allowed values: int32, int64"):
        tf.scatter_add(v, tf.constant([0.]), np.ones((1, 2), np.float32))
    with pytest.raises(TypeError, match="requires that input 'ref' be a mutable tensor"):
        tf.scatter_add(tf.ones([3, 2]), [0], np.ones((1, 2), np.float32))
    assert not any(o.type.startswith("Scatter")
                   for o in tf.get_default_graph().get_operations()[n:])
    oob = tf.scatter_add(v, [0, 5], np.ones((2, 2), np.float32))
    neg = tf.scatter_sub(v, [-1], np.ones((1, 2), np.float32))
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value v"):
            sess.run(oob)
        sess.run(v.initializer)
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"indices\[1\] = 5 is not in \[0, 3\)"):
            sess.run(oob)
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"indices\[0\] = -1 is not in \[0, 3\)"):
            sess.run(neg)


def test_scatter_not_differentiable():
    v = tf.Variable([1.0, 2.0], name="v")
    x = tf.constant([3.0])
    y = tf.scatter_add(v, [0], x)
    assert tf.gradients(tf.reduce_sum(y), x) == [None]


@pytest.mark.parametrize("ufunc", [np.add, np.subtract, np.maximum])
def test_large_unique_row_updates_shared_with_a_free_thread(ufunc, monkeypatch):
    # an optimizer's slot update after Unique: with a spare intra-op thread the rows are
    # updated in blocks of indices on two threads; the same values as one update
    from flowgrad.engine.framework import threads
    from flowgrad.engine.ops import scatter
    rng = np.random.RandomState(2)
    ref0 = rng.randn(3000, 256).astype(np.float32)
    idx = rng.permutation(3000)[:1500].astype(np.int32)
    upd = rng.randn(1500, 256).astype(np.float32)
    want = ref0.copy()
    want[idx] = ufunc(want[idx], upd)
    counts = []
    run_blocks = threads.run_blocks
    monkeypatch.setattr(threads, "run_blocks", lambda fn, n: (counts.append(n),
                                                               run_blocks(fn, n))[1])
    for spare in (0, 1):
        monkeypatch.setattr(threads, "spare_threads", lambda spare=spare: spare)
        got = ref0.copy()
        scatter._at(ufunc)(got, idx, upd)
        assert got.tobytes() == want.tobytes()
    assert counts == [4]


def test_index_out_of_range_keeps_the_updates_before_it():
    # TF 1.14's CPU scatter functor writes row by row and stops at the first bad index
    # (oracle: ScatterUpdate / ScatterAdd / ScatterMul, repeated indices included)
    with tf.Graph().as_default():
        v = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2))
        i = tf.placeholder(tf.int32, [None])
        ones = tf.ones([tf.size(i), 2])
        want = {"ScatterUpdate": [-1, -1, 2, 3, -1, -1, 6, 7],
                "ScatterAdd": [1, 2, 2, 3, 6, 7, 6, 7],
                "ScatterMul": [0, 2, 2, 3, 16, 20, 6, 7]}
        ops = [tf.scatter_update(v, i, -ones), tf.scatter_add(v, i, ones),
               tf.scatter_mul(v, i, 2.0 * ones)]
        with tf.Session() as s:
            for op in ops:
                s.run(v.initializer)
                with pytest.raises(tf.errors.InvalidArgumentError,
                                   match=r"^indices\[3\] = 4 is not in \[0, 4\)"):
                    s.run(op, {i: [2, 0, 2, 4, 1]})
                np.testing.assert_array_equal(s.run(v).ravel(), want[op.op.type])
                with pytest.raises(tf.errors.InvalidArgumentError):
                    s.run(op, {i: [-1, 0]})
                np.testing.assert_array_equal(s.run(v).ravel(), want[op.op.type])
