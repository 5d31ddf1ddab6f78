"""RandomGamma's gradient against TF 1.14 (tests/golden/distributions/gen_pdist_gamma_grad.py):
the RandomGammaGrad kernel bit for bit (Eigen's float32 gamma_sample_der_alpha; the
float64 central differences it replaced were off in the last bits), and TF's rule's ops,
names, control inputs and values for Gamma, Beta, Dirichlet and a dynamic-shape alpha."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist_gamma_grad")
GOLD = goldens.load("distributions", "pdist_gamma_grad")


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_kernel_bits(results):
    got, want = results["kernel"], GOLD["kernel"]
    bad = np.flatnonzero((got.view(np.uint32) != want.view(np.uint32))
                         & ~(np.isnan(got) & np.isnan(want)))
    a, x = GEN.inputs()
    assert bad.size == 0, [(a[i], x[i], got[i], want[i]) for i in bad[:5]]


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k != "kernel"))
def test_rule_matches_tf(results, key):
    goldens.same_exact(results[key], GOLD[key], key)
