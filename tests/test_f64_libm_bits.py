"""float64 and complex128 transcendental kernels give TF 1.14's bits
(tests/golden/math/gen_f64_libm_bits.py, made on the vendor it records): Eigen's
pexp<Packet4d> and libm's exp tail for Exp, Sigmoid, Elu and Selu (TF's scale_alpha
literal), glibc's double functions value by value for Log, Tanh, Log1p, Expm1, Softplus,
Erf, Pow, Xlogy, Atan2 and Lgamma, and TF's DAZ/FTZ (a denormal Lgamma input reads as
2^-1075, a denormal Digamma input is a pole, underflowing Pow and complex Exp results are
zeros); float64 Softmax, LogSoftmax and the cross-entropies (loss and gradient) with
Eigen's exp inside the class sums, libm's log of the sums."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "f64_libm_bits")
GOLD = goldens.load("math", "f64_libm_bits")


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLOWGRAD_CPU", GOLD["vendor"])   # the host that made the golden
        tf.reset_default_graph()
        return GEN.cases(tf)


def _bits(a):
    a = np.asarray(a)
    return (a.view(np.float64) if a.dtype.kind == "c" else a).view(np.uint64)


ROWS = {k for k in GOLD if k.split("/")[0] in GEN.ROW_OPS}


@pytest.mark.parametrize("key", sorted(ROWS))
def test_softmax_family_bits_match_tf(results, key):
    got, want = results[key], GOLD[key]
    if isinstance(want, str):   # the SHA-1 of a large output's bytes
        assert got == want, key
        return
    bad = np.flatnonzero(_bits(got) != _bits(want))
    assert not bad.size, (key, bad.size, [(want.reshape(-1)[b], got.reshape(-1)[b])
                                          for b in bad[:4]])


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k != "vendor" and k not in ROWS))
def test_bits_match_tf(results, key):
    got, want = np.asarray(results[key]), GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    same = (_bits(got) == _bits(want)).reshape(got.size, -1).all(1)
    bad = np.flatnonzero(~same & ~(np.isnan(got) & np.isnan(want)))
    name, size = key.split("/")
    i = [n for n, _ in GEN.OPS].index(name)
    x = {a.size: a for a, _ in GEN.inputs(i, GEN.OPS[i][1])}[int(size)]
    assert not bad.size, (key, bad.size, [(x[b], want[b], got[b]) for b in bad[:4]])
