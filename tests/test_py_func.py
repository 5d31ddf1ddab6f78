"""tf.py_func, tf.numpy_function, tf.py_function in graph mode against TF 1.14: op types
and names, values, error classes and messages, statefulness, gradient overrides."""
import importlib.util
import re

import numpy as np
import pytest

import flowgrad as tf
from goldens import load, path

_spec = importlib.util.spec_from_file_location("gen_py_func", path("queues", "gen_py_func.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
GOLD = load("queues", "py_func")


def _token_free(msg):
    return re.sub(r"pyfunc_\d+", "pyfunc_N", msg)


def test_every_case_as_tf():
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        sess = tf.Session()
        for label, api, make, tout in gen.WORKING + gen.FAILING:
            want = GOLD[label]
            y = getattr(tf, api)(make(), [x], gen._tout(tf, tout))
            first = y[0] if isinstance(y, list) else y
            assert (first.op.type, first.op.name, len(first.op.outputs)) == \
                (want["type"], want["name"], want["n"]), label
            assert first.shape.ndims is None
            if "error" in want:
                with pytest.raises(tf.errors.OpError) as e:
                    sess.run(y)
                cls, line = want["error"]
                assert type(e.value).__name__ == cls, label
                assert _token_free(e.value.message.split("\n")[0]) == _token_free(line), label
            else:
                got = sess.run(y)
                if isinstance(want["value"], list):
                    assert len(got) == len(want["value"])
                    for g, w in zip(got, want["value"]):
                        np.testing.assert_array_equal(g, w)
                        assert np.asarray(g).dtype == np.asarray(w).dtype
                else:
                    np.testing.assert_array_equal(got, want["value"])
                    assert np.asarray(got).dtype == np.asarray(want["value"]).dtype, label


def test_error_message_carries_the_python_traceback():
    def f(v):
        raise ValueError("bad value 7")
    with tf.Graph().as_default():
        y = tf.py_func(f, [tf.constant(1.0)], tf.float32)
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            tf.Session().run(y)
    msg = e.value.message
    assert msg.startswith("ValueError: bad value 7\nTraceback (most recent call last):\n")
    assert 'raise ValueError("bad value 7")' in msg


def test_build_time_checks_and_no_outputs():
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        assert tf.py_func(lambda v: v, [x], tf.float32, stateful=False).op.type == \
            GOLD["stateless"]
        op = tf.py_func(lambda v: None, [x], [])
        assert isinstance(op, tf.Operation) and op.type == GOLD["no_outputs"]
        assert tf.Session().run(op) is None
        with pytest.raises(TypeError) as e:
            tf.py_func(lambda v: v, x, tf.float32)
        assert str(e.value).replace(x.name, "X") == GOLD["not_a_list"]


def test_stateful_runs_every_time_stateless_may_be_merged():
    calls = []

    def f(v):
        calls.append(1)
        return v + 1

    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        a = tf.py_func(f, [x], tf.float32)
        b = tf.py_func(f, [x], tf.float32)
        sess = tf.Session()
        for _ in range(3):
            sess.run(a + b)
        assert len(calls) == 6        # PyFunc: never folded or merged
        calls.clear()
        c = tf.py_func(f, [x], tf.float32, stateful=False)
        d = tf.py_func(f, [x], tf.float32, stateful=False)
        np.testing.assert_array_equal(sess.run(c + d), [4.0, 6.0])


def test_gradient_override_map_as_tf_users_do():
    @tf.RegisterGradient("PyFuncTimesTen_q")
    def _grad(op, grad):
        return [grad * 10.0]

    with tf.Graph().as_default() as g:
        x = tf.constant([1.0, 2.0])
        plain = tf.py_func(lambda v: v * 2, [x], tf.float32)
        assert tf.gradients(plain, x) == [None]     # TF: PyFunc is not differentiable
        with g.gradient_override_map({"PyFunc": "PyFuncTimesTen_q"}):
            y = tf.py_func(lambda v: v * 2, [x], tf.float32)
        dy = tf.gradients(tf.reduce_sum(y * x), x)[0]
        np.testing.assert_array_equal(tf.Session().run(dy), [12.0, 24.0])   # y + x * 10


def test_eager_py_func_gradient_is_reported():
    with tf.Graph().as_default():
        x = tf.constant([1.0])
        y = tf.py_function(lambda v: v * 3, [x], tf.float32)
        with pytest.raises(LookupError, match="EagerPyFunc"):
            tf.gradients(y, x)


def test_function_lives_as_long_as_its_graph():
    with tf.Graph().as_default():
        # v + v keeps float32 under NumPy 1.x value-based casting too (v * 2 is
        # float64 there, and TF 1.14 raises on it as flowgrad does)
        y = tf.py_func(lambda v: v + v, [tf.constant(3.0)], tf.float32)
        import gc
        gc.collect()
        assert tf.Session().run(y) == 6.0
