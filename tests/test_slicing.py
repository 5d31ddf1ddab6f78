"""Tensor.__getitem__ / tf.strided_slice against NumPy indexing, gradients, and TF goldens."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from optest import check_grads, sample

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "array"))
import golden_check as gc  # noqa: E402

E = Ellipsis
N = None  # tf.newaxis

# (shape, index) pairs: ints, negative ints, slices with negative steps and out-of-range
# bounds, ellipsis, newaxis, shrink combined with everything, empty results.
INDEXES = [
    ((5,), 0), ((5,), -1), ((5,), slice(1, 4)), ((5,), slice(None, None, -1)),
    ((5,), slice(-2, None)), ((5,), slice(10, None)), ((5,), slice(-10, 2)),
    ((5,), slice(4, 0, -2)), ((5,), slice(None, None, 3)), ((5,), slice(3, 1)),
    ((5,), slice(None, -7, -1)), ((5,), N), ((5,), E), ((5,), (E, N)), ((5,), (N, 2)),
    ((3, 4), (1, 2)), ((3, 4), (-1, slice(None, None, -1))), ((3, 4), (E, 0)),
    ((3, 4), (slice(None), N, slice(1, None, 2))), ((3, 4), (N, E, N)),
    ((3, 4), (slice(2, None, -1), -3)), ((3, 4), slice(1, 2)), ((3, 4), (E, slice(-1, None))),
    ((2, 3, 4), (1, E, 2)), ((2, 3, 4), (E, N, slice(None, None, -2))),
    ((2, 3, 4), (slice(None), 0)), ((2, 3, 4), (N, 1, N, slice(None), N, -1)),
    ((2, 3, 4), (0, 1, 2)), ((2, 3, 4), (slice(None, None, -1), E)),
    ((2, 0, 3), (slice(None), slice(1, None))), ((2, 0, 3), (E, 1)), ((1, 4, 1), (0, E, 0)),
    ((), E), ((), N), ((), (N, N)),
]


def _id(case):
    return f"{case[0]}-{case[1]!r}".replace(" ", "")


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_])
@pytest.mark.parametrize("shape,index", INDEXES, ids=[_id(c) for c in INDEXES])
def test_getitem_matches_numpy(shape, index, dtype):
    x = np.arange(int(np.prod(shape))).reshape(shape)
    x = (x % 2 == 0) if dtype == np.bool_ else x.astype(dtype)
    want = x[index]
    with tf.Graph().as_default():
        c = tf.constant(x)
        p_known = tf.placeholder(tf.as_dtype(x.dtype), shape)
        p_dims = tf.placeholder(tf.as_dtype(x.dtype), [None] * len(shape))
        outs = [c[index], p_known[index], p_dims[index]]
        assert outs[0].shape.as_list() == list(want.shape)
        assert outs[1].shape.as_list() == list(want.shape)
        # Unknown input dims stay unknown, except where NumPy keeps a new axis.
        assert outs[2].shape.ndims == want.ndim
        with tf.Session() as s:
            got = s.run(outs, {p_known: x, p_dims: x})
    for g in got:
        assert g.dtype == want.dtype and g.shape == want.shape
        np.testing.assert_array_equal(g, want)


def test_random_slices_match_numpy():
    rng = np.random.RandomState(0)
    x = np.arange(4 * 5 * 6, dtype=np.float64).reshape(4, 5, 6)
    specs = []
    for _ in range(150):
        spec = []
        for d in x.shape:
            kind = rng.randint(3)
            if kind == 0:
                spec.append(int(rng.randint(-d, d)))
            else:
                def bound():
                    return None if rng.rand() < 0.3 else int(rng.randint(-d - 2, d + 3))
                step = int(rng.choice([-3, -2, -1, 1, 2, 3]))
                spec.append(slice(bound(), bound(), step))
        specs.append(tuple(spec))
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float64, [4, 5, 6])
        outs = [p[s] for s in specs]
        for o, s in zip(outs, specs):
            assert o.shape.as_list() == list(x[s].shape), s
        with tf.Session() as sess:
            vals = sess.run(outs, {p: x})
    for v, s in zip(vals, specs):
        np.testing.assert_array_equal(v, x[s], err_msg=repr(s))


def test_tensor_indices():
    x = np.arange(20).reshape(4, 5)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.int32, [4, 5])
        i = tf.placeholder(tf.int32, [])
        j64 = tf.placeholder(tf.int64, [])
        outs = [p[i], p[i:], p[:, i], p[1:i, ::-1], p[j64], p[..., j64:], p[i, tf.newaxis, 1:i]]
        assert outs[0].shape.as_list() == [5]
        assert outs[2].shape.as_list() == [4]
        assert outs[3].shape.as_list() == [None, 5]  # a full slice keeps its size (TF)
        assert outs[5].shape.as_list() == [4, None]
        assert outs[6].shape.as_list() == [1, None]
        with tf.Session() as s:
            for iv in (0, 2, -1):
                got = s.run(outs, {p: x, i: iv, j64: iv})
                want = [x[iv], x[iv:], x[:, iv], x[1:iv, ::-1], x[iv], x[..., iv:],
                        x[iv, None, 1:iv]]
                for g, w in zip(got, want):
                    np.testing.assert_array_equal(g, w)


def test_bool_index_is_boolean_mask():
    x = np.arange(6.).reshape(3, 2)
    with tf.Graph().as_default():
        c = tf.constant(x)
        m = tf.placeholder(tf.bool, [3])
        outs = [c[np.array([True, False, True])], c[m], c[[1, 0]]]
        with tf.Session() as s:
            a, b, d = s.run(outs, {m: [False, True, True]})
    np.testing.assert_array_equal(a, x[[0, 2]])
    np.testing.assert_array_equal(b, x[[1, 2]])
    np.testing.assert_array_equal(d, x[1, 0])  # a list is a tuple of indices, as TF 1.14


def test_strided_slice_masks():
    x = np.arange(24.).reshape(2, 3, 4)
    with tf.Graph().as_default():
        c = tf.constant(x)
        a = tf.strided_slice(c, [0, 1, 3], [2, 3, 0], [1, 1, -1], begin_mask=1, end_mask=4)
        b = tf.strided_slice(c, [1, 0], [2, 0], [1, 1], ellipsis_mask=2, shrink_axis_mask=1)
        n = tf.strided_slice(c, [0, 0], [0, 1], [1, 1], new_axis_mask=1)
        assert a.op.type == "StridedSlice" and a.op.get_attr("end_mask") == 4
        with tf.Session() as s:
            va, vb, vn = s.run([a, b, n])
    np.testing.assert_array_equal(va, x[:, 1:3, 3::-1])
    np.testing.assert_array_equal(vb, x[1, ...])
    np.testing.assert_array_equal(vn, x[None, 0:1])


def test_getitem_on_variable_and_result_is_a_copy():
    with tf.Graph().as_default():
        v = tf.Variable(np.arange(6.).reshape(2, 3))
        row = v[1]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            r = s.run(row)
            r[0] = 100.0
            np.testing.assert_array_equal(s.run(v), np.arange(6.).reshape(2, 3))


GRAD_INDEXES = [(slice(1, None), slice(None, None, -2)), (E, 1), (N, -1, slice(3, 0, -1)),
                (0, N, E), (slice(None, None, -1),), (1, 2)]


@pytest.mark.parametrize("index", GRAD_INDEXES, ids=[repr(i) for i in GRAD_INDEXES])
def test_getitem_gradient_order2(index):
    x = sample((3, 4), np.float64)
    check_grads(lambda t: t[index] * t[index], [x], order=2)


def test_getitem_gradient_with_tensor_index():
    x = sample((3, 4), np.float64)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float64, [None, 4])
        i = tf.placeholder(tf.int32, [])
        y = p[i, 1:]
        g = tf.gradients(tf.reduce_sum(y * y), p)[0]
        with tf.Session() as s:
            got = s.run(g, {p: x, i: 2})
    want = np.zeros_like(x)
    want[2, 1:] = 2 * x[2, 1:]
    np.testing.assert_allclose(got, want)


def test_bad_indices_raise_type_error():
    with tf.Graph().as_default():
        x = tf.zeros([3, 4])
        for bad in (1.5, "a", tf.constant([1, 2]), tf.constant(1.0), slice(1.0, 2)):
            with pytest.raises(TypeError, match="Only integers, slices"):
                x[bad]


# -- TF 1.14 goldens -------------------------------------------------------------------------
@pytest.mark.parametrize("key", gc.keys("shapes", lambda k: k.startswith("ss_")))
def test_static_shape_golden(key):
    gc.check_shape(key)


def test_getitem_op_names_golden():
    gc.check_names("getitem_tensor")


@pytest.mark.parametrize("key", gc.keys("errors", lambda k: k.startswith("ss_")))
def test_build_error_golden(key):
    gc.check_error(key)


@pytest.mark.parametrize("key", gc.keys("runtime_errors", lambda k: k.startswith("ss_")))
def test_runtime_error_golden(key):
    gc.check_runtime_error(key)


@pytest.mark.parametrize("key", gc.keys("runs", lambda k: k.startswith("ss_")))
def test_values_golden(key):
    gc.check_run(key)
