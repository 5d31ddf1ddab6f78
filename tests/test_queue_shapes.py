"""Grappler's shapes of a FIFOQueue's dequeued tensors (tests/golden/math/gen_queue_shapes.py,
made on the host it records: flowgrad runs it with FLOWGRAD_CPU set to that vendor): the
queue's `shapes` attr relaxed by what the run's enqueues enqueue (optimize/
symbolic_shapes.py: _Queues), so a WaveNet generation step that enqueues what it computes
from a fed input keeps its skip sum as written, and one computed from a Variable gets
AddOpsRewrite's AddN."""
from __future__ import annotations

import pytest

import goldens

GOLDEN = goldens.load("math", "queue_shapes")
CASES = sorted(k for k in GOLDEN if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("math", "queue_shapes", GOLDEN["vendor"])


def test_golden_host_is_recorded():
    assert GOLDEN["vendor"] in ("amd", "intel")


@pytest.mark.parametrize("name", CASES)
def test_case_matches_tf_bit_for_bit(got, name):
    goldens.same_exact(got[name], GOLDEN[name], name)
