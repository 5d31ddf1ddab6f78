"""A while loop's forward iterations in each Session run, as TF 1.14 runs its frame
(golden control/pwhilerun): a run fetching only a loop's gradient runs the forward loop
again, pruned to what the gradient's stacks need (its random ops draw their next
numbers, the others none); a run fetching some results runs the variables they need."""
import numpy as np
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "pwhilerun")
WANT = goldens.load("control", "pwhilerun")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):   # (the golden records the host that made it)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["vendor"])


@pytest.mark.parametrize("case", ["gamma", "streams", "variable_queue", "assign_add"])
def test_runs_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert len(got) == len(WANT[case])
    for k, (g, w) in enumerate(zip(got, WANT[case])):
        assert len(g) == len(w), k
        for a, b in zip(g, w):
            np.testing.assert_array_equal(a, b, err_msg=f"run {k}")
