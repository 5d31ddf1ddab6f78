"""An op refused by its shape function takes its name and its id as in TF 1.14 (later
names and seeds follow), and AddN's shape errors are TF's, against the golden."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("framework", "pl_failed_op")
GEN = generator("framework", "pl_failed_op")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case(case):
    got, want = getattr(GEN, case)(tf), GOLD[case]
    if case in ("failed_op_names_and_seeds", "type_errors_take_names"):
        assert got["errors"] == want["errors"]
        assert got["names"] == want["names"]
        assert got.get("ops") == want.get("ops")
        np.testing.assert_array_equal(got["random"], want["random"])
    else:
        assert got == want
