"""tf.contrib.distributions.SinhArcsinh and bijectors.SinhArcsinh, Chain's log-det-Jacobian of
run-time shapes and float32 Sinh/Cosh/Asinh against TF 1.14
(tests/golden/distributions/gen_pdist2.py): seeded samples bit for bit, op names, errors."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist2")
GOLD = goldens.load("distributions", "pdist2")


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
