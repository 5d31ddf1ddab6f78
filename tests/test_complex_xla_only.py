"""Unary ops TF 1.14 registers for complex on no CPU kernel (Asin, Acos, Atan, Round): the
graph builds, and Session.run fails on the XLA_CPU device TF places them on, with XLA's
error (checked with the TF 1.14 oracle: UnimplementedError "binary complex op 'atan2'";
InvalidArgumentError "Operands to RoundToEven must be real-valued floating-point, but got
C64")."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@pytest.mark.parametrize("fn,error,message", [
    (tf.math.asin, tf.errors.UnimplementedError, "binary complex op 'atan2'"),
    (tf.math.acos, tf.errors.UnimplementedError, "binary complex op 'atan2'"),
    (tf.math.atan, tf.errors.UnimplementedError, "binary complex op 'atan2'"),
    (tf.math.round, tf.errors.InvalidArgumentError,
     "Operands to RoundToEven must be real-valued floating-point, but got C{bits}"),
])
def test_runs_fail_as_tf(fn, error, message, dtype):
    with tf.Graph().as_default():
        x = tf.placeholder(dtype, [3])
        y = fn(x) + 1   # building is fine
        with tf.Session() as sess:
            with pytest.raises(error) as info:
                sess.run(y, {x: np.array([0.5 + 0.2j, -1.5 + 2j, 0j])})
    bits = 64 if dtype == "complex64" else 128
    assert info.value.message.split("\n")[0] == message.format(bits=bits)
    assert info.value.op.type == fn(tf.constant([1j], dtype)).op.type


def test_real_dtypes_still_run():
    with tf.Graph().as_default():
        x = tf.constant([0.5, -0.25], tf.float32)
        with tf.Session() as sess:
            out = sess.run([tf.math.asin(x), tf.math.acos(x), tf.math.atan(x), tf.math.round(x)])
    assert np.allclose(out[0], np.arcsin([0.5, -0.25]))
