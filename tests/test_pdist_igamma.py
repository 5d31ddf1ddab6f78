"""flowgrad's float32 Igamma and Igammac against TF 1.14, bit for bit
(tests/golden/math/gen_pdist_igamma.py): Eigen's float32 series and continued fraction
(eigen_igamma), as TF's kernels. NaN is compared as NaN."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "pdist_igamma")
GOLD = goldens.load("math", "pdist_igamma")


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits_match_tf(results, key):
    got, want = results[key], GOLD[key]
    assert got.dtype == np.float32 and got.shape == want.shape
    bad = np.flatnonzero((got.view(np.uint32) != want.view(np.uint32))
                         & ~(np.isnan(got) & np.isnan(want)))
    a, x = GEN.inputs()
    assert bad.size == 0, [(a[i], x[i], got[i], want[i]) for i in bad[:5]]
