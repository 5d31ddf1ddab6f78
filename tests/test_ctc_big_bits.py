"""CTCLoss's loss and gradient in TF 1.14's float32 rounding at sizes where the recursion runs
vectorized over the batch and the states (tests/golden/nn/gen_ctc_big_bits.py), bit for bit;
and the vectorized recursion against the value-by-value one on seeded small cases."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import ctc
from goldens import generator, load

GOLD = load("nn", "ctc_big_bits")
GEN = generator("nn", "ctc_big_bits")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_ctc_loss_vectorized_bits(key):
    for i, (g, w) in enumerate(zip(_got()[key], GOLD[key])):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g.view(np.int32), w.view(np.int32),
                                      err_msg="%s[%d]" % (key, i))


@pytest.mark.parametrize("seed", range(6))
def test_vectorized_recursion_matches_value_by_value(seed):
    rs = np.random.RandomState(seed)
    for _ in range(5):
        t, b = rs.randint(1, 20), rs.randint(1, 5)
        c = int(rs.choice([2, 3, 8, 9, 17]))
        x = (rs.randn(t, b, c) * rs.choice([0.5, 3.0, 10.0])).astype(np.float32)
        seq = rs.randint(0, t + 1, size=b)
        targets = [[int(v) for v in rs.randint(0, c - 1, size=rs.randint(1, t // 2 + 2))]
                   for _ in range(b)]
        skipped = [s == 0 or rs.rand() < 0.1 for s in seq]
        merge = bool(rs.rand() < 0.6)
        with np.errstate(all="ignore"):
            want = ctc._tf_ctc(x, targets, seq, skipped, merge)
            got = ctc._tf_ctc_vec(x, targets, seq, skipped, merge)
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g.view(np.int32), w.view(np.int32))


def test_log1pf_port_is_libm():
    rs = np.random.RandomState(0)
    x = np.concatenate([np.exp(-rs.rand(20000) * 30), rs.rand(5000),
                        [0, 1, 1 - 2 ** -24, 2 ** -30, 2 ** -60, 0.41422, 0.5]]).astype(np.float32)
    want = np.array([ctc._em.log1pf_scalar(v) for v in x.tolist()], np.float32)
    with np.errstate(all="ignore"):
        got = ctc._log1pf_vec(x)
    np.testing.assert_array_equal(got.view(np.int32), want.view(np.int32))
