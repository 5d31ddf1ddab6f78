"""tf.contrib.distributions breadth against TF 1.14 (tests/golden/distributions/gen_pdist3.py):
QuantizedDistribution, and the run-time-shape and validate_args paths of MultivariateNormal*,
Independent, Affine and fill_triangular: values (seeded bit for bit), op names, errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist3")
GOLD = goldens.load("distributions", "pdist3")


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
