"""tf.quantize / tf.dequantize against TF 1.14 (tests/golden/core/gen_quantize.py): every
quantized dtype and mode, bit for bit, and the errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

q_cases = goldens.generator("core", "quantize")
GOLDEN = goldens.load("core", "quantize")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, (str, float, int)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_array_equal(got, want, err_msg=where)


@pytest.mark.parametrize("fn", [q_cases.values, q_cases.errors], ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)
