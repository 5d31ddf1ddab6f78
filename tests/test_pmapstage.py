"""TF 1.14's MapStagingArea (ops/staging_ops.py; the MapStage... kernels in
engine/ops/map_staging.py) against tests/golden/queues/gen_pmapstage.py: the ops, names,
colocation and attrs of each call, ordered and unordered areas (TF's key orders), partial
puts and gets, duplicate keys, TF's byte count, build- and run-time errors, and waiting
ops beside the ops they wait for in one run. The cases run in a subprocess (a plan that
waits forever would hang the suite) on the golden's host CPU (its vendor: Tanh's float32 bits)."""
import pytest

from goldens import load
from test_pqueuerun import run_cases
from test_queues import _same

GOLD = load("queues", "pmapstage")


@pytest.fixture(scope="module")
def got():
    return run_cases("pmapstage", GOLD["vendor"])


@pytest.mark.parametrize("case", ["static", "ordered_runs", "unordered_order", "memory",
                                  "errors", "one_run", "incomplete_wait", "threads", "key_shapes",
                                  "raw"])
def test_as_tf(got, case):
    _same(got[case], GOLD[case], case)
