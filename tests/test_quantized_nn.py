"""tf.nn.quantized_max_pool / quantized_avg_pool / quantized_relu_x against TF 1.14
(tests/golden/core/gen_quantized_nn.py): quint8 values bit for bit, ranges, op names and
static shapes, TF's errors (QuantizedReluX has no kernel in TF 1.14)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

qn_cases = goldens.generator("core", "quantized_nn")
GOLDEN = goldens.load("core", "quantized_nn")


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


@pytest.mark.parametrize("fn", [qn_cases.pools, qn_cases.conv, qn_cases.relu_x,
                                qn_cases.errors],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)
