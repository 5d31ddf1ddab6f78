"""Blocking queue / accumulator ops in one Session.run against TF 1.14
(tests/golden/queues/gen_pqueuerun.py): a kernel that waits yields to the run's other
ops (engine/runtime/interleave.py), so `s.run([q.dequeue(), q.enqueue(x)])` on a full
queue completes in either fetch order; a run that must wait fails past timeout_in_ms.
The cases run in a subprocess (a plan that waits forever would hang the suite) on the
golden's host CPU (FLOWGRAD_CPU=intel: Tanh's float32 bits)."""
import json
import os
import subprocess
import sys

import pytest

from goldens import GOLDEN, goldenio, load
from test_queues import _same

GOLD = load("queues", "pqueuerun")
SRC = os.path.join(os.path.dirname(GOLDEN), os.pardir, "src")

_SCRIPT = """
import json, sys
sys.path.insert(0, {golden!r})
import goldenio
from goldens import generator
import flowgrad as tf
gen = generator("queues", {stem!r})
out = gen.cases(tf)
print(json.dumps(goldenio.encode(out)))
"""


def run_cases(stem, vendor="intel"):
    """goldens/queues/gen_<stem>.py's `cases` run with flowgrad in a subprocess on the
    golden's host CPU (`vendor`); a run that hangs fails the test."""
    env = dict(os.environ, FLOWGRAD_CPU=vendor)
    tests = os.path.dirname(GOLDEN)
    env["PYTHONPATH"] = os.pathsep.join([os.path.abspath(SRC), tests,
                                         env.get("PYTHONPATH", "")])
    try:
        out = subprocess.run([sys.executable, "-c", _SCRIPT.format(golden=GOLDEN, stem=stem)],
                             capture_output=True, text=True, timeout=90, env=env, cwd=tests)
    except subprocess.TimeoutExpired:
        pytest.fail("the runs hung (a blocking op waited for one the plan runs after it)")
    assert out.returncode == 0, out.stderr[-3000:]
    return goldenio.decode(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def got():
    return run_cases("pqueuerun")


def test_golden_host():
    assert GOLD["vendor"] == "intel"


@pytest.mark.parametrize("case", ["fifo_both_orders", "many_both_orders", "shuffle_min_after",
                                  "accumulator", "timeout"])
def test_as_tf(got, case):
    _same(got[case], GOLD[case], case)
