"""enable_mixed_precision_graph_rewrite as TF 1.14 on a CPU-only machine
(tests/golden/train/gen_pmixed_rewrite.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("train", "pmixed_rewrite")


@pytest.fixture(scope="module")
def got():
    return generator("train", "pmixed_rewrite").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_pmixed_rewrite(got, case):
    want, have = GOLD[case], got[case]
    if case == "errors":
        assert have == want
        return
    for key in want:
        if key in ("losses", "w"):
            a, b = np.asarray(have[key]), np.asarray(want[key])
            assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), (key, a, b)
        else:
            assert have[key] == want[key], key
