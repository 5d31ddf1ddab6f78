"""Initializers (init_ops.py): TF 1.14 goldens for classes, configs and values;
statistics for the random ones."""
import numpy as np
import pytest
from framework_golden import check, lowercase_scoped_names

import flowgrad as tf

CASES = {
    "initializer_classes": None,
    "deterministic_initializer_values": None,
    "initializer_errors": None,
    # the inner op names of random_normal/uniform belong to random_ops (compared loosely)
    "random_initializer_graph": lowercase_scoped_names,
    "orthogonal_initializer_graph": None,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_tf114(name):
    if name == "orthogonal_initializer_graph" and not hasattr(tf.linalg, "qr"):
        pytest.skip("tf.linalg.qr is not implemented yet")
    check("cases_variables", name, CASES[name])


def _value(init, shape, dtype=tf.float32):
    with tf.Graph().as_default():
        t = init(shape, dtype=dtype)
        with tf.Session() as sess:
            return sess.run(t)


@pytest.mark.parametrize("init, mean, std, bound", [
    (tf.random_normal_initializer(1.0, 2.0, seed=3), 1.0, 2.0, None),
    (tf.truncated_normal_initializer(0.0, 1.0, seed=3), 0.0, 0.87962566103423978, 2.0),
    (tf.random_uniform_initializer(-2.0, 2.0, seed=3), 0.0, 4.0 / np.sqrt(12), 2.0),
    (tf.glorot_uniform_initializer(seed=3), 0.0, np.sqrt(2.0 / 300), np.sqrt(6.0 / 300)),
    (tf.glorot_normal_initializer(seed=3), 0.0, np.sqrt(2.0 / 300),
     2 * np.sqrt(2.0 / 300) / 0.8796),
    (tf.initializers.he_normal(seed=3), 0.0, np.sqrt(2.0 / 100), None),
    (tf.initializers.lecun_uniform(seed=3), 0.0, np.sqrt(1.0 / 100), np.sqrt(3.0 / 100)),
    (tf.variance_scaling_initializer(2.0, "fan_out", "untruncated_normal", seed=3), 0.0,
     np.sqrt(2.0 / 200), None),
    (tf.uniform_unit_scaling_initializer(1.5, seed=3), 0.0, 1.5 * np.sqrt(3 / 100) / np.sqrt(3),
     1.5 * np.sqrt(3 / 100)),
])
def test_random_initializer_statistics(init, mean, std, bound):
    v = _value(init, [100, 200]).astype(np.float64)
    assert v.shape == (100, 200) and v.dtype == np.float64
    assert abs(v.mean() - mean) < 4 * std / np.sqrt(v.size) + 1e-12
    assert abs(v.std() - std) < 0.03 * std
    if bound is not None:
        assert np.abs(v - mean).max() <= bound * (1 + 1e-6)


def test_random_initializers_are_seeded():
    init = tf.random_normal_initializer(seed=7)
    np.testing.assert_array_equal(_value(init, [5]), _value(init, [5]))


def test_initializer_dtype_at_call_overrides_constructor():
    assert _value(tf.zeros_initializer(), [2], tf.int64).dtype == np.int64
    assert _value(tf.ones_initializer(dtype=tf.float64), [2], None).dtype == np.float64
    assert _value(tf.constant_initializer([[1, 2], [3, 4]]), [2, 2], tf.int32).tolist() == \
        [[1, 2], [3, 4]]


def test_from_config_round_trip():
    init = tf.variance_scaling_initializer(scale=2.0, mode="fan_avg", distribution="uniform",
                                           seed=4)
    again = type(init).from_config(init.get_config())
    assert again.get_config() == init.get_config()


def test_fans_for_conv_kernels():
    from flowgrad.ops.init_ops import _compute_fans
    assert _compute_fans([3, 3, 16, 32]) == (144, 288)
    assert _compute_fans([]) == (1, 1) and _compute_fans([7]) == (7, 7)


def test_orthogonal_is_orthogonal():
    if not hasattr(tf.linalg, "qr"):
        pytest.skip("tf.linalg.qr is not implemented yet")
    q = _value(tf.orthogonal_initializer(gain=2.0, seed=1), [4, 6]).astype(np.float64)
    np.testing.assert_allclose(q @ q.T, 4.0 * np.eye(4), atol=1e-5)


def test_get_variable_with_initializer_class_and_instance():
    a = tf.get_variable("a", [2], initializer=tf.zeros_initializer)
    b = tf.get_variable("b", [2], initializer=tf.initializers.constant(3.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(a).tolist() == [0.0, 0.0] and sess.run(b).tolist() == [3.0, 3.0]


def test_initializers_namespace_ops():
    v = tf.Variable(1.0)
    init = tf.initializers.global_variables()
    assert init.type == "NoOp" and [c.name for c in init.control_inputs] == [v.initializer.name]
    assert tf.initializers.variables([]).type == "NoOp"
