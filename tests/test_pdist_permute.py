"""tf.contrib.distributions.bijectors.Permute against TF 1.14
(tests/golden/contrib_distributions/gen_pdist_permute.py): values, op names, a flow using
it, validate_args on a fed permutation, construction errors, the op count."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_distributions", "pdist_permute")
GOLD = goldens.load("contrib_distributions", "pdist_permute")


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
