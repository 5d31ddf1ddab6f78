"""tf.contrib.distributions.bijectors CholeskyOuterProduct, FillTriangular, MatrixInverseTriL,
TransformDiagonal and ScaleTriL against TF 1.14
(tests/golden/contrib_distributions/gen_tril_bijectors.py): values and gradients (static and
unknown ranks), event shapes and their errors, validate_args checks, op names, properties,
the op count. Run by flowgrad on the golden's host vendor (its float32 products)."""
import pytest

from goldens import flowgrad_cases_on, load, same_exact

GOLD = load("contrib_distributions", "tril_bijectors")


@pytest.fixture(scope="module")
def results():
    return flowgrad_cases_on("contrib_distributions", "tril_bijectors", GOLD["vendor"])


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    same_exact(results[key], GOLD[key], key)
