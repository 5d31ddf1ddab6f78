"""Segment ops, IndexedSlices densification and mixed sparse/dense gradient aggregation."""
import os
import sys
import warnings

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.ops.sparse_ops import (LARGE_SPARSE_NUM_ELEMENTS, dense_to_indexed_slices,
                                     densify_indexed_slices)
from optest import check_grads, run, sample

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "array"))
import golden_check as gc  # noqa: E402


def _np_segment(data, ids, n, reduce):
    out = []
    for j in range(n):
        rows = data[ids == j]
        if reduce == "sum":
            out.append(rows.sum(0) if len(rows) else np.zeros(data.shape[1:], data.dtype))
        elif reduce == "mean":
            out.append(rows.mean(0) if len(rows) else np.zeros(data.shape[1:], data.dtype))
        else:
            out.append(rows.max(0) if len(rows) else np.zeros(data.shape[1:], data.dtype))
    return np.array(out, dtype=data.dtype).reshape((n,) + data.shape[1:])


SEGMENT_IDS = [np.array([0, 0, 1, 3, 3, 3]), np.array([2, 2, 2, 2, 2, 2]),
               np.array([0, 1, 2, 3, 4, 5])]


def _segment_cases():
    for op, reduce in [(tf.segment_sum, "sum"), (tf.segment_mean, "mean"),
                       (tf.segment_max, "max")]:
        # (integer segment_mean truncates; the float rows cover it)
        dtypes = [np.float32, np.float64] if reduce == "mean" else \
            [np.float32, np.float64, np.int32, np.int64]
        for ids_i in range(len(SEGMENT_IDS)):
            for tail in [(), (2,), (0,), (2, 3)]:
                for dt in dtypes:
                    yield pytest.param(op, reduce, ids_i, tail, dt,
                                       id=f"{reduce}-{ids_i}-{tail}-{np.dtype(dt).name}")


@pytest.mark.parametrize("op,reduce,ids_i,tail,dtype", list(_segment_cases()))
def test_segment_ops_match_numpy(op, reduce, ids_i, tail, dtype):
    ids = SEGMENT_IDS[ids_i].astype(np.int32)
    data = (sample((6,) + tail, np.float64, -5, 5) * 3).astype(dtype)
    want = _np_segment(data, ids, int(ids[-1]) + 1, reduce)
    got = run(lambda d, i: op(d, i), data, ids)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
@pytest.mark.parametrize("ids_shape,tail", [((5,), ()), ((5,), (3,)), ((2, 3), (2,)),
                                            ((0,), (2,)), ((4,), (0,))])
def test_unsorted_segment_sum_matches_numpy(ids_shape, tail, dtype):
    rng = np.random.RandomState(3)
    ids = rng.randint(-1, 4, size=ids_shape).astype(np.int32)
    data = (sample(ids_shape + tail, np.float64, -5, 5) * 3).astype(dtype)
    want = np.zeros((4,) + tail, dtype)
    keep = ids >= 0
    np.add.at(want, ids[keep], data[keep])
    got = run(lambda d, i: tf.unsorted_segment_sum(d, i, 4), data, ids)
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_unsorted_segment_sum_int64_ids_and_tensor_num():
    with tf.Graph().as_default():
        n = tf.placeholder(tf.int32, [])
        y = tf.unsorted_segment_sum([1., 2., 3.], tf.constant([2, 0, 2], tf.int64), n)
        assert y.shape.as_list() == [None]
        with tf.Session() as s:
            np.testing.assert_array_equal(s.run(y, {n: 3}), [2., 0., 4.])


SEG_GRADS = [
    ("unsorted_segment_sum", lambda x: tf.unsorted_segment_sum(x, [1, -1, 1, 0], 3), (4, 2)),
    ("unsorted_segment_sum_2d_ids", lambda x: tf.unsorted_segment_sum(x, [[0, 2], [2, 2]], 3),
     (2, 2, 3)),
    # (segment outputs have an unknown first dim, as in TF: reshaped to a static one)
    ("segment_sum", lambda x: tf.reshape(tf.segment_sum(x, [0, 0, 2, 2]), [3, 3]), (4, 3)),
    ("segment_mean", lambda x: tf.reshape(tf.segment_mean(x, [0, 0, 0, 1]), [2, 2]), (4, 2)),
    ("segment_max", lambda x: tf.reshape(tf.segment_max(x, [0, 1, 1, 1]), [2, 2]), (4, 2)),
]


# Second order densifies gather gradients of unknown dense shape: TF warns there too.
@pytest.mark.filterwarnings("ignore:Converting sparse IndexedSlices")
@pytest.mark.parametrize("f,shape", [pytest.param(f, s, id=n) for n, f, s in SEG_GRADS])
def test_segment_gradients_order2(f, shape):
    x = sample(shape, np.float64)
    check_grads(lambda t: f(t) * f(t), [x], order=2)


def test_segment_max_gradient_splits_ties():
    with tf.Graph().as_default():
        x = tf.constant([1., 3., 3., 2.], tf.float64)
        g = tf.gradients(tf.segment_max(x, [0, 0, 0, 1]), x)[0]
        with tf.Session() as s:
            np.testing.assert_allclose(s.run(g), [0., .5, .5, 1.])


# -- IndexedSlices <-> dense ---------------------------------------------------------------
def test_densify_sums_repeated_indices():
    with tf.Graph().as_default():
        v = tf.constant(np.arange(6.).reshape(3, 2))
        sl = tf.IndexedSlices(v, tf.constant([2, 0, 2]), tf.constant([4, 2]))
        d = densify_indexed_slices(sl)
        d2 = tf.convert_to_tensor(sl)
        assert d.op.type == "UnsortedSegmentSum" and d.shape.as_list() == [4, 2]
        with tf.Session() as s:
            a, b = s.run([d, d2])
    want = np.array([[2., 3.], [0., 0.], [4., 6.], [0., 0.]])
    np.testing.assert_array_equal(a, want)
    np.testing.assert_array_equal(b, want)


def test_densify_warns_as_tf():
    with tf.Graph().as_default():
        v = tf.zeros([1, 2])
        big = tf.IndexedSlices(v, tf.constant([0]), tf.constant([LARGE_SPARSE_NUM_ELEMENTS, 2]))
        with pytest.warns(UserWarning, match="Converting sparse IndexedSlices to a dense "
                                             "Tensor with 200000000 elements"):
            densify_indexed_slices(big)
        unknown = tf.IndexedSlices(v, tf.constant([0]), tf.placeholder(tf.int32, [2]))
        with pytest.warns(UserWarning, match="dense Tensor of unknown shape"):
            densify_indexed_slices(unknown)
        small = tf.IndexedSlices(v, tf.constant([0]), tf.constant([3, 2]))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            densify_indexed_slices(small)
        with pytest.raises(ValueError, match="without dense_shape"):
            densify_indexed_slices(tf.IndexedSlices(v, tf.constant([0])))


def test_dense_to_indexed_slices():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2])
        sl = dense_to_indexed_slices(x)
        assert isinstance(sl, tf.IndexedSlices) and sl.values is x
        with tf.Session() as s:
            v = s.run(sl, {x: np.ones((3, 2))})
    np.testing.assert_array_equal(v.indices, [0, 1, 2])
    np.testing.assert_array_equal(v.dense_shape, [3, 2])


def test_mixed_sparse_dense_aggregation_keeps_every_contribution():
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((5, 2)))
        y = tf.gather(v, [1, 1, 3])
        g = tf.gradients(tf.reduce_sum(y * y) + tf.reduce_sum(v * 2.0), v)[0]
        assert isinstance(g, tf.IndexedSlices)
        dense = tf.convert_to_tensor(g)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            gv, dv = s.run([g, dense])
    assert sorted(gv.indices.tolist()) == [0, 1, 1, 1, 2, 3, 3, 4]
    want = np.full((5, 2), 2.0)
    want[1] += 4.0
    want[3] += 2.0
    np.testing.assert_allclose(dv, want)


def test_optimizer_style_use_of_indexed_slices_gradient():
    """A gather gradient applied densely (what SGD on an embedding does)."""
    with tf.Graph().as_default():
        emb = tf.Variable(np.zeros((4, 2)))
        loss = tf.reduce_sum(tf.gather(emb, [0, 2, 0]) * [[1., 2.], [3., 4.], [5., 6.]])
        g = tf.gradients(loss, emb)[0]
        step = tf.assign_sub(emb, tf.convert_to_tensor(g))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            out = s.run(step)
    np.testing.assert_array_equal(out, -np.array([[6., 8.], [0., 0.], [3., 4.], [0., 0.]]))


# -- TF 1.14 goldens ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", gc.keys("indexed_slices", lambda k: True))
def test_indexed_slices_golden(key):
    gc.check_indexed_slices(key)


@pytest.mark.parametrize("key", gc.keys("shapes", lambda k: "segment" in k))
def test_static_shape_golden(key):
    gc.check_shape(key)


@pytest.mark.parametrize("key", gc.keys("errors", lambda k: "segment" in k))
def test_build_error_golden(key):
    gc.check_error(key)


@pytest.mark.parametrize("key", gc.keys("runtime_errors", lambda k: "segment" in k))
def test_runtime_error_golden(key):
    gc.check_runtime_error(key)


@pytest.mark.parametrize("key", gc.keys("runs", lambda k: "segment" in k))
def test_values_golden(key):
    gc.check_run(key)
