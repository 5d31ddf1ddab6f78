"""When keras resets a model's metric state, against TF 1.14: every loop epoch (predict's
too), *_on_batch after their batch, predict_on_batch never."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "metric_resets")
GEN = generator("keras", "metric_resets")
RESULT = {}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_metric_resets(case):
    if not RESULT:
        RESULT.update(GEN.cases(tf))
    assert RESULT[case] == GOLD[case]
