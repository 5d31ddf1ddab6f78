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


def test_log1p_emulation_is_the_c_librarys():
    """eigen_math.log1p (NumPy float32) against glibc's log1pf through ctypes, which TF
    1.14's scalar functor calls: every class of bit pattern, the branch edges, -1, inf, NaN."""
    from flowgrad.engine.ops import eigen_math
    if not hasattr(eigen_math, "_LIBM"):
        pytest.skip("no C math library")
    rng = np.random.RandomState(0)
    bits = rng.randint(0, 2 ** 32, size=20000, dtype=np.uint64).astype(np.uint32)
    with np.errstate(all="ignore"):
        x = np.concatenate([bits.view(np.float32), rng.uniform(-1, 5, 5000),
                            10.0 ** rng.uniform(-40, 38, 5000),
                            -(10.0 ** rng.uniform(-40, 0, 5000)),
                            [0, -0.0, 1, -1, np.inf, -np.inf, np.nan, 0.41421, 0.41422,
                             -0.2929, -0.29291, 1e-45, -1e-45, 3e38, 2.0 ** -29,
                             2.0 ** -54]]).astype(np.float32)
    got = eigen_math.log1p(x)
    want = np.array([eigen_math._log1pf(v) for v in x.tolist()], np.float32)
    same = (got.view(np.uint32) == want.view(np.uint32)) | (np.isnan(got) & np.isnan(want))
    assert same.all(), x[~same][:5]
