"""Complex arithmetic gives TF 1.14's bits (tests/golden/math/gen_complex_bits.py): Mul,
Square and SquaredDifference without fused multiply-add, RealDiv/Div/DivNoNan/Xdivy as
Eigen's packet pdiv plus Smith division on the tail, Abs (hypot), Angle (atan2), Mean, Prod
and the Tanh/Sigmoid/Reciprocal/Sqrt/Rsqrt gradient kernels."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "complex_bits")
GOLD = goldens.load("math", "complex_bits")
_UINT = {8: np.uint32, 16: np.uint64}
_FLOAT = {8: np.float32, 16: np.float64}


def _decode(hexes):
    w = len(hexes[0])
    return np.array([int(h, 16) for h in hexes], _UINT[w]).view(_FLOAT[w])


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_golden_covers_every_op():
    ops = {k.split("/")[0] for k in GOLD}
    assert {"mul", "realdiv", "xdivy", "abs", "prod_rows", "grad_sqrt"} <= ops, ops


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k.startswith("inputs/")))
def test_same_inputs(results, key):
    assert results[key] == GOLD[key], key


@pytest.mark.parametrize("key", sorted(k for k in GOLD if not k.startswith("inputs/")))
def test_bits_match_tf(results, key):
    got, want = results[key], GOLD[key]
    assert got["in"] == want["in"], key
    assert len(got["out"]) == len(want["out"]), key
    g, w = _decode(got["out"]), _decode(want["out"])
    u = _UINT[len(want["out"][0])]
    same = (g.view(u) == w.view(u)) | (np.isnan(g) & np.isnan(w))
    bad = np.flatnonzero(~same)
    assert not bad.size, (key, bad.size, [(want["out"][i], got["out"][i]) for i in bad[:5]])
