"""Blocking staging and barrier ops in one Session.run against TF 1.14
(tests/golden/queues/gen_pstagerun.py; test_pqueuerun.py's queues): Stage, Unstage,
StagePeek, StageClear and the Barrier ops yield to the run's other ops
(engine/runtime/interleave.py), so a StagingArea put into a full area fetched beside a
get completes in either fetch order, as a barrier's take beside the insert it waits for;
a take that must wait fails past timeout_in_ms.
The cases run in a subprocess (a plan that waits forever would hang the suite) on the
golden's host CPU (FLOWGRAD_CPU=intel: Tanh's float32 bits)."""
import pytest

from goldens import load
from test_pqueuerun import run_cases
from test_queues import _same

GOLD = load("queues", "pstagerun")


@pytest.fixture(scope="module")
def got():
    return run_cases("pstagerun")


def test_golden_host():
    assert GOLD["vendor"] == "intel"


@pytest.mark.parametrize("case", ["staging_put_get", "staging_peek_clear", "barrier",
                                  "barrier_timeout"])
def test_as_tf(got, case):
    _same(got[case], GOLD[case], case)
