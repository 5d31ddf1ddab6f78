"""tf.contrib.distributions.bijectors Reshape, SoftmaxCentered, AbsoluteValue, Inline vs TF 1.14
(tests/golden/contrib_distributions/gen_shape_bijectors.py): values and gradients (static,
partly known and unknown shapes), event shapes and their errors, validate_args checks, op
names, properties, the op count. Run by flowgrad on the golden's host vendor."""
import pytest

from goldens import flowgrad_cases_on, load, same_exact

GOLD = load("contrib_distributions", "shape_bijectors")


@pytest.fixture(scope="module")
def results():
    return flowgrad_cases_on("contrib_distributions", "shape_bijectors", GOLD["vendor"])


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    same_exact(results[key], GOLD[key], key)
