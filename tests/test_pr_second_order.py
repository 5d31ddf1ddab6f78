"""Second-order gradients through BiasAddGrad and the Relu family's *Grad ops build TF
1.14's graphs (op names and types in order) and give its values (golden
gradients/pr_second_order: TRPO's Fisher-vector product, WGAN-GP's gradient penalty)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("gradients", "pr_second_order")
GEN = generator("gradients", "pr_second_order")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_ops_and_values(case):
    got = getattr(GEN, case)(tf)
    want = GOLD[case]
    assert got["ops"] == want["ops"]
    for key in ("shapes", "none"):
        assert got.get(key) == want.get(key)
    for g, w in zip(got.get("values", []), want.get("values", [])):
        np.testing.assert_allclose(g, w, rtol=2e-5, atol=1e-6)
