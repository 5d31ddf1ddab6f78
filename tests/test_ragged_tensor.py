"""tf.RaggedTensor, tf.ragged's factories, dispatch and reductions against TF 1.14
(tests/golden/data/gen_ragged_tensor.py): values, static shapes, errors and every op.

Two known deviations of flowgrad's graphs, both project-wide, are left out of the op
comparison: a tf.cond (TF's AssertGuard of an assertion, from_tensor's padding cond) is
flowgrad's one fused Cond op, so the ops inside TF's cond are absent; and where TF's C++
shape refiner evaluates a small constant subgraph (a Range of constant-derived bounds) to a
static shape, flowgrad's shape stays unknown and a later tf.shape is a Shape op, not
TF's folded Const (same name)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "ragged_tensor")
GOLD = goldens.load("data", "ragged_tensor")


def _inside_cond(name):
    parts = name.split("/")
    return any(p == "AssertGuard" or p == "cond" for p in parts[:-1])


def _ops(ops):
    return [(n, t) for n, t in ops if not _inside_cond(n)]


def _same_ops(got, exp, name):
    got, exp = _ops(got), _ops(exp)
    assert [n for n, _ in got] == [n for n, _ in exp], name
    for (n, g), (_, e) in zip(got, exp):
        assert g == e, (name, n, g, e)


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_ragged_tensor(name):
    got, exp = GEN.PROGRAMS[name](tf), GOLD[name]
    assert sorted(got) == sorted(exp), (name, got, exp)
    if "ops" in exp:
        _same_ops(got["ops"], exp["ops"], name)
    goldens.same_values({k: v for k, v in got.items() if k != "ops"},
                        {k: v for k, v in exp.items() if k != "ops"}, name)


def test_session_run_gives_a_ragged_tensor_value():
    with tf.Graph().as_default():
        rt = tf.ragged.constant([[1, 2], [], [3]])
        with tf.Session() as sess:
            value = sess.run(rt)
            both = sess.run({"rt": rt, "n": rt.nrows()})
    assert isinstance(value, tf.ragged.RaggedTensorValue)
    assert value.to_list() == [[1, 2], [], [3]]
    assert both["rt"].to_list() == [[1, 2], [], [3]] and both["n"] == 3


def test_ragged_placeholder_needs_a_ragged_tensor_value():
    with tf.Graph().as_default():
        rt = tf.ragged.placeholder(tf.int32, 2, [])
        value = tf.ragged.constant_value([[[1], [2, 3]], []], dtype=np.int32)
        with tf.Session() as sess:
            assert sess.run(rt, {rt: value}).to_list() == [[[1], [2, 3]], []]
            assert sess.run(tf.reduce_sum(rt, axis=2), {rt: value}).to_list() == [[1, 5], []]
            with pytest.raises(TypeError, match="RaggedTensorValue"):
                sess.run(rt, {rt: [[[1]]]})


def test_gradient_flows_through_flat_values():
    with tf.Graph().as_default():
        x = tf.constant([1., 2., 3.])
        rt = tf.RaggedTensor.from_row_splits(x, [0, 2, 3])
        total = tf.reduce_sum(tf.reduce_sum(tf.square(rt), axis=1))
        dense = tf.reduce_sum(rt.to_tensor() * 2.)
        sparse = tf.sparse.reduce_sum(rt.to_sparse())
        g1, g2, g3 = [tf.convert_to_tensor(tf.gradients([y], [x])[0])
                      for y in (total, dense, sparse)]
        with tf.Session() as sess:
            a, b, c = sess.run([g1, g2, g3])
    np.testing.assert_allclose(a, [2., 4., 6.])
    np.testing.assert_allclose(b, [2., 2., 2.])
    np.testing.assert_allclose(c, [1., 1., 1.])


def test_a_ragged_tensor_is_no_python_bool():
    with tf.Graph().as_default():
        rt = tf.ragged.constant([[1]])
        with pytest.raises(TypeError, match="RaggedTensor may not be used as a boolean."):
            bool(rt)
