"""Integer division, float FloorMod and Bitcast at their dtype edges, against TF 1.14's
answers (recorded from the oracle for the pprobe34 probe, /work/brief/s50/pprobe34.report.md):
FloorDiv on signed ints wraps as TF's google_floor_div, float FloorMod keeps fmod's zero
sign, TruncateDiv / TruncateMod by zero raise TF's InternalError, Bitcast reads bfloat16's
2 bytes and takes the quantized types."""

import numpy as np
import pytest

import flowgrad as tf

X = [-2147483647, 2147483647, -7, 7, 0, -2147483648, -2147483648, 5]
Y = [7, -7, 2, -2, -3, 3, 2147483647, -2147483648]


@pytest.fixture
def sess():
    return tf.Session()  # in the default graph, which conftest clears for each test


def test_signed_floordiv_wraps_as_tf(sess):
    # -(|x| + |y| - 1) / |y| overflows int32 for x = -2147483647, y = 7: TF answers 306783377
    i32 = tf.floordiv(tf.constant(X, tf.int32), tf.constant(Y, tf.int32))
    i64 = tf.floordiv(tf.constant(X, tf.int64) * 4294967296, tf.constant(Y, tf.int64))
    i8 = tf.floordiv(
        tf.constant([-127, 127, -128, -3], tf.int8), tf.constant([2, -3, 3, 5], tf.int8)
    )
    u8 = tf.floordiv(tf.constant([200, 255, 7], tf.uint8), tf.constant([3, 7, 255], tf.uint8))
    a, b, c, d = sess.run([i32, i64, i8, u8])
    assert a.tolist() == [306783377, 306783377, -4, -4, 0, 715827882, 0, 0]
    assert b.tolist() == [
        -1317624576079972645,
        -1317624576079972645,
        -15032385536,
        -15032385536,
        0,
        3074457345618258602,
        4294967297,
        -10,
    ]
    assert c.tolist() == [-64, -43, 42, -1] and c.dtype == np.int8
    assert d.tolist() == [66, 36, 0]


@pytest.mark.parametrize("dtype", [tf.float32, tf.float64])
def test_float_floormod_zero_keeps_dividends_sign(sess, dtype):
    inf = float("inf")
    a = tf.constant([-0.0, 0.0, 5.0, -5.0, -7.5, 7.5, 3.0, -3.0, inf, 1.0, -1.0], dtype)
    b = tf.constant([3.0, -3.0, -2.5, 2.5, 2.0, -2.0, inf, inf, 2.0, -inf, inf], dtype)
    out = [repr(t) for t in sess.run(tf.floormod(a, b)).tolist()]
    assert out == ["-0.0", "0.0", "0.0", "-0.0", "0.5", "-0.5", "3.0", "inf", "nan", "-inf", "inf"]


def test_integer_division_by_zero_errors(sess):
    # TF's SetComputeError names Div, Mod, FloorDiv and FloorMod; TruncateDiv / TruncateMod
    # fall to its InternalError
    got = []
    for fn in (tf.floordiv, tf.floormod, tf.div, tf.truncatediv, tf.truncatemod):
        with pytest.raises(tf.errors.OpError) as e:
            sess.run(fn(tf.constant([1, 2], tf.int64), tf.constant([1, 0], tf.int64)))
        got.append((type(e.value).__name__, e.value.message.splitlines()[0]))
    zero = ("InvalidArgumentError", "Integer division by zero")
    internal = (
        "InternalError",
        "Unexpected error in binary operator (only integer div and mod should have errors)",
    )
    assert got == [zero, zero, zero, internal, internal]


def test_bitcast_of_bfloat16_uses_its_two_bytes(sess):
    assert tf.bfloat16.size == 2
    bf = tf.cast(tf.constant([[1.5, -2.0, 3.0e38, float("nan")]]), tf.bfloat16)
    b16, b8, b32 = (
        tf.bitcast(bf, tf.int16),
        tf.bitcast(bf, tf.uint8),
        tf.bitcast(bf[:, :2], tf.float32),
    )
    back = tf.bitcast(tf.constant([[16320, 49152], [0, 16256]], tf.int16), tf.bfloat16)
    assert [b16.shape.as_list(), b8.shape.as_list(), b32.shape.as_list(), back.shape.as_list()] == [
        [1, 4],
        [1, 4, 2],
        [1],
        [2, 2],
    ]
    r16, r8, r32, rb = sess.run([b16, b8, b32, tf.cast(back, tf.float32)])
    assert r16.tolist() == [[16320, -16384, 32610, 32704]]
    assert r8.tolist() == [[[192, 63], [0, 192], [98, 127], [192, 127]]]
    assert [repr(t) for t in r32.tolist()] == ["-2.0038909912109375"]
    assert rb.tolist() == [[1.5, -2.0], [0.0, 1.0]]
    p = tf.placeholder(tf.bfloat16)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot bitcast from 14 to 1"):
        sess.run(tf.bitcast(p, tf.float32), {p: [1.0, 2.0, 3.0]})


def test_bitcast_takes_quantized_types(sess):
    q = tf.quantization.quantize(tf.constant([-1.0, 0.0, 1.0]), -1.0, 1.0, tf.qint8, mode="SCALED")
    assert sess.run(tf.bitcast(q.output, tf.int8)).tolist() == [-127, 0, 127]
    rt = tf.bitcast(tf.bitcast(tf.constant([-2, 300], tf.int16), tf.quint16), tf.int16)
    assert sess.run(rt).tolist() == [-2, 300]
    p = tf.placeholder(tf.qint8)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot bitcast from 11 to 15"):
        sess.run(tf.bitcast(p, tf.qint16), {p: np.array([1, 2, 3], np.int8)})


def test_cast_to_bool_reads_denormals_as_zero(sess):
    # TF's threads run with DAZ: float32 / bfloat16 / float64 denormals (a complex's real
    # part) compare equal to zero; float16 widens exactly in software, so its are true
    tiny = [1e-45, -1e-40, 1e-38, 2e-38, 0.0, float("nan")]
    got = sess.run(
        [
            tf.cast(t, tf.bool)
            for t in [
                tf.constant(tiny, tf.float32),
                tf.constant([5e-324, -1e-310, 1e-300], tf.float64),
                tf.constant(np.array([6e-8, -1e-5, 0.0], np.float16)),
                tf.cast(tf.constant(tiny), tf.bfloat16),
                tf.constant([1e-40 + 1j, 1j, 2e-38 + 0j], tf.complex64),
                tf.constant([1e-310 + 0j], tf.complex128),
            ]
        ]
    )
    assert [g.tolist() for g in got] == [
        [False, False, False, True, False, True],
        [False, False, True],
        [True, True, False],
        [False, False, False, True, False, True],
        [False, False, True],
        [False],
    ]
