"""Unary math kernels give TF 1.14's bits (tests/golden/math/gen_libm_bits.py): Asin, Acos,
Acosh, Atanh and float64 Expm1 as libm's value by value, DAZ on float64 Erf/Erfc/Expm1/
Sqrt/Rsqrt and float32 Rsqrt, float16 Sigmoid/Softplus in half arithmetic, complex
Reciprocal/Sigmoid/Expm1/Log1p in std::complex arithmetic."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "libm_bits")
GOLD = goldens.load("math", "libm_bits")
_UINT = {4: np.uint16, 8: np.uint32, 16: np.uint64}
_FLOAT = {4: np.float16, 8: np.float32, 16: np.float64}


def _decode(hexes):
    w = len(hexes[0])
    return np.array([int(h, 16) for h in hexes], _UINT[w]).view(_FLOAT[w])


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits_match_tf(results, key):
    got, want = results[key], GOLD[key]
    assert got["x"] == want["x"], key   # the same inputs
    g, w = _decode(got["y"]), _decode(want["y"])
    same = (g.view(_UINT[len(want["y"][0])]) == w.view(_UINT[len(want["y"][0])])) | \
        (np.isnan(g) & np.isnan(w))
    bad = np.flatnonzero(~same)
    assert not bad.size, (key, [(want["x"][i], want["y"][i], got["y"][i]) for i in bad[:5]])
