"""slim / contrib.framework assign_from_values(_fn), assign_from_checkpoint and
assign_from_checkpoint_fn against TF 1.14 (tests/golden/layers/gen_slim_assign.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "slim_assign")
GEN = generator("layers", "slim_assign")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_slim_assign_case(case):
    _compare(getattr(GEN, "_" + case)(tf), GOLD[case], case)
