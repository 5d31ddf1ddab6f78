"""tf.contrib.framework's checkpoint-loading initializers as TF 1.14's
(tests/golden/contrib_framework/gen_load_initializers.py): remapped embeddings (the default
truncated normal rows under a graph seed too), a multi-class bias, a slot, a matrix
remapped on both axes, and the argument errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_framework", "load_initializers")
GOLD = goldens.load("contrib_framework", "load_initializers")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case_is_tfs(got, case):
    want = GOLD[case]
    if isinstance(want, np.ndarray):
        np.testing.assert_array_equal(got[case], want)
        assert got[case].dtype == want.dtype
    else:
        assert got[case] == want
