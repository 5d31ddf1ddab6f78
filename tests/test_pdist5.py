"""tf.contrib.distributions breadth against TF 1.14 (tests/golden/distributions/gen_pdist5.py):
VectorSinhArcsinhDiag, WishartCholesky and WishartFull: values (seeded bit for bit), op names,
errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist5")
GOLD = goldens.load("distributions", "pdist5")


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    got, want = results[key], GOLD[key]
    if isinstance(want, goldens.GoldenError):
        assert type(got).__name__ == want.cls and str(got) == want.message, (key, got)
        return
    goldens.same_bits(got, want, key)
