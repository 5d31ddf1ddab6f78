"""tf.contrib.distributions breadth against TF 1.14 (tests/golden/distributions/gen_pdist4.py):
Deterministic/VectorDeterministic with validate_args=True and BatchReshape:
values (seeded bit for bit), op names, errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist4")
GOLD = goldens.load("distributions", "pdist4")


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
