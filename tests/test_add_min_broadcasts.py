"""Grappler's MinimizeBroadcasts on Add chains as TF 1.14 runs it (golden
math/add_min_broadcasts): from a root AddOpsRewrite leaves (fetched, or one an op waits
for; not one with a control input) the chain's leaves are added smallest first; where
AddOpsRewrite takes the root, or an inner add cannot be absorbed, the chain runs as
written."""
import numpy as np
import pytest

from goldens import flowgrad_cases_on, load

GOLD = load("math", "add_min_broadcasts")


@pytest.fixture(scope="module")
def got():
    # the golden's host (adds do not depend on it)
    return flowgrad_cases_on("math", "add_min_broadcasts", GOLD["host"])


@pytest.mark.parametrize("mode", ["on", "off"])
@pytest.mark.parametrize("name", sorted(GOLD["on"]))
def test_bits(got, mode, name):
    np.testing.assert_array_equal(got[mode][name], GOLD[mode][name])


def test_the_rewrite_changes_values():
    """TF's values with and without Grappler differ where the chain is regrouped, and not
    where it is left as written (or AddOpsRewrite's AddN gives the same bits)."""
    differ = {k for k in GOLD["on"] if (GOLD["on"][k] != GOLD["off"][k]).any()}
    assert differ == {"fetched_root", "fetched_root_reversed", "fetched_root_scalar",
                      "fetched_root_three_shapes", "drives_control", "four_leaves",
                      "five_leaves", "mul_drives_control"}
