"""flowgrad's float32 Cholesky and multivariate normals against TF 1.14, bit for bit
(tests/golden/distributions/gen_pdist_mvn.py): TF's Eigen LLT order of operations for
matrices of up to 8 rows (LAPACK's blocked order differed in the last bits for most entries),
NaN pivots passed through, a pivot <= 0 as TF's error."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("distributions", "pdist_mvn")
GOLD = goldens.load("distributions", "pdist_mvn")


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
