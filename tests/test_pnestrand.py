"""Nested while loops with random ops in the inner body (golden control/pnestrand): the
outer loop's gradient uses the inner iterations the forward ran in each outer iteration
(the numbers it drew), as TF 1.14's stacks keep them, and a run fetching only the
gradient runs the forward once (the random streams advance as TF's)."""
import numpy as np
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "pnestrand")
WANT = goldens.load("control", "pnestrand")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):   # (the golden records the host that made it)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["vendor"])


@pytest.mark.parametrize("case", ["uniform", "normal", "gamma", "deep"])
def test_runs_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert len(got) == len(WANT[case])
    for k, (g, w) in enumerate(zip(got, WANT[case])):
        assert len(g) == len(w), k
        for a, b in zip(g, w):
            np.testing.assert_array_equal(a, b, err_msg=f"run {k}")
