"""mul_by_ones' BroadcastTo of a variable's buffer against TF 1.14
(tests/golden/math/gen_broadcast_ones_variable.py): x's gradient, `ones * w` broadcast, read
by x's update after w's in-place update in the same run, is w before the step, bit for bit."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("math", "broadcast_ones_variable")
GEN = goldens.generator("math", "broadcast_ones_variable")


@pytest.fixture(scope="module")
def got():
    if GOLD["vendor"] == "amd":      # the suite's pinned vendor (tests/conftest.py)
        return GEN.cases(tf)
    return goldens.flowgrad_cases_on("math", "broadcast_ones_variable", GOLD["vendor"])


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_matches_tf114(got, name):
    goldens.same_exact(got[name], GOLD[name], name)
