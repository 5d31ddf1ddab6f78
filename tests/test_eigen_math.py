"""flowgrad.engine.ops.eigen_math against TF 1.14's float32 Exp/Sigmoid/Tanh/Softplus/Log
and SoftplusGrad, bit for bit.

The goldens (tests/golden/math/gen_eigen_math.py) hold TF's outputs for the generator's
own seeded inputs, whole and at sizes 1..17, 64, 67 (every scalar-tail length).
NaN is compared as NaN (its payload is not part of the contract).
"""
import numpy as np
import pytest

import goldens
from flowgrad.engine.ops import eigen_math

GEN = goldens.generator("math", "eigen_math")
GOLD = goldens.load("math", "eigen_math")
FNS = {"exp": eigen_math.exp, "sigmoid": eigen_math.sigmoid, "tanh": eigen_math.tanh,
       "softplus": eigen_math.softplus, "log": eigen_math.log}


def _inputs(key):
    size = key.split("/")[1]
    return GEN.inputs() if size == "all" else GEN.sized(int(size[1:]))


def _bit_mismatches(got, want):
    assert got.dtype == np.float32 and want.dtype == np.float32 and got.shape == want.shape
    both_nan = np.isnan(got) & np.isnan(want)
    return np.flatnonzero((got.view(np.uint32) != want.view(np.uint32)) & ~both_nan)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits_match_tf(key):
    x = _inputs(key)
    name, size = key.split("/")
    if name == "softplus_grad":
        got = eigen_math.softplus_grad(GEN.grads(None if size == "all" else int(size[1:])), x)
    else:
        got = FNS[name](x)
    bad = _bit_mismatches(got, GOLD[key])
    assert bad.size == 0, [(x[i], got[i], GOLD[key][i]) for i in bad[:5]]


def test_golden_covers_special_points():
    x = GEN.inputs()
    for v in (0.0, np.inf, -np.inf, 18.0, -18.0, 9.0, -9.0, 88.0, -88.0):
        assert (x == np.float32(v)).any(), v
    assert np.isnan(x).any() and (np.signbit(x) & (x == 0)).any()
    assert ((np.abs(x) < np.finfo(np.float32).tiny) & (x != 0)).any()   # denormals


@pytest.mark.parametrize("shape", [(), (0,), (3, 0), (2, 3, 5), (4, 8)])
def test_shapes_and_tail_by_flat_size(shape):
    """The scalar tail is the flat array's last size % 8 elements, whatever the shape."""
    x = np.linspace(-20, 20, int(np.prod(shape)), dtype=np.float32).reshape(shape)
    for fn in FNS.values():
        got = fn(x)
        assert got.shape == x.shape and got.dtype == np.float32
        np.testing.assert_array_equal(got.reshape(-1), fn(x.reshape(-1)))


def test_known_tf_values():
    """Values TF 1.14 prints (rounding its approximations gives, not the true function)."""
    x = np.array([-17.9, -17.0, -9.0, 9.0, 88.7, 15.0, 0, 0], np.float32)
    np.testing.assert_array_equal(eigen_math.sigmoid(x)[:3],
                                  np.float32([0.0, 2.9802322e-08, 0.00012341142]))
    assert eigen_math.tanh(x)[3] == 1.0
    assert eigen_math.exp(x)[4] == np.inf and eigen_math.exp(x)[5] == np.float32(3269017.5)


WIRED = ["sigmoid", "softplus"]   # the float32 kernels that use eigen_math


@pytest.mark.parametrize("key", [k for k in sorted(GOLD) if k.split("/")[0] in WIRED])
def test_session_ops_give_tf_bits(key):
    """tf.sigmoid / tf.nn.softplus through a flowgrad Session: TF's bits (the generator's
    own graph-building code, run with flowgrad)."""
    import flowgrad as tf
    got = GEN.run(tf, key.split("/")[0], _inputs(key))
    bad = _bit_mismatches(got, GOLD[key])
    assert bad.size == 0, bad[:5]


def test_session_softplus_grad_gives_tf_bits():
    import flowgrad as tf
    from flowgrad.engine.ops._base import apply
    x = GEN.inputs()
    with tf.Graph().as_default():
        y = apply("SoftplusGrad", [tf.constant(GEN.grads(None)), tf.constant(x)])
        with tf.Session() as sess:
            got = sess.run(y)
    assert _bit_mismatches(got, GOLD["softplus_grad/all"]).size == 0


@pytest.mark.parametrize("name", ["exp", "log"])
def test_exp_and_log_ops_give_tfs_bits_up_to_exact_max(name):
    """The float32 Exp and Log ops run the emulation up to EXACT_MAX values (the golden's
    sized inputs and its whole input, if small enough), NumPy's kernel above."""
    import flowgrad as tf
    keys = [k for k in sorted(GOLD) if k.startswith(name + "/")]
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32)
        y = getattr(tf, name)(x)
        with tf.Session() as sess:
            for key in keys:
                xs = _inputs(key)
                if xs.size > eigen_math.EXACT_MAX:
                    continue
                bad = _bit_mismatches(np.asarray(sess.run(y, {x: xs})), GOLD[key])
                assert bad.size == 0, key
            big = np.linspace(0.5, 3.0, eigen_math.EXACT_MAX + 8, dtype=np.float32)
            np.testing.assert_array_equal(sess.run(y, {x: big}), getattr(np, name)(big))
