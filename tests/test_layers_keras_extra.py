"""keras LayerNormalization and ActivityRegularization against TF 1.14
(tests/golden/layers/gen_keras_extra.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "keras_extra")
GEN = generator("layers", "keras_extra")
RUNS = {"layer_norm": ("_layer_norm", (2, 3, 4)), "activity": ("_activity", (2, 3))}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_extra_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    else:
        result = GEN._fresh(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)
