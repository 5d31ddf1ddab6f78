"""NLP-script behaviours of the pnlp2 probe (tests/golden/nlp/gen_pnlp2_nlp.py) against TF
1.14: loop gradients through a tf.cond in the body move the op counter as TF's (the
random_uniform made after them has TF's seed) and give TF's values. Floats to rtol 2e-6:
Tanh and MatMul are NumPy's, within a few ulps of TF's (docs/performance.md)."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_sparse

GOLD = load("nlp", "pnlp2_nlp")
GEN = generator("nlp", "pnlp2_nlp")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    got, want = GEN.CASES[name](tf), GOLD[name]
    assert got[0] == want[0], (name, "op counter moved", got[0], want[0])
    for i, (g, w) in enumerate(zip(got[1:], want[1:]), 1):
        same_sparse(g, w, f"{name}[{i}]", rtol=2e-6, atol=1e-7)
