"""tf.keras.backend against TF 1.14 (tests/golden/keras/gen_backend.py): every function's
values and the op types it builds, variables and their values, K.function, the learning
phase, the errors; and that every name TF 1.14 exports is here with TF's signature."""

import numpy as np
import pytest

import flowgrad as tf
import goldens
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "backend")
GEN = generator("keras", "backend")


@pytest.mark.parametrize("case", sorted(GEN.BUILDS))
def test_backend_values_and_ops_as_tf(case):
    got = GEN._run(tf, GEN.BUILDS[case])
    if case not in GEN.VALUES_ONLY:
        assert got["ops"] == GOLD[case]["ops"], case
    _compare(got["values"], GOLD[case]["values"], case)


@pytest.mark.parametrize("case", ["variables", "function", "phases", "errors",
                                  "print_tensor"])
def test_backend_case_as_tf(case):
    try:
        got = getattr(GEN, case)(tf)
    finally:
        tf.keras.backend.clear_session()
    if case == "print_tensor":
        # flowgrad's tf.print formats in its PrintV2 kernel; TF builds a StringFormat op
        # before it (one op more)
        got.pop("ops")
        GOLD[case] = {"value": GOLD[case]["value"]}
    _compare(got, GOLD[case], case)


def test_print_tensor_prints_message_and_value(capsys):
    with tf.Graph().as_default():
        y = tf.keras.backend.print_tensor(tf.constant([1., 2.]), message="value: ")
        with tf.Session() as sess:
            sess.run(y)
    assert capsys.readouterr().out == "value:  [1 2]\n"  # TF joins with sep=" " too


def test_every_tf114_backend_name_is_here():
    names = goldens.load("api", "tf114_api")["modules"]["tf.keras.backend"]
    missing = sorted(n for n in names if not hasattr(tf.keras.backend, n))
    assert not missing


def test_function_feeds_a_tensor_value():
    K = tf.keras.backend
    with tf.Graph().as_default():
        with tf.Session().as_default():
            x = K.placeholder((None, 2))
            f = K.function([x], [x * 2])
            out = f([tf.constant([[1., 2.]])])
    np.testing.assert_allclose(out[0], [[2., 4.]])


def test_function_feeds_values_unchecked_against_the_static_shape():
    """TF 1.14's K.function runs a callable made from CallableOptions, which feeds a value
    whatever the placeholder's static shape (the oracle: K.function([p], [p * 2]) of a
    scalar for a (?,) placeholder gives [6.0]); Session.run and make_callable still
    refuse it with TF's ValueError. Keras's fit relies on it: a train function made with
    a sample-weight placeholder, called without weights, takes the learning phase's True
    there (tests/pprobe65_scripts/fit_refit_class_weight.py)."""
    K = tf.keras.backend
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, (None,), name="p")
        y = p * 2.0
        with tf.Session() as sess:
            out = K.function([p], [y])([np.float32(3.0)])
            assert np.shape(out[0]) == () and float(out[0]) == 6.0
            msg = "Cannot feed value of shape () for Tensor 'p:0', which has shape '(?,)'"
            with pytest.raises(ValueError) as e:
                sess.run(y, {p: 3.0})
            assert str(e.value) == msg
            with pytest.raises(ValueError) as e:
                sess.make_callable(y, [p])(np.float32(3.0))
            assert str(e.value) == msg


def test_sparse_placeholder_feeds_and_densifies():
    """K.placeholder(sparse=True) is a sparse placeholder; K.function feeds it from a
    scipy-style matrix (TF 1.14 builds the same feed tuple, then fails converting it with
    np.asarray: a difference, flowgrad feeds it). A batch of unknown size: a known (2, 3)
    makes the dense shape a Const that K.ndim's get_shape stops from being fed, as in TF."""
    K = tf.keras.backend
    with tf.Graph().as_default():
        with tf.Session().as_default():
            x = K.placeholder(shape=(None, 3), sparse=True)
            assert K.is_sparse(x) and K.ndim(x) == 2
            f = K.function([x], [K.to_dense(x)])

            class Coo:  # the scipy.sparse interface K.function reads (tocoo)
                row, col = np.array([0, 1]), np.array([2, 0])
                data, shape = np.array([5., 7.], "float32"), (2, 3)

                def tocoo(self):
                    return self
            out = f([Coo()])
    np.testing.assert_allclose(out[0], [[0., 0., 5.], [7., 0., 0.]])
