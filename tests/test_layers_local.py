"""keras LocallyConnected1D/2D against TF 1.14 (tests/golden/layers/gen_local.py):
variables, collections, ops, values, gradients, shapes, configs, errors."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "local")
GEN = generator("layers", "local")
RUNS = {"lc1d": ("_lc1d", (2, 7, 3)), "lc2d": ("_lc2d", (2, 5, 4, 3))}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_local_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    else:
        result = GEN._fresh(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)
