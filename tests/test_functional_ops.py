"""TensorArray, map_fn, scan, foldl, foldr against TF 1.14 (tests/golden/rnn/gen_functional.py),
and numerical gradient checks of the loops in float64."""
import numpy as np
import pytest
from goldens import generator, load

import flowgrad as tf
from flowgrad.testing import check_grads

GEN = generator("rnn", "functional")
GOLDEN = load("rnn", "functional")


def _close(got, want, where=""):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (where, got, want)
        for k, (a, b) in enumerate(zip(got, want)):
            _close(a, b, f"{where}[{k}]")
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _close(got[k], want[k], f"{where}[{k}]")
    elif isinstance(want, (str, bool)) or want is None:
        assert got == want, (where, got, want)
    else:
        want = np.asarray(want)
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, (where, got, want)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-12, err_msg=where)


@pytest.mark.parametrize("fn", GEN.CASES, ids=lambda f: f.__name__[5:])
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _close(got, GOLDEN[fn.__name__[5:]], fn.__name__)


def test_loops_gradients_numerically():
    def f(x):
        a = tf.scan(lambda a, r: tf.tanh(a * r + r), x)
        b = tf.foldr(lambda a, r: a * tf.sin(r), x)
        c = tf.map_fn(lambda r: r * tf.reduce_sum(r), x)
        return tf.reduce_sum(a) + tf.reduce_sum(b) + tf.reduce_sum(c * c)
    check_grads(f, [np.linspace(-1.0, 1.0, 12).reshape(4, 3)], order=1)


def test_tensor_array_ops_and_names():
    ta = tf.TensorArray(tf.float32, size=2, name="arr")
    w = ta.write(0, [1.0, 2.0])
    assert ta.handle.op.type == "TensorArrayV3" and ta.handle.op.name == "arr"
    assert w.flow.op.type == "TensorArrayWriteV3"
    assert w.flow.op.name == "TensorArrayWrite/TensorArrayWriteV3"
    assert w.read(0).op.name == "TensorArrayReadV3"
    assert w.stack().op.name == "TensorArrayStack/TensorArrayGatherV3"
    assert str(w.element_shape) == "(2,)" and w.dtype == tf.float32
    with pytest.raises(ValueError, match="Size must be provided"):
        tf.TensorArray(tf.float32)
    with pytest.raises(NotImplementedError, match="TensorArray.grad"):
        w.grad("source")


def test_loops_second_order_gradients_numerically():
    """Loops differentiate to any order (a flowgrad extension: TF 1.14 raises TypeError)."""
    def f(x):
        w = tf.constant([0.7, -0.3], tf.float64)
        _, a = tf.while_loop(lambda k, a: k < 3,
                             lambda k, a: (k + 1, tf.tanh(a * x) + a * w), [0, x])
        return tf.reduce_sum(a * a)

    def g(x):
        s = tf.scan(lambda a, r: tf.sin(a * r) + r, x)
        m = tf.map_fn(lambda r: r * tf.reduce_sum(r * r), x)
        return tf.reduce_sum(s ** 2) + tf.reduce_sum(m)

    check_grads(f, [np.array([0.4, -0.9])], order=2)
    check_grads(g, [np.linspace(-1, 1, 6).reshape(3, 2)], order=2)


class _ConstCell(tf.nn.rnn_cell.RNNCell):
    """A user-defined cell (TF's subclassing API) with constant weights."""

    @property
    def state_size(self):
        return 2

    @property
    def output_size(self):
        return 2

    def call(self, inputs, state):
        w = tf.constant([[0.5, -0.2], [0.3, 0.8], [-0.6, 0.1], [0.2, 0.4]], tf.float64)
        h = tf.tanh(tf.matmul(tf.concat([inputs, state], 1), w))
        return h, h


def test_dynamic_rnn_second_order_gradient_numerically():
    def f(x):
        out, state = tf.nn.dynamic_rnn(_ConstCell(), x, sequence_length=[3, 1],
                                       dtype=tf.float64)
        return tf.reduce_sum(out * out) + tf.reduce_sum(tf.sin(state))
    check_grads(f, [np.linspace(-1, 1, 12).reshape(2, 3, 2)], order=2)
