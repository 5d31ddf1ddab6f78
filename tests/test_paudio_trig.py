"""float32 Sin / Cos (Eigen's psincos_float), the signal windows and sinusoid inputs built
from them, bit for bit against TF 1.14 (tests/golden/audio/gen_paudio_trig.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

trig_cases = goldens.generator("audio", "paudio_trig")
GOLDEN = goldens.load("audio", "paudio_trig")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    else:
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, where
        np.testing.assert_array_equal(got, want, err_msg=where)   # NaN == NaN here


@pytest.mark.parametrize("fn", [trig_cases.trig, trig_cases.windows, trig_cases.signals],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)
