"""The INFO lines of SavedModel saving, graph freezing and checkpoint restoring, as TF
1.14 logs them (tests/golden/saved_model/gen_logs.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("saved_model", "logs")


@pytest.fixture(scope="module")
def ours():
    return generator("saved_model", "logs").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_logs_as_tf(ours, case):
    assert ours[case] == GOLD[case]
