"""Dense float32 optimizer updates through Eigen's AVX sqrt / rsqrt, and the float32 Sqrt
op, against TF 1.14 bit for bit."""
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
        np.testing.assert_array_equal(g, w, err_msg="%s step %d" % (key, i))


def test_sqrt():
    got = GEN.sqrt(tf)
    for i, (g, w) in enumerate(zip(got, GOLD["sqrt"])):
        g, w = np.asarray(g), np.asarray(w)
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g.view(np.uint32) if g.ndim else g,
                                      w.view(np.uint32) if w.ndim else w, err_msg=str(i))


def test_adagrad_da():
    got, want = GEN.adagrad_da(tf), GOLD["adagrad_da"]
    assert sorted(got) == sorted(want)
    for k in want:
        np.testing.assert_array_equal(got[k], want[k], err_msg=k)
