"""tf.contrib.distributions.Mixture with batch shapes or sample counts known only at run time
against TF 1.14 (tests/golden/distributions/gen_pdistnie.py): seeded samples bit for bit, the
Shape/Size/Prod ops TF's dynamic path builds, log_prob and stddev of the samples."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdistnie")
GOLD = goldens.load("distributions", "pdistnie")


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
