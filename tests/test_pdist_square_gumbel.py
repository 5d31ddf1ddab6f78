"""tf.contrib.distributions.bijectors.Square, Softsign, Gumbel and Ordered against TF 1.14
(tests/golden/contrib_distributions/gen_pdist_square_gumbel.py): values, op names, event
shapes, validate_args checks, construction errors, the op count."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_distributions", "pdist_square_gumbel")
GOLD = goldens.load("contrib_distributions", "pdist_square_gumbel")


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    got, want = results[key], GOLD[key]
    if key == "errors":
        assert [(type(e).__name__, str(e)) for e in got] == [(w.cls, w.message) for w in want]
        return
    goldens.same_exact(got, want, key)
