"""Dense float32 optimizer updates and the float32 Sqrt op against TF 1.14.

TF's are Eigen's AVX sqrt / rsqrt (the CPU's RSQRTPS estimate and a Newton step);
flowgrad's are correctly rounded (np.sqrt): eigen_math.sqrt/rsqrt give TF's bits on the
oracle's CPU at ~10x the cost, which a sparse Adam step pays on its whole slot (bench/lstm.py
93.7 -> 128 ms a step), so they are not wired in. The Sqrt op is within 4 ulp of TF's (3 seen)
(test_eigen_sqrt_is_tfs checks the emulation's bits), 50 optimizer steps within 1e-5."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("train", "pl_optimizers")
GEN = generator("train", "pl_optimizers")
GOT = {}


def _optimizers():
    if not GOT:
        GOT.update(GEN.optimizers(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD["optimizers"]))
def test_optimizer_steps(key):
    for i, (g, w) in enumerate(zip(_optimizers()[key], GOLD["optimizers"][key])):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-7, err_msg="%s step %d" % (key, i))


def test_eigen_sqrt_is_tfs():
    from flowgrad.engine.ops import eigen_math
    rng = np.random.RandomState(1)   # GEN.sqrt's inputs
    edges = np.array([np.inf, 0, -1, 1e-40, np.nan, 1, 4, 2.5, 3e38, 1.2e-38, -0.0, 7,
                      -1e-40, 1.17549435e-38], np.float32)
    xs = [rng.rand(1000).astype(np.float32) * 10, np.exp(rng.randn(4003) * 20).astype(
        np.float32), edges, edges[:6]]
    for i, (x, w) in enumerate(zip(xs, GOLD["sqrt"])):
        np.testing.assert_array_equal(eigen_math.sqrt(x).view(np.uint32), w.view(np.uint32),
                                      err_msg=str(i))


def test_sqrt_op_within_four_ulp_of_tfs():
    for g, w in zip(GEN.sqrt(tf), GOLD["sqrt"]):
        g, w = np.asarray(g), np.asarray(w)
        assert g.dtype == w.dtype and g.shape == w.shape
        normal = np.isfinite(w) & (np.abs(w) >= np.finfo(np.float32).tiny)
        np.testing.assert_array_max_ulp(g[normal], w[normal], maxulp=4)


def test_adagrad_da():
    got, want = GEN.adagrad_da(tf), GOLD["adagrad_da"]
    assert sorted(got) == sorted(want)
    for k in want:
        np.testing.assert_allclose(got[k], want[k], rtol=1e-5, atol=1e-7, err_msg=k)
