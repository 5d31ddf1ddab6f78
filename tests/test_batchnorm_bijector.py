"""tf.contrib.distributions.bijectors.BatchNormalization against TF 1.14
(tests/golden/contrib_distributions/gen_batchnorm_bijector.py): values and gradients with
training on and off, the broadcast path, layer checks and shape errors, variable, op and
update-op names, the op count. Run by flowgrad on the golden's host vendor."""
import pytest

from goldens import flowgrad_cases_on, load, same_exact

GOLD = load("contrib_distributions", "batchnorm_bijector")


@pytest.fixture(scope="module")
def results():
    return flowgrad_cases_on("contrib_distributions", "batchnorm_bijector", GOLD["vendor"])


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    same_exact(results[key], GOLD[key], key)
