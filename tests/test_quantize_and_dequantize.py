"""tf.quantization.quantize_and_dequantize against TF 1.14
(tests/golden/core/gen_quantize_and_dequantize.py): float32/float64 values bit for bit in
every mode, op names and count, the straight-through gradient, and the errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

qd_cases = goldens.generator("core", "quantize_and_dequantize")
GOLDEN = goldens.load("core", "quantize_and_dequantize")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, (str, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_array_equal(got, want, err_msg=where)


@pytest.mark.parametrize("fn", [qd_cases.values, qd_cases.graph, qd_cases.errors],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)


@pytest.mark.parametrize("dtype", [tf.float16, tf.bfloat16])
def test_half_inputs_are_refused(dtype):
    with tf.Graph().as_default():
        x = tf.constant([1.0, -2.0], dtype)
        with pytest.raises(NotImplementedError, match=dtype.name):
            tf.quantization.quantize_and_dequantize(x, -1.0, 1.0)


def test_not_top_level():
    assert not hasattr(tf, "quantize_and_dequantize")
