"""contrib.layers / slim max_pool3d, avg_pool3d, softmax, unit_norm, maxout against
TF 1.14 (tests/golden/layers/gen_contrib_extra.py): ops, values, gradients, errors."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "contrib_extra")
GEN = generator("layers", "contrib_extra")
RUNS = {"pools3d": ("_pools3d", (2, 4, 5, 6, 3)), "misc": ("_misc", (2, 3, 6)),
        "deconv3d": ("_deconv3d", (2, 3, 2, 4, 2)), "sequences": ("_sequences", (2, 3, 4, 5))}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_contrib_extra_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    else:
        result = GEN._fresh(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)
