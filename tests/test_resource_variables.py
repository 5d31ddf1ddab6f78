"""ResourceVariables (use_resource=True): ops, properties, values, gradients and errors
as TF 1.14 (goldens from tests/golden/resvar/gen_resource_variables.py), and the
snapshot semantics flowgrad makes deterministic."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("resvar", "resource_variables")
WANT = load("resvar", "resource_variables")


def _same(got, want, where="case"):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), (where, got, want)
        for k in want:
            _same(got[k], want[k], f"{where}[{k!r}]")
    elif isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (where, got, want)
        for i, (a, b) in enumerate(zip(got, want)):
            _same(a, b, f"{where}[{i}]")
    elif isinstance(want, float):
        assert np.isclose(got, want, rtol=1e-6), (where, got, want)
    else:
        assert got == want, (where, got, want)


@pytest.mark.parametrize("case", sorted(WANT))
def test_as_tf(case):
    _same(getattr(GEN, case)(tf), WANT[case], case)


def test_reads_are_snapshots_in_creation_order():
    """A read created before an update keeps the old value even when used after it."""
    v = tf.Variable([1.0, 2.0], use_resource=True)
    r = v.value()
    up = v.assign_add([10.0, 10.0], read_value=False)
    with tf.control_dependencies([up]):
        later = r * 1.0          # uses the earlier read after the update
        new = v.read_value()
    with tf.Session() as sess:
        sess.run(v.initializer)
        for _ in range(3):    # interpreted, then compiled: the same answers
            a, b = sess.run([later, new])
            np.testing.assert_array_equal(b - a, [10.0, 10.0])


def test_fetched_values_do_not_alias_the_variable():
    v = tf.Variable(np.zeros(3, np.float32), use_resource=True)
    inc = v.assign_add(np.ones(3, np.float32), read_value=False)
    with tf.Session() as sess:
        sess.run(v.initializer)
        got = sess.run(v)
        sess.run(inc)
        got[:] = 100.0
        np.testing.assert_array_equal(sess.run(v), [1.0, 1.0, 1.0])
        np.testing.assert_array_equal(got, [100.0] * 3)


def test_assign_value_is_copied():
    """An assigned intermediate may be reused by later ops: the variable keeps its copy."""
    x = tf.placeholder(tf.float32, [3])
    v = tf.Variable(np.zeros(3, np.float32), use_resource=True)
    y = x * 2.0
    a = v.assign(y, read_value=False)
    with tf.control_dependencies([a]):
        z = tf.exp(y) + 1.0     # may be computed in y's buffer
    with tf.Session() as sess:
        sess.run(v.initializer)
        for _ in range(3):
            sess.run(z, {x: [1.0, 2.0, 3.0]})
            np.testing.assert_array_equal(sess.run(v), [2.0, 4.0, 6.0])


def test_variable_shape_op():
    from flowgrad.ops import resource_variable_ops as rvo
    v = tf.Variable(np.zeros((2, 3), np.float32), use_resource=True)
    from flowgrad.engine.ops._base import apply
    assert rvo.variable_shape(v.handle).op.type == "Const"   # a known shape: TF's constant
    s = apply("VariableShape", [v.handle], {"out_type": tf.int32})
    with tf.Session() as sess:
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(s), [2, 3])


def test_gradient_through_read_accepts_indexed_slices():
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2), use_resource=True)
    r = v.value()
    up = tf.IndexedSlices(tf.ones([2, 2]), tf.constant([2, 0]), tf.constant([3, 2]))
    g = tf.gradients(r, v, grad_ys=up)[0]
    assert isinstance(g, tf.IndexedSlices)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(tf.convert_to_tensor(g)),
                                      [[1, 1], [0, 0], [1, 1]])


def test_signatures_match_tf():
    import inspect
    rv = tf.Variable(1.0, use_resource=True)
    params = list(inspect.signature(type(rv).__init__).parameters)
    assert params == ["self", "initial_value", "trainable", "collections", "validate_shape",
                      "caching_device", "name", "dtype", "variable_def", "import_scope",
                      "constraint", "distribute_strategy", "synchronization", "aggregation",
                      "shape"]


def test_gather_nd_has_no_gradient_as_in_tf114():
    # TF 1.14 builds ResourceGatherNd under GatherNd/ and registers no gradient for it
    with tf.Graph().as_default():
        v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], use_resource=True)
        b = v.gather_nd([[2, 1], [0, 0]])
        assert b.op.type == "Identity" and b.op.inputs[0].op.name == "GatherNd"
        with pytest.raises(LookupError, match=r"No gradient defined for operation "
                           r"'GatherNd' \(op type: ResourceGatherNd\)"):
            tf.gradients(tf.reduce_sum(b), [v])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(sess.run(b), [6.0, 1.0])
