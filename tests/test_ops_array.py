"""Array ops: forward against NumPy over shape/dtype tables, order-2 gradient checks,
and TF 1.14 goldens (static shapes with unknown dims, op names, errors)."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from optest import assert_forward, check_grads, run, sample

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "array"))
import golden_check as gc  # noqa: E402

ALL_DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
NUM_DTYPES = [np.float32, np.float64, np.int32, np.int64]


def _val(shape, dtype, seed=0):
    if dtype == np.bool_:
        return sample(shape, np.float64, seed=seed) > 0
    if np.dtype(dtype).kind in "iu":
        return sample(shape, np.float64, -9, 9, seed=seed).astype(dtype)
    return sample(shape, dtype, seed=seed)


# -- forward tables: (id, flowgrad fn, numpy reference, input shapes per case, dtypes) --------
UNARY = [(), (0,), (3,), (2, 3), (2, 0, 3), (1, 4, 1)]
RANK3 = [(2, 3, 4), (2, 0, 3), (1, 4, 1)]


def _np_unstack(x, axis):
    return [np.take(x, i, axis=axis) for i in range(x.shape[axis])]


FORWARD = [
    ("identity", tf.identity, lambda x: x, [[s] for s in UNARY], ALL_DTYPES),
    ("stop_gradient", tf.stop_gradient, lambda x: x, [[s] for s in UNARY], ALL_DTYPES),
    ("identity_n", lambda x, y: tf.identity_n([x, y]), lambda x, y: [x, y],
     [[(2, 3), (0,)], [(), (4,)]], ALL_DTYPES),
    ("transpose_default", tf.transpose, np.transpose, [[s] for s in UNARY], ALL_DTYPES),
    ("transpose_perm", lambda x: tf.transpose(x, [1, 0, 2]),
     lambda x: np.transpose(x, [1, 0, 2]), [[s] for s in RANK3], ALL_DTYPES),
    ("expand_dims_0", lambda x: tf.expand_dims(x, 0), lambda x: np.expand_dims(x, 0),
     [[s] for s in UNARY], ALL_DTYPES),
    ("expand_dims_last", lambda x: tf.expand_dims(x, -1), lambda x: np.expand_dims(x, -1),
     [[s] for s in UNARY], ALL_DTYPES),
    ("squeeze_all", tf.squeeze, np.squeeze, [[(1, 4, 1)], [(1,)], [(2, 3)], [(1, 0, 1)]],
     ALL_DTYPES),
    ("squeeze_axis", lambda x: tf.squeeze(x, [-1]), lambda x: np.squeeze(x, -1),
     [[(1, 4, 1)], [(3, 1)], [(0, 1)]], ALL_DTYPES),
    ("concat_0", lambda x, y: tf.concat([x, y], 0), lambda x, y: np.concatenate([x, y], 0),
     [[(2, 3), (1, 3)], [(0, 3), (2, 3)], [(3,), (0,)], [(1, 4, 1), (2, 4, 1)]], ALL_DTYPES),
    ("concat_neg", lambda x, y: tf.concat([x, y], -1), lambda x, y: np.concatenate([x, y], -1),
     [[(2, 3), (2, 1)], [(2, 0), (2, 2)], [(1, 4, 1), (1, 4, 3)]], ALL_DTYPES),
    ("concat_three", lambda x, y, z: tf.concat([x, y, z], 1),
     lambda x, y, z: np.concatenate([x, y, z], 1), [[(2, 1), (2, 3), (2, 0)]], NUM_DTYPES),
    ("stack_0", lambda x, y: tf.stack([x, y]), lambda x, y: np.stack([x, y]),
     [[s, s] for s in UNARY], ALL_DTYPES),
    ("stack_last", lambda x, y: tf.stack([x, y], axis=-1), lambda x, y: np.stack([x, y], -1),
     [[s, s] for s in UNARY], ALL_DTYPES),
    ("unstack_0", lambda x: tf.unstack(x), lambda x: _np_unstack(x, 0),
     [[(3,)], [(2, 3)], [(2, 0, 3)], [(1, 4, 1)]], ALL_DTYPES),
    ("unstack_1", lambda x: tf.unstack(x, axis=1), lambda x: _np_unstack(x, 1),
     [[(2, 3)], [(1, 4, 1)]], ALL_DTYPES),
    ("split_num", lambda x: tf.split(x, 2, axis=1), lambda x: np.split(x, 2, 1),
     [[(2, 4)], [(3, 2, 1)], [(0, 2)]], ALL_DTYPES),
    ("split_sizes", lambda x: tf.split(x, [1, -1, 2], axis=-1),
     lambda x: np.split(x, [1, x.shape[-1] - 2], -1), [[(2, 5)], [(3,)], [(1, 4)]], ALL_DTYPES),
    ("slice", lambda x: tf.slice(x, [1, 0], [-1, 2]), lambda x: x[1:, 0:2],
     [[(2, 3)], [(3, 2)], [(1, 2)]], ALL_DTYPES),
    ("slice_empty", lambda x: tf.slice(x, [0, 1, 0], [1, 0, -1]), lambda x: x[0:1, 1:1, :],
     [[(2, 3, 4)], [(1, 4, 1)]], ALL_DTYPES),
    ("gather_0", lambda x: tf.gather(x, [2, 0, 2]), lambda x: x[[2, 0, 2]],
     [[(3,)], [(3, 2)], [(4, 0)]], ALL_DTYPES),
    ("gather_2d_idx", lambda x: tf.gather(x, [[1], [0]], axis=1),
     lambda x: np.take(x, [[1], [0]], axis=1), [[(2, 3)], [(0, 2, 4)]], ALL_DTYPES),
    ("gather_scalar_idx", lambda x: tf.gather(x, 1, axis=-1), lambda x: x[..., 1],
     [[(3,)], [(2, 3)]], ALL_DTYPES),
    ("gather_empty_idx", lambda x: tf.gather(x, np.zeros(0, np.int32)), lambda x: x[:0],
     [[(3, 2)]], ALL_DTYPES),
    ("gather_nd", lambda x: tf.gather_nd(x, [[1, 0], [0, 2]]), lambda x: x[[1, 0], [0, 2]],
     [[(2, 3)], [(2, 3, 2)]], ALL_DTYPES),
    ("gather_nd_prefix", lambda x: tf.gather_nd(x, [[[1]], [[0]]]),
     lambda x: np.stack([x[[1]], x[[0]]]),
     [[(2, 3)], [(3,)]], ALL_DTYPES),
    ("tile", lambda x: tf.tile(x, [2, 1, 3]), lambda x: np.tile(x, [2, 1, 3]),
     [[s] for s in RANK3], ALL_DTYPES),
    ("tile_zero", lambda x: tf.tile(x, [0, 2]), lambda x: np.tile(x, [0, 2]), [[(2, 3)]],
     ALL_DTYPES),
    ("pad", lambda x: tf.pad(x, [[1, 2], [0, 1]]), lambda x: np.pad(x, [[1, 2], [0, 1]]),
     [[(2, 3)], [(0, 2)], [(1, 1)]], ALL_DTYPES),
    ("pad_value", lambda x: tf.pad(x, [[1, 0]], constant_values=7),
     lambda x: np.pad(x, [[1, 0]], constant_values=7), [[(3,)], [(0,)]], NUM_DTYPES),
    ("pad_reflect", lambda x: tf.pad(x, [[1, 1], [2, 0]], "REFLECT"),
     lambda x: np.pad(x, [[1, 1], [2, 0]], "reflect"), [[(2, 3)], [(3, 4)]], ALL_DTYPES),
    ("pad_symmetric", lambda x: tf.pad(x, [[2, 1], [0, 3]], "SYMMETRIC"),
     lambda x: np.pad(x, [[2, 1], [0, 3]], "symmetric"), [[(2, 3)], [(3, 4)]], ALL_DTYPES),
    ("reverse", lambda x: tf.reverse(x, [0, -1]), lambda x: x[::-1, ..., ::-1],
     [[(3, 2)], [(2, 0, 3)], [(1, 4, 1)]], ALL_DTYPES),
    ("reverse_none", lambda x: tf.reverse(x, []), lambda x: x, [[(3, 2)], [()]], ALL_DTYPES),
    ("where_select", lambda x, y: tf.where(tf.greater_equal(x, y), x, y),
     lambda x, y: np.where(x >= y, x, y), [[(2, 3)] * 2, [(0,)] * 2, [()] * 2], NUM_DTYPES),
    ("where_rows", lambda x, y: tf.where([True, False], x, y),
     lambda x, y: np.where(np.array([True, False])[:, None], x, y), [[(2, 3), (2, 3)]],
     NUM_DTYPES),
    # a 0-d condition: TF 1.14's Where kernel raises (fuzz regression seed 890112)
    ("where_coords", tf.where, lambda x: np.argwhere(x), [[s] for s in UNARY if s],
     ALL_DTYPES),
    ("reshape", lambda x: tf.reshape(x, [-1]), lambda x: x.reshape(-1),
     [[s] for s in UNARY], ALL_DTYPES),
    ("reshape_2d", lambda x: tf.reshape(x, [2, -1]), lambda x: x.reshape(2, -1),
     [[(2, 3)], [(4, 1, 1)], [(2, 0, 3)]], ALL_DTYPES),
    ("broadcast_to", lambda x: tf.broadcast_to(x, [2, 3]), lambda x: np.broadcast_to(x, (2, 3)),
     [[()], [(3,)], [(2, 1)]], ALL_DTYPES),
    ("zeros_like", tf.zeros_like, np.zeros_like, [[s] for s in UNARY], ALL_DTYPES),
    ("ones_like", tf.ones_like, np.ones_like, [[s] for s in UNARY], ALL_DTYPES),
    ("shape", tf.shape, lambda x: np.array(x.shape, np.int32), [[s] for s in UNARY],
     ALL_DTYPES),
    ("shape_n", lambda x, y: tf.shape_n([x, y]),
     lambda x, y: [np.array(x.shape, np.int32), np.array(y.shape, np.int32)],
     [[(2, 3), ()]], ALL_DTYPES),
    ("size", tf.size, lambda x: np.int32(x.size), [[s] for s in UNARY], ALL_DTYPES),
    ("size_int64", lambda x: tf.size(x, out_type=tf.int64), lambda x: np.int64(x.size),
     [[(2, 3)]], ALL_DTYPES),
    ("rank", tf.rank, lambda x: np.int32(x.ndim), [[s] for s in UNARY], ALL_DTYPES),
    ("boolean_mask", lambda x: tf.boolean_mask(x, [True, False, True]),
     lambda x: x[[True, False, True]], [[(3,)], [(3, 2)], [(3, 0)]], ALL_DTYPES),
    ("boolean_mask_2d", lambda x: tf.boolean_mask(x, [[True, False], [True, True]], axis=1),
     lambda x: x[:, np.array([[True, False], [True, True]])], [[(3, 2, 2, 1)]], ALL_DTYPES),
    ("sort", lambda x: tf.sort(x), lambda x: np.sort(x, -1), [[(5,)], [(2, 3)], [(0,)]],
     NUM_DTYPES),
    ("sort_desc_axis0", lambda x: tf.sort(x, axis=0, direction="DESCENDING"),
     lambda x: -np.sort(-x, 0), [[(4, 3)], [(3, 1, 2)]], NUM_DTYPES),
    ("argsort", lambda x: tf.argsort(x), lambda x: np.argsort(x, -1, kind="stable")
     .astype(np.int32), [[(5,)], [(2, 3)]], NUM_DTYPES),
]


def _cases():
    for name, fn, ref, shape_sets, dtypes in FORWARD:
        for shapes in shape_sets:
            for dt in dtypes:
                yield pytest.param(fn, ref, shapes, dt, id=f"{name}-{shapes}-{np.dtype(dt).name}")


@pytest.mark.parametrize("fn,ref,shapes,dtype", list(_cases()))
def test_forward_matches_numpy(fn, ref, shapes, dtype):
    args = [_val(s, dtype, seed=i) for i, s in enumerate(shapes)]
    expected = ref(*args)
    if isinstance(expected, list):
        for feed in (True, False):
            got = run(fn, *args, feed=feed)
            assert len(got) == len(expected)
            for g, e in zip(got, expected):
                assert np.asarray(g).dtype == np.asarray(e).dtype
                np.testing.assert_array_equal(g, e)
        return
    assert_forward(fn, ref, *args)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
def test_one_hot_against_numpy(dtype):
    idx = np.array([[0, 3], [-1, 2]], np.int32)
    depth = 4
    on, off = np.array(5, dtype), np.array(-1, dtype)
    want = np.where(idx[..., None] == np.arange(depth), on, off).astype(dtype)
    got = run(lambda i: tf.one_hot(i, depth, on_value=on, off_value=off), idx)
    assert got.dtype == dtype
    np.testing.assert_array_equal(got, want)
    got0 = run(lambda i: tf.one_hot(i, depth, on_value=on, off_value=off, axis=0), idx)
    np.testing.assert_array_equal(got0, np.moveaxis(want, -1, 0))


def test_one_hot_default_dtype_is_float32():
    assert run(lambda i: tf.one_hot(i, 2), np.array([1], np.int64)).dtype == np.float32


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float64])
def test_unique_first_occurrence_order(dtype):
    x = np.array([4, 1, 4, 2, 1, 7, 7], dtype)
    y, idx = run(lambda t: list(tf.unique(t)), x)
    np.testing.assert_array_equal(y, np.array([4, 1, 2, 7], dtype))
    np.testing.assert_array_equal(y[idx], x)
    assert idx.dtype == np.int32


def test_scatter_nd_sums_duplicates():
    got = run(lambda u: tf.scatter_nd([[1], [3], [1]], u, [5, 2]),
              np.arange(6, dtype=np.float64).reshape(3, 2))
    want = np.zeros((5, 2))
    np.add.at(want, [1, 3, 1], np.arange(6.).reshape(3, 2))
    np.testing.assert_array_equal(got, want)


def test_constant_like_ops():
    with tf.Graph().as_default():
        outs = [tf.linspace(0., 1., 5), tf.lin_space(tf.constant(2., tf.float64), 3., 3),
                tf.eye(2, 3), tf.eye(2, batch_shape=[3], dtype=tf.int32),
                tf.range(5, 1, -2), tf.range(0., 1., 0.25), tf.fill([2, 2], 7),
                tf.zeros([2, 3], tf.int64), tf.ones([2000], tf.float64),
                tf.sequence_mask([1, 3], 4)]
        with tf.Session() as s:
            v = s.run(outs)
    np.testing.assert_allclose(v[0], np.linspace(0, 1, 5, dtype=np.float32))
    assert v[1].dtype == np.float64
    np.testing.assert_array_equal(v[2], np.eye(2, 3, dtype=np.float32))
    np.testing.assert_array_equal(v[3], np.broadcast_to(np.eye(2, dtype=np.int32), (3, 2, 2)))
    np.testing.assert_array_equal(v[4], [5, 3])
    np.testing.assert_allclose(v[5], np.arange(0, 1, 0.25, dtype=np.float32))
    np.testing.assert_array_equal(v[6], np.full((2, 2), 7, np.int32))
    assert v[7].dtype == np.int64 and v[8].shape == (2000,)
    np.testing.assert_array_equal(v[9], [[True, False, False, False], [True, True, True, False]])


def test_eye_with_tensor_sizes():
    with tf.Graph().as_default():
        n = tf.placeholder(tf.int32, [])
        e = tf.eye(n, 3)
        with tf.Session() as s:
            np.testing.assert_array_equal(s.run(e, {n: 2}), np.eye(2, 3, dtype=np.float32))


def test_stack_of_python_values_is_a_constant():
    with tf.Graph().as_default():
        t = tf.stack([1, 2, 3])
        assert t.op.type == "Const" and t.name == "stack:0"
        p = tf.placeholder(tf.int32, [])
        m = tf.stack([p, 2])
        assert m.op.type == "Pack" and [i.op.name for i in m.op.inputs] == ["Placeholder",
                                                                             "stack_1/1"]



def test_stack_of_mismatched_tensors_fails_in_pack_stack_1():
    # TF 1.14's stack tries convert_to_tensor(values) first (the autopacking scope `stack`),
    # its ValueError swallowed; Pack's own error then names `stack_1` and the next is stack_2
    with tf.Graph().as_default():
        a, c = tf.ones([2, 3]), tf.ones([4, 2])
        with pytest.raises(ValueError, match="for 'stack_1' \\(op: 'Pack'\\)"):
            tf.stack([a, c])
        assert tf.stack([a, a]).name == "stack_2:0"


def test_type_errors_leave_the_ops_tf_made_before_its_input_check():
    # TF 1.14's op layer checks each input as it converts it: a reduction's axes (made by
    # the wrapper, axis None) stay, one_hot's defaults stay but not its depth (oracle)
    with tf.Graph().as_default() as g:
        s, f = tf.constant(["a", "b"]), tf.constant([1.0, 2.0])
        v = tf.Variable(["x", "y"])
        u = tf.placeholder(tf.string)
        want = [(lambda: tf.reduce_mean(s), ["Const_2"]),
                (lambda: tf.reduce_sum(s, axis=0), []),
                (lambda: tf.reduce_all(f), ["Const_3"]),
                (lambda: tf.reduce_max(v), ["Rank", "range/start", "range/delta", "range"]),
                (lambda: tf.reduce_sum(u), ["Rank_1", "range_1/start", "range_1/delta",
                                            "range_1"]),
                (lambda: tf.one_hot(f, 3), ["one_hot/on_value", "one_hot/off_value"]),
                (lambda: tf.one_hot([1.5], 2), ["one_hot_1/on_value", "one_hot_1/off_value",
                                                "one_hot_1/indices"]),
                (lambda: tf.one_hot(f, 3, on_value=2.0, off_value=1.0),
                 ["one_hot_2/Const", "one_hot_2/Const_1"])]
        for build, left in want:
            n = len(g.get_operations())
            with pytest.raises(TypeError):
                build()
            assert [o.name for o in g.get_operations()[n:]] == left


def test_autopacking_keeps_a_nested_list_without_tensors_one_const():
    # TF 1.14's _autopacking_helper (oracle): a nested list holding no tensor stays a list
    # (its scope used up) and becomes one Const after the nested Packs
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2], name="x")
        s = tf.placeholder(tf.float32, [], name="s")
        want = [(lambda: tf.stack([x, [1.0, 2.0]]), [("stack/1_1", "Const"), ("stack", "Pack")]),
                (lambda: tf.convert_to_tensor([[s, 1.0], [2.0, 3.0]]),
                 [("packed/0/1", "Const"), ("packed/0", "Pack"), ("packed/1_1", "Const"),
                  ("packed", "Pack")]),
                (lambda: tf.convert_to_tensor([[[s]], [[1.0]]]),
                 [("packed_1/0/0", "Pack"), ("packed_1/0", "Pack"), ("packed_1/1_1", "Const"),
                  ("packed_1", "Pack")])]
        for build, ops in want:
            n = len(g.get_operations())
            build()
            assert [(o.name, o.type) for o in g.get_operations()[n:]] == ops


def test_failed_dispatching_call_converts_its_list_args():
    # TF 1.14's dispatch asks the ragged dispatcher after the op's TypeError / ValueError:
    # it converts each listed arg that is a Python list (a Const), tf.expand_dims twice
    with tf.Graph().as_default() as g:
        m = tf.placeholder(tf.float32, [2, 2], name="m")
        want = [(lambda: tf.gather(m, [0], axis=3),
                 ["GatherV2/indices", "GatherV2/axis", "Const"]),
                (lambda: tf.gather(m, [[0.5]]), ["GatherV2_1/indices", "Const_1"]),
                (lambda: tf.reduce_sum(["a"], axis=0), ["Sum/input", "Const_2"]),
                (lambda: tf.concat([m, [[1.0, 2.0, 3.0]]], 0),
                 ["concat/values_1", "concat/axis", "Const_3"]),
                (lambda: tf.unsorted_segment_sum([1.0, 2.0], [0.5, 1.0], 2),
                 ["UnsortedSegmentSum/data", "UnsortedSegmentSum/segment_ids", "Const_4",
                  "Const_5"]),
                (lambda: tf.expand_dims([1, 2], 3),
                 ["ExpandDims/input", "ExpandDims/dim", "Const_6", "Const_7"]),
                (lambda: tf.size(["a", 1]), [])]
        for build, left in want:
            n = len(g.get_operations())
            with pytest.raises((TypeError, ValueError)):
                build()
            assert [o.name for o in g.get_operations()[n:]] == left

def test_reshape_with_tensor_in_shape_list():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 6])
        y = tf.reshape(x, [tf.shape(x)[0], 2, -1])
        assert y.shape.as_list() == [None, 2, None]  # as TF 1.14
        with tf.Session() as s:
            assert s.run(y, {x: np.zeros((4, 6))}).shape == (4, 2, 3)


# -- gradients: order 2 in float64; each op is squared so its gradient rule is differentiated --
def _sq(t):
    return t * t


GRADS = [
    ("transpose", lambda x: _sq(tf.transpose(x, [2, 0, 1])), [(2, 3, 4)]),
    ("transpose_default", lambda x: _sq(tf.transpose(x)), [(2, 3)]),
    ("expand_dims", lambda x: _sq(tf.expand_dims(x, 1)), [(2, 3)]),
    ("squeeze", lambda x: _sq(tf.squeeze(x)), [(1, 3, 1)]),
    ("reshape", lambda x: _sq(tf.reshape(x, [3, -1])), [(2, 3)]),
    ("concat", lambda x, y: _sq(tf.concat([x, y], -1)), [(2, 3), (2, 2)]),
    ("concat_axis0", lambda x, y, z: _sq(tf.concat([x, y, z], 0)), [(1, 2), (3, 2), (2, 2)]),
    ("concat_sparse_grad_axis0", lambda x, y: _sq(tf.gather(tf.concat([x, y], 0), [3, 0, 3])),
     [(2, 2), (2, 2)]),
    ("concat_sparse_grad_axis1", lambda x, y: _sq(tf.gather(tf.concat([x, y], 1), [1, 1])),
     [(2, 2), (2, 3)]),
    ("stack", lambda x, y: _sq(tf.stack([x, y], axis=1)), [(2, 3), (2, 3)]),
    ("unstack", lambda x: [_sq(t) for t in tf.unstack(x, axis=1)], [(2, 3)]),
    ("unstack_partial", lambda x: _sq(tf.unstack(x)[1]), [(3, 2)]),
    ("split", lambda x: [_sq(t) for t in tf.split(x, 2, axis=1)], [(2, 4)]),
    ("split_sizes", lambda x: [_sq(t) for t in tf.split(x, [1, -1], axis=0)], [(3, 2)]),
    ("slice", lambda x: _sq(tf.slice(x, [1, 0], [1, -1])), [(3, 2)]),
    ("gather_axis0", lambda x: _sq(tf.gather(x, [2, 0, 2])), [(3, 2)]),
    ("gather_axis1", lambda x: _sq(tf.gather(x, [[1, 1], [0, 2]], axis=1)), [(2, 3, 2)]),
    ("gather_nd", lambda x: _sq(tf.gather_nd(x, [[1, 0], [1, 0], [0, 1]])), [(2, 3)]),
    ("scatter_nd", lambda u: _sq(tf.scatter_nd([[1], [0], [1]], u, [3, 2])), [(3, 2)]),
    ("tile", lambda x: _sq(tf.tile(x, [2, 3])), [(2, 2)]),
    ("pad", lambda x: _sq(tf.pad(x, [[1, 0], [2, 1]])), [(2, 3)]),
    ("pad_v2", lambda x: _sq(tf.pad(x, [[1, 0], [2, 1]], constant_values=2.0)), [(2, 3)]),
    ("pad_reflect", lambda x: _sq(tf.pad(x, [[1, 2], [2, 0]], "REFLECT")), [(3, 4)]),
    ("pad_symmetric", lambda x: _sq(tf.pad(x, [[2, 1], [0, 3]], "SYMMETRIC")), [(3, 4)]),
    ("reverse", lambda x: _sq(tf.reverse(x, [1])), [(2, 3)]),
    ("broadcast_to", lambda x: _sq(tf.broadcast_to(x, [2, 3])), [(3,)]),
    ("identity_n", lambda x, y: [_sq(t) for t in tf.identity_n([x, y])], [(2,), (3,)]),
    ("select", lambda x, y: _sq(tf.where([[True, False, True]], x, y)), [(1, 3), (1, 3)]),
    ("boolean_mask", lambda x: _sq(tf.reshape(tf.boolean_mask(x, [[True, False], [True, True]]),
                                              [3, 3])),
     [(2, 2, 3)]),
    ("sort", lambda x: _sq(tf.sort(x, axis=0)), [(4, 2)]),
    ("fill_value", lambda v: _sq(tf.fill([2, 3], v)), [()]),
]


@pytest.mark.parametrize("f,shapes", [pytest.param(f, s, id=n) for n, f, s in GRADS])
def test_gradients_order2(f, shapes):
    args = [sample(s, np.float64, seed=i) for i, s in enumerate(shapes)]
    check_grads(f, args, order=2)


def test_gather_gradient_is_indexed_slices():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [4, 3])
        g = tf.gradients(tf.reduce_sum(tf.gather(x, [[1, 3], [1, 0]])), x)[0]
        assert isinstance(g, tf.IndexedSlices)
        assert g.values.shape.as_list() == [4, 3] and g.indices.shape.as_list() == [4]
        gd = tf.gradients(tf.reduce_sum(tf.gather(x, [1], axis=1)), x)[0]
        assert isinstance(gd, tf.Tensor)
        with tf.Session() as s:
            v = s.run(g, {x: np.ones((4, 3))})
            np.testing.assert_array_equal(v.indices, [1, 3, 1, 0])
            np.testing.assert_array_equal(v.dense_shape, [4, 3])


@pytest.mark.parametrize("pre", [lambda x: x[1:], lambda x: tf.pad(x, [[1, 0], [0, 0]], "REFLECT"),
                                 lambda x: tf.stack(tf.unstack(x)), lambda x: tf.split(x, 3)[0],
                                 lambda x: tf.identity_n([x])[0], lambda x: tf.tile(x, [2, 1])],
                         ids=["getitem", "mirror_pad", "unstack", "split", "identity_n", "tile"])
def test_indexed_slices_gradient_flows_into_other_ops(pre):
    """A gather downstream sends IndexedSlices into these ops' gradient rules."""
    x = sample((3, 2), np.float64)
    check_grads(lambda t: tf.gather(pre(t), [0, 0]) ** 2, [x], order=2)


def test_stop_gradient_has_no_gradient():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2])
        assert tf.gradients(tf.stop_gradient(x), x) == [None]


# Gradients through dynamic shapes (ConcatOffset, Shape-based pads and slices) match the
# static-shape ones.
DYNAMIC = [
    ("concat", lambda x: tf.concat([x, 2 * x], 1)),
    ("slice", lambda x: tf.slice(x, [1, 0], [-1, 2])),
    ("pad", lambda x: tf.pad(x, [[1, 0], [0, 2]])),
    ("tile", lambda x: tf.tile(x, [2, 1])),
    ("gather1", lambda x: tf.gather(x, [0, 0, 2], axis=1)),
    ("gather0", lambda x: tf.gather(x, [[1], [1]])),
    ("gather_nd", lambda x: tf.gather_nd(x, [[0, 1], [0, 1]])),
    ("getitem", lambda x: x[1:, ::-2]),
    ("reshape", lambda x: tf.reshape(x, [-1])),
    ("boolean_mask", lambda x: tf.boolean_mask(x, [True, False, True])),
    ("squeeze", lambda x: tf.squeeze(tf.expand_dims(x, 0), [0])),
    ("unstack", lambda x: tf.stack(tf.unstack(x, num=3), 1)),
    ("transpose_unknown_rank", lambda x: tf.transpose(x)),
    ("gather_tensor_axis", lambda x: tf.gather(x, [2, 0], axis=tf.constant(-1) + 0)),
]


@pytest.mark.filterwarnings("ignore:Converting sparse IndexedSlices")
@pytest.mark.parametrize("f", [pytest.param(f, id=n) for n, f in DYNAMIC])
def test_gradients_with_unknown_shapes_match_static(f):
    xv = sample((3, 3), np.float64)
    results = []
    for shape in ([3, 3], [None, None], None):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float64, shape)
            y = f(x)
            g = tf.gradients(tf.reduce_sum(y * y), x)[0]
            g = tf.convert_to_tensor(g)
            with tf.Session() as s:
                results.append(s.run(g, {x: xv}))
    np.testing.assert_allclose(results[1], results[0])
    np.testing.assert_allclose(results[2], results[0])


def test_build_errors_leave_graph_unchanged():
    with tf.Graph().as_default() as g:
        a, b = tf.zeros([2, 3]), tf.zeros([3, 3])
        n = len(g.get_operations())
        with pytest.raises(ValueError):
            tf.concat([a, b], 1)
        assert [o.type for o in g.get_operations()[n:]] == ["Const"]  # only concat/axis
        n = len(g.get_operations())
        with pytest.raises(ValueError):
            tf.reshape(a, [4])
        with pytest.raises(ValueError, match="Tried to squeeze|Can not squeeze"):
            tf.squeeze(a, [0])
        assert all(o.type == "Const" for o in g.get_operations()[n:])


# -- TF 1.14 goldens -------------------------------------------------------------------------
def _array_key(k):
    return not k.startswith("ss_") and "segment" not in k


@pytest.mark.parametrize("key", gc.keys("shapes", _array_key))
def test_static_shape_golden(key):
    gc.check_shape(key)


@pytest.mark.parametrize("key", gc.keys("names", lambda k: k != "getitem_tensor"))
def test_op_names_golden(key):
    gc.check_names(key)


@pytest.mark.parametrize("key", gc.keys("errors", _array_key))
def test_build_error_golden(key):
    gc.check_error(key)


@pytest.mark.parametrize("key", gc.keys("runtime_errors", _array_key))
def test_runtime_error_golden(key):
    gc.check_runtime_error(key)


@pytest.mark.parametrize("key", gc.keys("runs", _array_key))
def test_values_golden(key):
    gc.check_run(key)


def test_expand_dims_takes_a_one_element_axis_list():
    # TF 1.14 accepts `axis=[-1]` (its Const has shape [1]) and rejects two values
    x = tf.constant([1.0, 2.0])
    y = tf.expand_dims(x, [-1])
    assert y.shape.as_list() == [2, 1] and y.op.inputs[1].shape.as_list() == [1]
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y), [[1.0], [2.0]])
    with pytest.raises(ValueError, match="'dim' input must be a tensor with a single value"):
        tf.expand_dims(x, [0, 1])
    with pytest.raises(ValueError, match=r"dim 2 not in the interval \[-2, 1\]\. for "):
        tf.expand_dims(x, [2])
