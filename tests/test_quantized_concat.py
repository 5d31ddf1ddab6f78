"""tf.quantization.quantized_concat / tf.quantized_concat against TF 1.14
(tests/golden/core/gen_quantized_concat.py): requantized levels bit for bit, output ranges,
op names, static shapes and errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

qc_cases = goldens.generator("core", "quantized_concat")
GOLDEN = goldens.load("core", "quantized_concat")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_array_equal(got, want, err_msg=where)


@pytest.mark.parametrize("fn", [qc_cases.values, qc_cases.errors],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)
