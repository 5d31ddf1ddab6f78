"""tf.contrib.distributions breadth against TF 1.14 (tests/golden/distributions/gen_pdist5.py):
VectorSinhArcsinhDiag, WishartCholesky and WishartFull: values (seeded bit for bit), op names,
errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist5")
GOLD = goldens.load("distributions", "pdist5")
# TF 1.14's Grappler bug, not modelled: RemoveInvolution on a fetched Neg whose input chain
# (Sum over no axes, Mul by ones: Identities after constant folding) reaches another Neg
# rewires the chain past the inner Neg but keeps the outer one, so a bijector's
# forward_log_det_jacobian fetched itself comes out negated (through tf.identity it is right)
TF_GRAPPLER_SIGN = {"real_nvp/fldj_direct_fetch/forward_log_det_jacobian"}
# last-bit differences in 3 of the 4 MAF kernel/bias gradients of -mean(log_prob): they start
# at the Normal's Square gradient (TF's Square_grad/Mul_1 is not grad * (2 x) in 2 of 15
# values, and not (2 grad) x either: a Grappler rewrite of this graph flowgrad does not make)
MAF_GRADIENT_BITS = {"maf/log_prob_gradients/grad_%d" % i for i in (0, 2, 3)}
# (with NumPy 1.25, grad_0 and grad_3 come out as TF's: the NumPy version changes them,
# so these are not strict)
LOOSE = MAF_GRADIENT_BITS
XFAIL = dict.fromkeys(TF_GRAPPLER_SIGN, "TF 1.14's RemoveInvolution sign bug on a fetched Neg")
XFAIL.update(dict.fromkeys(MAF_GRADIENT_BITS, "last bits of the Square_grad chain (cause not "
                           "found; NumPy 1.25 gives TF's bits for 2 of the 3)"))


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", [
    pytest.param(k, marks=pytest.mark.xfail(strict=k not in LOOSE, reason=XFAIL[k]))
    if k in XFAIL else k
    for k in sorted(GOLD)])
def test_matches_tf(results, key):
    got, want = results[key], GOLD[key]
    if isinstance(want, goldens.GoldenError):
        assert type(got).__name__ == want.cls and str(got) == want.message, (key, got)
        return
    goldens.same_bits(got, want, key)
